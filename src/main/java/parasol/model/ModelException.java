package parasol.model;

import java.time.Duration;

/**
 * A failed model call with its classification. Messages are built from the provider's error body with
 * any key redacted, so they can be logged and stored. {@code retryAfter} is the wait the provider asked
 * for (Retry-After or its rate-limit reset headers), or null.
 */
public class ModelException extends Exception {
    private final FailureKind kind;
    private final int status;
    private final Duration retryAfter;
    private final int attempts;

    public ModelException(FailureKind kind, int status, String message, Duration retryAfter) {
        this(kind, status, message, retryAfter, 1);
    }

    private ModelException(FailureKind kind, int status, String message, Duration retryAfter, int attempts) {
        super(message);
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
        this.attempts = attempts;
    }

    /** The same failure, marked as the last of {@code attempts} tries. */
    public ModelException afterAttempts(int attempts) {
        return new ModelException(kind, status, getMessage(), retryAfter, attempts);
    }

    /** How many times the call was tried before giving up. */
    public int attempts() { return attempts; }

    public ModelException(FailureKind kind, int status, String message) { this(kind, status, message, null); }

    public FailureKind kind() { return kind; }

    /** HTTP status, or 0 when the call did not get an HTTP answer. */
    public int status() { return status; }

    public boolean retryable() { return kind.retryable(); }

    public Duration retryAfter() { return retryAfter; }

    /** What a failure summary groups by: "rate limited (429)", "connection refused". */
    public String cause() { return kind.description() + (status > 0 ? " (" + status + ")" : ""); }
}
