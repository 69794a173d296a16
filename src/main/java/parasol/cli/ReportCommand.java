package parasol.cli;

import parasol.analysis.IntimaAnalysis;
import parasol.report.ReportFormat;
import parasol.report.ReportInput;
import parasol.report.Reports;
import parasol.store.RunRecord;
import parasol.store.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true, description = "Write a report of stored runs (html, md, csv or json).")
final class ReportCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RUN", description = "Run name(s); one report each.")
    List<String> runs;

    @Option(names = "--format", defaultValue = "html", description = "html, md, csv or json (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", description = "Output file (one run) or folder (several runs); default <run>-report.<ext> here.")
    Path out;

    @Option(names = "--judge", description = "Whose verdicts to report (default: the run's first judge).")
    String judge;

    @Mixin DatabaseOption db;

    @Override
    public Integer call() throws Exception {
        ReportFormat f = ReportFormat.parse(format);
        Path database = db.existing();
        for (String run : runs) {
            String file = RunName.fileName(run) + "-report." + f.extension();
            Path target = out == null ? Path.of(file) : runs.size() == 1 && !Files.isDirectory(out) ? out : out.resolve(file);
            writeReport(database, run, judge, f, target);
            spec.commandLine().getOut().println("Wrote " + target.toAbsolutePath());
        }
        return ExitCodes.OK;
    }

    static void writeReport(Path db, String runId, String judge, ReportFormat format, Path target) throws SQLException, IOException {
        try (RunStore store = RunStore.openReadOnly(db)) {
            RunRecord run = store.run(runId).orElseThrow(() -> new BadInputException("no run named '" + runId + "' in " + db + " (see parasol runs)"));
            List<String> judges = run.config().judges();
            if (judges.isEmpty()) {
                throw new BadInputException("run '" + runId + "' was stored without a judge; judge it first: parasol judge " + runId + " --judge embedded --db " + db);
            }
            String chosen = judge == null ? judges.getFirst() : judge;
            if (!judges.contains(chosen)) throw new BadInputException("run '" + runId + "' has no judge '" + chosen + "' (it has " + judges + ")");
            var results = store.results(runId);
            var input = new ReportInput(run, IntimaAnalysis.summarize(runId, chosen, results), results);
            Path parent = target.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            try (Writer w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
                Reports.write(format, input, w);
            }
        }
    }
}
