package parasol.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import parasol.suite.Turn;

import java.net.URI;
import java.util.Map;

/** Anthropic's Messages API ({@code POST {base_url}/messages}). */
final class AnthropicModel extends JsonChatModel {
    static final String API_VERSION = "2023-06-01";

    AnthropicModel(ProviderDeclaration.Connection connection) { super(connection); }

    @Override
    URI endpoint() { return under("/messages"); }

    @Override
    Map<String, String> headers() { return Map.of("x-api-key", connection.apiKey(), "anthropic-version", API_VERSION); }

    /** The system prompt is a top-level field, not a message; the API takes no seed, so none is sent. */
    @Override
    ObjectNode body(ChatRequest request) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", connection.spec().model());
        body.put("max_tokens", request.maxTokens());
        if (request.system() != null && !request.system().isBlank()) body.put("system", request.system());
        ArrayNode messages = body.putArray("messages");
        for (Turn t : request.turns()) {
            messages.addObject().put("role", t.role() == Turn.Role.USER ? "user" : "assistant").put("content", t.text());
        }
        body.put("temperature", request.temperature());
        return body;
    }

    @Override
    ChatReply read(JsonNode root, long latency) throws ModelException {
        if ("error".equals(root.path("type").asText())) throw failure(error(200, root));
        JsonNode content = root.path("content");
        if (!content.isArray()) throw malformed("has no content array");
        StringBuilder text = new StringBuilder();
        // Only text blocks are the answer; thinking and other blocks are not shown to the user.
        for (JsonNode block : content) {
            if ("text".equals(block.path("type").asText())) text.append(block.path("text").asText(""));
        }
        JsonNode usage = root.path("usage");
        return reply(text.toString(), finishReason(root.path("stop_reason").asText(null)),
                intOrNull(usage.get("input_tokens")), intOrNull(usage.get("output_tokens")), root.path("model").asText(null), latency);
    }

    private static FinishReason finishReason(String raw) {
        if (raw == null) return FinishReason.OTHER;
        return switch (raw) {
            case "end_turn", "stop_sequence" -> FinishReason.STOP;
            // A full context window cuts the answer short just as max_tokens does.
            case "max_tokens", "model_context_window_exceeded" -> FinishReason.MAX_TOKENS;
            case "refusal" -> FinishReason.REFUSAL;
            default -> FinishReason.OTHER;
        };
    }

    /** {"type":"error","error":{"type","message"}}; the status alone decides when the body is not that. */
    @Override
    ProviderError error(int status, JsonNode root) {
        JsonNode err = root == null ? null : root.path("error");
        if (err == null || !err.isObject()) return new ProviderError(FailureKind.ofStatus(status), null);
        String type = err.path("type").asText("");
        String message = err.path("message").asText("");
        FailureKind kind = switch (type) {
            case "invalid_request_error", "request_too_large" ->
                    message.contains("credit balance") ? FailureKind.QUOTA_EXHAUSTED : FailureKind.BAD_REQUEST;
            case "authentication_error" -> FailureKind.AUTHENTICATION;
            case "permission_error" -> FailureKind.PERMISSION_DENIED;
            case "not_found_error" -> FailureKind.NOT_FOUND;
            case "billing_error" -> FailureKind.QUOTA_EXHAUSTED;
            // A monthly spend limit comes as a rate limit, but waiting minutes will not lift it.
            case "rate_limit_error" -> "enforced_spend_limit_reached".equals(err.path("details").path("error_code").asText())
                    ? FailureKind.QUOTA_EXHAUSTED : FailureKind.RATE_LIMITED;
            case "api_error", "overloaded_error" -> FailureKind.SERVER_ERROR;
            case "timeout_error" -> FailureKind.TIMEOUT;
            default -> FailureKind.ofStatus(status);
        };
        return new ProviderError(kind, (type.isEmpty() ? "" : "[" + type + "] ") + message);
    }
}
