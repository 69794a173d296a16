package parasol.cli;

import parasol.analysis.JudgeTrust;
import parasol.analysis.SchemeSummary;
import parasol.judge.GoldSummary;
import parasol.judge.Judges;
import parasol.judge.Panel;
import parasol.report.ReportFormat;
import parasol.report.ReportInput;
import parasol.report.Reports;
import parasol.store.JudgedResponse;
import parasol.store.RunRecord;
import parasol.store.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true, description = "Write a report of stored runs (html, md, csv or json).")
final class ReportCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RUN", description = "Run name(s); several runs on one suite make one report with their models side by side.")
    List<String> runs;

    @Option(names = "--format", defaultValue = "html", description = "html, md, csv or json (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", description = "Output file or folder; default <run>-report.<ext> here.")
    Path out;

    @Option(names = "--judge", description = "Whose verdicts to report (default: the run's first judge).")
    String judge;

    @Mixin DatabaseOption db;

    @Override
    public Integer call() throws Exception {
        ReportFormat f = ReportFormat.parse(format);
        Path database = db.existing();
        String name = runs.size() == 1 ? RunName.fileName(runs.getFirst())
                : RunName.fileName(runs.getFirst()) + "-and-" + (runs.size() - 1) + "-more";
        Path target = out == null ? Path.of(name + "-report." + f.extension()) : Files.isDirectory(out) ? out.resolve(name + "-report." + f.extension()) : out;
        writeReport(database, runs, judge, f, target);
        spec.commandLine().getOut().println("Wrote " + target.toAbsolutePath());
        return ExitCodes.OK;
    }

    static void writeReport(Path db, String runId, String judge, ReportFormat format, Path target) throws SQLException, IOException {
        writeReport(db, List.of(runId), judge, format, target);
    }

    /**
     * One report of one run, or of several runs on the same suite with their models side by side; a label
     * used in more than one run becomes "label @ run". Runs that cannot be merged are refused with the reason.
     */
    static void writeReport(Path db, List<String> runIds, String judge, ReportFormat format, Path target) throws SQLException, IOException {
        try (RunStore store = RunStore.openReadOnly(db)) {
            List<RunRecord> records = new ArrayList<>();
            for (String runId : new LinkedHashSet<>(runIds)) {
                records.add(store.run(runId).orElseThrow(() -> new BadInputException("no run named '" + RunName.printable(runId) + "' in " + db + " (see parasol runs)")));
            }
            RunRecord first = records.getFirst();
            for (RunRecord r : records) {
                if (r.config().judges().isEmpty()) {
                    throw new BadInputException("run '" + r.runId() + "' was stored without a judge; judge it first: parasol judge " + r.runId() + " --judge embedded --db " + db);
                }
                if (!r.config().suiteHash().equals(first.config().suiteHash())) {
                    throw new BadInputException("runs '" + first.runId() + "' and '" + r.runId() + "' are on different suites (" + first.config().suite() + " "
                            + first.config().suiteHash() + ", " + r.config().suite() + " " + r.config().suiteHash() + "): one report needs one suite; report them apart");
                }
            }
            String chosen = judge == null ? Panel.primary(first.config().judges()) : judge;
            for (RunRecord r : records) {
                if (!Panel.withPanel(r.config().judges()).contains(chosen)) {
                    throw new BadInputException("run '" + r.runId() + "' has no judge '" + chosen + "' (it has " + r.config().judges() + "); judge it with parasol judge, or pick --judge");
                }
            }
            Map<String, Integer> labelUse = new HashMap<>();
            for (RunRecord r : records) for (String m : r.config().models()) labelUse.merge(m, 1, Integer::sum);
            List<JudgedResponse> results = new ArrayList<>();
            for (RunRecord r : records) {
                for (JudgedResponse x : store.results(r.runId())) {
                    String label = labelUse.getOrDefault(x.model(), 1) > 1 ? x.model() + " @ " + r.runId() : x.model();
                    results.add(label.equals(x.model()) ? x
                            : new JudgedResponse(x.item(), label, x.sample(), x.text(), x.error(), x.call(), x.judgements()));
                }
            }
            String id = String.join(" + ", records.stream().map(RunRecord::runId).toList());
            List<String> members = Panel.commonMembers(records.stream().map(r -> r.config().judges()).toList());
            String scheme = first.config().scheme();
            Map<String, GoldSummary> gold = Judges.goldFigures(members, scheme, store.judgeEvals(scheme));
            var input = new ReportInput(first, records.subList(1, records.size()), SchemeSummary.of(scheme, id, chosen, results), results,
                    JudgeTrust.of(chosen, members, results, gold, scheme));
            Path parent = target.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            try (Writer w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
                Reports.write(format, input, w);
            }
        }
    }
}
