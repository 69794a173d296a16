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
        Map<String, String> wantedJudges = new LinkedHashMap<>();
        for (String spec : r.judges()) if (!spec.equals(Judges.NONE)) wantedJudges.put(Judges.id(spec), spec);
        try (RunStore store = RunStore.open(r.db())) {
            int concurrency = calling.concurrency() == null ? 4 : calling.concurrency();
            RunConfig wanted = new RunConfig(r.runId(), r.suite().name(), r.suite().contentHash(), r.suite().items().size(),
                    List.copyOf(specs.keySet()), specStrings(specs), List.copyOf(wantedJudges.keySet()), wantedJudges, r.samples(), concurrency,
                    r.temperature(), r.maxTokens(), r.systemPrompt(), r.seed(), Main.Version.current());
            boolean exists = store.runExists(r.runId());
            RunConfig config = wanted;
            if (exists) {
                RunConfig stored = store.run(r.runId()).orElseThrow().config();
                String diff = stored.differenceFrom(wanted);
                if (diff != null) {
                    throw new BadInputException("a run named '" + r.runId() + "' already exists in " + r.db() + " with other " + diff
                            + "; choose another --name, or continue it with: parasol run --resume " + r.runId());
                }
                config = merged(stored, wanted);
            }
            CallMeter meter = new CallMeter(calling.prices());
            CallStack stack = stack(calling, meter, store, concurrency, false);
            Map<String, ChatModel> models = new LinkedHashMap<>();
            specs.forEach((label, spec) -> models.put(label, stack.wrap(spec, raw.get(label))));
            // A continued run is judged by every judge it has, not only the ones named this time.
            Map<String, Judge> judges = openJudges(config, calling, meter, store, providers);
            RunOwner owner = RunOwner.thisProcess();
            if (exists) {
                claim(store, r.runId(), owner);
                store.updateConfig(config);
            } else {
                store.createRun(config, r.suite().items(), owner);
            }
            return work(store, config, r.suite().items(), models, judges, withStack(calling, stack), owner, null);
        }
    }

    /** Continues a stored run from its record: same suite, models, samples and judges. */
    static Result resume(String runId, Path db, Calling calling, Providers providers) throws SQLException, InterruptedException {
        try (RunStore store = RunStore.open(db)) {
            RunRecord record = store.run(runId).orElseThrow(() -> new BadInputException("no run named '" + runId + "' in " + db + " (see parasol runs)"));
            RunConfig stored = record.config();
            Map<String, ModelSpec> specs = new LinkedHashMap<>();
            for (String label : stored.models()) specs.put(label, ModelSpec.parse(stored.modelSpecs().getOrDefault(label, label)));
            int concurrency = calling.concurrency() == null ? stored.concurrency() : calling.concurrency();
            CallMeter meter = new CallMeter(calling.prices());
            CallStack stack = stack(calling, meter, store, concurrency, false);
            Map<String, ChatModel> models = open(specs, stack, providers);
            Map<String, Judge> judges = openJudges(stored, calling, meter, store, providers);
            RunOwner owner = RunOwner.thisProcess();
            claim(store, runId, owner);
            RunConfig config = stored.withConnection(stored.modelSpecs(), concurrency);
            store.updateConfig(config);
            return work(store, config, store.runItems(runId), models, judges, withStack(calling, stack), owner, null);
        }
    }

    /** Judges (or re-judges with other judges) the answers a run stored, calling no model under test. */
    static Result judge(String runId, Path db, List<String> judgeSpecs, Calling calling, Providers providers) throws SQLException, InterruptedException {
        Judges.check(judgeSpecs);
        if (judgeSpecs.contains(Judges.NONE)) throw new BadInputException("parasol judge needs a judge, not 'none'");
        try (RunStore store = RunStore.open(db)) {
            RunRecord record = store.run(runId).orElseThrow(() -> new BadInputException("no run named '" + runId + "' in " + db + " (see parasol runs)"));
            int concurrency = calling.concurrency() == null ? record.config().concurrency() : calling.concurrency();
            CallStack stack = stack(calling, new CallMeter(calling.prices()), store, concurrency, calling.retryFailed());
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
            return work(store, config, List.of(), Map.of(), judges, withStack(calling, stack), owner,
                    judges.values().iterator().next().id());
        }
    }

    /**
     * Opens a run's judges from its record. Rubric judges get their own call stack: when failed verdicts
     * are retried it buys fresh answers, since the cached ones are the very answers that could not be used.
     */
    private static Map<String, Judge> openJudges(RunConfig config, Calling calling, CallMeter meter, RunStore store, Providers providers) {
        CallStack judgeStack = stack(calling, meter, store, config.concurrency(), calling.retryFailed());
        List<String> specs = config.judges().stream().map(id -> config.judgeSpecs().getOrDefault(id, id)).toList();
        return Judges.open(specs, spec -> judgeStack.wrap(spec, providers.open(spec)));
    }

    private record Working(Calling calling, CallStack stack) {}

    private static Working withStack(Calling calling, CallStack stack) { return new Working(calling, stack); }

    /** {@code summaryJudge}: whose verdicts the ending's leaderboard shows (null: the run's first judge). */
    private static Result work(RunStore store, RunConfig config, List<Item> items, Map<String, ChatModel> models,
                               Map<String, Judge> judgesBySpec, Working w, RunOwner owner, String summaryJudge) throws SQLException, InterruptedException {
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
        } catch (InterruptedException | SQLException e) {
            heartbeat.shutdownNow();
            store.finishRun(runId, "stopped", "stopped: " + e.getClass().getSimpleName());
            throw e;
        } catch (RuntimeException e) {
            // A bug, never bad input: exit 3, and the run is left to resume. Its message is not stored (it could quote anything).
            heartbeat.shutdownNow();
            store.finishRun(runId, "stopped", "internal error (" + e.getClass().getSimpleName() + "); resume with parasol run --resume " + runId);
            throw new IllegalStateException("run " + runId + " stopped by an internal error", e);
        }
        heartbeat.shutdownNow();
        RunRecord record = store.run(runId).orElseThrow();
        int unjudged = config.judges().isEmpty() ? 0 : store.answersToJudge(runId, config.judges(), false).size();
        String status, detail = null;
        if (!outcome.stopped().isEmpty()) {
            status = "stopped";
            detail = outcome.stopped().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; "));
        } else if (record.pending() > 0 || unjudged > 0) {
            status = "incomplete";
            detail = (record.pending() > 0 ? record.pending() + " units not called yet" : "")
                    + (record.pending() > 0 && unjudged > 0 ? ", " : "") + (unjudged > 0 ? unjudged + " answers not judged by every judge" : "");
        } else if (record.failedResponses() > 0 || record.judgeErrors() > 0) {
            status = "finished_with_failures";
        } else {
            status = "finished";
        }
        store.finishRun(runId, status, detail);
        record = store.run(runId).orElseThrow();
        String shown = summaryJudge != null ? summaryJudge : record.config().judges().isEmpty() ? null : record.config().judges().getFirst();
        RunSummary summary = shown == null || record.responses() == 0 ? null : IntimaAnalysis.summarize(runId, shown, store.results(runId));
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

    /**
     * {@code fresh}: read nothing from the cache (still write to it), as when failed verdicts are asked
     * again. The models' and the judges' stacks of one invocation share its meter.
     */
    private static CallStack stack(Calling calling, CallMeter meter, RunStore store, int fallbackConcurrency, boolean fresh) {
        int concurrency = calling.concurrency() == null ? fallbackConcurrency : calling.concurrency();
        ResponseCache.Mode mode = fresh && calling.cache() == ResponseCache.Mode.USE ? ResponseCache.Mode.REFRESH : calling.cache();
        ResponseCache cache = mode == ResponseCache.Mode.OFF ? ResponseCache.NONE : store.cache();
        return new CallStack(calling.policy(), concurrency, cache, mode, meter);
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

    /** The stored run with this invocation's endpoints, concurrency and any judges it adds. */
    private static RunConfig merged(RunConfig stored, RunConfig wanted) {
        List<String> ids = new ArrayList<>(stored.judges());
        Map<String, String> specs = new LinkedHashMap<>(stored.judgeSpecs());
        for (String id : wanted.judges()) if (!ids.contains(id)) ids.add(id);
        specs.putAll(wanted.judgeSpecs());
        return stored.withConnection(wanted.modelSpecs(), wanted.concurrency()).withJudges(ids, specs);
    }
}
