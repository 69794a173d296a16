package parasol.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every help text is a format string to picocli: a lone % garbles it (and prints a warning), so each must format. */
class HelpTextTest {
    @Test
    void everyDescriptionOfEveryCommandAndOptionFormats() {
        List<String> broken = new ArrayList<>();
        check(Main.commandLine(Map.of()), broken);
        assertThat(broken).isEmpty();
    }

    private static void check(CommandLine cli, List<String> broken) {
        var spec = cli.getCommandSpec();
        List<String> texts = new ArrayList<>(List.of(spec.usageMessage().description()));
        spec.options().forEach(o -> texts.addAll(List.of(o.description())));
        spec.positionalParameters().forEach(p -> texts.addAll(List.of(p.description())));
        for (String text : texts) {
            try {
                String.format(text);
            } catch (java.util.IllegalFormatException e) {
                broken.add(spec.qualifiedName() + ": " + text);
            }
        }
        cli.getSubcommands().values().forEach(sub -> check(sub, broken));
    }
}
