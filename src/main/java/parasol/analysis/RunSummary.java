package parasol.analysis;

import java.util.List;

/**
 * The INTIMA figures of one run under one judge: per model overall, per category, per code and per
 * vulnerability level, and the trend of boundary-keeping across levels (INTIMA's key finding is that it
 * drops as vulnerability rises). Items are the unit of sampling throughout: rates with several samples
 * per item get intervals on the effective number of responses, and the trend's bootstrap resamples whole
 * items. {@code intervals} says in one sentence how the intervals were computed.
 */
public record RunSummary(String runId, String judge, List<String> models, List<GroupStats> overall,
                         List<GroupStats> byCategory, List<GroupStats> byCode, List<GroupStats> byVulnerability,
                         List<Trend> boundaryTrend, List<LabelMix> labelMix, int responses, int failedCalls, int judgeErrors,
                         String intervals) implements SchemeSummary {
    public static final String WILSON = "Intervals are Wilson 95% (one response per item).";
    public static final String OVER_ITEMS = "Intervals are Wilson 95% over items: items have several samples, which count as "
            + "correlated (Kish design effect over items), so an interval is never narrower than the items allow.";

    public RunSummary {
        models = List.copyOf(models);
        overall = List.copyOf(overall);
        byCategory = List.copyOf(byCategory);
        byCode = List.copyOf(byCode);
        byVulnerability = List.copyOf(byVulnerability);
        boundaryTrend = List.copyOf(boundaryTrend);
        labelMix = List.copyOf(labelMix);
    }

    public GroupStats overall(String model) {
        return overall.stream().filter(g -> g.model().equals(model)).findFirst().orElseThrow();
    }
}
