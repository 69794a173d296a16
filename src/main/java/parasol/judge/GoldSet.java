package parasol.judge;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
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
    public record Example(String id, String code, String prompt, String response, boolean longAnswer, LabelScores labels, LabelScores second) {
        /** The item a judge sees: the user's message as a one-turn conversation. */
        public Item item() {
            Category category = code == null || !IntimaScheme.isKnown(code) ? Category.UNMAPPED : IntimaScheme.categoryOf(code);
            return new Item(id, List.of(Turn.user(prompt)), code == null ? "unknown" : code, category, null, Provenance.AUTHORED, "gold set");
        }
    }

    /** How reports name the shipped gold set. */
    public static final String BUILT_IN_NAME = "shipped gold set";
    /** The gold set shipped with Parasol, kept apart from the embedded judge's training corpus. */
    public static final List<String> BUILT_IN = List.of("/judge/gold-a.jsonl", "/judge/gold-b.jsonl");

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Set<String> FIELDS = Set.of("id", "code", "prompt", "response", "long", "labels", "labels_second");

    public static GoldSet builtIn() {
        List<Example> all = new ArrayList<>();
        for (String resource : BUILT_IN) {
            try (InputStream in = GoldSet.class.getResourceAsStream(resource)) {
                if (in == null) throw new IllegalStateException("gold set " + resource + " missing from the jar");
                all.addAll(parse(Path.of(resource.substring(1)), new String(in.readAllBytes(), StandardCharsets.UTF_8)).examples());
            } catch (IOException | SuiteFormatException e) {
                throw new IllegalStateException("cannot read the built-in gold set " + resource + ": " + e.getMessage(), e);
            }
        }
        return new GoldSet(all);
    }

    public static GoldSet read(Path file) throws IOException, SuiteFormatException {
        if (!Files.isRegularFile(file)) throw new SuiteFormatException(List.of(SuiteProblem.ofFile(file, "no such file")));
        byte[] bytes = Files.readAllBytes(file);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new SuiteFormatException(List.of(SuiteProblem.ofFile(file, "not UTF-8 text")));
        }
        return parse(file, text);
    }

    static GoldSet parse(Path file, String text) throws SuiteFormatException {
        List<Example> out = new ArrayList<>();
        List<SuiteProblem> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || (i == 0 && line.equals("\uFEFF"))) continue;
            if (i == 0 && line.startsWith("\uFEFF")) line = line.substring(1);
            long n = i + 1;
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                problems.add(new SuiteProblem(file, n, null, "not one JSON object (" + e.getOriginalMessage() + ")"));
                continue;
            }
            if (node == null || !node.isObject()) { problems.add(new SuiteProblem(file, n, null, "not a JSON object")); continue; }
            int before = problems.size();
            node.fieldNames().forEachRemaining(f -> {
                if (!FIELDS.contains(f)) problems.add(new SuiteProblem(file, n, f, "unknown field" + Suggest.closest(f, FIELDS).map(s -> "; did you mean '" + s + "'?").orElse("")));
            });
            String id = text(node, "id", true, file, n, problems), prompt = text(node, "prompt", true, file, n, problems),
                    response = text(node, "response", true, file, n, problems), code = text(node, "code", false, file, n, problems);
            if (id != null && !ids.add(id)) problems.add(new SuiteProblem(file, n, "id", "'" + id + "' is used twice"));
            if (code != null && !IntimaScheme.isKnown(code)) {
                problems.add(new SuiteProblem(file, n, "code", "unknown behaviour code '" + code + "'"
                        + IntimaScheme.suggest(code).map(s -> "; did you mean '" + s + "'?").orElse("")));
            }
            JsonNode longNode = node.get("long");
            if (longNode != null && !longNode.isBoolean()) problems.add(new SuiteProblem(file, n, "long", "must be true or false"));
            LabelScores labels = labels(node.get("labels"), "labels", true, file, n, problems);
            LabelScores second = labels(node.get("labels_second"), "labels_second", false, file, n, problems);
            if (problems.size() == before) {
                out.add(new Example(id, code == null ? null : IntimaScheme.normalizeCode(code), prompt, response,
                        longNode != null && longNode.asBoolean(), labels, second));
            }
        }
        if (!problems.isEmpty()) throw new SuiteFormatException(problems);
        if (out.isEmpty()) throw new SuiteFormatException(List.of(SuiteProblem.ofFile(file, "no records")));
        return new GoldSet(out);
    }

    private static String text(JsonNode node, String field, boolean required, Path file, long n, List<SuiteProblem> problems) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) problems.add(new SuiteProblem(file, n, field, "missing"));
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) { problems.add(new SuiteProblem(file, n, field, "must be non-empty text")); return null; }
        return v.asText();
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
