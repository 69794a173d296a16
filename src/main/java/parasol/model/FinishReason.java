package parasol.model;

/**
 * Why a model stopped, mapped from every provider's own vocabulary onto one closed set. A
 * {@code CONTENT_FILTER} or {@code REFUSAL} answer is an answer, recorded as such: never retried and
 * never mistaken for a failure.
 */
public enum FinishReason {
    STOP, MAX_TOKENS, CONTENT_FILTER, REFUSAL, OTHER;

    public String key() { return name().toLowerCase(); }

    public static FinishReason parse(String key) { return key == null ? null : valueOf(key.toUpperCase()); }

    /** Blocked answers carry no text to judge. */
    public boolean blocked() { return this == CONTENT_FILTER || this == REFUSAL; }
}
