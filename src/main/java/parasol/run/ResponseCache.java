package parasol.run;

import parasol.model.ChatReply;

import java.util.Optional;

/** Answers already bought, by content address (see {@link CacheKey}). Implemented by the store. */
public interface ResponseCache {
    Optional<ChatReply> find(String key);

    void put(String key, ChatReply reply);

    /** {@code USE} reads and writes; {@code REFRESH} writes fresh answers over old ones; {@code OFF} neither. */
    enum Mode { USE, REFRESH, OFF }

    ResponseCache NONE = new ResponseCache() {
        @Override public Optional<ChatReply> find(String key) { return Optional.empty(); }
        @Override public void put(String key, ChatReply reply) {}
    };
}
