package parasol;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** DESIGN.md §6: data flows one way through the packages; no package reaches back up the chain. */
class ArchitectureTest {
    static final List<String> CHAIN = List.of("scheme", "suite", "model", "run", "judge", "store", "analysis", "report", "web", "cli");
    static final Pattern REFERENCE = Pattern.compile("\\bparasol\\.(\\w+)\\.");

    @Test
    void noPackageReachesBackUpTheChain() throws Exception {
        List<String> violations = new ArrayList<>();
        int scanned = 0;
        Path root = Path.of("src/main/java/parasol");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                scanned++;
                String pkg = root.relativize(f).getName(0).toString();
                assertThat(CHAIN).as("package of %s", f).contains(pkg);
                Matcher m = REFERENCE.matcher(Files.readString(f));
                while (m.find()) {
                    String used = m.group(1);
                    if (CHAIN.contains(used) && CHAIN.indexOf(used) > CHAIN.indexOf(pkg)) violations.add(f + " uses parasol." + used);
                }
            }
        }
        assertThat(scanned).isGreaterThan(30);
        assertThat(violations).isEmpty();
    }
}
