package parasol.cli;

import parasol.analysis.SchemeSummary;
import parasol.judge.Judge;
import parasol.judge.Judgement;
import parasol.judge.Panel;
import parasol.model.ChatModel;
import parasol.model.ChatReply;
import parasol.model.ChatRequest;
import parasol.model.ModelException;
import parasol.run.CallStack;
import parasol.run.ConsoleProgress;
import parasol.run.Progress;
import parasol.run.RunConfig;
import parasol.run.RunExecutor;
import parasol.run.WorkUnit;
import parasol.store.JudgedResponse;
import parasol.store.RunOwner;
import parasol.store.RunRecord;
import parasol.store.RunStore;
import parasol.suite.Item;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One pass over a held run: call what is not stored, judge what is not judged, keep the run's heartbeat,
 * and end with the status the store bears out (a stopped model, work left, failures, or finished).
 */
final class RunPass {
    private RunPass() {}

    /** How this invocation calls: its options and the stack its models are wrapped in. */
    record Working(RunLauncher.Calling calling, CallStack stack) {}

    /** {@code summaryJudge}: whose verdicts the ending's leaderboard shows (null: the run's first judge). */
    static RunLauncher.Result run(RunStore store, RunConfig config, List<Item> items, Map<String, ChatModel> models,
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
        try (heartbeat) {
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
            Progress progress = w.calling().progress() == RunLauncher.ProgressMode.NONE ? Progress.NONE
                    : new ConsoleProgress(runId, System.err, w.stack().meter(), ConsoleProgress.onTerminal(), Duration.ofSeconds(5));
            outcome = new RunExecutor().execute(settings, models, calls(config, items, skip), callCount,
                    unjudged.stream().map(RunStore.Unjudged::answer).toList(), sink, grader, progress, alreadyDone);
        } catch (InterruptedException | SQLException e) {
            store.finishRun(runId, "stopped", "stopped: " + e.getClass().getSimpleName());
            throw e;
        } catch (RuntimeException e) {
            // A bug, never bad input: exit 3, and the run is left to resume. Its message is not stored (it could quote anything).
            store.finishRun(runId, "stopped", "internal error (" + e.getClass().getSimpleName() + "); resume with parasol run --resume " + runId);
            throw new IllegalStateException("run " + runId + " stopped by an internal error", e);
        }
        RunRecord record = store.run(runId).orElseThrow();
        // One read of the stored results serves both the status (answers some judge has not judged) and the summary.
        List<JudgedResponse> results = store.results(runId);
        if (Panel.applies(config.judges())) results = withPanel(store, runId, config.judges(), results);
        store.figures().refresh(runId);
        int unjudged = (int) results.stream().filter(r -> r.text() != null && !r.text().isBlank()
                && config.judges().stream().anyMatch(j -> r.by(j) == null)).count();
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
        String shown = summaryJudge != null ? summaryJudge : Panel.primary(record.config().judges());
        SchemeSummary summary = shown == null || record.responses() == 0 ? null : SchemeSummary.of(config.scheme(), runId, shown, results);
        return new RunLauncher.Result(record, summary, outcome, w.stack().meter().snapshot());
    }

    /** Stores the panel verdicts that changed and returns the results with them in place, without reading the run again. */
    private static List<JudgedResponse> withPanel(RunStore store, String runId, List<String> members, List<JudgedResponse> results) throws SQLException {
        Map<WorkUnit, Judgement> changed = panelVerdicts(members, results);
        if (changed.isEmpty()) return results;
        store.savePanelVerdicts(runId, changed);
        List<JudgedResponse> out = new ArrayList<>(results.size());
        for (JudgedResponse r : results) {
            Judgement panel = changed.get(new WorkUnit(r.item().id(), r.model(), r.sample()));
            if (panel == null) { out.add(r); continue; }
            List<Judgement> judgements = new ArrayList<>(r.judgements().stream().filter(j -> !j.judge().equals(Panel.ID)).toList());
            judgements.add(panel);
            out.add(new JudgedResponse(r.item(), r.model(), r.sample(), r.text(), r.error(), r.call(), judgements));
        }
        return out;
    }

    /**
     * The panel verdicts that are missing or out of date: recomputed from the stored member verdicts at the
     * end of every pass, so judges added later (parasol judge RUN --judge X) and resumed passes are folded in.
     */
    private static Map<WorkUnit, Judgement> panelVerdicts(List<String> members, List<JudgedResponse> results) {
        Map<WorkUnit, Judgement> out = new HashMap<>();
        for (JudgedResponse r : results) {
            if (r.text() == null) continue;
            Panel.of(members.stream().map(r::by).filter(Objects::nonNull).toList()).ifPresent(panel -> {
                Judgement stored = r.by(Panel.ID);
                if (stored == null || !Objects.equals(panel.scores(), stored.scores()) || !Objects.equals(panel.checks(), stored.checks())
                        || !Objects.equals(panel.rationale(), stored.rationale())) {
                    out.put(new WorkUnit(r.item().id(), r.model(), r.sample()), panel);
                }
            });
        }
        return out;
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

}
