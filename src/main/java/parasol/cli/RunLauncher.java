package parasol.cli;

import parasol.analysis.IntimaAnalysis;
import parasol.analysis.RunSummary;
import parasol.judge.Judge;
import parasol.judge.Judgement;
import parasol.judge.Judges;
import parasol.model.ChatModel;
import parasol.model.ChatReply;
import parasol.model.ModelSpec;
import parasol.model.Providers;
import parasol.run.ConsoleProgress;
import parasol.run.Progress;
import parasol.run.RunConfig;
import parasol.run.RunExecutor;
import parasol.run.WorkUnit;
import parasol.store.RunRecord;
import parasol.store.RunStore;
import parasol.suite.Item;
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
import java.util.Set;

/** The flow from suite to stored judgements, shared by {@code parasol run} and {@code parasol demo}. */
final class RunLauncher {

    record Request(String runId, Suite suite, List<ModelSpec> models, List<String> judges, int samples, int concurrency,
                   double temperature, int maxTokens, String systemPrompt, long seed, Path db, boolean showProgress) {}

    /** {@code summary} is null when the run had no judge. */
    record Result(RunRecord run, RunSummary summary, RunExecutor.Outcome outcome) {}

    private RunLauncher() {}

    static String newRunId() {
        byte[] b = new byte[2];
        new SecureRandom().nextBytes(b);
        return "run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-" + HexFormat.of().formatHex(b);
    }

    static Result launch(Request r, Providers providers) throws SQLException, InterruptedException {
        // Open everything that can fail on bad input before anything is written.
        Map<String, ChatModel> models = new LinkedHashMap<>();
        for (ModelSpec spec : r.models()) {
            if (models.putIfAbsent(spec.toString(), providers.open(spec)) != null) {
                throw new BadInputException("model " + spec + " given twice");
            }
        }
        List<Judge> judges = Judges.open(r.judges(), providers);
        RunConfig config = new RunConfig(r.runId(), r.suite().name(), r.suite().contentHash(), r.suite().items().size(),
                List.copyOf(models.keySet()), judges.stream().map(Judge::id).toList(), r.samples(), r.concurrency(),
                r.temperature(), r.maxTokens(), r.systemPrompt(), r.seed(), Main.Version.current());

        try (RunStore store = RunStore.open(r.db())) {
            if (store.runExists(r.runId())) {
                throw new BadInputException("a run named '" + r.runId() + "' already exists in " + r.db() + "; choose another --name");
            }
            store.createRun(config, r.suite().items());
            Progress progress = r.showProgress() ? new ConsoleProgress(r.runId(), System.err) : Progress.NONE;
            RunExecutor.Outcome outcome = new RunExecutor().execute(config, r.suite().items(), models, Set.of(),
                    new JudgeAndStore(store, r.runId(), judges), progress);
            store.finishRun(r.runId(), outcome.failed() > 0 ? "finished_with_failures" : "finished");
            RunRecord record = store.run(r.runId()).orElseThrow();
            RunSummary summary = judges.isEmpty() ? null
                    : IntimaAnalysis.summarize(r.runId(), judges.getFirst().id(), store.results(r.runId()));
            return new Result(record, summary, outcome);
        }
    }

    /** Judges each finished response with every judge, then stores response and judgements together. */
    private record JudgeAndStore(RunStore store, String runId, List<Judge> judges) implements RunExecutor.UnitHandler {
        @Override
        public void completed(WorkUnit unit, Item item, ChatReply reply) throws SQLException {
            List<Judgement> verdicts = new ArrayList<>();
            for (Judge j : judges) verdicts.add(j.judge(item, reply.text()));
            store.saveResponse(runId, unit, reply, verdicts);
        }

        @Override
        public void failed(WorkUnit unit, Item item, String error) throws SQLException {
            store.saveFailure(runId, unit, error);
        }
    }
}
