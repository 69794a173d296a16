package parasol.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.util.Map;

/**
 * Ollama's native chat API ({@code POST {base_url}/api/chat}), unstreamed. Native rather than Ollama's
 * /v1 because only here can {@code num_ctx} be set: the default context is small and a longer
 * conversation is silently cut from the front.
 */
final class OllamaModel extends JsonChatModel {
    private final Integer numCtx;

    OllamaModel(ProviderDeclaration.Connection connection) {
        super(connection);
        String n = connection.spec().param("num_ctx", null);
        this.numCtx = n == null ? null : Integer.valueOf(n);
    }

    @Override
    URI endpoint() { return under("/api/chat"); }

    /** Local servers need no key; one behind a proxy or ollama.com takes a bearer token. */
    @Override
    Map<String, String> headers() { return bearer(); }

    @Override
    ObjectNode body(ChatRequest request) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", connection.spec().model());
        body.set("messages", chatMessages(request));
        body.put("stream", false);
        ObjectNode options = body.putObject("options");
        options.put("temperature", request.temperature());
        options.put("num_predict", request.maxTokens());
        if (request.seed() != null) options.put("seed", request.seed());
        if (numCtx != null) options.put("num_ctx", numCtx);
        return body;
    }

    @Override
    ChatReply read(JsonNode root, long latency) throws ModelException {
        // Ollama can report a failure inside a 200 answer, e.g. when the runner dies mid-answer.
        if (root.hasNonNull("error")) throw failure(error(200, root));
        JsonNode content = root.path("message").path("content");
        if (!content.isTextual()) throw malformed("has no message content");
        FinishReason finish = switch (root.path("done_reason").asText("")) {
            case "stop" -> FinishReason.STOP;
            case "length" -> FinishReason.MAX_TOKENS;
            default -> FinishReason.OTHER;
        };
        return reply(content.asText(), finish, intOrNull(root.get("prompt_eval_count")), intOrNull(root.get("eval_count")),
                root.path("model").asText(null), latency);
    }

    /** {"error":"text"}: the status classifies, except that an error inside a 200 is the server's fault. */
    @Override
    ProviderError error(int status, JsonNode root) {
        JsonNode e = root == null ? null : root.get("error");
        String message = e == null || e.isNull() ? null : e.isTextual() ? e.asText() : e.toString();
        FailureKind kind = FailureKind.ofStatus(status);
        if (status / 100 == 2) kind = message != null && message.contains("not found") ? FailureKind.NOT_FOUND : FailureKind.SERVER_ERROR;
        return new ProviderError(kind, message);
    }
}
