package parasol.suite;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.reader.ReaderException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a file of records (JSON lines, a JSON array, YAML sequence or CSV with a header) into JSON
 * objects, each with the line it starts on. Syntax errors become problems rather than exceptions,
 * so a validator can report all of them; and nothing is dropped or guessed without a problem:
 * content after the records, duplicate keys, YAML aliases and values a plain tree reader would
 * quietly turn into text are all reported with their line.
 */
final class RecordReader {
    /**
     * One record. {@code reported} holds the top-level fields the reader already found fault with,
     * so validation does not pile a second, confusing message on them. {@code textCells} is set for
     * CSV, where every value is text by nature and numbers arrive as digits.
     */
    record SourceRecord(long line, ObjectNode fields, Set<String> reported, boolean textCells) {
        SourceRecord(long line, ObjectNode fields) { this(line, fields, Set.of(), false); }
    }

    record Result(List<SourceRecord> records, List<SuiteProblem> problems) {}

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonFactory JSON = new JsonFactory();
    private static final YAMLFactory YAML = yamlFactory();
    private static final CsvFactory CSV = new CsvFactory();

    private static YAMLFactory yamlFactory() {
        LoaderOptions options = new LoaderOptions();
        // SnakeYAML's default 3 MB cap would reject large suites the other formats accept.
        options.setCodePointLimit((int) SuiteText.MAX_BYTES);
        return YAMLFactory.builder().loaderOptions(options)
                // YAML 1.2: yes/no/on/off are text, so `text: yes` is not silently a boolean.
                .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
                // On by default in a plain YAMLFactory but not in the builder: `vulnerability:` with no value is absent.
                .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
                .build();
    }

    private RecordReader() {}

    static Result read(Path file) throws SuiteFormatException {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".parquet")) {
            throw new SuiteFormatException(List.of(SuiteProblem.ofFile(file,
                    "Parquet is not read yet; convert the file to JSON lines or CSV")));
        }
        return read(file, SuiteText.read(file));
    }

    /** Records from already decoded text; {@code file} names the source in problems and picks the format. */
    static Result read(Path file, String text) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) return readCsv(file, text);
        if (name.endsWith(".yaml") || name.endsWith(".yml")) return readSequence(file, text, YAML, "YAML");
        if (firstNonBlankChar(text) == '[') return readSequence(file, text, JSON, "JSON");
        return readJsonLines(file, text);
    }

    private static int firstNonBlankChar(String text) {
        for (int i = 0; i < text.length(); i++) if (!Character.isWhitespace(text.charAt(i))) return text.charAt(i);
        return -1;
    }

    /** JSON lines: each non-blank line holds exactly one JSON object. */
    static Result readJsonLines(Path file, String text) {
        List<SourceRecord> records = new ArrayList<>();
        List<SuiteProblem> problems = new ArrayList<>();
        long n = 0;
        for (String line : (Iterable<String>) text.lines()::iterator) {
            n++;
            if (line.isBlank()) continue;
            // The parser sees one line, so its line numbers are offset to the file's.
            TreeBuilder tree = new TreeBuilder(file, problems, n, n - 1);
            try (JsonParser p = JSON.createParser(line)) {
                p.nextToken();
                JsonNode node = tree.value(p, "");
                JsonToken after;
                try {
                    after = p.nextToken();
                } catch (JsonProcessingException e) {
                    problems.add(new SuiteProblem(file, n, null, "unexpected text after the record: " + jacksonMessage(e, true)));
                    continue;
                }
                if (after != null) {
                    problems.add(new SuiteProblem(file, n, null, after == JsonToken.START_OBJECT
                            ? "a second record on the same line (JSON lines holds one record per line)"
                            : "unexpected text after the record at column " + p.currentTokenLocation().getColumnNr()));
                    continue;
                }
                if (node instanceof ObjectNode obj) records.add(new SourceRecord(n, obj, tree.reported, false));
                else if (node != null) problems.add(new SuiteProblem(file, n, null, "expected a JSON object, found " + describe(node)));
            } catch (JsonProcessingException e) {
                String hint = e.getOriginalMessage() != null && e.getOriginalMessage().contains("end-of-input")
                        ? " (JSON lines needs each record whole on one line)" : "";
                problems.add(new SuiteProblem(file, n, null, "invalid JSON: " + jacksonMessage(e, true) + hint));
            } catch (IOException | RuntimeException e) {
                problems.add(new SuiteProblem(file, n, null, "invalid JSON: " + reason(e)));
            }
        }
        return new Result(records, problems);
    }

    /** A JSON array or a YAML sequence of objects, read as a stream so each record keeps its line. */
    private static Result readSequence(Path file, String text, JsonFactory factory, String format) {
        List<SourceRecord> records = new ArrayList<>();
        List<SuiteProblem> problems = new ArrayList<>();
        try (JsonParser p = factory.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) return new Result(records, problems);
            if (first != JsonToken.START_ARRAY) {
                long line = p.currentTokenLocation().getLineNr();
                problems.add(new SuiteProblem(file, line, null, "expected a list of records at the top level, found "
                        + (first == JsonToken.START_OBJECT ? "a map" + topLevelHint(p, format) : "a single " + tokenKind(first))));
                return new Result(records, problems);
            }
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
                long line = p.currentTokenLocation().getLineNr();
                TreeBuilder tree = new TreeBuilder(file, problems, line, 0);
                JsonNode node = tree.value(p, "");
                if (node instanceof ObjectNode obj) records.add(new SourceRecord(line, obj, tree.reported, false));
                else if (node != null) problems.add(new SuiteProblem(file, line, null, "expected a record (an object), found " + describe(node)));
            }
            // Whatever follows the list would otherwise be ignored without a word.
            JsonToken after = p.nextToken();
            if (after != null && !(after == JsonToken.VALUE_NULL && factory == YAML && p.nextToken() == null)) {
                long line = p.currentTokenLocation().getLineNr();
                problems.add(new SuiteProblem(file, line, null, factory == YAML
                        ? "a second YAML document starts here; put every record in the one list"
                        : "more content after the end of the list; put every record inside the one [ … ]"));
            }
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            String message = jacksonMessage(e, false);
            if (e.getCause() instanceof MarkedYAMLException y && y.getProblem() != null) {
                // SnakeYAML's own message quotes the source with a caret under it; keep just the finding.
                message = y.getProblem() + (y.getContext() == null ? "" : " (" + y.getContext()
                        + (y.getContextMark() == null ? "" : " from line " + (y.getContextMark().getLine() + 1)) + ")");
                if (y.getProblemMark() != null) line = y.getProblemMark().getLine() + 1;
            } else if (e.getCause() instanceof ReaderException r) {
                // SnakeYAML checks characters ahead of parsing, so the parser's location is not where the character is.
                message = String.format(Locale.ROOT, "character U+%04X is not allowed in YAML", r.getCodePoint());
                line = lineOfCodePoint(text, r.getPosition());
            }
            problems.add(new SuiteProblem(file, line, null, format + " syntax error: " + message));
        } catch (IOException | RuntimeException e) {
            // SnakeYAML reports some malformed input with its own unchecked exceptions; it is still bad input.
            problems.add(SuiteProblem.ofFile(file, format + " syntax error: " + reason(e)));
        }
        return new Result(records, problems);
    }

    /** A top-level map usually wraps the list under one key; say which, so the fix is obvious. */
    private static String topLevelHint(JsonParser p, String format) {
        try {
            if (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                if (p.nextToken() == JsonToken.START_ARRAY) {
                    return " whose '" + SuiteProblem.printable(key) + "' holds a list; put the records themselves at the top level";
                }
                return "; in " + format + " a suite is a list of records" + (format.equals("YAML") ? ", each starting with '- '" : " in [ … ]");
            }
        } catch (IOException e) {
            // The hint is optional; the main message stands on its own.
        }
        return "";
    }

    /**
     * CSV with a header line. Rows are read as plain cell lists, so a header that is empty or
     * repeats a column, and a row with more or fewer cells than the header, are reported rather than
     * folded into a map that drops or mis-assigns cells.
     */
    private static Result readCsv(Path file, String text) {
        List<SourceRecord> records = new ArrayList<>();
        List<SuiteProblem> problems = new ArrayList<>();
        try (CsvParser p = CSV.createParser(text)) {
            p.enable(CsvParser.Feature.WRAP_AS_ARRAY);
            if (p.nextToken() != JsonToken.START_ARRAY) return new Result(records, problems);
            List<String> header = null;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.START_ARRAY) {
                List<String> cells = new ArrayList<>();
                long line = -1;
                while ((t = p.nextToken()) == JsonToken.VALUE_STRING) {
                    if (line < 0) line = p.currentTokenLocation().getLineNr();
                    cells.add(p.getText());
                }
                if (cells.isEmpty() || (cells.size() == 1 && cells.getFirst().isBlank())) continue; // blank line
                if (header == null) {
                    header = header(file, line, cells, problems);
                    if (header == null) return new Result(records, problems);
                    continue;
                }
                if (cells.size() != header.size()) {
                    problems.add(new SuiteProblem(file, line, null, "the row has " + cells.size() + " cells but the header has "
                            + header.size() + " columns" + (cells.size() > header.size() ? " (an unquoted comma in a value?)" : "")));
                    continue;
                }
                ObjectNode obj = NODES.objectNode();
                // An empty cell is an absent value, as a JSON record would leave the field out.
                for (int i = 0; i < cells.size(); i++) if (!cells.get(i).isEmpty()) obj.put(header.get(i), cells.get(i));
                records.add(new SourceRecord(line, obj, Set.of(), true));
            }
            if (header == null) problems.add(SuiteProblem.ofFile(file, "the CSV file has no header line (expected column names such as prompt,code,model)"));
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            problems.add(new SuiteProblem(file, line, null, "invalid CSV: " + jacksonMessage(e, false)));
        } catch (IOException | RuntimeException e) {
            problems.add(SuiteProblem.ofFile(file, "invalid CSV: " + reason(e)));
        }
        return new Result(records, problems);
    }

    private static List<String> header(Path file, long line, List<String> cells, List<SuiteProblem> problems) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean ok = true;
        for (int i = 0; i < cells.size(); i++) {
            String name = cells.get(i).strip(); // "prompt, code, model" is a common hand-written header
            if (name.isEmpty()) {
                problems.add(new SuiteProblem(file, line, null, "header column " + (i + 1) + " has no name"));
                ok = false;
            } else if (!seen.add(name)) {
                problems.add(new SuiteProblem(file, line, name, "the header names this column twice"));
                ok = false;
            }
            names.add(name);
        }
        return ok ? names : null;
    }

    private static final Pattern JACKSON_LOCATION = Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)]");

    /** Jackson's message without its source description ("[Source: REDACTED …; line: 1, column: 5]"). */
    private static String jacksonMessage(JsonProcessingException e, boolean oneLineSource) {
        String m = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        // In JSON lines the parser saw a single line, so only the column means anything.
        return JACKSON_LOCATION.matcher(m).replaceAll(oneLineSource ? "column $2" : "line $1, column $2");
    }

    private static long lineOfCodePoint(String text, int codePoints) {
        int end = text.offsetByCodePoints(0, Math.min(codePoints, text.codePointCount(0, text.length())));
        return text.substring(0, end).lines().count() + (end == 0 || text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r' ? 1 : 0);
    }

    private static String reason(Exception e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }

    static String describe(JsonNode n) {
        return switch (n.getNodeType()) {
            case STRING -> "text";
            case NUMBER -> "a number (" + n.asText() + ")";
            case BOOLEAN -> n.asText();
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> n.getNodeType().toString().toLowerCase(Locale.ROOT);
        };
    }

    private static String tokenKind(JsonToken t) {
        return switch (t) {
            case VALUE_STRING -> "text value";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "true/false value";
            case VALUE_NULL -> "null";
            default -> "value";
        };
    }

    /**
     * Builds a tree from the parser's current token, like {@code ObjectMapper.readTree} but reporting
     * what that would silently accept: a repeated key (it keeps the last), a YAML alias (it gives the
     * alias name as text) and YAML-tagged binary values.
     */
    private static final class TreeBuilder {
        final Path file;
        final List<SuiteProblem> problems;
        final long recordLine, lineOffset;
        final Set<String> reported = new HashSet<>();

        TreeBuilder(Path file, List<SuiteProblem> problems, long recordLine, long lineOffset) {
            this.file = file;
            this.problems = problems;
            this.recordLine = recordLine;
            this.lineOffset = lineOffset;
        }

        /** The value at the current token; null (and a problem) when it cannot be taken as written. */
        JsonNode value(JsonParser p, String path) throws IOException {
            JsonToken t = p.currentToken();
            if (t == null) return null;
            if (p instanceof YAMLParser y && y.isCurrentAlias()) {
                report(p, path, "YAML aliases (*" + p.getText() + ") are not supported; write the value out in full");
                return null;
            }
            return switch (t) {
                case START_OBJECT -> object(p, path);
                case START_ARRAY -> {
                    ArrayNode a = NODES.arrayNode();
                    int i = 0;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        JsonNode v = value(p, path + "[" + i++ + "]");
                        a.add(v == null ? NODES.nullNode() : v);
                    }
                    yield a;
                }
                case VALUE_STRING -> NODES.textNode(p.getText());
                case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
                case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDoubleValue());
                case VALUE_TRUE -> NODES.booleanNode(true);
                case VALUE_FALSE -> NODES.booleanNode(false);
                case VALUE_NULL -> NODES.nullNode();
                default -> {
                    report(p, path, "unsupported value (a tagged or binary YAML value); write plain text");
                    yield null;
                }
            };
        }

        private ObjectNode object(JsonParser p, String path) throws IOException {
            ObjectNode o = NODES.objectNode();
            Map<String, Long> keyLines = new HashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName() == null ? "" : p.currentName();
                long line = lineOffset + p.currentTokenLocation().getLineNr();
                String child = path.isEmpty() ? key : path + "." + key;
                p.nextToken();
                JsonNode v = value(p, child);
                Long first = keyLines.putIfAbsent(key, line);
                if (first != null) {
                    reportAt(line, child, "duplicate key (first given on line " + first + "); give each field once");
                } else if (v != null) {
                    o.set(key, v);
                }
            }
            return o;
        }

        private void report(JsonParser p, String path, String message) {
            long line = p.currentTokenLocation().getLineNr();
            reportAt(line > 0 ? lineOffset + line : 0, path, message);
        }

        private void reportAt(long line, String path, String message) {
            problems.add(new SuiteProblem(file, line > 0 ? line : recordLine, path.isEmpty() ? null : path, message));
            if (!path.isEmpty()) reported.add(path.split("[.\\[]", 2)[0]);
        }
    }
}
