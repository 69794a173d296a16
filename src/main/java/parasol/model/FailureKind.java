package parasol.model;

/**
 * The closed set of reasons a model call fails, shared by every provider. Whether a kind is worth
 * retrying is decided here, once: rate limits, overload, timeouts and broken connections may pass;
 * a bad key, an unknown model or a rejected request never will.
 */
public enum FailureKind {
    RATE_LIMITED("rate limited", true),
    SERVER_ERROR("server error", true),
    TIMEOUT("timed out", true),
    CONNECTION_REFUSED("connection refused", true),
    CONNECTION_LOST("connection lost", true),
    MALFORMED_ANSWER("malformed answer", true),
    OVERSIZE_ANSWER("answer too large", false),
    AUTHENTICATION("authentication failed", false),
    PERMISSION_DENIED("permission denied", false),
    NOT_FOUND("model or endpoint not found", false),
    BAD_REQUEST("request rejected", false),
    QUOTA_EXHAUSTED("quota or credit exhausted", false),
    INTERRUPTED("interrupted", false);

    private final String description;
    private final boolean retryable;

    FailureKind(String description, boolean retryable) {
        this.description = description;
        this.retryable = retryable;
    }

    public String description() { return description; }

    public boolean retryable() { return retryable; }

    public String key() { return name().toLowerCase(); }

    /** The kind an HTTP error status means when the body says nothing more specific. */
    public static FailureKind ofStatus(int status) {
        return switch (status) {
            case 401 -> AUTHENTICATION;
            case 402 -> QUOTA_EXHAUSTED;
            case 403 -> PERMISSION_DENIED;
            case 404 -> NOT_FOUND;
            case 408 -> TIMEOUT;
            case 409, 425 -> SERVER_ERROR;
            case 429 -> RATE_LIMITED;
            default -> status >= 500 ? SERVER_ERROR : BAD_REQUEST;
        };
    }
}
