package parasol.suite;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a file of records (JSON lines, a JSON array, YAML sequence or CSV with a header) into JSON
 * objects, each with the line it starts on. Syntax errors become problems rather than exceptions,
 * so a validator can report all of them.
 */
final class RecordReader {
    record SourceRecord(long line, ObjectNode fields) {}

    record Result(List<SourceRecord> records, List<SuiteProblem> problems) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private RecordReader() {}

    static Result read(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) return readCsv(file);
        if (name.endsWith(".yaml") || name.endsWith(".yml")) return readSequence(file, YAML);
        if (name.endsWith(".parquet")) {
            return new Result(List.of(), List.of(new SuiteProblem(file, 1, null,
                    "Parquet is not read yet; convert the file to JSON lines or CSV")));
        }
        if (firstNonBlankChar(file) == '[') return readSequence(file, JSON);
        return readJsonLines(file);
    }

    private static int firstNonBlankChar(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int c;
            while ((c = r.read()) != -1) if (!Character.isWhitespace(c) && c != '\uFEFF') return c;
            return -1;
        }
    }

    private static Result readJsonLines(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return readJsonLines(r, file);
        }
    }

    /** JSON lines from any reader; {@code file} only names the source in problems. */
    static Result readJsonLines(BufferedReader r, Path file) throws IOException {
        List<SourceRecord> records = new ArrayList<>();
        List<SuiteProblem> problems = new ArrayList<>();
        String line;
        long n = 0;
        while ((line = r.readLine()) != null) {
            n++;
            if (n == 1 && line.startsWith("\uFEFF")) line = line.substring(1); // byte-order mark from some editors
            if (line.isBlank()) continue;
            try {
                JsonNode node = JSON.readTree(line);
                if (node instanceof ObjectNode obj) records.add(new SourceRecord(n, obj));
                else problems.add(new SuiteProblem(file, n, null, "expected a JSON object, found " + node.getNodeType().toString().toLowerCase(Locale.ROOT)));
            } catch (JsonProcessingException e) {
                problems.add(new SuiteProblem(file, n, null, "invalid JSON: " + e.getOriginalMessage()));
            }
        }
        return new Result(records, problems);
    }

    /** A JSON array or a YAML sequence of objects, read as a stream so each record keeps its line. */
    private static Result readSequence(Path file, ObjectMapper mapper) throws IOException {
        List<SourceRecord> records = new ArrayList<>();
        List<SuiteProblem> problems = new ArrayList<>();
        try (JsonParser p = mapper.createParser(file.toFile())) {
            JsonToken first = p.nextToken();
            if (first == null) return new Result(records, problems);
            if (first != JsonToken.START_ARRAY) {
                problems.add(new SuiteProblem(file, p.currentLocation().getLineNr(), null, "expected a list of records"));
                return new Result(records, problems);
            }
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
                long line = p.currentTokenLocation().getLineNr();
                JsonNode node = mapper.readTree(p);
                if (node instanceof ObjectNode obj) records.add(new SourceRecord(line, obj));
                else problems.add(new SuiteProblem(file, line, null, "expected an object, found " + node.getNodeType().toString().toLowerCase(Locale.ROOT)));
            }
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            problems.add(new SuiteProblem(file, line, null, "syntax error: " + e.getOriginalMessage()));
        }
        return new Result(records, problems);
    }

    private static Result readCsv(Path file) throws IOException {
        List<SourceRecord> records = new ArrayList<>();
        List<SuiteProblem> problems = new ArrayList<>();
        CsvMapper csv = new CsvMapper();
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        try (MappingIterator<Map<String, String>> it = csv.readerForMapOf(String.class).with(schema).readValues(file.toFile())) {
            while (true) {
                long line = it.getCurrentLocation().getLineNr();
                try {
                    if (!it.hasNextValue()) break;
                    line = it.getCurrentLocation().getLineNr();
                    Map<String, String> row = it.nextValue();
                    ObjectNode obj = JSON.createObjectNode();
                    row.forEach(obj::put);
                    records.add(new SourceRecord(line, obj));
                } catch (JsonProcessingException e) {
                    long at = e.getLocation() == null ? line : e.getLocation().getLineNr();
                    problems.add(new SuiteProblem(file, at, null, "invalid CSV: " + e.getOriginalMessage()));
                    break;
                }
            }
        }
        return new Result(records, problems);
    }
}
