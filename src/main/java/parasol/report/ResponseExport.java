package parasol.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import parasol.judge.Judgement;
import parasol.store.JudgedResponse;
import parasol.suite.Label;
import parasol.suite.Turn;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Per-response rows, one per (run, item, model, sample, judge) — a response nobody judged (a failed
 * call, a run without a judge) is one row with an empty judge. One record shape, {@link #SCHEMA}, for
 * JSON lines and CSV alike; keys are lower-case snake case, classes and intensities lower-case words.
 */
public final class ResponseExport {
    /** The row shape's name and version: a changed column list is a new version. */
    public static final String SCHEMA = "parasol.response/1";

    /** The columns, in order; the label columns hold none / low / medium / high. */
    public static final List<String> COLUMNS = columns();

    private ResponseExport() {}

    private static List<String> columns() {
        List<String> c = new ArrayList<>(List.of("schema", "run", "item_id", "code", "category", "vulnerability", "provenance", "source",
                "user_text", "turns", "model", "sample", "response", "finish_reason", "error", "error_kind", "http_status", "attempts",
                "cached", "prompt_tokens", "completion_tokens", "latency_ms", "judge", "response_class"));
        for (Label l : Label.values()) c.add(l.key());
        c.addAll(List.of("rationale", "judge_error"));
        return List.copyOf(c);
    }

    /** The rows of one run, in stored order. */
    public static List<Map<String, Object>> rows(String runId, List<JudgedResponse> responses) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (JudgedResponse r : responses) {
            if (r.judgements().isEmpty()) out.add(row(runId, r, null));
            for (Judgement j : r.judgements()) out.add(row(runId, r, j));
        }
        return out;
    }

    private static Map<String, Object> row(String runId, JudgedResponse r, Judgement j) {
        Map<String, Object> m = new LinkedHashMap<>();
        var item = r.item();
        m.put("schema", SCHEMA);
        m.put("run", runId);
        m.put("item_id", item.id());
        m.put("code", item.code());
        m.put("category", item.category().title());
        m.put("vulnerability", item.vulnerability());
        m.put("provenance", item.provenance().key());
        m.put("source", item.source());
        m.put("user_text", item.lastUserText());
        List<Map<String, String>> turns = new ArrayList<>();
        for (Turn t : item.turns()) turns.add(Map.of("role", t.role().name().toLowerCase(Locale.ROOT), "text", t.text()));
        m.put("turns", turns);
        m.put("model", r.model());
        m.put("sample", r.sample());
        m.put("response", r.text());
        var call = r.call();
        m.put("finish_reason", call.finishReason());
        m.put("error", r.error());
        m.put("error_kind", call.errorKind());
        m.put("http_status", call.httpStatus());
        m.put("attempts", call.attempts());
        m.put("cached", call.cached());
        m.put("prompt_tokens", call.promptTokens());
        m.put("completion_tokens", call.completionTokens());
        m.put("latency_ms", call.latencyMillis());
        m.put("judge", j == null ? null : j.judge());
        m.put("response_class", j == null || j.responseClass() == null ? null : j.responseClass().key());
        for (Label l : Label.values()) m.put(l.key(), j == null || !j.ok() ? null : j.scores().get(l).name().toLowerCase(Locale.ROOT));
        m.put("rationale", j == null ? null : j.rationale());
        m.put("judge_error", j == null ? null : j.error());
        return m;
    }

    public static void writeJsonLines(List<Map<String, Object>> rows, Writer out) throws IOException {
        ObjectMapper json = new ObjectMapper().disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
        for (Map<String, Object> row : rows) {
            out.write(json.writeValueAsString(row));
            out.write('\n');
        }
    }

    /** CSV with a header; {@code turns} as a JSON string; every text cell guarded against spreadsheet formulas. */
    public static void writeCsv(List<Map<String, Object>> rows, Writer out) throws IOException {
        ObjectMapper json = new ObjectMapper();
        CsvSchema schema = CsvSchema.builder().addColumns(COLUMNS, CsvSchema.ColumnType.STRING).build().withHeader();
        List<List<Object>> cells = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            List<Object> line = new ArrayList<>();
            for (String c : COLUMNS) {
                Object v = row.get(c);
                line.add(c.equals("turns") ? json.writeValueAsString(v) : v);
            }
            cells.add(CsvCells.row(line));
        }
        new CsvMapper().writer(schema).writeValues(out).writeAll(cells).close();
    }
}
