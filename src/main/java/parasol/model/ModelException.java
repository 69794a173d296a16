package parasol.model;

/**
 * A failed model call. Messages are built from the provider's error body with any key redacted, so
 * they can be logged and stored. {@code retryable} marks rate limits, overload and transport errors.
 */
public class ModelException extends Exception {
    private final int status;
    private final boolean retryable;

    public ModelException(String message, int status, boolean retryable) {
        super(message);
        this.status = status;
        this.retryable = retryable;
    }

    /** HTTP status, or 0 when the call did not get an HTTP answer. */
    public int status() { return status; }

    public boolean retryable() { return retryable; }
}
