package parasol.store;

import parasol.run.RunConfig;

import java.time.Instant;

/**
 * A stored run: its parameters, status and totals. {@code status} is running, interrupted (its process
 * is gone), stopped (a model kept failing), finished or finished_with_failures; {@code statusDetail}
 * says why when there is more to say. {@code blocked} counts answers a safety filter withheld;
 * {@code cached} the answers served from the response cache rather than bought.
 */
public record RunRecord(RunConfig config, Instant createdAt, Instant finishedAt, String status, String statusDetail,
                        int responses, int failedResponses, int blocked, int cached, int judgements, int judgeErrors) {
    public String runId() { return config.runId(); }

    /** Units not yet stored at all (never called, or lost to a crash). */
    public int pending() { return Math.max(0, config.units() - responses - failedResponses); }
}
