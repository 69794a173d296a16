package parasol.cli;

import parasol.suite.Category;
import parasol.suite.Suite;
import parasol.suite.SuiteFiles;
import parasol.suite.SuiteFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "suite", mixinStandardHelpOptions = true, description = "Validate or import suite files.",
        subcommands = {SuiteCommand.Validate.class, SuiteCommand.Import.class})
final class SuiteCommand {

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check suite files; print every bad record as file:line: field: problem (exit 2 if any).")
    static final class Validate implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "FILE")
        List<Path> files;

        @Override
        public Integer call() throws Exception {
            int bad = 0;
            for (Path f : files) {
                if (!Files.exists(f)) throw new BadInputException(f + ": no such file");
                try {
                    Suite s = SuiteFiles.load(f, SuiteFiles.Unmapped.KEEP);
                    long unmapped = s.items().stream().filter(i -> i.category() == Category.UNMAPPED).count();
                    spec.commandLine().getOut().printf("%s: OK, %d items%s%n", f, s.items().size(),
                            unmapped > 0 ? " (" + unmapped + " with codes outside the taxonomy, category unmapped)" : "");
                } catch (SuiteFormatException e) {
                    e.problems().forEach(p -> spec.commandLine().getErr().println(p));
                    bad += e.problems().size();
                }
            }
            if (bad > 0) spec.commandLine().getErr().println("parasol: " + bad + " bad record(s)");
            return bad > 0 ? ExitCodes.BAD_INPUT : ExitCodes.OK;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Convert a published INTIMA file (JSON lines, JSON array or CSV with prompt, code, model) to a Parasol suite (JSON lines).")
    static final class Import implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "FILE")
        Path file;

        @Option(names = "--out", description = "Output file (default: <name>.parasol.jsonl next to the input).")
        Path out;

        @Option(names = "--drop-unmapped", description = "Drop records whose code is outside the 31-code taxonomy (e.g. 'memory') instead of keeping them as unmapped.")
        boolean dropUnmapped;

        @Override
        public Integer call() throws Exception {
            if (!Files.exists(file)) throw new BadInputException(file + ": no such file");
            Suite s = SuiteFiles.load(file, dropUnmapped ? SuiteFiles.Unmapped.DROP : SuiteFiles.Unmapped.KEEP);
            Path target = out != null ? out : file.resolveSibling(file.getFileName().toString().replaceFirst("\\.[^.]+$", "") + ".parasol.jsonl");
            try (Writer w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
                SuiteFiles.writeJsonLines(s.items(), w);
            }
            long unmapped = s.items().stream().filter(i -> i.category() == Category.UNMAPPED).count();
            spec.commandLine().getOut().printf("Imported %d items (%d unmapped) to %s%n", s.items().size(), unmapped, target);
            return ExitCodes.OK;
        }
    }
}
