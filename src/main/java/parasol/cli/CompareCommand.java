package parasol.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import parasol.analysis.Comparison;
import parasol.judge.Panel;
import parasol.store.JudgedResponse;
import parasol.store.RunRecord;
import parasol.store.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Two models on the items both answered — in one run, or the same model across runs on one suite: per metric, "
                + "overall, per category and per code, the paired difference A − B with a 95%% interval (bootstrap over items), "
                + "McNemar's exact test (or the bootstrap's p with several samples), Holm-corrected; one sentence per significant difference."})
final class CompareCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "RUN", description = "The run holding model A (and B, unless --b-run names another).")
    String run;

    @Option(names = "--a", required = true, paramLabel = "LABEL", description = "Model A's label.")
    String a;

    @Option(names = "--b", required = true, paramLabel = "LABEL", description = "Model B's label.")
    String b;

    @Option(names = "--b-run", paramLabel = "RUN", description = "The run holding model B, on the same suite (default: RUN).")
    String bRun;

    @Option(names = "--judge", description = "Whose verdicts (default: RUN's first judge; it must have judged both).")
    String judge;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default ${DEFAULT-VALUE}).")
    String format;

    @Mixin DatabaseOption db;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("text") && !format.equals("json")) throw new BadInputException("--format is text or json");
        String otherRun = bRun == null ? run : bRun;
        Comparison c;
        try (RunStore store = RunStore.openReadOnly(db.existing())) {
            RunRecord ra = runOf(store, run), rb = runOf(store, otherRun);
            if (!ra.config().suiteHash().equals(rb.config().suiteHash())) {
                throw new BadInputException("runs '" + run + "' and '" + otherRun + "' are on different suites (hash " + ra.config().suiteHash()
                        + " vs " + rb.config().suiteHash() + "): their items cannot be matched");
            }
            String j = judge != null ? judge : Panel.primary(ra.config().judges());
            if (j == null || !Panel.withPanel(ra.config().judges()).contains(j) || !Panel.withPanel(rb.config().judges()).contains(j)) {
                throw new BadInputException("no judge '" + j + "' judged both runs (" + run + ": " + ra.config().judges() + ", " + otherRun + ": "
                        + rb.config().judges() + "); judge them with parasol judge");
            }
            List<JudgedResponse> as = responsesOf(store, run, a), bs = responsesOf(store, otherRun, b);
            if (run.equals(otherRun) && a.equals(b)) throw new BadInputException("--a and --b name the same model in the same run");
            c = Comparison.of(a, as, b, bs, j);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("json")) {
            out.println(json(c));
            return ExitCodes.OK;
        }
        out.printf("%s (A) vs %s (B) on %d matched items, judge %s; %s, Holm-corrected; * = significant at 5%%%n", a, b, c.matchedItems(), c.judge(), c.test());
        out.printf("%-12s %-9s %-32s %5s %7s %7s %8s %-17s %9s%n", "metric", "scope", "group", "items", "A", "B", "A − B", "95% CI", "adj. p");
        for (var x : c.differences()) {
            out.printf(Locale.ROOT, "%-12s %-9s %-32s %5d %6.1f%% %6.1f%% %+8.1f [%+6.1f, %+6.1f] %9.3g%s%n", x.metric().key(), x.scope(),
                    RunName.printable(x.group()), x.items(), 100 * x.rateA(), 100 * x.rateB(), 100 * x.difference(), 100 * x.low(), 100 * x.high(),
                    x.adjustedP(), x.significant() ? " *" : "");
        }
        List<String> findings = c.findings();
        out.println(findings.isEmpty() ? "No difference is significant after correction." : "Findings:");
        findings.forEach(f -> out.println("- " + f));
        return ExitCodes.OK;
    }

    private RunRecord runOf(RunStore store, String name) throws java.sql.SQLException {
        return store.run(name).orElseThrow(() -> new BadInputException("no run named '" + RunName.printable(name) + "' in " + db.path + " (see parasol runs)"));
    }

    private List<JudgedResponse> responsesOf(RunStore store, String runId, String label) throws java.sql.SQLException {
        List<JudgedResponse> mine = store.results(runId).stream().filter(r -> r.model().equals(label)).toList();
        if (mine.isEmpty()) throw new BadInputException("run '" + runId + "' has no model labelled '" + RunName.printable(label) + "'");
        return mine;
    }

    private static String json(Comparison c) throws com.fasterxml.jackson.core.JsonProcessingException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("a", c.a()).put("b", c.b()).put("judge", c.judge()).put("matched_items", c.matchedItems()).put("test", c.test())
                .put("correction", "holm").put("alpha", 0.05);
        var rows = root.putArray("differences");
        for (var x : c.differences()) {
            rows.addObject().put("metric", x.metric().key()).put("scope", x.scope()).put("group", x.group()).put("items", x.items())
                    .put("rate_a", x.rateA()).put("rate_b", x.rateB()).put("difference", x.difference()).put("ci_low", x.low())
                    .put("ci_high", x.high()).put("only_a", x.onlyA()).put("only_b", x.onlyB()).put("p", x.p())
                    .put("adjusted_p", x.adjustedP()).put("significant", x.significant());
        }
        c.findings().forEach(root.putArray("findings")::add);
        return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }
}
