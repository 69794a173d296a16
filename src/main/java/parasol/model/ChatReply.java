package parasol.model;

/**
 * A model's answer with what the provider reported about it; token counts are null when not reported.
 * {@code text} is empty (never null) when a safety filter blocked the answer. {@code cached} marks an
 * answer served from the response cache instead of the provider.
 */
public record ChatReply(String text, FinishReason finishReason, Integer promptTokens, Integer completionTokens,
                        String servedModel, long latencyMillis, boolean cached) {

    public ChatReply {
        if (text == null) throw new IllegalArgumentException("a reply has text (empty when blocked)");
    }

    public ChatReply(String text, FinishReason finishReason, Integer promptTokens, Integer completionTokens,
                     String servedModel, long latencyMillis) {
        this(text, finishReason, promptTokens, completionTokens, servedModel, latencyMillis, false);
    }

    public ChatReply fromCache() {
        return new ChatReply(text, finishReason, promptTokens, completionTokens, servedModel, 0, true);
    }
}
