package parasol.run;

import java.time.Duration;

/**
 * How hard a call is tried: at most {@code attempts} tries and {@code maxWait} in all, exponential
 * backoff with jitter from {@code baseDelay} up to {@code maxDelay} (a provider's own Retry-After wins),
 * and a model is stopped after {@code stopAfter} calls in a row fail for the same reason.
 */
public record CallPolicy(int attempts, Duration maxWait, Duration baseDelay, Duration maxDelay, int stopAfter) {
    public static final CallPolicy DEFAULT = new CallPolicy(10, Duration.ofMinutes(10), Duration.ofSeconds(1), Duration.ofSeconds(60), 8);

    public CallPolicy {
        if (attempts < 1) throw new IllegalArgumentException("--attempts must be at least 1");
        if (maxWait.isNegative() || maxWait.isZero()) throw new IllegalArgumentException("--max-wait must be positive");
        if (stopAfter < 1) throw new IllegalArgumentException("--stop-after must be at least 1");
    }

    public CallPolicy withAttempts(int n) { return new CallPolicy(n, maxWait, baseDelay, maxDelay, stopAfter); }

    public CallPolicy withMaxWait(Duration d) { return new CallPolicy(attempts, d, baseDelay, maxDelay, stopAfter); }

    public CallPolicy withStopAfter(int n) { return new CallPolicy(attempts, maxWait, baseDelay, maxDelay, n); }

    public CallPolicy withDelays(Duration base, Duration max) { return new CallPolicy(attempts, maxWait, base, max, stopAfter); }
}
