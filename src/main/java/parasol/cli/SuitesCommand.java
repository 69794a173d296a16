package parasol.cli;

import parasol.suite.Category;
import parasol.suite.Item;
import parasol.suite.Suite;
import parasol.suite.SuiteFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "suites", mixinStandardHelpOptions = true, description = "List the built-in suites.")
final class SuitesCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        for (String name : SuiteFiles.BUILT_IN) {
            Suite s = SuiteFiles.builtIn(name);
            out.printf("%s: %d items, %d codes, hash %s%n", name, s.items().size(),
                    s.items().stream().map(Item::code).distinct().count(), s.contentHash());
            Map<Category, Integer> perCategory = new EnumMap<>(Category.class);
            s.items().forEach(i -> perCategory.merge(i.category(), 1, Integer::sum));
            perCategory.forEach((c, n) -> out.printf("  %-26s %d%n", c.title(), n));
        }
        return ExitCodes.OK;
    }
}
