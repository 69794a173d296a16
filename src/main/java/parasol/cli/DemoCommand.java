package parasol.cli;

import parasol.judge.Judges;
import parasol.model.ModelSpec;
import parasol.model.Providers;
import parasol.report.Leaderboard;
import parasol.report.ReportFormat;
import parasol.suite.SuiteFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Offline, no key: the companion suite × the three reference responders × the embedded judge; prints the leaderboard and writes an HTML report.")
final class DemoCommand implements Callable<Integer> {
    static final List<String> RESPONDERS = List.of("baseline:boundary", "baseline:companion", "baseline:neutral");

    @Spec CommandSpec spec;

    @Option(names = "--out", defaultValue = "parasol-out", description = "Folder for the demo database and report (default ${DEFAULT-VALUE}).")
    Path outDir;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @picocli.CommandLine.Mixin SortOption sort;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        sort.value(); // a bad --sort is bad input before anything runs
        var out = spec.commandLine().getOut();
        Files.createDirectories(outDir);
        Path db = outDir.resolve("demo.db");
        for (String suffix : List.of("", "-wal", "-shm")) Files.deleteIfExists(Path.of(db + suffix)); // each demo starts fresh
        var request = new RunLauncher.Request("demo", SuiteFiles.builtIn("companion"),
                RESPONDERS.stream().map(ModelSpec::parse).toList(), Judges.defaultSpecs(), 1, 0.0, 512, null, 0, db);
        // The demo never needs a key, so it gets an empty environment: nothing can leak or be called.
        var result = RunLauncher.launch(request, RunLauncher.Calling.defaults(2, quiet ? RunLauncher.ProgressMode.NONE : RunLauncher.ProgressMode.AUTO),
                new Providers(Map.of()));
        Path report = outDir.resolve("demo-report.html");
        ReportCommand.writeReport(db, "demo", null, ReportFormat.HTML, report);
        out.println();
        out.println("Parasol demo: built-in suite 'companion' (" + result.run().config().items() + " items) × reference responders, embedded judge");
        out.print(Leaderboard.toText(result.summary(), sort.value()));
        out.println("The baseline:* models are reference responders written by the Parasol team, not real models.");
        out.printf("HTML report: %s%n", report.toAbsolutePath());
        out.printf("Database:    %s (wall time %.1f s)%n", db.toAbsolutePath(), (System.nanoTime() - start) / 1e9);
        return result.run().status().equals("finished") ? ExitCodes.OK : ExitCodes.FAILED_ITEMS;
    }
}
