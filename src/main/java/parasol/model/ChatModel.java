package parasol.model;

/** One model behind one provider. Implementations are thread-safe: runs call them concurrently. */
public interface ChatModel {
    ChatReply chat(ChatRequest request) throws ModelException;

    /**
     * Everything about this model that shapes its answers — provider, model, endpoint and answer-shaping
     * parameters — as one canonical string for the response cache; null when answers are not worth caching.
     */
    default String cacheIdentity() { return null; }
}
