package parasol.cli;

import parasol.judge.EmbeddedDesignCodeJudge;
import parasol.judge.EmbeddedJudge;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"For developers: train the embedded judges' heads (INTIMA and Design Code) on the team's corpora and write them where "
                + "the build ships them from.",
                "Prints their figures on the held-out splits and on the shipped gold sets (never trained on); a test fails the "
                        + "build when a corpus changed and its head was not trained again."})
final class JudgeTrainCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--out-dir", paramLabel = "DIR", defaultValue = "src/main/resources/judge",
            description = "Where to write the heads (default ${DEFAULT-VALUE}).")
    Path outDir;

    @Override
    public Integer call() throws Exception {
        PrintWriter p = spec.commandLine().getOut();
        Files.createDirectories(outDir);
        long start = System.nanoTime();
        EmbeddedJudge.Training t = EmbeddedJudge.trainShipped();
        Path intima = write(EmbeddedJudge.RESOURCE, t.judge()::write);
        p.printf("Trained %s in %.1f s; written to %s%n", EmbeddedJudge.ID, (System.nanoTime() - start) / 1e9, intima);
        p.print("On the corpus's held-out split:\n" + t.heldOut().describe());
        p.print("On the shipped gold set:\n" + t.gold().describe());

        start = System.nanoTime();
        EmbeddedDesignCodeJudge.Training dc = EmbeddedDesignCodeJudge.trainShipped();
        Path designCode = write(EmbeddedDesignCodeJudge.RESOURCE, dc.judge()::write);
        p.printf("Trained %s in %.1f s; written to %s%n", EmbeddedDesignCodeJudge.ID, (System.nanoTime() - start) / 1e9, designCode);
        p.print("On its corpus's held-out split:\n" + dc.heldOut().describe());
        p.print("On the shipped Design Code gold set:\n" + dc.gold().describe());
        p.flush();
        return ExitCodes.OK;
    }

    private interface HeadWriter {
        void write(OutputStream out) throws java.io.IOException;
    }

    /** Writes a head under --out-dir with its resource's file name. */
    private Path write(String resource, HeadWriter head) throws java.io.IOException {
        Path file = outDir.resolve(Path.of(resource).getFileName().toString());
        try (OutputStream o = Files.newOutputStream(file)) {
            head.write(o);
        }
        return file;
    }
}
