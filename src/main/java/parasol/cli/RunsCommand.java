package parasol.cli;

import parasol.store.RunRecord;
import parasol.store.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

@Command(name = "runs", mixinStandardHelpOptions = true, description = "List stored runs with status and totals.")
final class RunsCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin DatabaseOption db;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        try (RunStore store = RunStore.open(db.existing())) {
            out.printf("%-28s %-22s %-12s %6s %7s %7s  %s%n", "run", "status", "suite", "resp.", "failed", "judged", "models");
            for (RunRecord r : store.runs()) {
                out.printf("%-28s %-22s %-12s %6d %7d %7d  %s%n", r.runId(), r.status(), r.config().suite(), r.responses(),
                        r.failedResponses(), r.judgements(), String.join(", ", r.config().models()));
            }
        }
        return ExitCodes.OK;
    }
}
