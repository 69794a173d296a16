package parasol.analysis;

import parasol.judge.Panel;
import parasol.scheme.Category;
import parasol.scheme.DesignCodeScheme;
import parasol.scheme.IntimaScheme;
import parasol.store.StoredFigures;
import parasol.store.StoredFigures.Counts;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The leaderboard across stored runs: one row per model, from the latest run of that model on the chosen
 * suite under the chosen judge — boundary and reinforcing shares (≥ medium) overall and per INTIMA
 * category, the class split, and, when the model has a Design Code run, its violation rate. Every rate is
 * computed from sums the database aggregated ({@link StoredFigures}), with intervals over items. There is
 * no single rank: callers sort by any column.
 */
public record Standings(String suite, String judge, String runId, List<String> suites, List<String> judges, List<String> categories,
                        String designCodeJudge, List<Row> rows) {

    /** One model's figures; {@code designCode} is null when the model has no Design Code run. */
    public record Row(String model, String runId, Rate boundary, Rate reinforcing, Map<String, Rate> boundaryByCategory,
                      Map<String, Rate> reinforcingByCategory, double reinforcingClass, double boundaryClass, double neutralClass,
                      Rate designCode, String designCodeRun) {}

    public Standings {
        suites = List.copyOf(suites);
        judges = List.copyOf(judges);
        categories = List.copyOf(categories);
        rows = List.copyOf(rows);
    }

    /**
     * Wanted suite, judge and run may be null: then the INTIMA suite most models were run on (the latest on
     * a tie), the panel or else the judge with most verdicts, and every run.
     */
    public static Standings of(StoredFigures figures, String wantedSuite, String wantedJudge, String runId) throws SQLException {
        List<StoredFigures.RunRow> runs = figures.runs();
        LinkedHashSet<String> suites = new LinkedHashSet<>();
        for (StoredFigures.RunRow r : runs) if (r.scheme().equals(IntimaScheme.ID)) suites.add(r.suite());
        if (wantedSuite != null && !suites.contains(wantedSuite)) throw new IllegalArgumentException("suite: no INTIMA run on a suite named '" + wantedSuite + "'");
        List<String> judges = figures.judges(IntimaScheme.ID);
        if (wantedJudge != null && !judges.contains(wantedJudge)) throw new IllegalArgumentException("judge: no verdicts by a judge named '" + wantedJudge + "'");
        String judge = wantedJudge != null ? wantedJudge : judges.contains(Panel.ID) ? Panel.ID : judges.isEmpty() ? null : judges.getFirst();
        if (runId != null && runs.stream().noneMatch(r -> r.runId().equals(runId))) throw new IllegalArgumentException("run: no run named '" + runId + "'");
        List<StoredFigures.IntimaGroup> everywhere = judge == null ? List.of() : figures.intima(judge, null, runId);
        String suite = wantedSuite;
        if (suite == null) {
            Map<String, LinkedHashSet<String>> modelsOn = new LinkedHashMap<>();
            for (StoredFigures.IntimaGroup g : everywhere) modelsOn.computeIfAbsent(g.suite(), k -> new LinkedHashSet<>()).add(g.model());
            int most = -1;
            for (var e : modelsOn.entrySet()) if (e.getValue().size() >= most) { most = e.getValue().size(); suite = e.getKey(); }
        }
        LinkedHashSet<String> intimaModels = new LinkedHashSet<>();
        everywhere.forEach(g -> intimaModels.add(g.model()));

        // Per model, the groups of its latest run (runs come oldest first, so a later run replaces an earlier one).
        Map<String, List<StoredFigures.IntimaGroup>> latest = new LinkedHashMap<>();
        if (judge != null && suite != null) {
            Map<String, String> runOfModel = new LinkedHashMap<>();
            String chosen = suite;
            List<StoredFigures.IntimaGroup> groups = everywhere.stream().filter(g -> g.suite().equals(chosen)).toList();
            for (StoredFigures.IntimaGroup g : groups) runOfModel.put(g.model(), g.runId());
            for (StoredFigures.IntimaGroup g : groups) {
                if (g.runId().equals(runOfModel.get(g.model()))) latest.computeIfAbsent(g.model(), m -> new ArrayList<>()).add(g);
            }
        }
        List<String> dcJudges = figures.judges(DesignCodeScheme.ID);
        String dcJudge = dcJudges.contains(Panel.ID) ? Panel.ID : dcJudges.isEmpty() ? null : dcJudges.getFirst();
        Map<String, Counts> designCode = new LinkedHashMap<>();
        Map<String, String> designCodeRun = new LinkedHashMap<>();
        if (dcJudge != null) {
            List<StoredFigures.DesignCodeGroup> groups = figures.designCode(dcJudge, null, null);
            for (StoredFigures.DesignCodeGroup g : groups) designCodeRun.put(g.model(), g.runId());
            for (StoredFigures.DesignCodeGroup g : groups) {
                // Original and modified inputs make up all checks; the per-requirement groups split the same checks again.
                if (g.runId().equals(designCodeRun.get(g.model())) && !g.group().startsWith("req:")) designCode.merge(g.model(), g.violations(), Counts::plus);
            }
        }
        List<String> categories = new ArrayList<>();
        for (Category c : Category.values()) {
            if (latest.values().stream().flatMap(List::stream).anyMatch(g -> g.category().equals(c.name()))) categories.add(c.title());
        }
        List<Row> rows = new ArrayList<>();
        for (var e : latest.entrySet()) {
            Counts b = Counts.ZERO, r = Counts.ZERO;
            long cr = 0, cb = 0, cn = 0;
            Map<String, Rate> bByCat = new LinkedHashMap<>(), rByCat = new LinkedHashMap<>();
            for (StoredFigures.IntimaGroup g : e.getValue()) {
                b = b.plus(g.boundary());
                r = r.plus(g.reinforcing());
                cr += g.reinforcingClass();
                cb += g.boundaryClass();
                cn += g.neutralClass();
                String title = Category.valueOf(g.category()).title();
                bByCat.put(title, rate(g.boundary()));
                rByCat.put(title, rate(g.reinforcing()));
            }
            double total = Math.max(1, cr + cb + cn);
            Counts dc = designCode.get(e.getKey());
            rows.add(new Row(e.getKey(), e.getValue().getFirst().runId(), rate(b), rate(r), bByCat, rByCat, cr / total, cb / total, cn / total,
                    dc == null ? null : rate(dc), designCodeRun.get(e.getKey())));
        }
        // Models with only Design Code runs still get a row — on the unfiltered leaderboard only: they belong to no INTIMA suite or run.
        for (var e : (wantedSuite == null && runId == null ? designCode : Map.<String, Counts>of()).entrySet()) {
            if (intimaModels.contains(e.getKey())) continue;
            Rate empty = Rate.wilson(0, 0);
            rows.add(new Row(e.getKey(), null, empty, empty, Map.of(), Map.of(), Double.NaN, Double.NaN, Double.NaN, rate(e.getValue()), designCodeRun.get(e.getKey())));
        }
        rows.sort(Comparator.comparing((Row x) -> Double.isNaN(x.boundary().rate()) ? 1 : 0)
                .thenComparing(Comparator.comparingDouble((Row x) -> Double.isNaN(x.boundary().rate()) ? 0 : x.boundary().rate()).reversed())
                .thenComparing(Row::model));
        return new Standings(suite, judge, runId, List.copyOf(suites), judges, categories, dcJudge, rows);
    }

    /** The Design Code leaderboard: per model (its latest Design Code run under the judge, or one chosen run), all checks, original and modified inputs, each requirement. */
    public record DesignCodeRow(String model, String runId, Rate all, Rate original, Rate modified, Map<String, Rate> byRequirement) {}

    /** {@code runId} is null for "each model's latest run"; {@code runs} are the Design Code runs one can choose instead. */
    public record DesignCodeBoard(String judge, List<String> judges, String runId, List<String> runs, List<String> requirements, List<DesignCodeRow> rows) {
        /** The row of one model, if it is on the board. */
        public java.util.Optional<DesignCodeRow> row(String model) { return rows.stream().filter(r -> r.model().equals(model)).findFirst(); }
    }

    /** Rows go from the fewest violations; the order is not a rank. {@code runId} null: each model's latest Design Code run. */
    public static DesignCodeBoard designCode(StoredFigures figures, String wantedJudge, String runId) throws SQLException {
        List<String> judges = figures.judges(DesignCodeScheme.ID);
        List<String> runs = figures.runs().stream().filter(r -> DesignCodeScheme.ID.equals(r.scheme())).map(StoredFigures.RunRow::runId).toList().reversed();
        if (wantedJudge != null && !judges.contains(wantedJudge)) throw new IllegalArgumentException("judge: no Design Code verdicts by a judge named '" + wantedJudge + "'");
        if (runId != null && !runs.contains(runId)) throw new IllegalArgumentException("run: no Design Code run named '" + runId + "'");
        String judge = wantedJudge != null ? wantedJudge : judges.contains(Panel.ID) ? Panel.ID : judges.isEmpty() ? null : judges.getFirst();
        List<String> requirements = DesignCodeScheme.INSTANCE.requirements().stream().map(DesignCodeScheme.Requirement::code).toList();
        if (judge == null) return new DesignCodeBoard(null, judges, runId, runs, requirements, List.of());
        List<StoredFigures.DesignCodeGroup> groups = figures.designCode(judge, null, runId);
        Map<String, String> runOf = new LinkedHashMap<>();
        for (StoredFigures.DesignCodeGroup g : groups) runOf.put(g.model(), g.runId());
        Map<String, Map<String, Counts>> byModel = new LinkedHashMap<>();
        for (StoredFigures.DesignCodeGroup g : groups) {
            if (g.runId().equals(runOf.get(g.model()))) byModel.computeIfAbsent(g.model(), m -> new LinkedHashMap<>()).put(g.group(), g.violations());
        }
        List<DesignCodeRow> rows = new ArrayList<>();
        for (var e : byModel.entrySet()) {
            Map<String, Counts> g = e.getValue();
            Counts original = g.getOrDefault("original", Counts.ZERO), modified = g.getOrDefault("modified", Counts.ZERO);
            Map<String, Rate> perRequirement = new LinkedHashMap<>();
            for (String r : requirements) if (g.containsKey("req:" + r)) perRequirement.put(r, rate(g.get("req:" + r)));
            rows.add(new DesignCodeRow(e.getKey(), runOf.get(e.getKey()), rate(original.plus(modified)), rate(original), rate(modified), perRequirement));
        }
        rows.sort(Comparator.comparingDouble((DesignCodeRow r) -> r.all().rate()).thenComparing(DesignCodeRow::model));
        return new DesignCodeBoard(judge, judges, runId, runs, requirements, rows);
    }

    /** A group of a model's page with its two rates. */
    public record GroupRates(String group, Rate boundary, Rate reinforcing) {}

    /** A model's page: per code and per vulnerability level, the label mix, and the trend of boundary-keeping across levels (least squares). */
    public record ModelPage(List<GroupRates> byCode, List<GroupRates> byLevel, List<StoredFigures.LabelLevels> labels, double boundarySlopePerLevel) {}

    public static ModelPage modelPage(StoredFigures figures, String runId, String model, String judge) throws SQLException {
        StoredFigures.ModelDetail d = figures.modelDetail(runId, model, judge);
        List<GroupRates> byCode = d.byCode().stream().map(g -> new GroupRates(g.group(), rate(g.boundary()), rate(g.reinforcing()))).toList();
        List<GroupRates> byLevel = d.byLevel().stream().map(g -> new GroupRates(g.group(), rate(g.boundary()), rate(g.reinforcing()))).toList();
        // Slope of the boundary share on the level, weighted by responses: the direction of INTIMA's key finding for this model.
        double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (GroupRates g : byLevel) {
            double w = g.boundary().n(), x = Double.parseDouble(g.group()), y = g.boundary().rate();
            if (w == 0) continue;
            sw += w; sx += w * x; sy += w * y; sxx += w * x * x; sxy += w * x * y;
        }
        double denominator = sw * sxx - sx * sx;
        double slope = byLevel.size() < 2 || denominator == 0 ? Double.NaN : (sw * sxy - sx * sy) / denominator;
        return new ModelPage(byCode, byLevel, d.labels(), slope);
    }

    static Rate rate(Counts c) { return Rate.fromItemSums(c.items(), c.k(), c.n(), c.kk(), c.kn(), c.nn()); }
}
