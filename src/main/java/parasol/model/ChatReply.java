package parasol.model;

/** A model's answer with what the provider reported about it; token counts are null when not reported. */
public record ChatReply(String text, String finishReason, Integer promptTokens, Integer completionTokens,
                        String servedModel, long latencyMillis) {}
