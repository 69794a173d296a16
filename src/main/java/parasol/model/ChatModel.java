package parasol.model;

/** One model behind one provider. Implementations are thread-safe: runs call them concurrently. */
public interface ChatModel {
    ChatReply chat(ChatRequest request) throws ModelException;
}
