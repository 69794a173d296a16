package parasol.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import parasol.suite.Turn;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Google's Gemini API ({@code POST {base_url}/models/{model}:generateContent}). The key travels in the
 * {@code x-goog-api-key} header, never in the URL, so it cannot end up in a logged address.
 */
final class GeminiModel extends JsonChatModel {

    GeminiModel(ProviderDeclaration.Connection connection) { super(connection); }

    @Override
    URI endpoint() {
        String model = connection.spec().model();
        // "models/x" and "tunedModels/x" are already resource names.
        String resource = model.contains("/") ? model : "models/" + model;
        return under("/" + resource + ":generateContent");
    }

    @Override
    Map<String, String> headers() { return Map.of("x-goog-api-key", connection.apiKey()); }

    @Override
    ObjectNode body(ChatRequest request) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode contents = body.putArray("contents");
        for (Turn t : request.turns()) {
            ObjectNode content = contents.addObject().put("role", t.role() == Turn.Role.USER ? "user" : "model");
            content.putArray("parts").addObject().put("text", t.text());
        }
        if (request.system() != null && !request.system().isBlank()) {
            body.putObject("systemInstruction").putArray("parts").addObject().put("text", request.system());
        }
        ObjectNode config = body.putObject("generationConfig");
        config.put("temperature", request.temperature());
        config.put("maxOutputTokens", request.maxTokens());
        if (request.seed() != null) config.put("seed", request.seed());
        return body;
    }

    @Override
    ChatReply read(JsonNode root, long latency) throws ModelException {
        if (root.path("error").isObject()) throw failure(error(200, root));
        JsonNode usage = root.path("usageMetadata");
        Integer promptTokens = intOrNull(usage.get("promptTokenCount"));
        Integer answerTokens = intOrNull(usage.get("candidatesTokenCount"));
        String served = root.path("modelVersion").asText(null);
        JsonNode candidates = root.path("candidates");
        if (!candidates.isArray() || candidates.isEmpty()) {
            // A prompt blocked before generation is the provider's answer to this item, not a failure.
            if (root.path("promptFeedback").hasNonNull("blockReason")) {
                return reply("", FinishReason.CONTENT_FILTER, promptTokens, answerTokens, served, latency);
            }
            throw malformed("has no candidates");
        }
        JsonNode candidate = candidates.get(0);
        StringBuilder text = new StringBuilder();
        for (JsonNode part : candidate.path("content").path("parts")) {
            // Thought summaries of thinking models are not part of the answer.
            if (!part.path("thought").asBoolean(false)) text.append(part.path("text").asText(""));
        }
        return reply(text.toString(), finishReason(candidate.path("finishReason").asText(null)), promptTokens, answerTokens, served, latency);
    }

    private static FinishReason finishReason(String raw) {
        if (raw == null) return FinishReason.OTHER;
        return switch (raw) {
            case "STOP" -> FinishReason.STOP;
            case "MAX_TOKENS" -> FinishReason.MAX_TOKENS;
            case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.OTHER;
        };
    }

    /** Google's {"error":{code, message, status, details[]}}, sometimes wrapped in a one-element array. */
    @Override
    ProviderError error(int status, JsonNode root) {
        JsonNode err = root == null ? null : (root.isArray() ? root.path(0) : root).path("error");
        if (err == null || !err.isObject()) return new ProviderError(FailureKind.ofStatus(status), null);
        String name = err.path("status").asText("");
        String reason = "";
        Duration retryAfter = null;
        for (JsonNode detail : err.path("details")) {
            String type = detail.path("@type").asText("");
            if (type.endsWith("google.rpc.ErrorInfo")) reason = detail.path("reason").asText("");
            if (type.endsWith("google.rpc.RetryInfo")) retryAfter = WaitHint.goDuration(detail.path("retryDelay").asText(""));
        }
        FailureKind kind = switch (name) {
            // A wrong key is reported as a bad argument; only the ErrorInfo reason tells it apart.
            case "INVALID_ARGUMENT", "FAILED_PRECONDITION", "OUT_OF_RANGE" ->
                    reason.startsWith("API_KEY_") ? FailureKind.AUTHENTICATION : FailureKind.BAD_REQUEST;
            case "UNAUTHENTICATED" -> FailureKind.AUTHENTICATION;
            case "PERMISSION_DENIED" -> FailureKind.PERMISSION_DENIED;
            case "NOT_FOUND" -> FailureKind.NOT_FOUND;
            case "RESOURCE_EXHAUSTED" -> FailureKind.RATE_LIMITED;
            case "INTERNAL", "UNAVAILABLE", "ABORTED", "UNKNOWN" -> FailureKind.SERVER_ERROR;
            case "DEADLINE_EXCEEDED" -> FailureKind.TIMEOUT;
            default -> FailureKind.ofStatus(status);
        };
        String tags = name + (reason.isEmpty() ? "" : "/" + reason);
        return new ProviderError(kind, (tags.isEmpty() ? "" : "[" + tags.replaceAll("^/", "") + "] ") + err.path("message").asText(""), retryAfter);
    }
}
