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

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        try (RunStore store = RunStore.open(db.existing())) {
            out.printf("%-28s %-22s %-12s %7s %7s %7s %7s %7s %7s  %s%n", "run", "status", "suite", "answers", "cached", "failed", "pending", "judged", "j.errors", "models");
            for (RunRecord r : store.runs()) {
                out.printf("%-28s %-22s %-12s %7d %7d %7d %7d %7d %7d  %s%n", r.runId(), r.status(), r.config().suite(), r.responses(),
                        r.cached(), r.failedResponses(), r.pending(), r.judgements(), r.judgeErrors(), String.join(", ", r.config().models()));
                if (r.statusDetail() != null) out.printf("    %s%n", r.statusDetail());
            }
        }
        return ExitCodes.OK;
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
