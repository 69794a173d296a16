package parasol.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import parasol.model.ChatRequest;
import parasol.suite.Turn;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The content address of a call: SHA-256 over everything that determines the answer — the model's
 * identity (provider, model, endpoint, answer-shaping parameters), system prompt, messages, temperature,
 * answer length and seed (so each sample has its own key).
 */
final class CacheKey {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CacheKey() {}

    static String of(String modelIdentity, ChatRequest request) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", modelIdentity);
        root.put("system", request.system());
        ArrayNode turns = root.putArray("turns");
        for (Turn t : request.turns()) turns.addObject().put("role", t.role().name()).put("text", t.text());
        root.put("temperature", request.temperature());
        root.put("max_tokens", request.maxTokens());
        if (request.seed() == null) root.putNull("seed"); else root.put("seed", request.seed());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(root.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
