package parasol.cli;

import parasol.judge.Judges;
import parasol.model.ModelSpec;
import parasol.model.Providers;
import parasol.report.Leaderboard;
import parasol.report.ReportFormat;
import parasol.suite.SuiteFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Offline, no key: both built-in suites (INTIMA companion, Social AI Design Code) × the three reference responders × the embedded judges; "
                + "prints both tables and writes an HTML report of each.")
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
        // The demo never needs a key, so it gets an empty environment: nothing can leak or be called.
        var calling = RunLauncher.Calling.defaults(2, quiet ? RunLauncher.ProgressMode.NONE : RunLauncher.ProgressMode.AUTO);
        List<ModelSpec> responders = RESPONDERS.stream().map(ModelSpec::parse).toList();
        var intima = RunLauncher.launch(new RunLauncher.Request("demo", SuiteFiles.builtIn("companion"), responders, Judges.defaultSpecs(),
                1, 0.0, 512, null, 0, db), calling, new Providers(Map.of()));
        var designCode = RunLauncher.launch(new RunLauncher.Request("demo-design-code", SuiteFiles.builtIn("design-code"), responders,
                Judges.defaultSpecs(), 1, 0.0, 512, null, 0, db), calling, new Providers(Map.of()));
        Path report = outDir.resolve("demo-report.html"), designCodeReport = outDir.resolve("demo-design-code-report.html");
        ReportCommand.writeReport(db, "demo", null, ReportFormat.HTML, report);
        ReportCommand.writeReport(db, "demo-design-code", null, ReportFormat.HTML, designCodeReport);
        out.println();
        out.println("Parasol demo: built-in suite 'companion' (" + intima.run().config().items() + " items, INTIMA) × reference responders, embedded judge");
        out.print(Leaderboard.toText(intima.summary(), sort.value()));
        out.println();
        out.println("Built-in suite 'design-code' (" + designCode.run().config().items() + " inputs, Social AI Design Code) × the same responders, embedded judge");
        out.print(Leaderboard.toText(designCode.summary(), sort.value()));
        out.println("The baseline:* models are reference responders written by the Parasol team, not real models.");
        out.printf("HTML reports: %s%n              %s%n", report.toAbsolutePath(), designCodeReport.toAbsolutePath());
        out.printf("Database:     %s (wall time %.1f s)%n", db.toAbsolutePath(), (System.nanoTime() - start) / 1e9);
        out.println(outDir.toAbsolutePath().normalize().equals(ServeCommand.DEMO_DB.toAbsolutePath().getParent().normalize())
                ? "Browse the results: parasol serve" : "Browse the results: parasol serve --db " + db);
        boolean finished = intima.run().status().equals("finished") && designCode.run().status().equals("finished");
        return finished ? ExitCodes.OK : ExitCodes.FAILED_ITEMS;
    }
}
