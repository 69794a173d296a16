package parasol.report;

import parasol.analysis.JudgeTrust;
import parasol.analysis.SchemeSummary;
import parasol.store.JudgedResponse;
import parasol.store.RunRecord;

import java.util.List;

/**
 * Everything a report shows: the stored run, its figures and its responses. A report of several runs on
 * one suite names the first in {@code run} and the rest in {@code others}; their responses are merged.
 */
public record ReportInput(RunRecord run, List<RunRecord> others, SchemeSummary summary, List<JudgedResponse> responses, JudgeTrust trust) {
    public ReportInput {
        others = List.copyOf(others);
        responses = List.copyOf(responses);
    }

    /** A report of one run whose only judge is the summary's, with no gold-set figures known. */
    public ReportInput(RunRecord run, SchemeSummary summary, List<JudgedResponse> responses) {
        this(run, List.of(), summary, responses, JudgeTrust.of(summary.judge(), List.of(summary.judge()), responses, java.util.Map.of(), run.config().scheme()));
    }

    /** Every run in the report, the first first. */
    public List<RunRecord> runs() {
        List<RunRecord> all = new java.util.ArrayList<>();
        all.add(run);
        all.addAll(others);
        return all;
    }
}
