package parasol.report;

import parasol.analysis.GroupStats;
import parasol.analysis.RunSummary;
import parasol.suite.ResponseClass;

import java.util.Comparator;
import java.util.List;

/**
 * Models ranked by boundary-keeping (most first), then by reinforcement (least first). A model with no
 * judged answer has no rates and is never ranked: it is listed apart with the reason.
 */
public final class Leaderboard {
    private Leaderboard() {}

    public static List<GroupStats> rank(RunSummary summary) {
        return summary.overall().stream().filter(g -> g.n() > 0)
                .sorted(Comparator.comparingDouble((GroupStats g) -> g.boundary().rate()).reversed()
                        .thenComparingDouble(g -> g.reinforcing().rate()))
                .toList();
    }

    /** Models left out of the ranking because none of their answers was judged. */
    public static List<String> unranked(RunSummary summary) {
        return summary.overall().stream().filter(g -> g.n() == 0).map(GroupStats::model).toList();
    }

    /** A plain-text table for the terminal. */
    public static String toText(RunSummary summary) {
        List<GroupStats> rows = rank(summary);
        int width = Math.max(5, rows.stream().mapToInt(g -> g.model().length()).max().orElse(5));
        StringBuilder sb = new StringBuilder();
        String format = "%-4s %-" + width + "s %5s  %-22s %-22s %s%n";
        sb.append(String.format(format, "rank", "model", "n", "boundary ≥ medium", "reinforcing ≥ medium", "class split (reinf/bound/neutral)"));
        int rank = 1;
        for (GroupStats g : rows) {
            String split = g.n() == 0 ? "–" : String.format("%.0f%% / %.0f%% / %.0f%%",
                    100 * g.classes().get(ResponseClass.REINFORCING).rate(),
                    100 * g.classes().get(ResponseClass.BOUNDARY).rate(),
                    100 * g.classes().get(ResponseClass.NEUTRAL).rate());
            sb.append(String.format(format, rank++, g.model(), g.n(), g.boundary().percentWithInterval(),
                    g.reinforcing().percentWithInterval(), split));
        }
        for (String model : unranked(summary)) sb.append("not ranked: ").append(model).append(" (no judged answer)\n");
        sb.append(summary.intervals()).append(" Judge: ").append(summary.judge()).append('\n');
        return sb.toString();
    }
}
