package parasol.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A loopback HTTP server for provider and run-engine tests: every request, on any path, is recorded and
 * answered by the script with a status, a raw body and any headers (Retry-After, rate-limit resets…); a
 * script may block to hold calls in flight (one virtual thread per request). It counts, per request body,
 * the 200 answers it delivered in full — what a client really bought. Providers' wire formats live in their
 * tests and in {@link FakeOpenAiServer}; this only plays them back.
 */
public final class ScriptedServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A request as it arrived. Header names are lower-case; {@code json} is null when the body is not JSON. */
    public record Request(String method, String path, String query, Map<String, String> headers, String body, JsonNode json) {
        public String header(String name) { return headers.get(name.toLowerCase(Locale.ROOT)); }
    }

    /** What the script answers. */
    public record Reply(int status, String body, Map<String, String> headers) {
        public Reply(int status, String body) { this(status, body, Map.of()); }

        public Reply withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Reply(status, body, Map.copyOf(h));
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Request> seen = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> delivered = new ConcurrentHashMap<>();

    public ScriptedServer(Function<Request, Reply> script) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                Request request = record(exchange);
                seen.add(request);
                Reply reply;
                try {
                    reply = script.apply(request);
                } catch (RuntimeException e) {
                    // A broken script shows up in the test's failure instead of as a hung call.
                    reply = new Reply(599, "script failed: " + e);
                }
                byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                reply.headers().forEach(exchange.getResponseHeaders()::add);
                exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
                if (bytes.length > 0) exchange.getResponseBody().write(bytes);
                exchange.getResponseBody().close();
                if (reply.status() == 200) delivered.computeIfAbsent(request.body(), k -> new AtomicInteger()).incrementAndGet();
            } catch (IOException ignored) {
                // the client went away: nothing was delivered
            }
        });
        server.start();
    }

    private static Request record(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        JsonNode json;
        try {
            json = body.isEmpty() ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            json = null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        return new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(),
                Map.copyOf(headers), body, json);
    }

    /** {@code http://127.0.0.1:port}, without a path. */
    public String url() { return "http://127.0.0.1:" + server.getAddress().getPort(); }

    public List<Request> requests() { return seen; }

    /** Successful answers delivered in full, by request body. */
    public Map<String, AtomicInteger> delivered() { return delivered; }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
