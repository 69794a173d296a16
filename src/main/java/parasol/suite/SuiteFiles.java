package parasol.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads suites: the built-in ones by name, Parasol's own format (JSON lines or YAML, DESIGN.md §3), and
 * the published INTIMA dataset format ({@code prompt}, {@code code}, {@code model}), told apart by fields.
 */
public final class SuiteFiles {
    /** Built-in suites, authored by this project, shipped as resources. */
    public static final List<String> BUILT_IN = List.of("companion");

    private static final Set<String> PARASOL_FIELDS =
            Set.of("id", "text", "turns", "code", "category", "vulnerability", "provenance", "source");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What to do with imported INTIMA records whose code is outside the taxonomy. */
    public enum Unmapped { KEEP, DROP }

    private SuiteFiles() {}

    /** A built-in suite name or a path to a suite file in either format. */
    public static Suite load(String nameOrPath, Unmapped unmapped) throws IOException, SuiteFormatException {
        if (BUILT_IN.contains(nameOrPath)) return builtIn(nameOrPath);
        Path file = Path.of(nameOrPath);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(nameOrPath, null, (Files.exists(file) ? "not a file" : "no such suite file")
                    + ", and not a built-in suite " + BUILT_IN);
        }
        return load(file, unmapped);
    }

    public static Suite load(Path file, Unmapped unmapped) throws IOException, SuiteFormatException {
        String name = file.getFileName().toString().replaceFirst("\\.[^.]+$", "");
        return fromRecords(name, file, RecordReader.read(file), unmapped);
    }

    private static Suite fromRecords(String name, Path file, RecordReader.Result read, Unmapped unmapped)
            throws SuiteFormatException {
        List<SuiteProblem> problems = new ArrayList<>(read.problems());
        boolean intima = !read.records().isEmpty() && read.records().getFirst().fields().has("prompt")
                && !read.records().getFirst().fields().has("id");
        List<Item> items = intima
                ? fromIntima(file, read.records(), unmapped, problems)
                : fromParasol(file, read.records(), problems);
        if (items.isEmpty() && problems.isEmpty()) problems.add(new SuiteProblem(file, 1, null, "the file holds no records"));
        if (!problems.isEmpty()) throw new SuiteFormatException(problems);
        return new Suite(name, items);
    }

    public static Suite builtIn(String name) throws IOException {
        String resource = "/suites/" + name + ".jsonl";
        try (InputStream in = SuiteFiles.class.getResourceAsStream(resource)) {
            if (in == null) throw new NoSuchFileException(resource, null, "built-in suite missing from the jar");
            var reader = new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            Path label = Path.of("builtin:" + name);
            return fromRecords(name, label, RecordReader.readJsonLines(reader, label), Unmapped.KEEP);
        } catch (SuiteFormatException e) {
            throw new IllegalStateException("built-in suite " + name + " is invalid:\n" + e.getMessage(), e);
        }
    }

    private static List<Item> fromParasol(Path file, List<RecordReader.SourceRecord> records, List<SuiteProblem> problems) {
        List<Item> items = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        for (RecordReader.SourceRecord rec : records) {
            ObjectNode f = rec.fields();
            long line = rec.line();
            int before = problems.size();
            for (Iterator<String> it = f.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!PARASOL_FIELDS.contains(k)) problems.add(new SuiteProblem(file, line, k, "unknown field (expected one of " + PARASOL_FIELDS + ")"));
            }
            String id = text(f, "id");
            if (id == null || id.isBlank()) problems.add(new SuiteProblem(file, line, "id", "missing"));
            else if (seen.containsKey(id)) problems.add(new SuiteProblem(file, line, "id", "duplicate id '" + id + "' (first on line " + seen.get(id) + ")"));
            else seen.put(id, line);

            List<Turn> turns = turns(file, line, f, problems);
            String code = text(f, "code");
            Category category = null;
            if (f.hasNonNull("category")) {
                try { category = Category.parse(f.get("category").asText()); }
                catch (IllegalArgumentException e) { problems.add(new SuiteProblem(file, line, "category", e.getMessage())); }
            }
            if (code == null || code.isBlank()) problems.add(new SuiteProblem(file, line, "code", "missing"));
            else if (!IntimaScheme.isKnown(code) && category != Category.UNMAPPED) {
                problems.add(new SuiteProblem(file, line, "code", "unknown behaviour code '" + code
                        + "' (not one of the 31 INTIMA codes; set \"category\": \"unmapped\" to keep it)"));
            } else if (category != null && IntimaScheme.isKnown(code) && category != IntimaScheme.categoryOf(code)) {
                problems.add(new SuiteProblem(file, line, "category", "'" + category.title() + "' does not match code '" + code
                        + "', which is in " + IntimaScheme.categoryOf(code).title()));
            }
            Integer vulnerability = null;
            if (f.hasNonNull("vulnerability")) {
                JsonNode v = f.get("vulnerability");
                if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 0 || v.asInt() > 3) {
                    problems.add(new SuiteProblem(file, line, "vulnerability", "must be an integer 0–3, got " + v));
                } else vulnerability = v.asInt();
            }
            Provenance provenance = Provenance.AUTHORED;
            if (f.hasNonNull("provenance")) {
                try { provenance = Provenance.parse(f.get("provenance").asText()); }
                catch (IllegalArgumentException e) { problems.add(new SuiteProblem(file, line, "provenance", e.getMessage())); }
            }
            if (problems.size() == before) {
                String normCode = IntimaScheme.isKnown(code) ? IntimaScheme.normalizeCode(code) : code.trim();
                items.add(new Item(id, turns, normCode, category != null ? category : IntimaScheme.categoryOf(code),
                        vulnerability, provenance, text(f, "source")));
            }
        }
        return items;
    }

    private static List<Turn> turns(Path file, long line, ObjectNode f, List<SuiteProblem> problems) {
        boolean hasText = f.hasNonNull("text"), hasTurns = f.hasNonNull("turns");
        if (hasText == hasTurns) {
            problems.add(new SuiteProblem(file, line, hasText ? "turns" : "text", hasText
                    ? "give either text or turns, not both" : "missing (give text, or turns for a multi-turn item)"));
            return List.of();
        }
        if (hasText) {
            if (!f.get("text").isTextual() || f.get("text").asText().isBlank()) {
                problems.add(new SuiteProblem(file, line, "text", "must be non-empty text"));
                return List.of();
            }
            return List.of(Turn.user(f.get("text").asText()));
        }
        if (!(f.get("turns") instanceof ArrayNode arr) || arr.isEmpty()) {
            problems.add(new SuiteProblem(file, line, "turns", "must be a non-empty list"));
            return List.of();
        }
        // Turns alternate user, assistant, user, …; a list of strings or of {role, text} objects.
        List<Turn> turns = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            JsonNode t = arr.get(i);
            Turn.Role expected = i % 2 == 0 ? Turn.Role.USER : Turn.Role.ASSISTANT;
            String text = t.isTextual() ? t.asText() : t.path("text").asText(null);
            String role = t.isTextual() ? expected.name().toLowerCase() : t.path("role").asText(expected.name().toLowerCase());
            if (text == null || text.isBlank() || !role.equalsIgnoreCase(expected.name())) {
                problems.add(new SuiteProblem(file, line, "turns[" + i + "]", "expected a non-empty " + expected.name().toLowerCase() + " turn"));
                return List.of();
            }
            turns.add(new Turn(expected, text));
        }
        if (turns.getLast().role() != Turn.Role.USER) {
            problems.add(new SuiteProblem(file, line, "turns", "must end with a user turn"));
            return List.of();
        }
        return turns;
    }

    private static List<Item> fromIntima(Path file, List<RecordReader.SourceRecord> records, Unmapped unmapped,
                                         List<SuiteProblem> problems) {
        List<Item> items = new ArrayList<>();
        Map<String, Integer> idCounts = new HashMap<>();
        for (RecordReader.SourceRecord rec : records) {
            ObjectNode f = rec.fields();
            String prompt = text(f, "prompt"), code = text(f, "code"), model = text(f, "model");
            boolean ok = true;
            if (prompt == null || prompt.isBlank()) { problems.add(new SuiteProblem(file, rec.line(), "prompt", "missing or empty")); ok = false; }
            if (code == null || code.isBlank()) { problems.add(new SuiteProblem(file, rec.line(), "code", "missing or empty")); ok = false; }
            if (!ok) continue;
            Category category = IntimaScheme.categoryOf(code);
            if (category == Category.UNMAPPED && unmapped == Unmapped.DROP) continue;
            String normCode = category == Category.UNMAPPED ? code.trim() : IntimaScheme.normalizeCode(code);
            // Ids come from the content, not the row number, so they survive re-ordered or filtered files.
            String base = "intima-" + normCode.replace(' ', '-') + "-" + shortHash(prompt);
            int dup = idCounts.merge(base, 1, Integer::sum);
            String id = dup == 1 ? base : base + "-" + dup;
            String source = "INTIMA" + (model == null || model.isBlank() ? "" : " (prompt written by " + model + ")");
            items.add(new Item(id, List.of(Turn.user(prompt)), normCode, category, null, Provenance.AUTHORED, source));
        }
        return items;
    }

    /** Writes items in Parasol's JSON-lines format (the output of {@code parasol suite import}). */
    public static void writeJsonLines(List<Item> items, Writer out) throws IOException {
        for (Item i : items) {
            ObjectNode o = JSON.createObjectNode();
            o.put("id", i.id());
            if (i.turns().size() == 1) o.put("text", i.turns().getFirst().text());
            else { ArrayNode a = o.putArray("turns"); i.turns().forEach(t -> a.add(t.text())); }
            o.put("code", i.code());
            if (i.category() == Category.UNMAPPED) o.put("category", "unmapped");
            if (i.vulnerability() != null) o.put("vulnerability", i.vulnerability());
            o.put("provenance", i.provenance().key());
            if (i.source() != null) o.put("source", i.source());
            out.write(JSON.writeValueAsString(o));
            out.write('\n');
        }
    }

    private static String text(ObjectNode f, String field) {
        JsonNode n = f.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static String shortHash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
