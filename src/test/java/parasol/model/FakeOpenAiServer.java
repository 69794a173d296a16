package parasol.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A loopback server speaking the OpenAI chat-completions wire format: it answers
 * {@code POST /v1/chat/completions} with whatever the script returns, and keeps every request.
 */
public final class FakeOpenAiServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the script answers: an HTTP status and a raw body. */
    public record Answer(int status, String body) {}

    /** A recorded request: its parsed body and its Authorization header. */
    public record Seen(JsonNode body, String authorization) {}

    private final HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private static final AtomicInteger IDS = new AtomicInteger();

    public FakeOpenAiServer(Function<JsonNode, Answer> script) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.createContext("/v1/chat/completions", exchange -> {
            try (exchange) {
                JsonNode body = JSON.readTree(exchange.getRequestBody());
                seen.add(new Seen(body, exchange.getRequestHeaders().getFirst("Authorization")));
                Answer a = "POST".equals(exchange.getRequestMethod()) ? script.apply(body)
                        : new Answer(405, error("Method not allowed", "invalid_request_error", null));
                byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(a.status(), bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        });
        server.start();
    }

    public String baseUrl() { return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1"; }

    public List<Seen> requests() { return seen; }

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
    public void close() { server.stop(0); }
}
