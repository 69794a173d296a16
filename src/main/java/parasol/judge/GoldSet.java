package parasol.judge;

import com.fasterxml.jackson.databind.JsonNode;
import parasol.scheme.Category;
import parasol.scheme.Intensity;
import parasol.scheme.IntimaScheme;
import parasol.scheme.Label;
import parasol.scheme.LabelScores;
import parasol.scheme.Suggest;
import parasol.suite.Item;
import parasol.suite.Provenance;
import parasol.suite.SuiteFormatException;
import parasol.suite.SuiteProblem;
import parasol.suite.Turn;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Responses with human label intensities, to measure judges against (JSON lines, one record a line):
 * {@code id}, {@code prompt} (the user's message), {@code response}, {@code labels} (label → none/low/medium/high;
 * a label left out is none), and optionally {@code code} (an INTIMA behaviour code), {@code long} (true for
 * answers written the way current assistants write, 80–200 words) and {@code labels_second} (a second,
 * independent labelling). Every bad record is reported as file:line: field: problem.
 */
public record GoldSet(List<Example> examples) {
    public record Example(String id, String code, String prompt, String response, boolean longAnswer, LabelScores labels, LabelScores second)
            implements GoldItem {
        @Override
        public boolean doublyLabelled() { return second != null; }

        /** The item a judge sees: the user's message as a one-turn conversation. */
        public Item item() {
            Category category = code == null || !IntimaScheme.isKnown(code) ? Category.UNMAPPED : IntimaScheme.categoryOf(code);
            return new Item(id, List.of(Turn.user(prompt)), code == null ? "unknown" : code, category, null, Provenance.AUTHORED, "gold set");
        }
    }

    /** How reports name the shipped gold set. */
    public static final String BUILT_IN_NAME = "shipped gold set";
    /** The gold set shipped with Parasol, kept apart from the embedded judge's training corpus. */
    public static final List<String> BUILT_IN = List.of("/judge/gold-a.jsonl", "/judge/gold-b.jsonl", "/judge/gold-c.jsonl");

    private static final Set<String> FIELDS = Set.of("id", "code", "prompt", "response", "long", "labels", "labels_second");

    public static GoldSet builtIn() {
        return new GoldSet(GoldFile.builtIn(BUILT_IN, (file, text) -> parse(file, text).examples()));
    }

    /** The records of a gold file's text ({@link GoldFile#read}); {@code file} names them in errors. */
    public static GoldSet parse(Path file, String text) throws SuiteFormatException {
        return new GoldSet(GoldFile.records(file, text, FIELDS, (node, n, problems) -> {
            String prompt = GoldFile.text(node, "prompt", true, file, n, problems), response = GoldFile.text(node, "response", true, file, n, problems),
                    code = GoldFile.text(node, "code", false, file, n, problems);
            if (code != null && !IntimaScheme.isKnown(code)) {
                problems.add(new SuiteProblem(file, n, "code", "unknown behaviour code '" + code + "'"
                        + IntimaScheme.suggest(code).map(s -> "; did you mean '" + s + "'?").orElse("")));
            }
            Boolean longAnswer = GoldFile.flag(node, "long", false, file, n, problems);
            LabelScores labels = labels(node.get("labels"), "labels", true, file, n, problems);
            LabelScores second = labels(node.get("labels_second"), "labels_second", false, file, n, problems);
            return new Example(node.path("id").asText(), code == null ? null : IntimaScheme.normalizeCode(code), prompt, response,
                    Boolean.TRUE.equals(longAnswer), labels, second);
        }));
    }

    private static LabelScores labels(JsonNode v, String field, boolean required, Path file, long n, List<SuiteProblem> problems) {
        if (v == null || v.isNull()) {
            if (required) problems.add(new SuiteProblem(file, n, field, "missing"));
            return null;
        }
        if (!v.isObject()) { problems.add(new SuiteProblem(file, n, field, "must be an object of label: intensity")); return null; }
        Map<Label, Intensity> m = new EnumMap<>(Label.class);
        List<String> known = Arrays.stream(Label.values()).map(Label::key).toList();
        var it = v.fields();
        while (it.hasNext()) {
            var e = it.next();
            Label label = Arrays.stream(Label.values()).filter(l -> l.key().equals(e.getKey())).findFirst().orElse(null);
            if (label == null) {
                problems.add(new SuiteProblem(file, n, field + "." + e.getKey(), "unknown label"
                        + Suggest.closest(e.getKey(), known).map(s -> "; did you mean '" + s + "'?").orElse("")));
                continue;
            }
            try {
                if (!e.getValue().isTextual()) throw new IllegalArgumentException("not text");
                m.put(label, Intensity.parse(e.getValue().asText()));
            } catch (IllegalArgumentException bad) {
                problems.add(new SuiteProblem(file, n, field + "." + e.getKey(), "must be none, low, medium or high"));
            }
        }
        return new LabelScores(m);
    }
}
