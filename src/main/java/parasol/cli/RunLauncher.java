package parasol.cli;

import parasol.analysis.IntimaAnalysis;
import parasol.analysis.RunSummary;
import parasol.judge.Judge;
import parasol.judge.Judgement;
import parasol.judge.Judges;
import parasol.model.ChatModel;
import parasol.model.ChatReply;
import parasol.model.ChatRequest;
import parasol.model.ModelException;
import parasol.model.ModelSpec;
import parasol.model.Providers;
import parasol.run.CallMeter;
import parasol.run.CallPolicy;
import parasol.run.CallStack;
import parasol.run.ConsoleProgress;
import parasol.run.PriceTable;
import parasol.run.Progress;
import parasol.run.ResponseCache;
import parasol.run.RunConfig;
import parasol.run.RunExecutor;
import parasol.run.WorkUnit;
import parasol.store.RunOwner;
import parasol.store.RunRecord;
import parasol.store.RunStore;
import parasol.suite.Item;
import parasol.suite.Suite;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The flow from suite to stored judgements, shared by {@code run}, {@code run --resume}, {@code judge}
 * and {@code demo}: open and check everything that can fail on bad input before anything is written,
 * hold the run, call what is not stored yet, judge what is not judged yet, and end with a status that
 * says what happened.
 */
final class RunLauncher {

    /** How calls are made — nothing here changes an answer, so none of it is part of a run's identity. */
    record Calling(Integer concurrency, CallPolicy policy, ResponseCache.Mode cache, PriceTable prices,
                   boolean retryFailed, ProgressMode progress) {
        static Calling defaults(int concurrency, ProgressMode progress) {
            return new Calling(concurrency, CallPolicy.DEFAULT, ResponseCache.Mode.USE, PriceTable.builtIn(), false, progress);
        }
    }

    enum ProgressMode { AUTO, NONE }

    record Request(String runId, Suite suite, List<ModelSpec> models, List<String> judges, int samples, double temperature,
                   int maxTokens, String systemPrompt, long seed, Path db) {}

    /** {@code summary} is null when the run has no judge or no answer yet. */
    record Result(RunRecord run, RunSummary summary, RunExecutor.Outcome outcome, CallMeter.Snapshot meter) {}

    private RunLauncher() {}

    static String newRunId() {
        byte[] b = new byte[2];
        new SecureRandom().nextBytes(b);
        return "run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-" + HexFormat.of().formatHex(b);
    }

    /** A new run, or — when a run of that name exists with the same suite, models and sampling — its continuation. */
    static Result launch(Request r, Calling calling, Providers providers) throws SQLException, InterruptedException {
        Map<String, ModelSpec> specs = labelled(r.models());
        Map<String, ChatModel> raw = openRaw(specs, r.judges(), providers);
        try (RunStore store = RunStore.open(r.db())) {
            CallStack stack = stack(calling, store, 4);
            Map<String, ChatModel> models = new LinkedHashMap<>();
            specs.forEach((label, spec) -> models.put(label, stack.wrap(spec, raw.get(label))));
            Map<String, Judge> judges = Judges.open(r.judges(), spec -> stack.wrap(spec, providers.open(spec)));
            int concurrency = calling.concurrency() == null ? 4 : calling.concurrency();
            RunConfig wanted = new RunConfig(r.runId(), r.suite().name(), r.suite().contentHash(), r.suite().items().size(),
                    List.copyOf(specs.keySet()), specStrings(specs), ids(judges), judgeSpecs(judges), r.samples(), concurrency,
                    r.temperature(), r.maxTokens(), r.systemPrompt(), r.seed(), Main.Version.current());
            RunOwner owner = RunOwner.thisProcess();
            RunConfig config;
            if (store.runExists(r.runId())) {
                RunConfig stored = store.run(r.runId()).orElseThrow().config();
                String diff = stored.differenceFrom(wanted);
                if (diff != null) {
                    throw new BadInputException("a run named '" + r.runId() + "' already exists in " + r.db() + " with other " + diff
                            + "; choose another --name, or continue it with: parasol run --resume " + r.runId());
                }
                claim(store, r.runId(), owner);
                config = merged(stored, wanted);
                store.updateConfig(config);
            } else {
                store.createRun(wanted, r.suite().items(), owner);
                config = wanted;
            }
            return work(store, config, r.suite().items(), models, judges, withStack(calling, stack), owner);
        }
    }

    /** Continues a stored run from its record: same suite, models, samples and judges. */
    static Result resume(String runId, Path db, Calling calling, Providers providers) throws SQLException, InterruptedException {
        try (RunStore store = RunStore.open(db)) {
            RunRecord record = store.run(runId).orElseThrow(() -> new BadInputException("no run named '" + runId + "' in " + db + " (see parasol runs)"));
            RunConfig stored = record.config();
            Map<String, ModelSpec> specs = new LinkedHashMap<>();
            for (String label : stored.models()) specs.put(label, ModelSpec.parse(stored.modelSpecs().getOrDefault(label, label)));
            List<String> judgeSpecs = stored.judges().stream().map(id -> stored.judgeSpecs().getOrDefault(id, id)).toList();
            int concurrency = calling.concurrency() == null ? stored.concurrency() : calling.concurrency();
            CallStack stack = stack(calling, store, concurrency);
            Map<String, ChatModel> models = open(specs, stack, providers);
            Map<String, Judge> judges = Judges.open(judgeSpecs, spec -> stack.wrap(spec, providers.open(spec)));
            RunOwner owner = RunOwner.thisProcess();
            claim(store, runId, owner);
            RunConfig config = stored.withConnection(stored.modelSpecs(), concurrency);
            store.updateConfig(config);
            return work(store, config, store.runItems(runId), models, judges, withStack(calling, stack), owner);
        }
    }

    /** Judges (or re-judges with other judges) the answers a run stored, calling no model under test. */
    static Result judge(String runId, Path db, List<String> judgeSpecs, Calling calling, Providers providers) throws SQLException, InterruptedException {
        Judges.check(judgeSpecs);
        if (judgeSpecs.contains(Judges.NONE)) throw new BadInputException("parasol judge needs a judge, not 'none'");
        try (RunStore store = RunStore.open(db)) {
            RunRecord record = store.run(runId).orElseThrow(() -> new BadInputException("no run named '" + runId + "' in " + db + " (see parasol runs)"));
            int concurrency = calling.concurrency() == null ? record.config().concurrency() : calling.concurrency();
            CallStack stack = stack(calling, store, concurrency);
            Map<String, Judge> judges = Judges.open(judgeSpecs, spec -> stack.wrap(spec, providers.open(spec)));
            RunOwner owner = RunOwner.thisProcess();
            claim(store, runId, owner);
            RunConfig stored = record.config();
            List<String> ids = new ArrayList<>(stored.judges());
            Map<String, String> specs = new LinkedHashMap<>(stored.judgeSpecs());
            for (var e : judges.entrySet()) {
                if (!ids.contains(e.getValue().id())) ids.add(e.getValue().id());
                specs.put(e.getValue().id(), e.getKey());
            }
            RunConfig config = stored.withJudges(ids, specs);
            store.updateConfig(config);
            return work(store, config, List.of(), Map.of(), judges, withStack(calling, stack), owner);
        }
    }

    private record Working(Calling calling, CallStack stack) {}

    private static Working withStack(Calling calling, CallStack stack) { return new Working(calling, stack); }

    private static Result work(RunStore store, RunConfig config, List<Item> items, Map<String, ChatModel> models,
                               Map<String, Judge> judgesBySpec, Working w, RunOwner owner) throws SQLException, InterruptedException {
        String runId = config.runId();
        Map<String, Judge> judges = new LinkedHashMap<>();
        judgesBySpec.values().forEach(j -> judges.put(j.id(), j));
        ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon().name("parasol-heartbeat").unstarted(r));
        heartbeat.scheduleAtFixedRate(() -> {
            try { store.heartbeat(runId, owner); } catch (SQLException ignored) { /* the next beat tries again */ }
        }, 5, 5, TimeUnit.SECONDS);
        RunExecutor.Outcome outcome;
        try {
            Set<WorkUnit> skip = new HashSet<>(store.completedUnits(runId));
            if (!w.calling().retryFailed()) skip.addAll(store.failedUnits(runId));
            long callCount = models.isEmpty() ? 0 : countCalls(config, items, skip);
            long alreadyDone = models.isEmpty() ? 0 : (long) config.units() - callCount;
            List<RunStore.Unjudged> unjudged = store.answersToJudge(runId, List.copyOf(judges.keySet()), w.calling().retryFailed());
            Map<WorkUnit, List<String>> stillNeeded = new HashMap<>();
            unjudged.forEach(u -> stillNeeded.put(u.answer().unit(), u.judges()));
            alreadyDone = Math.max(0, alreadyDone - unjudged.size());

            int cores = Runtime.getRuntime().availableProcessors();
            boolean allLocal = judges.values().stream().allMatch(Judge::local);
            int concurrency = config.concurrency();
            var settings = new RunExecutor.Settings(concurrency, allLocal ? cores : Math.max(cores, concurrency), w.stack().policy().stopAfter());
            RunExecutor.Sink sink = new RunExecutor.Sink() {
                @Override public void answered(WorkUnit unit, ChatReply reply) throws SQLException { store.saveResponse(runId, unit, reply); }
                @Override public void failed(WorkUnit unit, ModelException error) throws SQLException { store.saveFailure(runId, unit, error); }
            };
            RunExecutor.Grader grader = judges.isEmpty() ? null : answer -> {
                List<String> needed = stillNeeded.getOrDefault(answer.unit(), List.copyOf(judges.keySet()));
                List<Judgement> verdicts = new ArrayList<>();
                for (String id : needed) verdicts.add(judges.get(id).judge(answer.item(), answer.reply().text()));
                store.saveJudgements(runId, answer.unit(), verdicts);
                return verdicts.stream().allMatch(Judgement::ok);
            };
            Progress progress = w.calling().progress() == ProgressMode.NONE ? Progress.NONE
                    : new ConsoleProgress(runId, System.err, w.stack().meter(), ConsoleProgress.onTerminal(), Duration.ofSeconds(5));
            outcome = new RunExecutor().execute(settings, models, calls(config, items, skip), callCount,
                    unjudged.stream().map(RunStore.Unjudged::answer).toList(), sink, grader, progress, alreadyDone);
        } catch (RuntimeException | SQLException | InterruptedException e) {
            heartbeat.shutdownNow();
            store.finishRun(runId, "stopped", "error: " + e.getMessage());
            throw e;
        }
        heartbeat.shutdownNow();
        RunRecord record = store.run(runId).orElseThrow();
        String status, detail = null;
        if (!outcome.stopped().isEmpty()) {
            status = "stopped";
            detail = outcome.stopped().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; "));
        } else if (record.failedResponses() > 0 || record.judgeErrors() > 0) {
            status = "finished_with_failures";
        } else {
            status = "finished";
        }
        store.finishRun(runId, status, detail);
        record = store.run(runId).orElseThrow();
        RunSummary summary = record.config().judges().isEmpty() || record.responses() == 0 ? null
                : IntimaAnalysis.summarize(runId, record.config().judges().getFirst(), store.results(runId));
        return new Result(record, summary, outcome, w.stack().meter().snapshot());
    }

    /** Lazily, in item-major order (models advance together, so a stopped run leaves comparable partial results). */
    private static Iterator<RunExecutor.Call> calls(RunConfig config, List<Item> items, Set<WorkUnit> skip) {
        return new Iterator<>() {
            int i, m, s;
            RunExecutor.Call next = advance();

            private RunExecutor.Call advance() {
                while (i < items.size() && !config.models().isEmpty()) {
                    Item item = items.get(i);
                    WorkUnit unit = new WorkUnit(item.id(), config.models().get(m), s);
                    int sample = s;
                    if (++s == config.samples()) { s = 0; if (++m == config.models().size()) { m = 0; i++; } }
                    if (skip.contains(unit)) continue;
                    return new RunExecutor.Call(unit, item, new ChatRequest(config.systemPrompt(), item.turns(), config.temperature(),
                            config.maxTokens(), config.seedFor(sample)));
                }
                return null;
            }

            @Override public boolean hasNext() { return next != null; }

            @Override public RunExecutor.Call next() {
                if (next == null) throw new NoSuchElementException();
                RunExecutor.Call c = next;
                next = advance();
                return c;
            }
        };
    }

    private static long countCalls(RunConfig config, List<Item> items, Set<WorkUnit> skip) {
        long n = 0;
        for (Item item : items) for (String model : config.models()) for (int s = 0; s < config.samples(); s++) {
            if (!skip.contains(new WorkUnit(item.id(), model, s))) n++;
        }
        return n;
    }

    private static void claim(RunStore store, String runId, RunOwner owner) throws SQLException {
        if (!store.claim(runId, owner)) {
            throw new BadInputException("run '" + runId + "' is being worked on by another live process; wait for it, or stop it first");
        }
    }

    private static CallStack stack(Calling calling, RunStore store, int fallbackConcurrency) {
        int concurrency = calling.concurrency() == null ? fallbackConcurrency : calling.concurrency();
        ResponseCache cache = calling.cache() == ResponseCache.Mode.OFF ? ResponseCache.NONE : store.cache();
        return new CallStack(calling.policy(), concurrency, cache, calling.cache(), new CallMeter(calling.prices()));
    }

    /** Checks every spec and gives each its label; two models may not share one. */
    private static Map<String, ModelSpec> labelled(List<ModelSpec> models) {
        Map<String, ModelSpec> out = new LinkedHashMap<>();
        for (ModelSpec spec : models) {
            Providers.check(spec);
            if (out.putIfAbsent(spec.label(), spec) != null) {
                throw new BadInputException("two models are labelled '" + spec.label() + "'; tell them apart with label=NAME or --model NAME=SPEC");
            }
        }
        return out;
    }

    /** Opens every model and judge model once before anything is written, so a missing key or bad spec changes nothing. */
    private static Map<String, ChatModel> openRaw(Map<String, ModelSpec> specs, List<String> judgeSpecs, Providers providers) {
        Judges.check(judgeSpecs);
        for (String j : judgeSpecs) {
            if (!j.equals(Judges.NONE) && !j.equals(Judges.EMBEDDED) && !j.startsWith("embedded:")) providers.open(ModelSpec.parse(j));
        }
        Map<String, ChatModel> out = new LinkedHashMap<>();
        specs.forEach((label, spec) -> out.put(label, providers.open(spec)));
        return out;
    }

    private static Map<String, ChatModel> open(Map<String, ModelSpec> specs, CallStack stack, Providers providers) {
        Map<String, ChatModel> out = new LinkedHashMap<>();
        specs.forEach((label, spec) -> out.put(label, stack.wrap(spec, providers.open(spec))));
        return out;
    }

    private static Map<String, String> specStrings(Map<String, ModelSpec> specs) {
        Map<String, String> out = new LinkedHashMap<>();
        specs.forEach((label, spec) -> out.put(label, spec.toString()));
        return out;
    }

    private static List<String> ids(Map<String, Judge> judges) { return judges.values().stream().map(Judge::id).toList(); }

    private static Map<String, String> judgeSpecs(Map<String, Judge> judges) {
        Map<String, String> out = new LinkedHashMap<>();
        judges.forEach((spec, j) -> out.put(j.id(), spec));
        return out;
    }

    /** The stored run with this invocation's endpoints, concurrency and any judges it adds. */
    private static RunConfig merged(RunConfig stored, RunConfig wanted) {
        List<String> ids = new ArrayList<>(stored.judges());
        Map<String, String> specs = new LinkedHashMap<>(stored.judgeSpecs());
        for (String id : wanted.judges()) if (!ids.contains(id)) ids.add(id);
        specs.putAll(wanted.judgeSpecs());
        return stored.withConnection(wanted.modelSpecs(), wanted.concurrency()).withJudges(ids, specs);
    }
}
