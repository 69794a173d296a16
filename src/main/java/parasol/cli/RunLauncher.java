package parasol.cli;

import parasol.analysis.SchemeSummary;
import parasol.judge.Judge;
import parasol.judge.Judges;
import parasol.model.ChatModel;
import parasol.model.ModelSpec;
import parasol.model.Providers;
import parasol.run.CallMeter;
import parasol.run.CallPolicy;
import parasol.run.CallStack;
import parasol.run.PriceTable;
import parasol.run.ResponseCache;
import parasol.run.RunConfig;
import parasol.run.RunExecutor;
import parasol.store.RunOwner;
import parasol.store.RunRecord;
import parasol.store.RunStore;
import parasol.suite.Suite;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    record Result(RunRecord run, SchemeSummary summary, RunExecutor.Outcome outcome, CallMeter.Snapshot meter) {}

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
        Judges.preload(r.judges(), r.suite().scheme());
        Map<String, String> wantedJudges = new LinkedHashMap<>();
        for (String spec : r.judges()) if (!spec.equals(Judges.NONE)) wantedJudges.put(Judges.id(spec, r.suite().scheme()), spec);
        try (RunStore store = RunStore.open(r.db())) {
            int concurrency = calling.concurrency() == null ? 4 : calling.concurrency();
            RunConfig wanted = new RunConfig(r.runId(), r.suite().name(), r.suite().contentHash(), r.suite().items().size(),
                    List.copyOf(specs.keySet()), specStrings(specs), List.copyOf(wantedJudges.keySet()), wantedJudges, r.samples(), concurrency,
                    r.temperature(), r.maxTokens(), r.systemPrompt(), r.seed(), Main.Version.current(), r.suite().scheme());
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
            return RunPass.run(store, config, r.suite().items(), models, judges, new RunPass.Working(calling, stack), owner, null);
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
            return RunPass.run(store, config, store.runItems(runId), models, judges, new RunPass.Working(calling, stack), owner, null);
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
            Map<String, Judge> judges = Judges.open(judgeSpecs, record.config().scheme(), spec -> stack.wrap(spec, providers.open(spec)));
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
            return RunPass.run(store, config, List.of(), Map.of(), judges, new RunPass.Working(calling, stack), owner,
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
        return Judges.open(specs, config.scheme(), spec -> judgeStack.wrap(spec, providers.open(spec)));
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
