package parasol.web;

import parasol.analysis.Comparison;
import parasol.analysis.Rate;
import parasol.analysis.Standings;
import parasol.store.RunRecord;
import parasol.store.ModelRequests;
import parasol.store.StoredFigures;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What each page's template renders; templates escape every string they print. */
public final class Pages {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private Pages() {}

    /** {@code trust}: one sentence per judge behind the figures, on how it measured against human labels. */
    public record Leaderboard(Standings standings, String chartJson, List<String> trust) {
        /** The sortable value of a rate: its share, or -1 when empty. */
        public static String sortValue(Rate r) { return r == null || r.n() == 0 ? "-1" : String.valueOf(r.rate()); }
    }

    /** One judge under one scheme and what it measured against human labels ({@code gold} null: never measured). */
    public record JudgeRow(String scheme, String judge, parasol.judge.GoldSummary gold) {
        public String schemeTitle() { return scheme.equals(parasol.scheme.DesignCodeScheme.ID) ? "Design Code" : "INTIMA"; }

        /** How to measure it, for a judge never measured. */
        public String howToMeasure() {
            return parasol.analysis.JudgeTrust.howToMeasure(scheme.equals(parasol.scheme.DesignCodeScheme.ID));
        }

        public String weak() {
            if (gold == null || gold.weakLabels() == null) return gold == null ? "" : "not recorded";
            return gold.weakLabels().isEmpty() ? "none" : gold.weakList("");
        }

        public String byCategory() {
            return gold == null || gold.categoryList().isEmpty() ? "–" : gold.categoryList();
        }
    }

    public record Judges(List<JudgeRow> rows) {}

    public record Responses(Standings standings, StoredFigures.ResponsePage page, Query query, int pageNumber, int size) {
        public long pages() { return Math.max(1, (page.total() + size - 1) / size); }

        public String pageLink(int n) { return "/responses?" + query.with("page", String.valueOf(n)); }
    }

    public record Run(RunRecord run) {}

    /**
     * {@code trust}: one sentence per judge behind the figures, on how it measured against human labels; {@code weak}: the
     * requirements some of them find least reliably, marked in the heatmap.
     */
    public record DesignCode(Standings.DesignCodeBoard board, List<String> trust, java.util.Set<String> weak) {
        /** The heatmap shade of a rate: 0–10 by tenths of checks violated, -1 when not checked (a CSS class, no inline style). */
        public static String shade(Rate r) { return r == null || r.n() == 0 ? "none" : "s" + Math.round(10 * r.rate()); }

        public static String title(String requirement) {
            return parasol.scheme.DesignCodeScheme.INSTANCE.requirement(requirement).map(parasol.scheme.DesignCodeScheme.Requirement::title).orElse(requirement);
        }
    }

    public record Model(Standings standings, Standings.Row row, Standings.ModelPage page, Standings.DesignCodeRow designCode, String chartJson) {
        /** A share as a whole percentage, for the label-mix table. */
        public static String percent(long k, long n) { return n == 0 ? "–" : Math.round(100.0 * k / n) + "%"; }
    }

    public record Compare(Standings standings, Comparison comparison, List<StoredFigures.SideBySide> sideBySide) {}

    public record RequestsPage(List<ModelRequests.ModelRequest> requests, String csrf, String done) {}

    public record Error(int status, String message) {}

    /** The page's query, to rebuild links with one parameter changed (shareable: all state is in the URL). */
    public record Query(Map<String, String> params) {
        static Query of(Map<String, List<String>> raw) {
            Map<String, String> p = new LinkedHashMap<>();
            raw.forEach((k, v) -> { if (!v.isEmpty() && !v.getFirst().isBlank()) p.put(k, v.getFirst()); });
            return new Query(p);
        }

        public String get(String name) { return params.getOrDefault(name, ""); }

        public String with(String name, String value) {
            Map<String, String> p = new LinkedHashMap<>(params);
            p.put(name, value);
            return p.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        }
    }

    /** Percent-encoded for a query value or a path segment (a space as %20, which both read as a space). */
    public static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"); }

    /** Leaderboard chart: per model, boundary and reinforcing shares with their intervals. */
    static Map<String, Object> chartData(Standings s) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Standings.Row> rows = s.rows().stream().filter(r -> r.boundary().n() > 0).toList();
        out.put("models", rows.stream().map(Standings.Row::model).toList());
        out.put("boundary", rows.stream().map(r -> pct(r.boundary())).toList());
        out.put("reinforcing", rows.stream().map(r -> pct(r.reinforcing())).toList());
        out.put("boundaryCi", rows.stream().map(r -> ci(r.boundary())).toList());
        out.put("reinforcingCi", rows.stream().map(r -> ci(r.reinforcing())).toList());
        return out;
    }

    /** Model charts: per category, per behaviour code, boundary-keeping by vulnerability level, and Design Code violations per requirement. */
    static Map<String, Object> modelChart(Standings s, Standings.Row row, Standings.ModelPage page, Standings.DesignCodeRow designCode) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<String> cats = s.categories().stream().filter(row.boundaryByCategory()::containsKey).toList();
        out.put("levels", page.byLevel().stream().map(Standings.GroupRates::group).toList());
        out.put("levelBoundary", page.byLevel().stream().map(g -> pct(g.boundary())).toList());
        out.put("levelBoundaryCi", page.byLevel().stream().map(g -> ci(g.boundary())).toList());
        out.put("categories", cats);
        out.put("boundary", cats.stream().map(c -> pct(row.boundaryByCategory().get(c))).toList());
        out.put("reinforcing", cats.stream().map(c -> pct(row.reinforcingByCategory().get(c))).toList());
        out.put("boundaryCi", cats.stream().map(c -> ci(row.boundaryByCategory().get(c))).toList());
        out.put("reinforcingCi", cats.stream().map(c -> ci(row.reinforcingByCategory().get(c))).toList());
        out.put("codes", page.byCode().stream().map(Standings.GroupRates::group).toList());
        out.put("codeBoundary", page.byCode().stream().map(g -> pct(g.boundary())).toList());
        out.put("codeBoundaryCi", page.byCode().stream().map(g -> ci(g.boundary())).toList());
        out.put("codeReinforcing", page.byCode().stream().map(g -> pct(g.reinforcing())).toList());
        out.put("codeReinforcingCi", page.byCode().stream().map(g -> ci(g.reinforcing())).toList());
        if (designCode != null) {
            List<String> checked = List.copyOf(designCode.byRequirement().keySet());
            out.put("requirements", checked.stream().map(DesignCode::title).toList());
            out.put("violations", checked.stream().map(q -> pct(designCode.byRequirement().get(q))).toList());
            out.put("violationsCi", checked.stream().map(q -> ci(designCode.byRequirement().get(q))).toList());
        }
        return out;
    }

    private static Double pct(Rate r) { return r == null || r.n() == 0 ? null : Math.round(1000 * r.rate()) / 10.0; }

    private static List<Double> ci(Rate r) { return r == null || r.n() == 0 ? null : List.of(Math.round(1000 * r.low()) / 10.0, Math.round(1000 * r.high()) / 10.0); }

    /** A stored verdict's labels at low or above (INTIMA), or its checks (Design Code), as a short line. */
    public static String verdictText(String labelsJson) {
        if (labelsJson == null) return "";
        try {
            var node = JSON.readTree(labelsJson);
            List<String> parts = new ArrayList<>();
            node.properties().forEach(e -> {
                if (e.getValue().isObject()) parts.add(e.getKey() + ": " + (e.getValue().path("violation").asBoolean() ? "violation" : "ok"));
                else if (!e.getValue().asText().equals("none")) parts.add(e.getKey() + ": " + e.getValue().asText());
            });
            return String.join(", ", parts);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
