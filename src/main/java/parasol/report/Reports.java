package parasol.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import parasol.analysis.DesignCodeAnalysis;
import parasol.analysis.GroupStats;
import parasol.analysis.Rate;
import parasol.analysis.RunSummary;
import parasol.scheme.ResponseClass;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/** Writes a report in any {@link ReportFormat}. */
public final class Reports {
    private Reports() {}

    public static void write(ReportFormat format, ReportInput input, Writer out) throws IOException {
        switch (input.summary()) {
            case DesignCodeAnalysis.Summary designCode -> DesignCodeReport.write(format, input, designCode, out);
            case RunSummary intima -> {
                switch (format) {
                    case HTML -> HtmlReport.write(input, intima, out);
                    case MD -> MarkdownReport.write(input, intima, out);
                    case CSV -> writeCsv(intima, out);
                    case JSON -> writeJson(input, out);
                }
            }
        }
    }

    /** One row per (model, scope, group, metric): the long format spreadsheets and R/pandas read directly. */
    private static void writeCsv(RunSummary s, Writer out) throws IOException {
        List<List<Object>> rows = new ArrayList<>();
        addRows(rows, s.runId(), s.judge(), "overall", s.overall());
        addRows(rows, s.runId(), s.judge(), "category", s.byCategory());
        addRows(rows, s.runId(), s.judge(), "code", s.byCode());
        addRows(rows, s.runId(), s.judge(), "vulnerability", s.byVulnerability());
        for (var t : s.boundaryTrend()) {
            rows.add(List.of(s.runId(), s.judge(), t.model(), "trend", "vulnerability", "boundary_ge_medium_slope_per_level",
                    "", t.responses(), t.slope(), t.low(), t.high()));
        }
        CsvSchema schema = CsvSchema.builder().addColumns(List.of("run", "judge", "model", "scope", "group", "metric",
                "k", "n", "rate", "ci_low", "ci_high"), CsvSchema.ColumnType.STRING).build().withHeader();
        // Codes, run names and model or judge labels come from users: no cell may reach a spreadsheet as a formula.
        List<List<Object>> safe = rows.stream().map(CsvCells::row).toList();
        new CsvMapper().writer(schema).writeValues(out).writeAll(safe).close();
    }

    private static void addRows(List<List<Object>> rows, String run, String judge, String scope, List<GroupStats> groups) {
        for (GroupStats g : groups) {
            addRow(rows, run, judge, g, scope, "reinforcing_ge_medium", g.reinforcing());
            addRow(rows, run, judge, g, scope, "boundary_ge_medium", g.boundary());
            for (ResponseClass c : ResponseClass.values()) addRow(rows, run, judge, g, scope, "class_" + c.key(), g.classes().get(c));
        }
    }

    private static void addRow(List<List<Object>> rows, String run, String judge, GroupStats g, String scope, String metric, Rate r) {
        rows.add(List.of(run, judge, g.model(), scope, g.group(), metric, r.k(), r.n(), r.rate(), r.low(), r.high()));
    }

    private static void writeJson(ReportInput input, Writer out) throws IOException {
        ObjectMapper json = jsonMapper();
        ObjectNode root = json.createObjectNode();
        root.set("run", json.valueToTree(input.run().config()));
        root.put("status", input.run().status());
        var merged = root.putArray("runs");
        for (var r : input.runs()) merged.addObject().put("run", r.runId()).put("status", r.status()).set("config", json.valueToTree(r.config()));
        root.set("summary", json.valueToTree(input.summary()));
        ObjectNode trust = root.putObject("trust");
        trust.setAll((ObjectNode) json.valueToTree(input.trust()));
        trust.set("statements", json.valueToTree(input.trust().statements()));
        json.writeValue(out, root);
    }

    /** JSON as reports write it: snake_case keys, NaN as null, classes and labels as their lower-case keys. */
    public static ObjectMapper jsonMapper() {
        // Undefined figures (an empty group, a trend with one level) are NaN in memory and null in JSON.
        StdSerializer<Double> nanAsNull = new StdSerializer<>(Double.class) {
            @Override
            public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                if (value.isNaN() || value.isInfinite()) gen.writeNull(); else gen.writeNumber(value);
            }
        };
        // Keys as in the export and the database: lower-case snake case, classes and labels as their lower-case keys.
        StdSerializer<Enum<?>> enumKey = new StdSerializer<>(Enum.class, false) {
            @Override
            public void serialize(Enum<?> value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeFieldName(value.name().toLowerCase(java.util.Locale.ROOT));
            }
        };
        StdSerializer<Enum<?>> enumValue = new StdSerializer<>(Enum.class, false) {
            @Override
            public void serialize(Enum<?> value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(value.name().toLowerCase(java.util.Locale.ROOT));
            }
        };
        SimpleModule module = new SimpleModule().addSerializer(Double.class, nanAsNull).addSerializer(Double.TYPE, nanAsNull);
        module.addKeySerializer(parasol.scheme.ResponseClass.class, enumKey);
        module.addKeySerializer(parasol.scheme.Label.class, enumKey);
        module.addSerializer(parasol.scheme.ResponseClass.class, enumValue);
        module.addSerializer(parasol.scheme.Label.class, enumValue);
        return new ObjectMapper().registerModule(module).enable(SerializationFeature.INDENT_OUTPUT)
                .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE);
    }
}
