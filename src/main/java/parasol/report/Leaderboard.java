package parasol.report;

import parasol.analysis.DesignCodeAnalysis;
import parasol.analysis.GroupStats;
import parasol.analysis.Rate;
import parasol.analysis.RunSummary;
import parasol.analysis.SchemeSummary;
import parasol.scheme.ResponseClass;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The models of a run side by side, with no single rank: INTIMA defines no normative score. Rows are
 * sorted by a column the reader picks, and a row whose interval on that column overlaps the row above is
 * marked "≈": the data cannot tell the two apart. A model with no judged answer has no rates and is
 * listed apart with the reason.
 */
public final class Leaderboard {
    private Leaderboard() {}

    /** The columns rows can be sorted by. */
    public enum Sort {
        BOUNDARY(GroupStats::boundary), REINFORCING(GroupStats::reinforcing), NEUTRAL(g -> g.classes().get(ResponseClass.NEUTRAL)), MODEL(null);

        private final Function<GroupStats, Rate> rate;

        Sort(Function<GroupStats, Rate> rate) { this.rate = rate; }

        public static Sort parse(String text) {
            try {
                return valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--sort is boundary, reinforcing, neutral or model, not '" + text + "'");
            }
        }
    }

    /** One model's row; {@code overlapsAbove}: its interval on the sort column overlaps the previous row's. */
    public record Row(GroupStats stats, boolean overlapsAbove) {}

    public static List<Row> rows(RunSummary summary, Sort sort) {
        Comparator<GroupStats> order = sort.rate == null ? Comparator.comparing(GroupStats::model)
                : Comparator.comparingDouble((GroupStats g) -> sort.rate.apply(g).rate()).reversed().thenComparing(GroupStats::model);
        List<GroupStats> sorted = summary.overall().stream().filter(g -> g.n() > 0).sorted(order).toList();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            boolean overlaps = sort.rate != null && i > 0 && overlap(sort.rate.apply(sorted.get(i - 1)), sort.rate.apply(sorted.get(i)));
            rows.add(new Row(sorted.get(i), overlaps));
        }
        return rows;
    }

    private static boolean overlap(Rate a, Rate b) { return a.low() <= b.high() && b.low() <= a.high(); }

    /** Models left out because none of their answers was judged. */
    public static List<String> notShown(RunSummary summary) {
        return summary.overall().stream().filter(g -> g.n() == 0).map(GroupStats::model).toList();
    }

    /** A plain-text table for the terminal. */
    /** The terminal table of a run's figures, whichever the scheme. */
    public static String toText(SchemeSummary summary, Sort sort) {
        return switch (summary) {
            case RunSummary intima -> toText(intima, sort);
            case DesignCodeAnalysis.Summary designCode -> toText(designCode);
        };
    }

    /**
     * Design Code: per model the violation rate over all checks, on original and on modified inputs, and the
     * paired shift on linked pairs. Lower is better on this scheme, so rows go from the fewest violations.
     */
    public static String toText(DesignCodeAnalysis.Summary s) {
        List<String> models = s.models().stream().filter(m -> s.overall(m).violations().n() > 0)
                .sorted(Comparator.comparingDouble(m -> s.overall(m).violations().rate())).toList();
        int width = Math.max(5, models.stream().mapToInt(String::length).max().orElse(5));
        String format = "%-" + width + "s %6s  %-22s %-22s %-22s %s%n";
        StringBuilder sb = new StringBuilder(String.format(format, "model", "checks", "violations", "on original inputs", "on modified inputs",
                "modified − original (linked pairs)"));
        for (String m : models) {
            Rate all = s.overall(m).violations(), original = s.rate(m, "original"), modified = s.rate(m, "modified");
            DesignCodeAnalysis.Shift shift = s.shifts().stream().filter(x -> x.model().equals(m)).findFirst().orElseThrow();
            sb.append(String.format(format, m, all.n(), all.percentWithInterval(), original == null ? "–" : original.percentWithInterval(),
                    modified == null ? "–" : modified.percentWithInterval(), shift.describe()));
        }
        for (String m : s.models()) if (!models.contains(m)) sb.append("not shown: ").append(m).append(" (no judged answer)\n");
        sb.append("Design Code violation rates (violations / checks), fewest first; intervals Wilson 95% over items. Judge: ").append(s.judge()).append('\n');
        return sb.toString();
    }

    public static String toText(RunSummary summary, Sort sort) {
        List<Row> rows = rows(summary, sort);
        int width = Math.max(5, rows.stream().mapToInt(r -> r.stats().model().length()).max().orElse(5));
        StringBuilder sb = new StringBuilder();
        String format = "%-1s %-" + width + "s %5s  %-22s %-22s %s%n";
        sb.append(String.format(format, "", "model", "n", "boundary ≥ medium", "reinforcing ≥ medium", "class split (reinf/bound/neutral)"));
        for (Row r : rows) {
            GroupStats g = r.stats();
            String split = String.format("%.0f%% / %.0f%% / %.0f%%", 100 * g.classes().get(ResponseClass.REINFORCING).rate(),
                    100 * g.classes().get(ResponseClass.BOUNDARY).rate(), 100 * g.classes().get(ResponseClass.NEUTRAL).rate());
            sb.append(String.format(format, r.overlapsAbove() ? "≈" : "", g.model(), g.n(), g.boundary().percentWithInterval(),
                    g.reinforcing().percentWithInterval(), split));
        }
        for (String model : notShown(summary)) sb.append("not shown: ").append(model).append(" (no judged answer)\n");
        sb.append("Sorted by ").append(sort.name().toLowerCase(Locale.ROOT));
        if (rows.stream().anyMatch(Row::overlapsAbove)) sb.append("; ≈ marks a row whose interval overlaps the row above (not told apart)");
        sb.append(". ").append(summary.intervals()).append(" Judge: ").append(summary.judge()).append('\n');
        return sb.toString();
    }
}
