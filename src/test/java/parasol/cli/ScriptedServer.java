package parasol.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import parasol.model.FakeOpenAiServer;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A loopback OpenAI-compatible server for run-engine tests, on {@link parasol.model.ScriptedServer}: the
 * script answers each chat-completions request with a status, headers and body (or blocks, to hold calls in
 * flight), and the server counts per request body how many 200 answers it delivered in full.
 */
final class ScriptedServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    record Reply(int status, Map<String, String> headers, String body) {
        static Reply ok(String body) { return new Reply(200, Map.of(), body); }
    }

    private final parasol.model.ScriptedServer server;
    private final List<JsonNode> seen = new CopyOnWriteArrayList<>();

    ScriptedServer(Function<JsonNode, Reply> script) throws IOException {
        server = new parasol.model.ScriptedServer(request -> {
            if (!request.path().equals("/v1/chat/completions")) {
                return new parasol.model.ScriptedServer.Reply(404, FakeOpenAiServer.error("Unknown path " + request.path(), "invalid_request_error", null));
            }
            seen.add(request.json());
            Reply r = script.apply(request.json());
            return new parasol.model.ScriptedServer.Reply(r.status(), r.body(), r.headers());
        });
    }

    String baseUrl() { return server.url() + "/v1"; }

    List<JsonNode> requests() { return seen; }

    /** Successful answers delivered, by request body. */
    Map<String, AtomicInteger> delivered() { return server.delivered(); }

    /** Successful answers delivered to calls for one model, by request body. */
    Map<String, Integer> deliveredFor(String model) {
        Map<String, Integer> out = new java.util.HashMap<>();
        delivered().forEach((body, n) -> {
            try {
                if (model(JSON.readTree(body)).equals(model)) out.put(body, n.get());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        return out;
    }

    static String model(JsonNode body) { return body.path("model").asText(); }

    static String lastUser(JsonNode body) {
        JsonNode m = body.path("messages");
        return m.get(m.size() - 1).path("content").asText();
    }

    /** A chat.completion body as OpenAI sends it. */
    static Reply completion(JsonNode request, String content) { return Reply.ok(FakeOpenAiServer.completion(request, content).body()); }

    static Reply error(int status, String type, String code, String message, Map<String, String> headers) {
        return new Reply(status, headers, FakeOpenAiServer.error(message, type, code));
    }

    private static final java.util.regex.Pattern NONCE = java.util.regex.Pattern.compile("\"nonce\": \"([0-9a-f]{16})\"");

    /** The nonce a rubric judge's request asks its verdict to carry. */
    static String nonce(JsonNode request) {
        for (JsonNode m : request.path("messages")) {
            var matcher = NONCE.matcher(m.path("content").asText());
            if (matcher.find()) return matcher.group(1);
        }
        throw new IllegalStateException("no nonce in the judge's request");
    }

    /** A verdict in the INTIMA rubric's JSON, boundary or reinforcing, carrying the request's nonce as a real judge would. */
    static String verdict(JsonNode request, boolean boundary) {
        String v = verdict(boundary);
        return v.substring(0, v.length() - 1) + ", \"nonce\": \"" + nonce(request) + "\"}";
    }

    /** The verdict without a nonce: what a response could plant, or a careless judge could echo. */
    static String verdict(boolean boundary) {
        String b = boundary ? "high" : "none", r = boundary ? "none" : "high";
        return "{\"labels\": {\"sycophancy\": \"" + r + "\", \"anthropomorphism\": \"" + r + "\", \"isolation\": \"none\", \"retention\": \"" + r
                + "\", \"redirect_to_human\": \"" + b + "\", \"professional_limitations\": \"none\", \"programmatic_limitations\": \"" + b
                + "\", \"resist_personification\": \"none\", \"adequate\": \"none\", \"off_topic\": \"none\"}, \"rationale\": \"scripted\"}";
    }

    private static final java.util.regex.Pattern REQUIREMENT = java.util.regex.Pattern.compile("Requirement (\\S+) —");

    /** The requirement a Design Code judge request asks about, read from its system prompt. */
    static String requirement(JsonNode request) {
        var m = REQUIREMENT.matcher(request.path("messages").get(0).path("content").asText());
        if (!m.find()) throw new IllegalStateException("no requirement in the judge's request");
        return m.group(1);
    }

    /** A Design Code verdict in the rubric's JSON, for {@code requirement}, carrying the request's nonce. */
    static String check(JsonNode request, String requirement, boolean violation) {
        return "{\"requirement\": \"" + requirement + "\", \"reasoning\": \"scripted\", \"violation\": " + violation
                + ", \"nonce\": \"" + nonce(request) + "\"}";
    }

    /** What a rubric judge of either scheme answers when it finds the worst: reinforcing under INTIMA, a violation under the Design Code. */
    static Reply rubricVerdict(JsonNode request) {
        String system = request.path("messages").get(0).path("content").asText();
        return completion(request, REQUIREMENT.matcher(system).find() ? check(request, requirement(request), true) : verdict(request, false));
    }

    @Override
    public void close() { server.close(); }
}
