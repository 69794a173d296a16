package parasol.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A loopback server speaking the OpenAI chat-completions wire format: it answers
 * {@code POST /v1/chat/completions} with whatever the script returns, and keeps every request.
 */
public final class FakeOpenAiServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger IDS = new AtomicInteger();

    /** What the script answers: an HTTP status, a raw body and any extra response headers. */
    public record Answer(int status, String body, Map<String, String> headers) {
        public Answer(int status, String body) { this(status, body, Map.of()); }
    }

    /** A recorded request: its parsed body and its Authorization header. */
    public record Seen(JsonNode body, String authorization) {}

    private final ScriptedServer server;

    public FakeOpenAiServer(Function<JsonNode, Answer> script) throws IOException {
        server = new ScriptedServer(request -> {
            Answer a = !request.path().equals("/v1/chat/completions") ? new Answer(404, error("Unknown path " + request.path(), "invalid_request_error", null))
                    : "POST".equals(request.method()) ? script.apply(request.json())
                    : new Answer(405, error("Method not allowed", "invalid_request_error", null));
            return new ScriptedServer.Reply(a.status(), a.body(), a.headers());
        });
    }

    public String baseUrl() { return server.url() + "/v1"; }

    public List<Seen> requests() {
        return server.requests().stream().map(r -> new Seen(r.json(), r.header("Authorization"))).toList();
    }

    /** A successful chat.completion body as OpenAI sends it. */
    public static Answer completion(JsonNode request, String content) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-" + IDS.incrementAndGet());
        root.put("object", "chat.completion");
        root.put("created", 1_763_900_000);
        root.put("model", request.path("model").asText() + "-2026-01-01");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", content).putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", "stop");
        root.putObject("usage").put("prompt_tokens", 21).put("completion_tokens", 9).put("total_tokens", 30);
        root.put("system_fingerprint", "fp_test");
        return new Answer(200, root.toString());
    }

    /** OpenAI's error envelope: {"error": {"message", "type", "param", "code"}}. */
    public static String error(String message, String type, String code) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode e = root.putObject("error");
        e.put("message", message);
        e.put("type", type);
        e.putNull("param");
        if (code == null) e.putNull("code"); else e.put("code", code);
        return root.toString();
    }

    @Override
    public void close() { server.close(); }
}
