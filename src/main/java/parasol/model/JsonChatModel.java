package parasol.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import parasol.suite.Turn;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A provider spoken as JSON over HTTP. Subclasses only speak their wire format — request body,
 * answer, error body — and classify their failures; sending, deadlines, wait hints and redaction of
 * keys happen here, once.
 */
abstract class JsonChatModel implements ChatModel {
    protected static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern KEY_LIKE = Pattern.compile("(sk-|Bearer\\s+|key=)[A-Za-z0-9_\\-*.]{4,}");
    private static final Pattern GOOGLE_KEY = Pattern.compile("AIza[0-9A-Za-z_\\-]{20,}");

    protected final ProviderDeclaration.Connection connection;

    JsonChatModel(ProviderDeclaration.Connection connection) { this.connection = connection; }

    /**
     * A classified error read from an error body. {@code retryAfter} is a wait the body itself asks for
     * (Gemini's RetryInfo), or null; the longer of it and the headers' hint wins.
     */
    record ProviderError(FailureKind kind, String message, Duration retryAfter) {
        ProviderError(FailureKind kind, String message) { this(kind, message, null); }
    }

    abstract URI endpoint();

    /** {@code path} under the connection's base URL, whether or not the base ends with a slash. */
    final URI under(String path) { return URI.create(connection.baseUrl().replaceAll("/+$", "") + path); }

    /** Authentication and version headers; empty when the server needs none. */
    abstract Map<String, String> headers();

    abstract ObjectNode body(ChatRequest request);

    /** Reads a 2xx answer; throws {@link ModelException} when it holds no usable answer. */
    abstract ChatReply read(JsonNode root, long latencyMillis) throws ModelException;

    /** Classifies an error answer; {@code root} is null when the body is not JSON. */
    abstract ProviderError error(int status, JsonNode root);

    @Override
    public final ChatReply chat(ChatRequest request) throws ModelException {
        long start = System.nanoTime();
        HttpTransport.Answer answer;
        try {
            answer = HttpTransport.post(endpoint(), headers(), body(request).toString(), connection.timeout(), connection.maxAnswerBytes());
        } catch (ModelException e) {
            throw new ModelException(e.kind(), 0, redact(e.getMessage()), null);
        }
        long latency = (System.nanoTime() - start) / 1_000_000;
        JsonNode root = tryParse(answer.body());
        if (answer.status() / 100 != 2) {
            ProviderError err = error(answer.status(), root);
            // Redact before abbreviating: a key straddling the cut would otherwise leave its first half behind.
            String message = err.message() != null ? redact(err.message()) : abbreviate(redact(answer.body()));
            throw new ModelException(err.kind(), answer.status(), "HTTP " + answer.status() + " " + message,
                    WaitHint.longer(err.retryAfter(), WaitHint.of(answer.headers(), Instant.now())));
        }
        if (root == null) {
            throw new ModelException(FailureKind.MALFORMED_ANSWER, answer.status(), "answer is not JSON (" + abbreviate(redact(answer.body())) + ")");
        }
        return read(root, latency);
    }

    @Override
    public String cacheIdentity() { return connection.identity(); }

    /** {@code Authorization: Bearer KEY}, or no header when there is no key. */
    protected Map<String, String> bearer() {
        return connection.apiKey() == null ? Map.of() : Map.of("Authorization", "Bearer " + connection.apiKey());
    }

    /** The chat "messages" array that OpenAI's format and Ollama's share: system prompt first, then the turns. */
    protected static ArrayNode chatMessages(ChatRequest request) {
        ArrayNode messages = JSON.createArrayNode();
        if (request.system() != null && !request.system().isBlank()) {
            messages.addObject().put("role", "system").put("content", request.system());
        }
        for (Turn t : request.turns()) {
            messages.addObject().put("role", t.role() == Turn.Role.USER ? "user" : "assistant").put("content", t.text());
        }
        return messages;
    }

    protected ModelException malformed(String what) {
        return new ModelException(FailureKind.MALFORMED_ANSWER, 200, "answer " + what);
    }

    /** An error that came inside a 2xx answer, thrown like one that came with an error status. */
    protected ModelException failure(ProviderError err) {
        return new ModelException(err.kind(), 200, redact(err.message()), err.retryAfter());
    }

    /**
     * A reply, unless it is empty for no stated reason: blocked and truncated answers may be empty and are
     * recorded as they are, but an empty "stop" is a provider hiccup worth retrying, not an answer to judge.
     */
    protected ChatReply reply(String text, FinishReason finish, Integer promptTokens, Integer completionTokens,
                              String servedModel, long latency) throws ModelException {
        if (text.isEmpty() && !finish.blocked() && finish != FinishReason.MAX_TOKENS) {
            throw malformed("has no text (finish reason " + finish.key() + ")");
        }
        return new ChatReply(text, finish, promptTokens, completionTokens, servedModel == null ? connection.spec().model() : servedModel, latency);
    }

    /** Removes the key and anything shaped like one; redacts before any truncation so no key is half-cut. */
    protected String redact(String text) {
        if (text == null) return "";
        String out = text;
        String key = connection.apiKey();
        if (key != null && key.length() >= 4) out = out.replace(key, "[redacted]");
        out = GOOGLE_KEY.matcher(out).replaceAll("[redacted]");
        return KEY_LIKE.matcher(out).replaceAll("$1[redacted]");
    }

    protected static Integer intOrNull(JsonNode node) { return node != null && node.isNumber() ? node.asInt() : null; }

    private static JsonNode tryParse(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            return n == null || n.isMissingNode() ? null : n;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    static String abbreviate(String s) {
        String flat = s.replaceAll("\\s+", " ").trim();
        return flat.length() <= 300 ? flat : flat.substring(0, 300) + "…";
    }
}
