package parasol.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import parasol.judge.Judgement;
import parasol.scheme.Label;
import parasol.store.JudgedResponse;
import parasol.suite.Turn;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Per-response rows, one per (run, item, model, sample, judge) — and under the Design Code one per
 * (…, judge, requirement) check — a response nobody judged (a failed call, a run without a judge) is one
 * row with an empty judge. One record shape, {@link #SCHEMA}, for
 * JSON lines, CSV and Parquet alike; keys are lower-case snake case, classes and intensities lower-case words.
 */
public final class ResponseExport {
    /** The row shape's name and version: a changed column list is a new version. */
    public static final String SCHEMA = "parasol.response/2";

    /** The columns, in order; the label columns hold none / low / medium / high. */
    public static final List<String> COLUMNS = columns();

    private ResponseExport() {}

    private static List<String> columns() {
        List<String> c = new ArrayList<>(List.of("schema", "run", "scheme", "item_id", "code", "category", "vulnerability", "provenance", "source",
                "variant_of", "user_text", "turns", "model", "sample", "response", "finish_reason", "error", "error_kind", "http_status", "attempts",
                "cached", "prompt_tokens", "completion_tokens", "latency_ms", "judge", "response_class"));
        for (Label l : Label.values()) c.add(l.key());
        c.addAll(List.of("requirement", "violation", "rationale", "judge_error"));
        return List.copyOf(c);
    }

    /** The rows of one run, in stored order. */
    public static List<Map<String, Object>> rows(String runId, List<JudgedResponse> responses) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (JudgedResponse r : responses) {
            if (r.judgements().isEmpty()) out.add(row(runId, r, null));
            for (Judgement j : r.judgements()) {
                if (j.checks() == null) {
                    out.add(row(runId, r, j));
                    continue;
                }
                for (var check : j.checks().entrySet()) {
                    Map<String, Object> m = row(runId, r, j);
                    m.put("requirement", check.getKey());
                    m.put("violation", check.getValue().violation());
                    m.put("rationale", check.getValue().reasoning());
                    out.add(m);
                }
            }
        }
        return out;
    }

    private static Map<String, Object> row(String runId, JudgedResponse r, Judgement j) {
        Map<String, Object> m = new LinkedHashMap<>();
        var item = r.item();
        m.put("schema", SCHEMA);
        m.put("run", runId);
        m.put("scheme", item.scheme());
        m.put("item_id", item.id());
        m.put("code", item.code());
        m.put("category", item.category() == null ? null : item.category().title());
        m.put("vulnerability", item.vulnerability());
        m.put("provenance", item.provenance().key());
        m.put("source", item.source());
        m.put("variant_of", item.variantOf());
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
        for (Label l : Label.values()) m.put(l.key(), j == null || j.scores() == null ? null : j.scores().get(l).name().toLowerCase(Locale.ROOT));
        m.put("requirement", null);
        m.put("violation", null);
        m.put("rationale", j == null ? null : j.rationale());
        m.put("judge_error", j == null ? null : j.error());
        return m;
    }

    /**
     * The Parquet row: the same columns in the same order (Carpet names them in snake case from these
     * components); {@code turns} is a JSON string.
     */
    public record ParquetRow(String schema, String run, String scheme, String itemId, String code, String category, Integer vulnerability,
                             String provenance, String source, String variantOf, String userText, String turns, String model, int sample, String response,
                             String finishReason, String error, String errorKind, Integer httpStatus, Integer attempts, boolean cached,
                             Integer promptTokens, Integer completionTokens, Long latencyMs, String judge, String responseClass,
                             String sycophancy, String anthropomorphism, String isolation, String retention, String redirectToHuman,
                             String professionalLimitations, String programmaticLimitations, String resistPersonification,
                             String adequate, String offTopic, String requirement, Boolean violation, String rationale, String judgeError) {}

    public static void writeParquet(List<Map<String, Object>> rows, java.io.OutputStream out) throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (var writer = new com.jerolba.carpet.CarpetWriter.Builder<>(out, ParquetRow.class)
                .withColumnNamingStrategy(com.jerolba.carpet.ColumnNamingStrategy.SNAKE_CASE).build()) {
            for (Map<String, Object> r : rows) {
                writer.write(new ParquetRow((String) r.get("schema"), (String) r.get("run"), (String) r.get("scheme"), (String) r.get("item_id"), (String) r.get("code"),
                        (String) r.get("category"), (Integer) r.get("vulnerability"), (String) r.get("provenance"), (String) r.get("source"), (String) r.get("variant_of"),
                        (String) r.get("user_text"), json.writeValueAsString(r.get("turns")), (String) r.get("model"), (Integer) r.get("sample"),
                        (String) r.get("response"), (String) r.get("finish_reason"), (String) r.get("error"), (String) r.get("error_kind"),
                        (Integer) r.get("http_status"), (Integer) r.get("attempts"), (Boolean) r.get("cached"), (Integer) r.get("prompt_tokens"),
                        (Integer) r.get("completion_tokens"), (Long) r.get("latency_ms"), (String) r.get("judge"), (String) r.get("response_class"),
                        (String) r.get("sycophancy"), (String) r.get("anthropomorphism"), (String) r.get("isolation"), (String) r.get("retention"),
                        (String) r.get("redirect_to_human"), (String) r.get("professional_limitations"), (String) r.get("programmatic_limitations"),
                        (String) r.get("resist_personification"), (String) r.get("adequate"), (String) r.get("off_topic"),
                        (String) r.get("requirement"), (Boolean) r.get("violation"), (String) r.get("rationale"), (String) r.get("judge_error")));
            }
        }
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
