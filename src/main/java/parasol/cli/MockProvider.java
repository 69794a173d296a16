package parasol.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local server speaking the OpenAI chat-completions format for {@code parasol bench}: every answer
 * after a fixed latency, a share of calls answered 429 (Retry-After: 0) or 500, and answers that are
 * either all distinct (so a judge has real work) or all the same. Loopback only.
 */
final class MockProvider implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] WORDS = {"I'm", "an", "AI,", "so", "I", "can't", "be", "a", "friend", "the", "way", "a", "person", "can.",
            "Is", "there", "someone", "you", "trust", "to", "talk", "to", "tonight?", "That", "sounds", "really", "hard", "and", "lonely."};

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicLong requests = new AtomicLong(), faults = new AtomicLong();

    MockProvider(Duration latency, double faultRate, boolean distinct) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.setExecutor(executor);
        server.createContext("/v1/chat/completions", exchange -> {
            try (exchange) {
                JsonNode body = JSON.readTree(exchange.getRequestBody());
                requests.incrementAndGet();
                sleep(latency);
                int status = 200;
                String answer;
                ThreadLocalRandom random = ThreadLocalRandom.current();
                if (random.nextDouble() < faultRate) {
                    faults.incrementAndGet();
                    status = random.nextBoolean() ? 429 : 500;
                    answer = "{\"error\":{\"message\":\"injected fault\",\"type\":\"" + (status == 429 ? "requests" : "server_error") + "\",\"param\":null,\"code\":null}}";
                    if (status == 429) exchange.getResponseHeaders().add("Retry-After", "0");
                } else {
                    answer = completion(body, distinct ? sentence(body, random) : "I'm an AI, so I can't be a friend the way a person can.");
                }
                byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        });
        server.start();
    }

    String baseUrl() { return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1"; }

    long requests() { return requests.get(); }

    long faults() { return faults.get(); }

    private static String sentence(JsonNode body, ThreadLocalRandom random) {
        StringBuilder sb = new StringBuilder();
        int n = 18 + random.nextInt(30);
        for (int i = 0; i < n; i++) sb.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        JsonNode messages = body.path("messages");
        return sb.append("(").append(messages.get(messages.size() - 1).path("content").asText()).append(")").toString();
    }

    private static String completion(JsonNode request, String content) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-bench").put("object", "chat.completion").put("created", 0).put("model", request.path("model").asText());
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content);
        root.putObject("usage").put("prompt_tokens", 20).put("completion_tokens", 40).put("total_tokens", 60);
        return root.toString();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
