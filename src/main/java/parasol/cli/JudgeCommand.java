package parasol.cli;

import parasol.model.Providers;
import parasol.report.Leaderboard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "judge", mixinStandardHelpOptions = true, subcommands = {JudgeEvalCommand.class, JudgeTrainCommand.class},
        description = {"Judge, or judge again with other judges, the responses a run stored — without calling its models again.",
                "Each judge judges each answer once; --retry-failed judges again where a judge gave no verdict."})
final class JudgeCommand implements Callable<Integer> {
    private final Providers providers;

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "RUN", arity = "0..1", description = "The run whose answers to judge.")
    String run;

    @Option(names = "--judge", arity = "1..*", paramLabel = "SPEC", description = "embedded, or a model spec to judge with the INTIMA rubric.")
    List<String> judges;

    @Mixin DatabaseOption db;

    @Mixin CallOptions calls;

    @Mixin SortOption sort;

    JudgeCommand(Providers providers) { this.providers = providers; }

    @Override
    public Integer call() throws Exception {
        if (run == null || judges == null) throw new BadInputException("parasol judge RUN --judge SPEC… (or parasol judge eval to measure judges)");
        Leaderboard.Sort order = sort.value();
        var result = RunLauncher.judge(run, db.existing(), judges, calls.calling(), providers);
        return RunEnding.print(result, db.path, order, spec.commandLine().getOut());
    }
}
