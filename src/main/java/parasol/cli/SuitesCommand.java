package parasol.cli;

import parasol.scheme.Category;
import parasol.scheme.DesignCodeScheme;
import parasol.scheme.IntimaScheme;
import parasol.suite.DesignCodeShape;
import parasol.suite.Item;
import parasol.suite.Suite;
import parasol.suite.SuiteFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "suites", mixinStandardHelpOptions = true,
        description = "List the built-in suites, or with --codes the INTIMA behaviour codes a suite's \"code\" field takes and the Design Code requirements its \"measure\" field takes.")
final class SuitesCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--codes", description = "List the 31 behaviour codes by category, exactly as a suite file spells them.")
    boolean codes;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        if (codes) {
            printCodes(out);
            return ExitCodes.OK;
        }
        for (String name : SuiteFiles.BUILT_IN) {
            Suite s = SuiteFiles.builtIn(name);
            if (s.scheme().equals(DesignCodeScheme.ID)) {
                out.printf("%s (Design Code): %s; hash %s%n", name, DesignCodeShape.of(s).describe(), s.contentHash());
                continue;
            }
            out.printf("%s (INTIMA): %d items, %d codes, hash %s%n", name, s.items().size(),
                    s.items().stream().map(Item::code).distinct().count(), s.contentHash());
            Map<Category, Integer> perCategory = new EnumMap<>(Category.class);
            s.items().forEach(i -> perCategory.merge(i.category(), 1, Integer::sum));
            perCategory.forEach((c, n) -> out.printf("  %-26s %d%n", c.title(), n));
        }
        out.println("Behaviour codes and Design Code requirements for your own suites: parasol suites --codes");
        return ExitCodes.OK;
    }

    private static void printCodes(PrintWriter out) {
        out.printf("INTIMA behaviour codes (%d), by category; write them in a suite's \"code\" field exactly as shown%n",
                IntimaScheme.codes().size());
        out.println("(quotes mark codes that contain spaces; they are not part of the code).");
        for (Category c : Category.values()) {
            List<String> codes = IntimaScheme.codesIn(c);
            if (codes.isEmpty()) continue;
            out.printf("%n%s (%d)%n", c.title(), codes.size());
            codes.forEach(code -> out.println("  " + SuiteCommand.quoted(code)));
        }
        out.printf("%nA code outside these needs \"category\": \"unmapped\"; imported files put such codes in Unmapped.%n");
        out.printf("%nDesign Code requirements (%d); list those an item checks in its \"measure\" field%n", DesignCodeScheme.INSTANCE.requirements().size());
        DesignCodeScheme.INSTANCE.requirements().forEach(r -> out.printf("  %-36s %s%n", r.code(), r.title()));
    }
}
