package parasol.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.WriterOutput;
import parasol.analysis.GroupStats;
import parasol.analysis.JudgeTrust;
import parasol.analysis.Rate;
import parasol.analysis.RunSummary;
import parasol.judge.Judgement;
import parasol.scheme.Category;
import parasol.scheme.Intensity;
import parasol.scheme.Label;
import parasol.scheme.ResponseClass;
import parasol.store.JudgedResponse;
import parasol.store.RunRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One self-contained HTML file: Chart.js is inlined from its webjar (no CDN, no network), chart data
 * travels as JSON in a non-executed script block, and every piece of model or user text goes through
 * jte's HTML escaping.
 */
public final class HtmlReport {
    private static final String CHART_JS = "/META-INF/resources/webjars/chart.js/4.5.1/dist/chart.umd.min.js";
    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);

    /** One response as the report lists it. */
    public record ResponseRow(String itemId, String code, String category, String vulnerability, String userText,
                              String response, String responseClass, String labels, String error) {}

    /** What the template renders. */
    /** The findings of comparing two models of the report (significant differences only). */
    public record PairFindings(String a, String b, int items, String test, List<String> findings) {}

    public record View(RunRecord run, List<RunRecord> runs, RunCard card, List<PairFindings> comparisons, RunSummary summary, String generatedAt, List<Leaderboard.Row> leaderboard,
                       Map<String, List<ResponseRow>> responsesByModel, String chartDataJson, String chartJs, JudgeTrust trust) {}

    private HtmlReport() {}

    public static void write(ReportInput input, RunSummary s, Writer out) throws IOException {
        View view = new View(input.run(), input.runs(), RunCard.of(input), comparisons(input, s), s, Instant.now().toString(), Leaderboard.rows(s, Leaderboard.Sort.BOUNDARY),
                responsesByModel(input, s.judge()), chartData(s), chartJs(), input.trust());
        ENGINE.render("report.jte", view, new WriterOutput(out));
    }

    private static Map<String, List<ResponseRow>> responsesByModel(ReportInput input, String judge) {
        Map<String, List<ResponseRow>> out = new LinkedHashMap<>();
        for (JudgedResponse r : input.responses()) {
            Judgement j = r.by(judge);
            String labels = j == null || !j.ok() ? "" : j.scores().intensities().entrySet().stream()
                    .filter(e -> e.getValue().atLeast(Intensity.LOW))
                    .map(e -> e.getKey().key() + ": " + e.getValue().key()).collect(Collectors.joining(", "));
            String error = r.error() != null ? r.error() : j == null ? "not judged" : j.error();
            out.computeIfAbsent(r.model(), m -> new ArrayList<>()).add(new ResponseRow(r.item().id(), r.item().code(),
                    r.item().category().title(), r.item().vulnerability() == null ? "–" : String.valueOf(r.item().vulnerability()),
                    r.item().lastUserText(), Objects.requireNonNullElse(r.text(), ""),
                    j == null || !j.ok() ? "" : j.responseClass().key(), labels, error));
        }
        return out;
    }

    /** Chart series as JSON, with {@code <}, {@code >} and {@code &} escaped so no text can close the script block. */
    private static String chartData(RunSummary s) throws JsonProcessingException {
        List<String> categories = new ArrayList<>();
        for (Category c : Category.values()) if (s.byCategory().stream().anyMatch(g -> g.group().equals(c.title()))) categories.add(c.title());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("categories", categories);
        data.put("levels", List.of("0", "1", "2", "3"));
        data.put("boundaryByCategory", series(s, s.byCategory(), categories, true));
        data.put("reinforcingByCategory", series(s, s.byCategory(), categories, false));
        data.put("boundaryByLevel", series(s, s.byVulnerability(), List.of("0", "1", "2", "3"), true));
        data.put("classByCategory", classSplit(s, categories));
        data.put("labelMix", labelMix(s));
        return scriptSafe(new ObjectMapper().writeValueAsString(data));
    }

    /** JSON with {@code <}, {@code >}, {@code &} and the line separators escaped, so no text can close the script block it sits in. */
    static String scriptSafe(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }

    /** One chart series: the share in percent per group, and its Wilson interval for the whiskers. */
    record Series(List<Double> values, List<List<Double>> intervals) {}

    private static Map<String, Series> series(RunSummary s, List<GroupStats> rows, List<String> groups, boolean boundary) {
        Map<String, Series> out = new LinkedHashMap<>();
        for (String model : s.models()) {
            List<Double> values = new ArrayList<>();
            List<List<Double>> intervals = new ArrayList<>();
            for (String g : groups) {
                Rate rate = rows.stream().filter(r -> r.model().equals(model) && r.group().equals(g)).findFirst()
                        .map(r -> boundary ? r.boundary() : r.reinforcing()).filter(r -> r.n() > 0).orElse(null);
                values.add(rate == null ? null : percent(rate.rate()));
                intervals.add(rate == null ? null : List.of(percent(rate.low()), percent(rate.high())));
            }
            out.put(model, new Series(values, intervals));
        }
        return out;
    }

    private static double percent(double share) { return Math.round(1000 * share) / 10.0; }

    /** The three-class split per model and category, as stacked bars: one x position per (model, category). */
    private static Map<String, Object> classSplit(RunSummary s, List<String> categories) {
        List<String> positions = new ArrayList<>();
        Map<String, List<Double>> byClass = new LinkedHashMap<>();
        for (ResponseClass c : ResponseClass.values()) byClass.put(c.key(), new ArrayList<>());
        for (String model : s.models()) {
            for (String category : categories) {
                var row = s.byCategory().stream().filter(g -> g.model().equals(model) && g.group().equals(category) && g.n() > 0).findFirst();
                if (row.isEmpty()) continue;
                positions.add(model + " · " + category);
                for (ResponseClass c : ResponseClass.values()) byClass.get(c.key()).add(percent(row.get().classes().get(c).rate()));
            }
        }
        return Map.of("positions", positions, "classes", byClass);
    }

    /** Per model, per label: the shares at low, medium and high, and the side each label belongs to. */
    private static Map<String, Object> labelMix(RunSummary s) {
        List<String> labels = new ArrayList<>(), sides = new ArrayList<>();
        for (Label l : Label.values()) { labels.add(l.key()); sides.add(l.side().key()); }
        Map<String, Map<String, List<Double>>> models = new LinkedHashMap<>();
        for (var mix : s.labelMix()) {
            var levels = models.computeIfAbsent(mix.model(), m -> new LinkedHashMap<>(Map.of("low", new ArrayList<>(), "medium", new ArrayList<>(), "high", new ArrayList<>())));
            levels.get("low").add(percent(mix.low().rate()));
            levels.get("medium").add(percent(mix.medium().rate()));
            levels.get("high").add(percent(mix.high().rate()));
        }
        return Map.of("labels", labels, "sides", sides, "models", models);
    }

    /** Every pair of models with judged answers (at most 15 pairs), compared on the items both answered. */
    private static List<PairFindings> comparisons(ReportInput input, RunSummary s) {
        List<String> models = s.overall().stream().filter(g -> g.n() > 0).map(GroupStats::model).toList();
        List<PairFindings> out = new ArrayList<>();
        for (int i = 0; i < models.size() && out.size() < 15; i++) {
            for (int j = i + 1; j < models.size() && out.size() < 15; j++) {
                String a = models.get(i), b = models.get(j);
                var c = parasol.analysis.Comparison.of(a, input.responses().stream().filter(r -> r.model().equals(a)).toList(),
                        b, input.responses().stream().filter(r -> r.model().equals(b)).toList(), s.judge());
                if (c.matchedItems() > 0) out.add(new PairFindings(a, b, c.matchedItems(), c.test(), c.findings()));
            }
        }
        return out;
    }

    /** Whether any judged response has a vulnerability level (imported INTIMA prompts have none). */
    public static boolean hasLevels(RunSummary s) { return s.byVulnerability().stream().anyMatch(g -> g.n() > 0); }

    static String chartJs() throws IOException {
        try (InputStream in = HtmlReport.class.getResourceAsStream(CHART_JS)) {
            if (in == null) throw new IOException("Chart.js webjar missing from the class path: " + CHART_JS);
            String js = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // The source-map comment would make browser tools fetch a file the report does not carry.
            return js.replaceAll("//# sourceMappingURL=\\S+", "").replace("</script", "<\\/script");
        }
    }

    /** Labels in order with their definitions, for the legend. */
    public static List<Label> labels() { return List.of(Label.values()); }
}
