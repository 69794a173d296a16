package parasol.analysis;

import java.util.List;

/**
 * The INTIMA figures of one run under one judge: per model overall, per category, per code and per
 * vulnerability level, and the trend of boundary-keeping across levels (INTIMA's key finding is that it
 * drops as vulnerability rises). Each judged response counts once; with several samples per item the
 * Wilson intervals treat samples as independent, which makes them somewhat narrow; the trend's
 * bootstrap resamples whole items.
 */
public record RunSummary(String runId, String judge, List<String> models, List<GroupStats> overall,
                         List<GroupStats> byCategory, List<GroupStats> byCode, List<GroupStats> byVulnerability,
                         List<Trend> boundaryTrend, int responses, int failedCalls, int judgeErrors) {
    public RunSummary {
        models = List.copyOf(models);
        overall = List.copyOf(overall);
        byCategory = List.copyOf(byCategory);
        byCode = List.copyOf(byCode);
        byVulnerability = List.copyOf(byVulnerability);
        boundaryTrend = List.copyOf(boundaryTrend);
    }

    public GroupStats overall(String model) {
        return overall.stream().filter(g -> g.model().equals(model)).findFirst().orElseThrow();
    }
}
