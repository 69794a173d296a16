package parasol.store;

import parasol.run.RunConfig;

import java.time.Instant;

/** A stored run: its parameters, status and totals. */
public record RunRecord(RunConfig config, Instant createdAt, Instant finishedAt, String status,
                        int responses, int failedResponses, int judgements) {
    public String runId() { return config.runId(); }
}
