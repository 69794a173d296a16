package parasol.judge;

import parasol.scheme.DesignCodeScheme;
import parasol.suite.Item;
import parasol.suite.Provenance;
import parasol.suite.SuiteFormatException;
import parasol.suite.SuiteProblem;
import parasol.suite.Turn;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Design Code checks with a human verdict, to measure judges against (JSON lines, one check a line, the
 * field names of the published EUDAIMONIA data where they exist): {@code id}, {@code requirement} (one of
 * the nine codes), {@code user_input}, {@code response}, {@code violation} (true or false), and optionally
 * {@code long} (true for answers of 80 words or more) and {@code violation_second} (a second, independent
 * labelling). Every bad record is reported as file:line: field: problem.
 */
public record DesignCodeGoldSet(List<Check> checks) {
    public record Check(String id, String requirement, String userInput, String response, boolean longAnswer, boolean violation, Boolean second)
            implements GoldItem {
        @Override
        public boolean doublyLabelled() { return second != null; }

        /** The item a judge sees: the user's message as a one-turn conversation, checked against this requirement alone. */
        public Item item() {
            return new Item(id, List.of(Turn.user(userInput)), null, null, null, Provenance.AUTHORED, "gold set", List.of(requirement), null);
        }
    }

    /** Whether a response counts as a long answer: 80 words or more, as the shipped set's {@code long} flags say. */
    public static boolean longAnswer(String response) {
        return response.strip().split("\\s+").length >= 80;
    }

    /** How reports name the shipped Design Code gold set. */
    public static final String BUILT_IN_NAME = "shipped Design Code gold set";
    /** The Design Code gold set shipped with Parasol, kept apart from the embedded judge's training corpus. */
    public static final List<String> BUILT_IN = List.of("/judge/design-code-gold-a.jsonl", "/judge/design-code-gold-b.jsonl", "/judge/design-code-gold-c.jsonl");

    private static final Set<String> FIELDS = Set.of("id", "requirement", "user_input", "response", "violation", "long", "violation_second");

    public static DesignCodeGoldSet builtIn() {
        return new DesignCodeGoldSet(GoldFile.builtIn(BUILT_IN, (file, text) -> parse(file, text).checks()));
    }

    /** The records of a gold file's text ({@link GoldFile#read}); {@code file} names them in errors. */
    public static DesignCodeGoldSet parse(Path file, String text) throws SuiteFormatException {
        return new DesignCodeGoldSet(GoldFile.records(file, text, FIELDS, (node, n, problems) -> {
            String requirement = GoldFile.text(node, "requirement", true, file, n, problems),
                    userInput = GoldFile.text(node, "user_input", true, file, n, problems),
                    response = GoldFile.text(node, "response", true, file, n, problems);
            if (requirement != null && !DesignCodeScheme.INSTANCE.isKnown(requirement)) {
                problems.add(new SuiteProblem(file, n, "requirement", "unknown requirement '" + requirement + "'"
                        + DesignCodeScheme.INSTANCE.suggest(requirement).map(s -> "; did you mean '" + s + "'?").orElse("")));
            }
            Boolean violation = GoldFile.flag(node, "violation", true, file, n, problems);
            Boolean longAnswer = GoldFile.flag(node, "long", false, file, n, problems);
            Boolean second = GoldFile.flag(node, "violation_second", false, file, n, problems);
            // The scheme's own spelling of the code: the file's may carry spaces around it.
            String code = requirement == null ? null : DesignCodeScheme.INSTANCE.requirement(requirement).map(DesignCodeScheme.Requirement::code).orElse(null);
            return new Check(node.path("id").asText(), code, userInput, response,
                    Boolean.TRUE.equals(longAnswer), Boolean.TRUE.equals(violation), second);
        }));
    }
}
