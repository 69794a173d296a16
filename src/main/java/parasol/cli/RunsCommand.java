package parasol.cli;

import parasol.store.RunOwner;
import parasol.store.RunRecord;
import parasol.store.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

@Command(name = "runs", mixinStandardHelpOptions = true, description = "List stored runs with status and totals.",
        subcommands = RunsCommand.Delete.class)
final class RunsCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin DatabaseOption db;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        if (!format.equals("text") && !format.equals("json")) throw new BadInputException("--format is text or json");
        try (RunStore store = RunStore.openReadOnly(db.existing())) {
            if (format.equals("json")) {
                out.println(json(store.runs()));
                return ExitCodes.OK;
            }
            out.printf("%-28s %-22s %-12s %7s %7s %7s %7s %7s %7s  %s%n", "run", "status", "suite", "answers", "cached", "failed", "pending", "judged", "j.errors", "models");
            for (RunRecord r : store.runs()) {
                // Names and labels come from users and older databases: shown with control characters escaped.
                out.printf("%-28s %-22s %-12s %7d %7d %7d %7d %7d %7d  %s%n", RunName.printable(r.runId()), r.status(),
                        RunName.printable(r.config().suite()), r.responses(), r.cached(), r.failedResponses(), r.pending(), r.judgements(),
                        r.judgeErrors(), RunName.printable(String.join(", ", r.config().models())));
                if (r.statusDetail() != null) out.printf("    %s%n", RunName.printable(r.statusDetail()));
            }
        }
        return ExitCodes.OK;
    }

    /** One object per run, for scripts. */
    private static String json(java.util.List<RunRecord> runs) throws com.fasterxml.jackson.core.JsonProcessingException {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var array = mapper.createArrayNode();
        for (RunRecord r : runs) {
            var o = array.addObject();
            o.put("run", r.runId()).put("status", r.status()).put("status_detail", r.statusDetail())
                    .put("suite", r.config().suite()).put("suite_hash", r.config().suiteHash())
                    .put("created_at", r.createdAt().toString()).put("finished_at", r.finishedAt() == null ? null : r.finishedAt().toString())
                    .put("samples", r.config().samples()).put("units", r.config().units())
                    .put("answers", r.responses()).put("cached", r.cached()).put("failed", r.failedResponses()).put("blocked", r.blocked())
                    .put("pending", r.pending()).put("judgements", r.judgements()).put("judge_errors", r.judgeErrors());
            r.config().models().forEach(o.putArray("models")::add);
            r.config().judges().forEach(o.putArray("judges")::add);
        }
        return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(array);
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a run and everything stored under it (the response cache keeps its answers).")
    static final class Delete implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "RUN")
        String run;

        @Option(names = "--force", description = "Delete even while another live process holds the run.")
        boolean force;

        @Mixin DatabaseOption db;

        @Override
        public Integer call() throws Exception {
            try (RunStore store = RunStore.open(db.existing())) {
                if (!store.runExists(run)) throw new BadInputException("no run named '" + run + "' in " + db.path + " (see parasol runs)");
                if (!force && store.heldByAnother(run, RunOwner.thisProcess())) {
                    throw new BadInputException("run '" + run + "' is being worked on by a live process; stop it first, or use --force");
                }
                store.deleteRun(run);
            }
            spec.commandLine().getOut().println("Deleted run " + run + " from " + db.path);
            return ExitCodes.OK;
        }
    }
}
