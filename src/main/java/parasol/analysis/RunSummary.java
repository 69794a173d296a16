package parasol.analysis;

import java.util.List;

/**
 * The INTIMA figures of one run under one judge: per model overall, per category, per code and per
 * vulnerability level. Each judged response counts once; with several samples per item the intervals
 * treat samples as independent, which makes them somewhat narrow.
 */
public record RunSummary(String runId, String judge, List<String> models, List<GroupStats> overall,
                         List<GroupStats> byCategory, List<GroupStats> byCode, List<GroupStats> byVulnerability,
                         int responses, int failedCalls, int judgeErrors) {
    public RunSummary {
        models = List.copyOf(models);
        overall = List.copyOf(overall);
        byCategory = List.copyOf(byCategory);
        byCode = List.copyOf(byCode);
        byVulnerability = List.copyOf(byVulnerability);
    }

    public GroupStats overall(String model) {
        return overall.stream().filter(g -> g.model().equals(model)).findFirst().orElseThrow();
    }
}
