package parasol.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.util.Map;

/**
 * The OpenAI chat-completions wire format ({@code POST {base_url}/chat/completions}), spoken by OpenAI
 * and by vLLM, llama.cpp server, LM Studio, Ollama's /v1, OpenRouter and the Hugging Face router.
 */
final class OpenAiCompatibleModel extends JsonChatModel {
    private final String maxTokensField;

    OpenAiCompatibleModel(ProviderDeclaration.Connection connection) {
        super(connection);
        this.maxTokensField = connection.spec().param("max_tokens_field", "max_tokens");
    }

    @Override
    URI endpoint() { return under("/chat/completions"); }

    @Override
    Map<String, String> headers() { return bearer(); }

    @Override
    ObjectNode body(ChatRequest request) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", connection.spec().model());
        body.set("messages", chatMessages(request));
        body.put("temperature", request.temperature());
        body.put(maxTokensField, request.maxTokens());
        if (request.seed() != null) body.put("seed", request.seed());
        return body;
    }

    @Override
    ChatReply read(JsonNode root, long latency) throws ModelException {
        if (root.has("error")) {
            ProviderError e = error(200, root);
            throw new ModelException(e.kind(), 200, redact(e.message()));
        }
        JsonNode choices = root.path("choices");
        if (!choices.isArray() || choices.isEmpty()) throw malformed("has no choices");
        JsonNode choice = choices.get(0);
        JsonNode message = choice.path("message");
        FinishReason finish = finishReason(choice.path("finish_reason").asText(null));
        String text;
        if (message.path("content").isTextual()) {
            text = message.path("content").asText();
        } else if (message.path("refusal").isTextual()) {
            text = message.path("refusal").asText();
            finish = FinishReason.REFUSAL;
        } else if (finish == FinishReason.CONTENT_FILTER) {
            text = "";
        } else {
            throw malformed("has no message content");
        }
        JsonNode usage = root.path("usage");
        return new ChatReply(text, finish, intOrNull(usage.get("prompt_tokens")), intOrNull(usage.get("completion_tokens")),
                root.path("model").asText(connection.spec().model()), latency);
    }

    private static FinishReason finishReason(String raw) {
        if (raw == null) return FinishReason.OTHER;
        return switch (raw) {
            case "stop", "eos" -> FinishReason.STOP;
            case "length" -> FinishReason.MAX_TOKENS;
            case "content_filter" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.OTHER;
        };
    }

    /** OpenAI's envelope ({"error":{message,type,code}}), vLLM's flat one ({"object":"error",…}) or {"error":"text"}. */
    @Override
    ProviderError error(int status, JsonNode root) {
        FailureKind kind = FailureKind.ofStatus(status);
        if (root == null) return new ProviderError(kind, null);
        JsonNode err = root.path("error").isObject() ? root.get("error") : root;
        String message = err.path("message").asText(null);
        if (message == null && root.path("error").isTextual()) message = root.get("error").asText();
        String type = err.path("type").asText("");
        String code = err.path("code").isNull() ? "" : err.path("code").asText("");
        if (code.equals("insufficient_quota") || type.equals("insufficient_quota")) kind = FailureKind.QUOTA_EXHAUSTED;
        else if (code.equals("model_not_found")) kind = FailureKind.NOT_FOUND;
        else if (code.equals("invalid_api_key")) kind = FailureKind.AUTHENTICATION;
        if (message == null) return new ProviderError(kind, null);
        String tags = (type + (code.isEmpty() || code.equals(type) ? "" : "/" + code)).replaceAll("^/", "");
        return new ProviderError(kind, (tags.isEmpty() ? "" : "[" + tags + "] ") + message);
    }
}
