package parasol.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import parasol.judge.DesignCodeGoldReport;
import parasol.judge.DesignCodeGoldSet;
import parasol.judge.GoldFile;
import parasol.judge.GoldItem;
import parasol.judge.GoldMeasurement;
import parasol.judge.GoldReport;
import parasol.judge.GoldSet;
import parasol.judge.Judge;
import parasol.judge.Judgement;
import parasol.judge.Judges;
import parasol.judge.Panel;
import parasol.model.Providers;
import parasol.run.CallMeter;
import parasol.run.CallPolicy;
import parasol.run.CallStack;
import parasol.run.ConsoleProgress;
import parasol.run.PriceTable;
import parasol.run.Progress;
import parasol.run.ResponseCache;
import parasol.scheme.DesignCodeScheme;
import parasol.scheme.IntimaScheme;
import parasol.store.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Measure judges against human labels. INTIMA: accuracy and macro-F1 over the three classes (95%% bootstrap interval), long and "
                + "short answers apart, Cohen's κ, confusion matrix, per-label precision/recall/F1 at ≥ medium with weighted κ, judge-error rate. "
                + "Design Code: the same over violation / no violation, with F1 on violations, overall and per requirement.",
                "INTIMA gold: JSON lines with id, prompt, response, labels (label: none|low|medium|high), optional code, long, labels_second.",
                "Design Code gold: JSON lines with id, requirement, user_input, response, violation (true|false), optional long, violation_second."})
final class JudgeEvalCommand implements Callable<Integer> {
    private final Providers providers;

    @Spec CommandSpec spec;

    @Option(names = "--gold", arity = "1..*", paramLabel = "FILE", description = "Gold files, all of one scheme (default: the gold set shipped with Parasol for --scheme).")
    List<Path> gold;

    @Option(names = "--scheme", paramLabel = "SCHEME", description = "intima or design-code: the shipped gold set to use without --gold (default intima); "
            + "with --gold, the files' scheme is told by their records' fields, and this must match it.")
    String scheme;

    @Option(names = "--judge", arity = "1..*", paramLabel = "SPEC", defaultValue = "embedded",
            description = "Judges to measure (default ${DEFAULT-VALUE}); with two or more, their panel (per label the level more than half reach, "
                    + "per check the majority) is measured too.")
    List<String> judges;

    @Option(names = "--concurrency", defaultValue = "4", description = "Verdicts asked at once (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    @Option(names = "--db", paramLabel = "FILE", description = "Also save the figures in this database, where reports on its runs show them "
            + "under \"How far to trust these numbers\"; a rubric judge's verdicts are cached there, so measuring again buys none twice.")
    Path db;

    private static final String SECOND_LABELLING = "second labelling vs first";

    JudgeEvalCommand(Providers providers) { this.providers = providers; }

    /** The gold records of either scheme, read before any judge is opened, and how to score verdicts on them. */
    private record Gold(String unit, String builtInName, List<? extends GoldItem> items, BiFunction<String, List<Judgement>, GoldMeasurement> score,
                        GoldMeasurement labellers) {
        long longAnswers() { return items.stream().filter(GoldItem::longAnswer).count(); }
    }

    @Override
    public Integer call() throws Exception {
        if (!format.equals("text") && !format.equals("json")) throw new BadInputException("--format is text or json");
        if (concurrency < 1 || concurrency > 256) throw new BadInputException("--concurrency must be within 1–256");
        if (judges.contains(Judges.NONE)) throw new BadInputException("judge eval needs a judge, not 'none'");
        if (scheme != null && !scheme.equals(IntimaScheme.ID) && !scheme.equals(DesignCodeScheme.ID)) {
            throw new BadInputException("--scheme is " + IntimaScheme.ID + " or " + DesignCodeScheme.ID);
        }
        Judges.check(judges);
        // Each file read once; a file given twice stays twice, so that its ids are reported as repeated.
        List<Map.Entry<Path, String>> texts = new ArrayList<>();
        for (Path f : gold == null ? List.<Path>of() : gold) texts.add(Map.entry(f, GoldFile.read(f)));
        String chosen = chosenScheme(texts);
        Gold g = chosen.equals(DesignCodeScheme.ID) ? designCodeGold(texts) : intimaGold(texts);
        List<GoldMeasurement> reports = new ArrayList<>();
        // With --db, a rubric judge's verdicts go through that database's response cache: measuring again, or after
        // an interruption, buys none twice.
        try (RunStore store = db == null ? null : RunStore.open(db)) {
            CallStack stack = new CallStack(CallPolicy.DEFAULT, concurrency, store == null ? ResponseCache.NONE : store.cache(),
                    store == null ? ResponseCache.Mode.OFF : ResponseCache.Mode.USE, new CallMeter(PriceTable.builtIn()));
            Map<String, Judge> opened = Judges.open(judges, chosen, s -> stack.wrap(s, providers.open(s)));
            List<List<Judgement>> byJudge = new ArrayList<>();
            for (Judge judge : opened.values()) {
                byJudge.add(verdicts(judge, g.items(), stack.meter()));
                reports.add(g.score().apply(judge.id(), byJudge.getLast()));
            }
            if (store != null) {
                String goldSet = gold == null ? g.builtInName()
                        : gold.stream().map(f -> String.valueOf(f.getFileName())).collect(Collectors.joining(" + "));
                for (GoldMeasurement r : reports) store.saveJudgeEval(r.judge(), r.summary(goldSet));
            }
            // Judges meant to sit on a panel: the panel's own verdicts measured too (printed, not saved: a saved "panel" would not say whose).
            if (byJudge.size() >= 2) {
                List<Judgement> panel = new ArrayList<>();
                for (int i = 0; i < g.items().size(); i++) {
                    int item = i;
                    panel.add(Panel.of(byJudge.stream().map(v -> v.get(item)).toList())
                            .orElseGet(() -> Judgement.failed(Panel.ID, chosen, "fewer than two judges gave a verdict", "")));
                }
                reports.add(g.score().apply(Panel.ID + " (" + opened.values().stream().map(Judge::id).collect(Collectors.joining(", ")) + ")", panel));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("json")) {
            ObjectMapper json = new ObjectMapper();
            ObjectNode root = json.createObjectNode();
            root.put("scheme", chosen);
            root.put(g.unit(), g.items().size());
            root.put("long_" + g.unit(), g.longAnswers());
            root.set("judges", json.valueToTree(reports));
            if (g.labellers() != null) root.set("labelling_agreement", json.valueToTree(g.labellers()));
            out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(root));
            return ExitCodes.OK;
        }
        out.printf("Gold set: %d %s, %d of them long answers%n", g.items().size(), g.unit(), g.longAnswers());
        reports.forEach(r -> out.print(r.describe()));
        if (g.labellers() != null) out.print("Agreement between the two labellings of the doubly labelled " + g.unit() + ":\n" + g.labellers().describe());
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * --scheme, or the gold files' scheme, or INTIMA. A file's scheme is told by its records' fields; files that
     * tell different schemes, or one that tells another than --scheme, are refused.
     */
    private String chosenScheme(List<Map.Entry<Path, String>> texts) {
        String found = null;
        Path first = null;
        for (var text : texts) {
            Path f = text.getKey();
            var of = GoldFile.schemeOf(text.getValue());
            if (of.isEmpty()) continue;
            if (found != null && !of.get().equals(found)) {
                throw new BadInputException("--gold: " + first + " holds " + holds(found) + " and " + f + " " + holds(of.get()) + "; measure one scheme at a time");
            }
            if (found == null) { found = of.get(); first = f; }
        }
        if (scheme != null && found != null && !scheme.equals(found)) {
            throw new BadInputException("--gold: " + first + " holds " + holds(found) + ", not --scheme " + scheme + "'s");
        }
        return scheme != null ? scheme : found != null ? found : IntimaScheme.ID;
    }

    private static String holds(String scheme) {
        return scheme.equals(DesignCodeScheme.ID) ? "Design Code checks (requirement, violation)" : "INTIMA labels (labels)";
    }

    private Gold intimaGold(List<Map.Entry<Path, String>> texts) throws Exception {
        List<GoldSet.Example> examples = new ArrayList<>();
        if (gold == null) examples.addAll(GoldSet.builtIn().examples());
        else for (var text : texts) examples.addAll(GoldSet.parse(text.getKey(), text.getValue()).examples());
        uniqueIds(examples.stream().map(GoldSet.Example::id).toList());
        List<GoldSet.Example> doubly = examples.stream().filter(GoldItem::doublyLabelled).toList();
        return new Gold("responses", GoldSet.BUILT_IN_NAME, examples, (judge, verdicts) -> GoldReport.of(judge, examples, verdicts),
                doubly.isEmpty() ? null : GoldReport.agreement(SECOND_LABELLING, doubly));
    }

    private Gold designCodeGold(List<Map.Entry<Path, String>> texts) throws Exception {
        List<DesignCodeGoldSet.Check> checks = new ArrayList<>();
        if (gold == null) checks.addAll(DesignCodeGoldSet.builtIn().checks());
        else for (var text : texts) checks.addAll(DesignCodeGoldSet.parse(text.getKey(), text.getValue()).checks());
        uniqueIds(checks.stream().map(DesignCodeGoldSet.Check::id).toList());
        List<DesignCodeGoldSet.Check> doubly = checks.stream().filter(GoldItem::doublyLabelled).toList();
        return new Gold("checks", DesignCodeGoldSet.BUILT_IN_NAME, checks, (judge, verdicts) -> DesignCodeGoldReport.of(judge, checks, verdicts),
                doubly.isEmpty() ? null : DesignCodeGoldReport.agreement(SECOND_LABELLING, doubly));
    }

    /** Ids are unique within a file (its reader checks); across files a repeated id is one record counted twice. */
    private void uniqueIds(List<String> ids) {
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            if (!seen.add(id)) throw new BadInputException("--gold: id '" + id + "' is in more than one file (or a file is given twice); each record counts once");
        }
    }

    /** The judge's verdict on each gold record, asked in parallel, in order, with progress on stderr (a rubric judge takes minutes). */
    private List<Judgement> verdicts(Judge judge, List<? extends GoldItem> answers, CallMeter meter) throws Exception {
        int threads = judge.local() ? Runtime.getRuntime().availableProcessors() : concurrency;
        // The progress closes after the pool has finished every task (resources close in reverse order).
        try (Progress progress = quiet ? Progress.NONE
                     : new ConsoleProgress("judge eval " + judge.id(), System.err, meter, ConsoleProgress.onTerminal(), Duration.ofSeconds(5));
             ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            progress.start(answers.size(), 0);
            List<Future<Judgement>> futures = new ArrayList<>();
            for (GoldItem a : answers) {
                futures.add(pool.submit(() -> {
                    Judgement verdict = judge.judge(a.item(), a.response());
                    progress.step(verdict.ok() ? Progress.Step.DONE : Progress.Step.JUDGE_ERROR);
                    return verdict;
                }));
            }
            List<Judgement> out = new ArrayList<>();
            for (Future<Judgement> f : futures) out.add(f.get());
            return out;
        }
    }
}
