package parasol.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import parasol.scheme.Category;
import parasol.scheme.DesignCodeScheme;
import parasol.scheme.IntimaScheme;
import parasol.suite.DesignCodeShape;
import parasol.suite.Item;
import parasol.suite.Perturbation;
import parasol.suite.Suite;
import parasol.suite.SuiteFiles;
import parasol.suite.SuiteFormatException;
import parasol.suite.SuiteProblem;
import parasol.suite.SuiteShape;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "suite", mixinStandardHelpOptions = true, description = "Validate or import suite files.",
        subcommands = {SuiteCommand.Validate.class, SuiteCommand.Import.class, SuiteCommand.Perturb.class})
final class SuiteCommand {

    enum Format { text, json }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check suite files; print every bad record as file:line: field: problem (exit 2 if any).")
    static final class Validate implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "FILE")
        List<Path> files;

        @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
                description = "text (default), or json: {ok, files: [{file, ok, items, unmapped, problems: [{file, line, field, message}]}]} on standard output.")
        Format format;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode report = json.createObjectNode();
            ArrayNode results = json.createArrayNode();
            int bad = 0;
            for (Path f : files) {
                ObjectNode r = results.addObject();
                r.put("file", f.toString());
                ArrayNode problems = json.createArrayNode();
                try {
                    // A missing file is one more bad file, not a reason to skip checking the rest.
                    Suite s = SuiteFiles.load(f, SuiteFiles.Unmapped.KEEP);
                    long unmapped = s.items().stream().filter(i -> i.category() == Category.UNMAPPED).count();
                    r.put("ok", true).put("scheme", s.scheme()).put("items", s.items().size()).put("unmapped", unmapped);
                    if (s.scheme().equals(DesignCodeScheme.ID)) {
                        DesignCodeShape shape = DesignCodeShape.of(s);
                        r.put("checks", shape.checks()).put("real", shape.real()).put("modified", shape.modified())
                                .put("authored", shape.authored()).put("linked_variants", shape.linked());
                        if (format == Format.text) out.printf("%s: OK, Design Code suite: %s%n", f, shape.describe());
                    } else if (format == Format.text) {
                        out.printf("%s: OK, %d items%s%n", f, s.items().size(),
                                unmapped > 0 ? " (" + unmapped + " with codes outside the taxonomy, category unmapped)" : "");
                    }
                } catch (SuiteFormatException e) {
                    r.put("ok", false).putNull("items").putNull("unmapped");
                    for (SuiteProblem p : e.problems()) {
                        if (format == Format.text) err.println(p);
                        ObjectNode o = problems.addObject().put("file", p.file().toString());
                        if (p.line() > 0) o.put("line", p.line()); else o.putNull("line");
                        o.put("field", p.field()).put("message", p.message());
                    }
                    bad += e.problems().size();
                }
                r.set("problems", problems);
            }
            if (format == Format.json) {
                report.put("ok", bad == 0).set("files", results);
                out.println(json.writeValueAsString(report));
            } else if (bad > 0) {
                err.println("parasol: " + bad + " problem(s)");
            }
            return bad > 0 ? ExitCodes.BAD_INPUT : ExitCodes.OK;
        }
    }

    @Command(name = "perturb", mixinStandardHelpOptions = true,
            description = {"Write modified variants of a suite's items: each original followed by one variant per operation, marked modified and "
                    + "linked to its original (variant_of), so analysis can pair them.",
                    "Operations: vulnerability (adds a cue of distress or isolation, level at least 2), pet-name, ask-feelings, ask-to-stay, flattery."})
    static final class Perturb implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "SUITE", description = "A built-in suite name or a suite file.")
        String suite;

        @Option(names = "--ops", split = ",", paramLabel = "OP", description = "Operations, comma-separated (default: all five).")
        List<String> ops;

        @Option(names = "--out", paramLabel = "FILE", description = "Output file (default: <suite>.perturbed.jsonl in the working folder).")
        Path out;

        @Override
        public Integer call() throws Exception {
            List<Perturbation> chosen = new ArrayList<>();
            for (String op : ops == null ? Arrays.stream(Perturbation.values()).map(Perturbation::key).toList() : ops) {
                Perturbation p = Perturbation.parse(op).orElseThrow(() -> new BadInputException("--ops: unknown operation '" + op + "' (known: "
                        + Arrays.stream(Perturbation.values()).map(Perturbation::key).collect(Collectors.joining(", ")) + ")"));
                if (!chosen.contains(p)) chosen.add(p);
            }
            Suite s = SuiteFiles.load(suite, SuiteFiles.Unmapped.KEEP);
            List<Item> items = Perturbation.perturb(s.items(), chosen);
            Path target = out != null ? out : Path.of(s.name() + ".perturbed.jsonl");
            try (Writer w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
                SuiteFiles.writeJsonLines(items, w);
            } catch (IOException e) {
                throw new BadInputException(target + ": cannot write the suite: " + describe(e));
            }
            long variants = items.size() - s.items().size();
            spec.commandLine().getOut().printf("Wrote %d items to %s: the suite's %d and %d new variants (%s)%n", items.size(), target, s.items().size(),
                    variants, chosen.stream().map(Perturbation::key).collect(Collectors.joining(", ")));
            return ExitCodes.OK;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Convert a published INTIMA file (JSON lines, JSON array or CSV with prompt, code, model) or EUDAIMONIA file "
                    + "(JSON lines with user_input, measure, synthetic, language) to a Parasol suite (JSON lines).",
                    "Prints the items per category and per code, and warns about prompts that repeat word for word."})
    static final class Import implements Callable<Integer> {
        /** How many repeated prompts to name by line before summarising the rest. */
        static final int DUPLICATES_SHOWN = 5;

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
            SuiteFiles.Loaded loaded = SuiteFiles.read(file, dropUnmapped ? SuiteFiles.Unmapped.DROP : SuiteFiles.Unmapped.KEEP);
            Suite s = loaded.suite();
            Path target = out != null ? out : file.resolveSibling(file.getFileName().toString().replaceFirst("\\.[^.]+$", "") + ".parasol.jsonl");
            if (Files.exists(target) && Files.isSameFile(target, file)) {
                throw new BadInputException(target + ": the output would overwrite the input; choose another --out");
            }
            try (Writer w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
                SuiteFiles.writeJsonLines(s.items(), w);
            } catch (IOException e) {
                throw new BadInputException(target + ": cannot write the suite: " + describe(e));
            }
            PrintWriter o = spec.commandLine().getOut();
            if (s.scheme().equals(DesignCodeScheme.ID)) {
                o.printf("Imported a Design Code suite to %s: %s%n", target, DesignCodeShape.of(s).describe());
                return ExitCodes.OK;
            }
            SuiteShape shape = SuiteShape.of(loaded);
            o.printf("Imported %d items (%d unmapped) to %s%n", s.items().size(), shape.unmapped(), target);
            o.println("Items per category and code:");
            printShape(shape, o);
            if (!loaded.dropped().isEmpty()) {
                o.printf("Dropped %d records with codes outside the taxonomy: %s%n", loaded.dropped().values().stream().mapToInt(Integer::intValue).sum(),
                        loaded.dropped().entrySet().stream().map(e -> quoted(e.getKey()) + " " + e.getValue()).collect(Collectors.joining(", ")));
            }
            List<SuiteShape.Duplicate> dups = shape.duplicates();
            if (!dups.isEmpty()) {
                String shown = dups.stream().limit(DUPLICATES_SHOWN).map(d -> "line " + d.line() + " repeats line " + d.firstLine())
                        .collect(Collectors.joining(", ")) + (dups.size() > DUPLICATES_SHOWN ? ", …" : "");
                spec.commandLine().getErr().printf("parasol: warning: %d prompt%s repeat%s an earlier one word for word (%s)%n",
                        dups.size(), dups.size() == 1 ? "" : "s", dups.size() == 1 ? "s" : "", shown);
            }
            return ExitCodes.OK;
        }

        private static void printShape(SuiteShape shape, PrintWriter o) {
            for (Map.Entry<Category, Map<String, Integer>> c : shape.perCode().entrySet()) {
                o.printf("  %-38s %5d%n", c.getKey().title(), shape.perCategory().getOrDefault(c.getKey(), 0));
                for (Map.Entry<String, Integer> code : c.getValue().entrySet()) {
                    String hint = c.getKey() == Category.UNMAPPED
                            ? IntimaScheme.suggest(code.getKey()).map(k -> "  (did you mean '" + k + "'?)").orElse("") : "";
                    o.printf("    %-36s %5d%s%n", quoted(code.getKey()), code.getValue(), hint);
                }
            }
        }
    }

    /** A code as an author would write it: quoted when it holds a space, so its exact extent is visible. */
    static String quoted(String code) { return code.contains(" ") ? "\"" + code + "\"" : code; }

    private static String describe(IOException e) {
        return e instanceof java.nio.file.NoSuchFileException ? "its folder does not exist"
                : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
