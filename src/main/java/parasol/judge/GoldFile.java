package parasol.judge;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import parasol.scheme.DesignCodeScheme;
import parasol.scheme.IntimaScheme;
import parasol.scheme.Suggest;
import parasol.suite.SuiteFormatException;
import parasol.suite.SuiteProblem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A gold file of either scheme as JSON lines: strict UTF-8, one object a line, no unknown fields, unique
 * ids. Every bad record is collected as file:line: field: problem before anything is refused.
 */
public final class GoldFile {
    // Trailing tokens fail: two records on one line would otherwise keep the first and drop the second unseen.
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Set<String> DESIGN_CODE_FIELDS = Set.of("requirement", "user_input", "violation", "violation_second");
    private static final Set<String> INTIMA_FIELDS = Set.of("prompt", "labels", "labels_second", "code");

    private GoldFile() {}

    /** Maps one record, adding its problems to {@code problems}; what it returns is kept only when it added none. */
    interface RecordReader<T> {
        T read(JsonNode node, long line, List<SuiteProblem> problems);
    }

    /** A gold file's text: strict UTF-8, or a problem naming the file. */
    public static String read(Path file) throws IOException, SuiteFormatException {
        if (Files.isDirectory(file)) throw new SuiteFormatException(List.of(SuiteProblem.ofFile(file, "a folder, not a gold file")));
        if (!Files.isRegularFile(file)) throw new SuiteFormatException(List.of(SuiteProblem.ofFile(file, "no such file")));
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new SuiteFormatException(List.of(SuiteProblem.ofFile(file, "not UTF-8 text")));
        }
    }

    /** Reads one gold file's text into its records; the file is named in its errors. */
    interface Parser<T> {
        List<T> parse(Path file, String text) throws SuiteFormatException;
    }

    /** The records of gold files shipped in the jar, in order; a bad one is a build fault, not the user's. */
    static <T> List<T> builtIn(List<String> resources, Parser<T> parser) {
        List<T> all = new ArrayList<>();
        for (String resource : resources) {
            try (InputStream in = GoldFile.class.getResourceAsStream(resource)) {
                if (in == null) throw new IllegalStateException("gold set " + resource + " missing from the jar");
                all.addAll(parser.parse(Path.of(resource.substring(1)), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException | SuiteFormatException e) {
                throw new IllegalStateException("cannot read the built-in gold set " + resource + ": " + e.getMessage(), e);
            }
        }
        return all;
    }

    /**
     * The scheme a gold file's records are labelled under, told by the first record that parses and has a field
     * only one scheme's records have ({@code requirement}, {@code violation}… or {@code labels}, {@code prompt}…);
     * empty when no record tells (an empty or unreadable file), for the chosen scheme's reader to say what is wrong.
     */
    public static Optional<String> schemeOf(String text) {
        for (String line : lines(text)) {
            try {
                JsonNode node = JSON.readTree(line.strip());
                if (node == null || !node.isObject()) continue;
                for (var it = node.fieldNames(); it.hasNext(); ) {
                    String field = it.next();
                    if (DESIGN_CODE_FIELDS.contains(field)) return Optional.of(DesignCodeScheme.ID);
                    if (INTIMA_FIELDS.contains(field)) return Optional.of(IntimaScheme.ID);
                }
            } catch (JsonProcessingException e) {
                // Not a record: the reader reports it with its line.
            }
        }
        return Optional.empty();
    }

    /** The file's lines, whatever its line ends (a file with only carriage returns is not one long line). */
    private static String[] lines(String text) {
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        return text.split("\\R", -1);
    }

    static <T> List<T> records(Path file, String text, Set<String> fields, RecordReader<T> reader) throws SuiteFormatException {
        List<T> out = new ArrayList<>();
        List<SuiteProblem> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        String[] lines = lines(text);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) continue;
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
                if (!fields.contains(f)) problems.add(new SuiteProblem(file, n, f, "unknown field" + Suggest.closest(f, fields).map(s -> "; did you mean '" + s + "'?").orElse("")));
            });
            String id = text(node, "id", true, file, n, problems);
            if (id != null && !ids.add(id)) problems.add(new SuiteProblem(file, n, "id", "'" + id + "' is used twice"));
            T record = reader.read(node, n, problems);
            if (problems.size() == before) out.add(record);
        }
        if (!problems.isEmpty()) throw new SuiteFormatException(problems);
        if (out.isEmpty()) throw new SuiteFormatException(List.of(SuiteProblem.ofFile(file, "no records")));
        return out;
    }

    static String text(JsonNode node, String field, boolean required, Path file, long n, List<SuiteProblem> problems) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) problems.add(new SuiteProblem(file, n, field, "missing"));
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) { problems.add(new SuiteProblem(file, n, field, "must be non-empty text")); return null; }
        return v.asText();
    }

    /** An optional or required true/false; null when absent or wrong. */
    static Boolean flag(JsonNode node, String field, boolean required, Path file, long n, List<SuiteProblem> problems) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) problems.add(new SuiteProblem(file, n, field, "missing"));
            return null;
        }
        if (!v.isBoolean()) { problems.add(new SuiteProblem(file, n, field, "must be true or false")); return null; }
        return v.asBoolean();
    }
}
