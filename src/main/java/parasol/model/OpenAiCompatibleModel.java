package parasol.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import parasol.suite.Turn;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The OpenAI chat-completions wire format ({@code POST {base_url}/chat/completions}), spoken by OpenAI
 * and by vLLM, llama.cpp server, LM Studio, Ollama's /v1 and OpenRouter.
 * Spec parameters: {@code base_url}, {@code timeout_s}, and {@code max_tokens_field} (newer OpenAI
 * reasoning models take {@code max_completion_tokens}).
 */
final class OpenAiCompatibleModel implements ChatModel {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern KEY_LIKE = Pattern.compile("(sk-|Bearer\\s+)[A-Za-z0-9_\\-*.]{4,}");

    private final ModelSpec spec;
    private final URI endpoint;
    private final String apiKey;
    private final String maxTokensField;
    private final Duration timeout;
    private final HttpClient http;

    OpenAiCompatibleModel(ModelSpec spec, String baseUrl, String apiKey) {
        this.spec = spec;
        this.endpoint = URI.create(baseUrl.replaceAll("/+$", "") + "/chat/completions");
        this.apiKey = apiKey;
        this.maxTokensField = spec.param("max_tokens_field", "max_tokens");
        this.timeout = Duration.ofSeconds(Long.parseLong(spec.param("timeout_s", "120")));
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Override
    public ChatReply chat(ChatRequest request) throws ModelException {
        long start = System.nanoTime();
        HttpRequest.Builder http = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(request), StandardCharsets.UTF_8));
        if (apiKey != null && !apiKey.isBlank()) http.header("Authorization", "Bearer " + apiKey);
        HttpResponse<String> response;
        try {
            response = this.http.send(http.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ModelException(spec + ": no answer from " + endpoint + " (" + redact(String.valueOf(e.getMessage())) + ")", 0, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException(spec + ": interrupted", 0, false);
        }
        long latency = (System.nanoTime() - start) / 1_000_000;
        int status = response.statusCode();
        if (status / 100 != 2) {
            boolean retryable = status == 408 || status == 409 || status == 429 || status >= 500;
            throw new ModelException(spec + ": HTTP " + status + " " + errorMessage(response.body()), status, retryable);
        }
        return parse(response.body(), latency);
    }

    private String body(ChatRequest request) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", spec.model());
        ArrayNode messages = body.putArray("messages");
        if (request.system() != null && !request.system().isBlank()) {
            messages.addObject().put("role", "system").put("content", request.system());
        }
        for (Turn t : request.turns()) {
            messages.addObject().put("role", t.role() == Turn.Role.USER ? "user" : "assistant").put("content", t.text());
        }
        body.put("temperature", request.temperature());
        body.put(maxTokensField, request.maxTokens());
        if (request.seed() != null) body.put("seed", request.seed());
        return body.toString();
    }

    private ChatReply parse(String body, long latency) throws ModelException {
        try {
            JsonNode root = JSON.readTree(body);
            if (root.has("error")) throw new ModelException(spec + ": " + errorMessage(body), 200, false);
            JsonNode choice = root.path("choices").path(0);
            if (choice.isMissingNode()) throw new ModelException(spec + ": answer has no choices", 200, true);
            JsonNode message = choice.path("message");
            String text = message.path("content").isTextual() ? message.path("content").asText()
                    : message.path("refusal").isTextual() ? message.path("refusal").asText() : null;
            if (text == null) throw new ModelException(spec + ": answer has no message content", 200, true);
            JsonNode usage = root.path("usage");
            return new ChatReply(text, choice.path("finish_reason").asText(null),
                    usage.has("prompt_tokens") ? usage.get("prompt_tokens").asInt() : null,
                    usage.has("completion_tokens") ? usage.get("completion_tokens").asInt() : null,
                    root.path("model").asText(spec.model()), latency);
        } catch (IOException e) {
            throw new ModelException(spec + ": answer is not JSON (" + abbreviate(body) + ")", 200, true);
        }
    }

    /** The message of an OpenAI error body ({"error":{...}}) or of vLLM's flat one ({"object":"error",…}). */
    private String errorMessage(String body) {
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode err = root.has("error") && root.get("error").isObject() ? root.get("error") : root;
            String message = err.path("message").asText(null);
            if (message == null && root.path("error").isTextual()) message = root.get("error").asText();
            if (message != null) {
                String type = err.path("type").asText("");
                String code = err.path("code").isNull() ? "" : err.path("code").asText("");
                String tags = (type + (code.isEmpty() || code.equals(type) ? "" : "/" + code)).replaceAll("^/", "");
                return (tags.isEmpty() ? "" : "[" + tags + "] ") + redact(message);
            }
        } catch (IOException ignored) {
            // fall through to the raw body
        }
        return redact(abbreviate(body));
    }

    private String redact(String text) {
        String out = text;
        if (apiKey != null && apiKey.length() >= 4) out = out.replace(apiKey, "[redacted]");
        return KEY_LIKE.matcher(out).replaceAll("$1[redacted]");
    }

    private static String abbreviate(String s) {
        String flat = s.replaceAll("\\s+", " ").trim();
        return flat.length() <= 300 ? flat : flat.substring(0, 300) + "…";
    }
}
