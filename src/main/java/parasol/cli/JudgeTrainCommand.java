package parasol.cli;

import parasol.judge.EmbeddedJudge;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"For developers: train the embedded judge's head on the team's corpus and write it where the build ships it from.",
                "Prints its figures on the corpus's held-out split and on the shipped gold set (never trained on); a test fails the build "
                        + "when the corpus changed and the head was not trained again."})
final class JudgeTrainCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "src/main/resources" + EmbeddedJudge.RESOURCE,
            description = "Where to write the head (default ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        EmbeddedJudge.Training t = EmbeddedJudge.trainShipped();
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        try (OutputStream o = Files.newOutputStream(out)) {
            t.judge().write(o);
        }
        PrintWriter p = spec.commandLine().getOut();
        p.printf("Trained %s in %.1f s; written to %s%n", EmbeddedJudge.ID, (System.nanoTime() - start) / 1e9, out);
        p.print("On the corpus's held-out split:\n" + t.heldOut().describe());
        p.print("On the shipped gold set:\n" + t.gold().describe());
        p.flush();
        return ExitCodes.OK;
    }
}
