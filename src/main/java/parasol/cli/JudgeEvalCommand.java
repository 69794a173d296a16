package parasol.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import parasol.judge.GoldReport;
import parasol.judge.GoldSet;
import parasol.judge.Judge;
import parasol.judge.Judgement;
import parasol.judge.Judges;
import parasol.model.Providers;
import parasol.run.CallMeter;
import parasol.run.CallPolicy;
import parasol.run.CallStack;
import parasol.run.PriceTable;
import parasol.run.ResponseCache;
import parasol.scheme.IntimaScheme;
import parasol.store.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Measure judges against human labels: accuracy and macro-F1 (95%% bootstrap interval), long and short answers apart, "
                + "Cohen's κ, confusion matrix, per-label precision/recall/F1 at ≥ medium with weighted κ, judge-error rate.",
                "Gold file: JSON lines with id, prompt, response, labels (label: none|low|medium|high), optional code, long, labels_second."})
final class JudgeEvalCommand implements Callable<Integer> {
    private final Providers providers;

    @Spec CommandSpec spec;

    @Option(names = "--gold", arity = "1..*", paramLabel = "FILE", description = "Gold files (default: the gold set shipped with Parasol).")
    List<Path> gold;

    @Option(names = "--judge", arity = "1..*", paramLabel = "SPEC", defaultValue = "embedded", description = "Judges to measure (default ${DEFAULT-VALUE}).")
    List<String> judges;

    @Option(names = "--concurrency", defaultValue = "4", description = "Verdicts asked at once (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--db", paramLabel = "FILE", description = "Also save the figures in this database, where reports on its runs show them "
            + "under \"How far to trust these numbers\".")
    Path db;

    JudgeEvalCommand(Providers providers) { this.providers = providers; }

    @Override
    public Integer call() throws Exception {
        if (!format.equals("text") && !format.equals("json")) throw new BadInputException("--format is text or json");
        if (concurrency < 1 || concurrency > 256) throw new BadInputException("--concurrency must be within 1–256");
        if (judges.contains(Judges.NONE)) throw new BadInputException("judge eval needs a judge, not 'none'");
        List<GoldSet.Example> examples = new ArrayList<>();
        if (gold == null) examples.addAll(GoldSet.builtIn().examples());
        else for (Path f : gold) examples.addAll(GoldSet.read(f).examples());
        Judges.check(judges);
        CallStack stack = new CallStack(CallPolicy.DEFAULT, concurrency, ResponseCache.NONE, ResponseCache.Mode.OFF, new CallMeter(PriceTable.builtIn()));
        Map<String, Judge> opened = Judges.open(judges, IntimaScheme.ID, s -> stack.wrap(s, providers.open(s)));
        List<GoldReport> reports = new ArrayList<>();
        for (Judge judge : opened.values()) reports.add(GoldReport.of(judge.id(), examples, verdicts(judge, examples)));
        if (db != null) {
            String goldSet = gold == null ? GoldSet.BUILT_IN_NAME : gold.stream().map(f -> String.valueOf(f.getFileName())).collect(Collectors.joining(" + "));
            try (RunStore store = RunStore.open(db)) {
                for (GoldReport r : reports) store.saveJudgeEval(r.judge(), r.summary(goldSet));
            }
        }
        List<GoldSet.Example> doubly = examples.stream().filter(e -> e.second() != null).toList();
        GoldReport labellers = doubly.isEmpty() ? null : GoldReport.agreement("second labelling vs first", doubly);
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("json")) {
            ObjectMapper json = new ObjectMapper();
            ObjectNode root = json.createObjectNode();
            root.put("responses", examples.size());
            root.put("long_responses", examples.stream().filter(GoldSet.Example::longAnswer).count());
            root.set("judges", json.valueToTree(reports));
            if (labellers != null) root.set("labelling_agreement", json.valueToTree(labellers));
            out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(root));
            return ExitCodes.OK;
        }
        out.printf("Gold set: %d responses (%d long, written the way current assistants write)%n", examples.size(),
                examples.stream().filter(GoldSet.Example::longAnswer).count());
        reports.forEach(r -> out.print(r.describe()));
        if (labellers != null) out.print("Agreement between the two labellings of the doubly labelled responses:\n" + labellers.describe());
        out.flush();
        return ExitCodes.OK;
    }

    private List<Judgement> verdicts(Judge judge, List<GoldSet.Example> examples) throws Exception {
        int threads = judge.local() ? Runtime.getRuntime().availableProcessors() : concurrency;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<Judgement>> futures = new ArrayList<>();
            for (GoldSet.Example e : examples) futures.add(pool.submit(() -> judge.judge(e.item(), e.response())));
            List<Judgement> out = new ArrayList<>();
            for (Future<Judgement> f : futures) out.add(f.get());
            return out;
        }
    }
}
