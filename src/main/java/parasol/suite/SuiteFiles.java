package parasol.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import parasol.scheme.Category;
import parasol.scheme.DesignCodeScheme;
import parasol.scheme.IntimaScheme;
import parasol.scheme.Suggest;

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
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Loads suites: the built-in ones by name, Parasol's own format (JSON lines or YAML, DESIGN.md §3), and
 * the published INTIMA dataset format ({@code prompt}, {@code code}, {@code model}), told apart by fields.
 */
public final class SuiteFiles {
    /** Built-in suites, authored by this project, shipped as resources. */
    public static final List<String> BUILT_IN = List.of("companion", "design-code");

    /** In the order DESIGN.md §1 gives them, so messages list them the same way every time. */
    private static final Set<String> PARASOL_FIELDS = Collections.unmodifiableSet(new LinkedHashSet<>(
            List.of("id", "text", "turns", "code", "category", "measure", "variant_of", "vulnerability", "provenance", "source")));
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Enough to fix a file by; a file that is not a suite at all would otherwise list every line. */
    static final int MAX_PROBLEMS = 1000;

    /** Which format a file was read as: Parasol's own, or a published dataset recognised by its fields. */
    public enum Source { PARASOL, INTIMA, EUDAIMONIA }

    /** What to do with imported INTIMA records whose code is outside the taxonomy. */
    public enum Unmapped { KEEP, DROP }

    private SuiteFiles() {}

    /** A built-in suite name or a path to a suite file in either format. */
    public static Suite load(String nameOrPath, Unmapped unmapped) throws IOException, SuiteFormatException {
        if (BUILT_IN.contains(nameOrPath)) return builtIn(nameOrPath);
        Path file = Path.of(nameOrPath);
        if (!Files.isRegularFile(file)) {
            String hint = Suggest.closest(nameOrPath, BUILT_IN).map(b -> "; did you mean '" + b + "'?").orElse("");
            throw new NoSuchFileException(nameOrPath, null, (Files.exists(file) ? "not a file" : "no such suite file")
                    + ", and not a built-in suite " + BUILT_IN + hint);
        }
        return load(file, unmapped);
    }

    public static Suite load(Path file, Unmapped unmapped) throws IOException, SuiteFormatException {
        return read(file, unmapped).suite();
    }

    /**
     * A suite file read with where each item came from, for commands that describe a file's shape
     * ({@code parasol suite import}). Any fault in the file, including one that stops it being read
     * at all, is a {@link SuiteFormatException}.
     */
    public static Loaded read(Path file, Unmapped unmapped) throws SuiteFormatException {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString().replaceFirst("\\.[^.]+$", "");
        return fromRecords(name, file, RecordReader.read(file), unmapped);
    }

    /**
     * A loaded suite. {@code lines} gives each item's line in the file (same order as the items);
     * {@code dropped} counts, per code, records left out by {@link Unmapped#DROP}.
     */
    public record Loaded(Suite suite, Source source, List<Long> lines, Map<String, Integer> dropped) {
        public Loaded {
            lines = List.copyOf(lines);
            dropped = Collections.unmodifiableMap(new LinkedHashMap<>(dropped));
        }
    }

    private static Loaded fromRecords(String name, Path file, RecordReader.Result read, Unmapped unmapped)
            throws SuiteFormatException {
        List<SuiteProblem> problems = new ArrayList<>(read.problems());
        boolean intima = !read.records().isEmpty() && read.records().getFirst().fields().has("prompt")
                && !read.records().getFirst().fields().has("id");
        boolean eudaimonia = !read.records().isEmpty() && read.records().getFirst().fields().has("user_input")
                && !read.records().getFirst().fields().has("id");
        List<Item> items = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        Map<String, Integer> dropped = new LinkedHashMap<>();
        if (intima) fromIntima(file, read.records(), unmapped, problems, items, lines, dropped);
        else if (eudaimonia) fromEudaimonia(file, read.records(), problems, items, lines);
        else fromParasol(file, read.records(), problems, items, lines);
        if (problems.isEmpty()) schemeAndLinks(file, items, lines, problems);
        if (items.isEmpty() && dropped.isEmpty() && problems.isEmpty()) {
            problems.add(SuiteProblem.ofFile(file, "the file holds no records"));
        }
        if (!problems.isEmpty()) {
            // Problems are listed in file order, whichever stage found them.
            problems.sort(Comparator.comparingLong(SuiteProblem::line));
            if (problems.size() > MAX_PROBLEMS) {
                int more = problems.size() - MAX_PROBLEMS;
                problems = new ArrayList<>(problems.subList(0, MAX_PROBLEMS));
                problems.add(SuiteProblem.ofFile(file, more + " more problems not listed; fix these first"));
            }
            throw new SuiteFormatException(problems);
        }
        return new Loaded(new Suite(name, items), intima ? Source.INTIMA : eudaimonia ? Source.EUDAIMONIA : Source.PARASOL, lines, dropped);
    }

    public static Suite builtIn(String name) throws IOException {
        String resource = "/suites/" + name + ".jsonl";
        try (InputStream in = SuiteFiles.class.getResourceAsStream(resource)) {
            if (in == null) throw new NoSuchFileException(resource, null, "built-in suite missing from the jar");
            Path label = Path.of("builtin:" + name);
            // Same checks as a user's file: the built-in suites hold no exceptions to the format.
            String text = SuiteText.decode(label, in.readAllBytes());
            return fromRecords(name, label, RecordReader.readJsonLines(label, text), Unmapped.KEEP).suite();
        } catch (SuiteFormatException e) {
            throw new IllegalStateException("built-in suite " + name + " is invalid:\n" + e.getMessage(), e);
        }
    }

    private static void fromParasol(Path file, List<RecordReader.SourceRecord> records, List<SuiteProblem> problems,
                                    List<Item> items, List<Long> lines) {
        Map<String, Long> seen = new HashMap<>();
        for (RecordReader.SourceRecord rec : records) {
            ObjectNode f = rec.fields();
            long line = rec.line();
            List<SuiteProblem> found = new ArrayList<>();
            for (Iterator<String> it = f.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!PARASOL_FIELDS.contains(k)) {
                    String hint = Suggest.closest(k, PARASOL_FIELDS).map(s -> "did you mean '" + s + "'? ").orElse("");
                    found.add(new SuiteProblem(file, line, k, "unknown field (" + hint + "expected one of " + PARASOL_FIELDS + ")"));
                }
            }
            String id = string(file, rec, "id", found);
            if (id == null || id.isBlank()) {
                if (!listed(found, "id")) found.add(new SuiteProblem(file, line, "id", "missing"));
            } else if (seen.containsKey(id)) {
                found.add(new SuiteProblem(file, line, "id", "duplicate id '" + id + "' (first on line " + seen.get(id) + ")"));
            } else {
                seen.put(id, line);
            }

            List<Turn> turns = turns(file, rec, found);
            String code = string(file, rec, "code", found);
            List<String> measure = f.has("measure") ? requirements(file, rec, "measure", found) : List.of();
            String variantOf = string(file, rec, "variant_of", found);
            Category category = null;
            String categoryText = string(file, rec, "category", found);
            if (categoryText != null) {
                try { category = Category.parse(categoryText); }
                catch (IllegalArgumentException e) { found.add(new SuiteProblem(file, line, "category", e.getMessage())); }
            }
            if (f.has("measure")) {
                if (code != null) found.add(new SuiteProblem(file, line, "code", "give code (an INTIMA item) or measure (a Design Code item), not both"));
                if (category != null) found.add(new SuiteProblem(file, line, "category", "a Design Code item (measure) has no INTIMA category"));
            } else if (code == null || code.isBlank()) {
                if (!listed(found, "code")) found.add(new SuiteProblem(file, line, "code", "missing (or give measure: the Design Code requirements the item checks)"));
            } else if (!IntimaScheme.isKnown(code) && category != Category.UNMAPPED) {
                String hint = IntimaScheme.suggest(code).map(s -> "did you mean '" + s + "'? ").orElse("");
                found.add(new SuiteProblem(file, line, "code", "unknown behaviour code '" + code + "' (" + hint
                        + "not one of the 31 INTIMA codes, which parasol suites --codes lists; set \"category\": \"unmapped\" to keep it)"));
            } else if (category != null && IntimaScheme.isKnown(code) && category != IntimaScheme.categoryOf(code)) {
                found.add(new SuiteProblem(file, line, "category", "'" + category.title() + "' does not match code '" + code
                        + "', which is in " + IntimaScheme.categoryOf(code).title()));
            }
            Integer vulnerability = vulnerability(file, rec, found);
            Provenance provenance = Provenance.AUTHORED;
            String provenanceText = string(file, rec, "provenance", found);
            if (provenanceText != null) {
                try { provenance = Provenance.parse(provenanceText); }
                catch (IllegalArgumentException e) { found.add(new SuiteProblem(file, line, "provenance", e.getMessage())); }
            }
            String source = string(file, rec, "source", found);
            // The reader has already reported these fields (a duplicate key, an alias); say nothing more about them.
            found.removeIf(p -> p.field() != null && rec.reported().contains(p.field().split("[.\\[]", 2)[0]));
            problems.addAll(found);
            if (found.isEmpty() && rec.reported().isEmpty()) {
                if (f.has("measure")) {
                    items.add(new Item(id, turns, null, null, vulnerability, provenance, source, measure, variantOf));
                } else {
                    String normCode = IntimaScheme.isKnown(code) ? IntimaScheme.normalizeCode(code) : code.trim();
                    items.add(new Item(id, turns, normCode, category != null ? category : IntimaScheme.categoryOf(code),
                            vulnerability, provenance, source, List.of(), variantOf));
                }
                lines.add(line);
            }
        }
    }

    /**
     * A text field's value, or null when it is absent or null. Anything else given for a text field
     * (a number, true/false, a list, an object) is a problem, not converted: {@code id: 5} and
     * {@code source: {…}} are mistakes the author should see.
     */
    private static String string(Path file, RecordReader.SourceRecord rec, String field, List<SuiteProblem> problems) {
        JsonNode n = rec.fields().get(field);
        if (n == null || n.isNull()) return null;
        if (n.isTextual()) return n.asText();
        String hint = n.isNumber() || n.isBoolean() ? " (quote it if it is meant as text: \"" + n.asText() + "\")" : "";
        problems.add(new SuiteProblem(file, rec.line(), field, "must be text, got " + RecordReader.describe(n) + hint));
        return null;
    }

    private static Integer vulnerability(Path file, RecordReader.SourceRecord rec, List<SuiteProblem> problems) {
        JsonNode v = rec.fields().get("vulnerability");
        if (v == null || v.isNull()) return null;
        // A CSV cell is text by nature, so there a digit is the number; in JSON and YAML "2" is text, not a level.
        if (rec.textCells() && v.isTextual() && v.asText().strip().matches("[0-3]")) return Integer.parseInt(v.asText().strip());
        if (v.isIntegralNumber() && v.canConvertToInt() && v.asInt() >= 0 && v.asInt() <= 3) return v.asInt();
        String got = v.isTextual() ? "text \"" + v.asText() + "\"" + (rec.textCells() ? "" : " (write the number without quotes)")
                : RecordReader.describe(v);
        problems.add(new SuiteProblem(file, rec.line(), "vulnerability", "must be an integer 0–3, got " + got));
        return null;
    }

    private static List<Turn> turns(Path file, RecordReader.SourceRecord rec, List<SuiteProblem> problems) {
        ObjectNode f = rec.fields();
        long line = rec.line();
        boolean hasText = f.hasNonNull("text"), hasTurns = f.hasNonNull("turns");
        if (hasText == hasTurns) {
            problems.add(new SuiteProblem(file, line, hasText ? "turns" : "text", hasText
                    ? "give either text or turns, not both" : "missing (give text, or turns for a multi-turn item)"));
            return List.of();
        }
        if (hasText) {
            if (!f.get("text").isTextual() || f.get("text").asText().isBlank()) {
                problems.add(new SuiteProblem(file, line, "text", "must be non-empty text, got "
                        + (f.get("text").isTextual() ? "blank text" : RecordReader.describe(f.get("text")))));
                return List.of();
            }
            return List.of(Turn.user(f.get("text").asText()));
        }
        if (!(f.get("turns") instanceof ArrayNode arr) || arr.isEmpty()) {
            problems.add(new SuiteProblem(file, line, "turns", "must be a non-empty list, got "
                    + (f.get("turns") instanceof ArrayNode ? "an empty list" : RecordReader.describe(f.get("turns")))));
            return List.of();
        }
        // Turns alternate user, assistant, user, …; a list of strings or of {role, text} objects.
        List<Turn> turns = new ArrayList<>();
        int before = problems.size();
        for (int i = 0; i < arr.size(); i++) {
            JsonNode t = arr.get(i);
            Turn.Role expected = i % 2 == 0 ? Turn.Role.USER : Turn.Role.ASSISTANT;
            String where = "turns[" + i + "]", expectedName = expected.name().toLowerCase(Locale.ROOT);
            String text;
            if (t.isTextual()) {
                text = t.asText();
            } else if (t instanceof ObjectNode o) {
                for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
                    String k = it.next();
                    if (!k.equals("role") && !k.equals("text")) {
                        problems.add(new SuiteProblem(file, line, where + "." + k, "unknown key in a turn (expected role and text)"));
                    }
                }
                JsonNode role = o.get("role"), value = o.get("text");
                if (role != null && !role.isNull()) {
                    String r = role.isTextual() ? role.asText().strip().toLowerCase(Locale.ROOT) : null;
                    if (r == null || !(r.equals("user") || r.equals("assistant"))) {
                        problems.add(new SuiteProblem(file, line, where + ".role", "unknown role "
                                + (role.isTextual() ? "'" + role.asText() + "'" : RecordReader.describe(role)) + " (expected user or assistant)"));
                    } else if (!r.equals(expectedName)) {
                        problems.add(new SuiteProblem(file, line, where + ".role", "expected " + expectedName
                                + " here: turns alternate user, assistant, user, … and start with the user"));
                    }
                }
                if (value != null && !value.isNull() && !value.isTextual()) {
                    problems.add(new SuiteProblem(file, line, where + ".text", "must be text, got " + RecordReader.describe(value)));
                    continue;
                }
                text = value == null || value.isNull() ? null : value.asText();
            } else {
                problems.add(new SuiteProblem(file, line, where, "expected text or an object with role and text, got " + RecordReader.describe(t)));
                continue;
            }
            if (text == null || text.isBlank()) {
                problems.add(new SuiteProblem(file, line, where, "expected a non-empty " + expectedName + " turn"));
                continue;
            }
            turns.add(new Turn(expected, text));
        }
        if (problems.size() > before) return List.of();
        if (turns.getLast().role() != Turn.Role.USER) {
            problems.add(new SuiteProblem(file, line, "turns", "must end with a user turn"));
            return List.of();
        }
        return turns;
    }

    private static void fromIntima(Path file, List<RecordReader.SourceRecord> records, Unmapped unmapped,
                                   List<SuiteProblem> problems, List<Item> items, List<Long> lines, Map<String, Integer> dropped) {
        Map<String, Integer> idCounts = new HashMap<>();
        for (RecordReader.SourceRecord rec : records) {
            List<SuiteProblem> found = new ArrayList<>();
            String prompt = string(file, rec, "prompt", found), code = string(file, rec, "code", found), model = string(file, rec, "model", found);
            if ((prompt == null || prompt.isBlank()) && !listed(found, "prompt")) found.add(new SuiteProblem(file, rec.line(), "prompt", "missing or empty"));
            if ((code == null || code.isBlank()) && !listed(found, "code")) found.add(new SuiteProblem(file, rec.line(), "code", "missing or empty"));
            found.removeIf(p -> p.field() != null && rec.reported().contains(p.field()));
            problems.addAll(found);
            if (!found.isEmpty() || !rec.reported().isEmpty()) continue;
            Category category = IntimaScheme.categoryOf(code);
            if (category == Category.UNMAPPED && unmapped == Unmapped.DROP) {
                dropped.merge(code.trim(), 1, Integer::sum);
                continue;
            }
            String normCode = category == Category.UNMAPPED ? code.trim() : IntimaScheme.normalizeCode(code);
            // Ids come from the content, not the row number, so they survive re-ordered or filtered files.
            String base = "intima-" + normCode.replace(' ', '-') + "-" + shortHash(prompt);
            int dup = idCounts.merge(base, 1, Integer::sum);
            String id = dup == 1 ? base : base + "-" + dup;
            String source = "INTIMA" + (model == null || model.isBlank() ? "" : " (prompt written by " + model + ")");
            items.add(new Item(id, List.of(Turn.user(prompt)), normCode, category, null, Provenance.AUTHORED, source));
            lines.add(rec.line());
        }
    }

    /**
     * The EUDAIMONIA format: JSON lines with {@code user_input}, {@code measure} (requirement codes),
     * {@code synthetic} (true = a modified input, false = a real one) and {@code language}. Ids come from the
     * content. The published file does not link a modified input to its original, so imported items carry
     * no pairing (real vs modified is still split).
     */
    private static void fromEudaimonia(Path file, List<RecordReader.SourceRecord> records, List<SuiteProblem> problems,
                                       List<Item> items, List<Long> lines) {
        Map<String, Integer> idCounts = new HashMap<>();
        for (RecordReader.SourceRecord rec : records) {
            List<SuiteProblem> found = new ArrayList<>();
            ObjectNode f = rec.fields();
            for (Iterator<String> it = f.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!EUDAIMONIA_FIELDS.contains(k)) {
                    String hint = Suggest.closest(k, EUDAIMONIA_FIELDS).map(x -> "did you mean '" + x + "'? ").orElse("");
                    found.add(new SuiteProblem(file, rec.line(), k, "unknown field (" + hint + "expected " + EUDAIMONIA_FIELDS + ")"));
                }
            }
            String input = string(file, rec, "user_input", found), language = string(file, rec, "language", found);
            if ((input == null || input.isBlank()) && !listed(found, "user_input")) found.add(new SuiteProblem(file, rec.line(), "user_input", "missing or empty"));
            List<String> measure = f.has("measure") ? requirements(file, rec, "measure", found) : List.of();
            if (!f.has("measure")) found.add(new SuiteProblem(file, rec.line(), "measure", "missing (a list of requirement codes)"));
            JsonNode synthetic = f.get("synthetic");
            if (synthetic == null || !synthetic.isBoolean()) {
                found.add(new SuiteProblem(file, rec.line(), "synthetic", synthetic == null ? "missing (true for a modified input, false for a real one)"
                        : "must be true or false, got " + RecordReader.describe(synthetic)));
            }
            found.removeIf(p -> p.field() != null && rec.reported().contains(p.field()));
            problems.addAll(found);
            if (!found.isEmpty() || !rec.reported().isEmpty()) continue;
            String base = "eudaimonia-" + shortHash(input);
            int dup = idCounts.merge(base, 1, Integer::sum);
            String id = dup == 1 ? base : base + "-" + dup;
            String source = "EUDAIMONIA" + (language == null || language.isBlank() ? "" : " (" + language + ")");
            items.add(new Item(id, List.of(Turn.user(input)), null, null, null, synthetic.asBoolean() ? Provenance.MODIFIED : Provenance.REAL,
                    source, measure, null));
            lines.add(rec.line());
        }
    }

    private static final Set<String> EUDAIMONIA_FIELDS = Collections.unmodifiableSet(new LinkedHashSet<>(
            List.of("user_input", "measure", "synthetic", "language")));

    /** A list of Design Code requirement codes: non-empty, each known, none twice. */
    private static List<String> requirements(Path file, RecordReader.SourceRecord rec, String field, List<SuiteProblem> problems) {
        JsonNode v = rec.fields().get(field);
        if (!(v instanceof ArrayNode arr) || arr.isEmpty()) {
            problems.add(new SuiteProblem(file, rec.line(), field, "must be a non-empty list of Design Code requirement codes, got "
                    + (v instanceof ArrayNode ? "an empty list" : RecordReader.describe(v))));
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            JsonNode c = arr.get(i);
            String where = field + "[" + i + "]";
            if (!c.isTextual()) { problems.add(new SuiteProblem(file, rec.line(), where, "must be text, got " + RecordReader.describe(c))); continue; }
            String code = c.asText().trim();
            if (!DesignCodeScheme.INSTANCE.isKnown(code)) {
                String hint = DesignCodeScheme.INSTANCE.suggest(code).map(x -> "did you mean '" + x + "'? ").orElse("");
                problems.add(new SuiteProblem(file, rec.line(), where, "unknown requirement '" + code + "' (" + hint
                        + "not one of the nine Design Code requirements, which parasol suites --codes lists)"));
            } else if (out.contains(code)) {
                problems.add(new SuiteProblem(file, rec.line(), where, "requirement '" + code + "' given twice"));
            } else {
                out.add(code);
            }
        }
        return out;
    }

    /** A suite is judged under one scheme, and a variant names an item of the same suite. */
    private static void schemeAndLinks(Path file, List<Item> items, List<Long> lines, List<SuiteProblem> problems) {
        if (items.isEmpty()) return;
        String first = items.getFirst().scheme();
        Map<String, Item> byId = new HashMap<>();
        items.forEach(i -> byId.put(i.id(), i));
        for (int k = 0; k < items.size(); k++) {
            Item i = items.get(k);
            if (!i.scheme().equals(first)) {
                problems.add(new SuiteProblem(file, lines.get(k), i.requirements().isEmpty() ? "code" : "measure",
                        "this suite's first item is " + (first.equals(DesignCodeScheme.ID) ? "a Design Code item (measure)" : "an INTIMA item (code)")
                                + "; one suite holds items of one scheme"));
                return;
            }
            if (i.variantOf() != null) {
                Item original = byId.get(i.variantOf());
                if (original == null) problems.add(new SuiteProblem(file, lines.get(k), "variant_of", "no item with id '" + i.variantOf() + "' in this suite"));
                else if (original.variantOf() != null) problems.add(new SuiteProblem(file, lines.get(k), "variant_of", "'" + i.variantOf() + "' is itself a variant; link to the original"));
            }
        }
    }

    /** Whether a field's problem is already listed (a wrong type), so "missing" would only repeat it. */
    private static boolean listed(List<SuiteProblem> found, String field) {
        return found.stream().anyMatch(p -> field.equals(p.field()));
    }

    /** Writes items in Parasol's JSON-lines format (the output of {@code parasol suite import}). */
    public static void writeJsonLines(List<Item> items, Writer out) throws IOException {
        for (Item i : items) {
            ObjectNode o = JSON.createObjectNode();
            o.put("id", i.id());
            if (i.turns().size() == 1) o.put("text", i.turns().getFirst().text());
            else { ArrayNode a = o.putArray("turns"); i.turns().forEach(t -> a.add(t.text())); }
            if (i.code() != null) o.put("code", i.code());
            if (i.category() == Category.UNMAPPED) o.put("category", "unmapped");
            if (!i.requirements().isEmpty()) { ArrayNode m = o.putArray("measure"); i.requirements().forEach(m::add); }
            if (i.variantOf() != null) o.put("variant_of", i.variantOf());
            if (i.vulnerability() != null) o.put("vulnerability", i.vulnerability());
            o.put("provenance", i.provenance().key());
            if (i.source() != null) o.put("source", i.source());
            out.write(JSON.writeValueAsString(o));
            out.write('\n');
        }
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
