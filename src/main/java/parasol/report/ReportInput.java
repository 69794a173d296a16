package parasol.report;

import parasol.analysis.RunSummary;
import parasol.store.JudgedResponse;
import parasol.store.RunRecord;

import java.util.List;

/** Everything a report shows: the stored run, its figures and its responses. */
public record ReportInput(RunRecord run, RunSummary summary, List<JudgedResponse> responses) {
    public ReportInput {
        responses = List.copyOf(responses);
    }
}
