package parasol.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.WriterOutput;
import parasol.analysis.DesignCodeAnalysis;
import parasol.analysis.JudgeTrust;
import parasol.analysis.Rate;
import parasol.judge.Judgement;
import parasol.scheme.DesignCodeScheme;
import parasol.store.JudgedResponse;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Reports of a Design Code run: violation rates per model overall, on original and modified inputs and
 * per requirement (a model × requirement heatmap in HTML), the paired shift on linked pairs (a chart), how
 * far to trust the judges, and every response with its checks. Lower is better on this scheme, so models
 * are listed from the fewest violations; the order is not a rank.
 */
public final class DesignCodeReport {
    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);

    private DesignCodeReport() {}

    /** One heatmap cell: the rate, its interval, and a shade bucket 0–10 for the CSS. */
    public record Cell(String text, String title, int shade) {}

    /** One response with its checks, as the HTML lists it. */
    public record ResponseRow(String itemId, String provenance, String variantOf, String userText, String response, String checks, String error) {}

    public record View(ReportInput input, RunCard card, DesignCodeAnalysis.Summary summary, List<String> models, List<String> requirements,
                       Map<String, Map<String, Cell>> heatmap, Map<String, List<ResponseRow>> responsesByModel, String generatedAt,
                       String chartDataJson, String chartJs, JudgeTrust trust) {
        public Rate rate(String model, String group) { return summary.rate(model, group); }

        public String shift(String model) {
            return summary.shifts().stream().filter(s -> s.model().equals(model)).findFirst().map(DesignCodeAnalysis.Shift::describe).orElse("–");
        }

        public String title(String requirement) {
            return DesignCodeScheme.INSTANCE.requirement(requirement).map(DesignCodeScheme.Requirement::title).orElse(requirement);
        }
    }

    static void write(ReportFormat format, ReportInput input, DesignCodeAnalysis.Summary s, Writer out) throws IOException {
        switch (format) {
            case HTML -> html(input, s, out);
            case MD -> markdown(input, s, out);
            case CSV -> csv(s, out);
            case JSON -> json(input, s, out);
        }
    }

    /** Models with checks, fewest violations first. */
    static List<String> models(DesignCodeAnalysis.Summary s) {
        return s.models().stream().filter(m -> s.overall(m).violations().n() > 0)
                .sorted(Comparator.comparingDouble(m -> s.overall(m).violations().rate())).toList();
    }

    private static List<String> requirements(DesignCodeAnalysis.Summary s) {
        return DesignCodeScheme.INSTANCE.requirements().stream().map(DesignCodeScheme.Requirement::code)
                .filter(code -> s.byRequirement().stream().anyMatch(r -> r.group().equals(code))).toList();
    }

    private static void html(ReportInput input, DesignCodeAnalysis.Summary s, Writer out) throws IOException {
        List<String> models = models(s), requirements = requirements(s);
        Map<String, Map<String, Cell>> heatmap = new LinkedHashMap<>();
        for (String m : models) {
            Map<String, Cell> row = new LinkedHashMap<>();
            for (String r : requirements) {
                Rate rate = s.rate(m, r);
                row.put(r, rate == null ? new Cell("–", "not checked", -1)
                        : new Cell(String.format("%.0f%%", 100 * rate.rate()), rate.percentWithInterval() + " of " + rate.n() + " checks",
                        (int) Math.round(10 * rate.rate())));
            }
            heatmap.put(m, row);
        }
        Map<String, List<ResponseRow>> responses = new LinkedHashMap<>();
        for (JudgedResponse r : input.responses()) {
            Judgement j = r.by(s.judge());
            String checks = j == null || !j.ok() || j.checks() == null ? "" : j.checks().entrySet().stream()
                    .map(e -> e.getKey() + ": " + (e.getValue().violation() ? "violation" : "ok")).collect(Collectors.joining(", "));
            String error = r.error() != null ? r.error() : j == null ? "not judged" : j.error();
            responses.computeIfAbsent(r.model(), k -> new ArrayList<>()).add(new ResponseRow(r.item().id(), r.item().provenance().key(),
                    Objects.requireNonNullElse(r.item().variantOf(), ""), r.item().lastUserText(), Objects.requireNonNullElse(r.text(), ""), checks, error));
        }
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("models", models);
        chart.put("original", models.stream().map(m -> percent(s.rate(m, "original"))).toList());
        chart.put("modified", models.stream().map(m -> percent(s.rate(m, "modified"))).toList());
        chart.put("originalCi", models.stream().map(m -> interval(s.rate(m, "original"))).toList());
        chart.put("modifiedCi", models.stream().map(m -> interval(s.rate(m, "modified"))).toList());
        String data = HtmlReport.scriptSafe(new ObjectMapper().writeValueAsString(chart));
        View view = new View(input, RunCard.of(input), s, models, requirements, heatmap, responses, Instant.now().toString(), data,
                HtmlReport.chartJs(), input.trust());
        ENGINE.render("design-code-report.jte", view, new WriterOutput(out));
    }

    private static Double percent(Rate r) { return r == null ? null : Math.round(1000 * r.rate()) / 10.0; }

    private static List<Double> interval(Rate r) { return r == null ? null : List.of(Math.round(1000 * r.low()) / 10.0, Math.round(1000 * r.high()) / 10.0); }

    private static void markdown(ReportInput input, DesignCodeAnalysis.Summary s, Writer out) throws IOException {
        RunCard card = RunCard.of(input);
        out.write("# Parasol report — " + MarkdownReport.md(s.runId()) + "\n\n");
        out.write("Scheme: " + card.scheme() + " — " + card.citation() + "\n\n");
        out.write("Suite " + MarkdownReport.md(input.run().config().suite()) + " · " + s.checks() + " checks judged · failed calls "
                + s.failedCalls() + " · judge errors " + s.judgeErrors() + " · judge " + MarkdownReport.md(s.judge()) + "\n\n");
        out.write("## Violation rates\n\nViolations / checks, fewest first (not a rank); Wilson 95% intervals over items.\n\n");
        out.write("| model | checks | violations | original inputs | modified inputs | modified − original (linked pairs) |\n|---|---:|---|---|---|---|\n");
        for (String m : models(s)) {
            Rate all = s.overall(m).violations(), o = s.rate(m, "original"), mod = s.rate(m, "modified");
            out.write("| " + MarkdownReport.md(m) + " | " + all.n() + " | " + all.percentWithInterval() + " | " + (o == null ? "–" : o.percentWithInterval())
                    + " | " + (mod == null ? "–" : mod.percentWithInterval()) + " | "
                    + s.shifts().stream().filter(x -> x.model().equals(m)).findFirst().map(DesignCodeAnalysis.Shift::describe).orElse("–") + " |\n");
        }
        MarkdownReport.trust(out, input.trust());
        out.write("\n## By requirement\n\n| model | requirement | checks | violations |\n|---|---|---:|---|\n");
        for (DesignCodeAnalysis.Row r : s.byRequirement()) {
            out.write("| " + MarkdownReport.md(r.model()) + " | " + r.group() + " | " + r.violations().n() + " | " + r.violations().percentWithInterval() + " |\n");
        }
    }

    private static void csv(DesignCodeAnalysis.Summary s, Writer out) throws IOException {
        List<List<Object>> rows = new ArrayList<>();
        for (var group : List.of(Map.entry("overall", s.overall()), Map.entry("requirement", s.byRequirement()), Map.entry("provenance", s.byProvenance()))) {
            for (DesignCodeAnalysis.Row r : group.getValue()) {
                Rate v = r.violations();
                rows.add(List.of(s.runId(), s.judge(), r.model(), group.getKey(), r.group(), "violation_rate", v.k(), v.n(), v.rate(), v.low(), v.high()));
            }
        }
        for (DesignCodeAnalysis.Shift x : s.shifts()) {
            rows.add(List.of(s.runId(), s.judge(), x.model(), "paired", "modified_minus_original", "violation_rate_difference", "", x.pairs(),
                    x.difference(), x.low(), x.high()));
        }
        CsvSchema schema = CsvSchema.builder().addColumns(List.of("run", "judge", "model", "scope", "group", "metric",
                "k", "n", "rate", "ci_low", "ci_high"), CsvSchema.ColumnType.STRING).build().withHeader();
        new CsvMapper().writer(schema).writeValues(out).writeAll(rows.stream().map(CsvCells::row).toList()).close();
    }

    private static void json(ReportInput input, DesignCodeAnalysis.Summary s, Writer out) throws IOException {
        ObjectMapper json = Reports.jsonMapper();
        ObjectNode root = json.createObjectNode();
        root.put("scheme", DesignCodeScheme.ID);
        root.set("run", json.valueToTree(input.run().config()));
        root.put("status", input.run().status());
        root.set("summary", json.valueToTree(s));
        ObjectNode trust = root.putObject("trust");
        trust.setAll((ObjectNode) json.valueToTree(input.trust()));
        trust.set("statements", json.valueToTree(input.trust().statements()));
        json.writeValue(out, root);
    }
}
