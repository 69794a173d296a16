package parasol.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static parasol.model.ProviderTestKit.GOOGLE_CANARY;
import static parasol.model.ProviderTestKit.failure;
import static parasol.model.ProviderTestKit.request;

class GeminiModelTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A generateContent answer with one candidate; a null finish reason leaves the field out. */
    static ObjectNode answer(String finishReason, String... texts) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode candidate = root.putArray("candidates").addObject();
        if (texts.length > 0) {
            ObjectNode content = candidate.putObject("content");
            ArrayNode parts = content.putArray("parts");
            for (String t : texts) parts.addObject().put("text", t);
            content.put("role", "model");
        }
        if (finishReason != null) candidate.put("finishReason", finishReason);
        candidate.put("index", 0);
        root.putObject("usageMetadata").put("promptTokenCount", 21).put("candidatesTokenCount", 9).put("totalTokenCount", 30);
        root.put("modelVersion", "gemini-2.5-flash-001");
        root.put("responseId", "mKpPaJ7nF4Hv");
        return root;
    }

    /** Google's error envelope; each detail is a ready-made JSON object. */
    static String error(int code, String status, String message, String... details) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode err = root.putObject("error").put("code", code).put("message", message).put("status", status);
        ArrayNode d = err.putArray("details");
        for (String detail : details) {
            try {
                d.add(JSON.readTree(detail));
            } catch (Exception e) {
                throw new IllegalArgumentException(e);
            }
        }
        return root.toString();
    }

    static String retryInfo(String delay) {
        return "{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"" + delay + "\"}";
    }

    static String errorInfo(String reason) {
        return "{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"" + reason
                + "\",\"domain\":\"googleapis.com\",\"metadata\":{\"service\":\"generativelanguage.googleapis.com\"}}";
    }

    private static ChatModel open(ScriptedServer server, Map<String, String> env) {
        return new Providers(env).open(ModelSpec.parse("gemini:gemini-2.5-flash?base_url=" + server.url() + "/v1beta"));
    }

    private static ChatModel open(ScriptedServer server) { return open(server, Map.of("GEMINI_API_KEY", GOOGLE_CANARY)); }

    private static ScriptedServer serve(Function<ScriptedServer.Request, ScriptedServer.Reply> script) throws Exception {
        return new ScriptedServer(script);
    }

    private static ScriptedServer answering(ObjectNode body) throws Exception {
        return serve(r -> new ScriptedServer.Reply(200, body.toString()));
    }

    @Test
    void sendsGenerateContentWithTheKeyInAHeaderNotTheUrl() throws Exception {
        try (ScriptedServer server = answering(answer("STOP", "hi"))) {
            open(server).chat(request());
            ScriptedServer.Request seen = server.requests().getFirst();
            assertThat(seen.method()).isEqualTo("POST");
            assertThat(seen.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
            assertThat(seen.query()).isNull();
            assertThat(seen.header("x-goog-api-key")).isEqualTo(GOOGLE_CANARY);
            assertThat(seen.header("authorization")).isNull();
            assertThat(seen.json().properties()).extracting(Map.Entry::getKey)
                    .containsExactlyInAnyOrder("contents", "systemInstruction", "generationConfig");
            assertThat(seen.json().path("contents")).extracting(c -> c.path("role").asText() + ":" + c.path("parts").path(0).path("text").asText())
                    .containsExactly("user:hi", "model:hello", "user:are we friends?");
            assertThat(seen.json().path("systemInstruction").path("parts").path(0).path("text").asText()).isEqualTo("be brief");
            assertThat(seen.json().path("systemInstruction").has("role")).isFalse();
            var config = seen.json().path("generationConfig");
            assertThat(config.path("temperature").asDouble()).isEqualTo(0.3);
            assertThat(config.path("maxOutputTokens").asInt()).isEqualTo(77);
            assertThat(config.path("seed").asLong()).isEqualTo(5);
            assertThat(seen.body()).doesNotContain(GOOGLE_CANARY);
        }
    }

    @Test
    void leavesOutSystemInstructionAndSeedWhenUnset() throws Exception {
        try (ScriptedServer server = answering(answer("STOP", "hi"))) {
            open(server).chat(ProviderTestKit.withoutSystemOrSeed());
            var body = server.requests().getFirst().json();
            assertThat(body.has("systemInstruction")).isFalse();
            assertThat(body.path("generationConfig").has("seed")).isFalse();
        }
    }

    @Test
    void takesGoogleApiKeyWhenGeminiApiKeyIsNotSetAndPrefersGeminiApiKey() throws Exception {
        try (ScriptedServer server = answering(answer("STOP", "hi"))) {
            open(server, Map.of("GOOGLE_API_KEY", "AIzaSyGOOGLEKEY0000000000000000000000000")).chat(request());
            open(server, Map.of("GOOGLE_API_KEY", "AIzaSyGOOGLEKEY0000000000000000000000000", "GEMINI_API_KEY", GOOGLE_CANARY)).chat(request());
            assertThat(server.requests()).extracting(r -> r.header("x-goog-api-key"))
                    .containsExactly("AIzaSyGOOGLEKEY0000000000000000000000000", GOOGLE_CANARY);
        }
    }

    @Test
    void readsTheAnswerWithoutThoughtParts() throws Exception {
        ObjectNode body = answer("STOP", "I'm an AI, ", "but happy to chat.");
        ((ArrayNode) body.at("/candidates/0/content/parts")).insertObject(0).put("text", "**Weighing the reply**").put("thought", true);
        try (ScriptedServer server = answering(body)) {
            ChatReply reply = open(server).chat(request());
            assertThat(reply.text()).isEqualTo("I'm an AI, but happy to chat.");
            assertThat(reply.finishReason()).isEqualTo(FinishReason.STOP);
            assertThat(reply.promptTokens()).isEqualTo(21);
            assertThat(reply.completionTokens()).isEqualTo(9);
            assertThat(reply.servedModel()).isEqualTo("gemini-2.5-flash-001");
        }
    }

    @ParameterizedTest
    @CsvSource({"STOP, STOP", "MAX_TOKENS, MAX_TOKENS", "SAFETY, CONTENT_FILTER", "RECITATION, CONTENT_FILTER",
            "BLOCKLIST, CONTENT_FILTER", "PROHIBITED_CONTENT, CONTENT_FILTER", "SPII, CONTENT_FILTER",
            "LANGUAGE, OTHER", "MALFORMED_FUNCTION_CALL, OTHER", "FINISH_REASON_UNSPECIFIED, OTHER"})
    void mapsFinishReasons(String raw, FinishReason expected) throws Exception {
        try (ScriptedServer server = answering(answer(raw, "some text"))) {
            assertThat(open(server).chat(request()).finishReason()).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"SAFETY", "RECITATION", "PROHIBITED_CONTENT"})
    void aBlockedCandidateWithoutContentIsAnEmptyReply(String reason) throws Exception {
        try (ScriptedServer server = answering(answer(reason))) {
            ChatReply reply = open(server).chat(request());
            assertThat(reply.text()).isEmpty();
            assertThat(reply.finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
        }
    }

    @Test
    void aPromptBlockedBeforeGenerationIsAnEmptyContentFilterReply() throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("promptFeedback").put("blockReason", "PROHIBITED_CONTENT");
        body.putObject("usageMetadata").put("promptTokenCount", 12).put("totalTokenCount", 12);
        body.put("modelVersion", "gemini-2.5-flash-001");
        try (ScriptedServer server = answering(body)) {
            ChatReply reply = open(server).chat(request());
            assertThat(reply.text()).isEmpty();
            assertThat(reply.finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
            assertThat(reply.promptTokens()).isEqualTo(12);
            assertThat(reply.completionTokens()).isNull();
        }
    }

    @Test
    void aBudgetSpentOnThinkingIsAnEmptyTruncatedReply() throws Exception {
        ObjectNode body = answer("MAX_TOKENS");
        ObjectNode usage = (ObjectNode) body.get("usageMetadata");
        usage.remove("candidatesTokenCount");
        usage.put("thoughtsTokenCount", 77);
        try (ScriptedServer server = answering(body)) {
            ChatReply reply = open(server).chat(request());
            assertThat(reply.text()).isEmpty();
            assertThat(reply.finishReason()).isEqualTo(FinishReason.MAX_TOKENS);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"usageMetadata\":{\"promptTokenCount\":4},\"modelVersion\":\"gemini-2.5-flash\"}",
            "{\"candidates\":[],\"usageMetadata\":{\"promptTokenCount\":4}}",
            "{\"candidates\":[{\"finishReason\":\"STOP\",\"index\":0}]}",
            "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[]},\"finishReason\":\"STOP\"}]}",
            "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Hel",
            "<html>gateway</html>",
            ""})
    void emptyMalformedOrTruncatedAnswersAreRetryableFailures(String body) throws Exception {
        try (ScriptedServer server = serve(r -> new ScriptedServer.Reply(200, body))) {
            ModelException e = failure(open(server));
            assertThat(e.kind()).isEqualTo(FailureKind.MALFORMED_ANSWER);
            assertThat(e.retryable()).isTrue();
        }
    }

    @ParameterizedTest
    @CsvSource({
            "400, INVALID_ARGUMENT, BAD_REQUEST, false",
            "400, FAILED_PRECONDITION, BAD_REQUEST, false",
            "401, UNAUTHENTICATED, AUTHENTICATION, false",
            "403, PERMISSION_DENIED, PERMISSION_DENIED, false",
            "404, NOT_FOUND, NOT_FOUND, false",
            "429, RESOURCE_EXHAUSTED, RATE_LIMITED, true",
            "500, INTERNAL, SERVER_ERROR, true",
            "503, UNAVAILABLE, SERVER_ERROR, true",
            "504, DEADLINE_EXCEEDED, TIMEOUT, true"})
    void classifiesStatusNames(int code, String status, FailureKind kind, boolean retryable) throws Exception {
        try (ScriptedServer server = serve(r -> new ScriptedServer.Reply(code, error(code, status, "something about " + status)))) {
            ModelException e = failure(open(server));
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.retryable()).isEqualTo(retryable);
            assertThat(e.status()).isEqualTo(code);
            assertThat(e.getMessage()).isEqualTo("HTTP " + code + " [" + status + "] something about " + status);
            assertThat(e.retryAfter()).isNull();
        }
    }

    @Test
    void anInvalidKeyIsAnAuthenticationFailureThoughGoogleCallsItABadArgument() throws Exception {
        String body = error(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", errorInfo("API_KEY_INVALID"),
                "{\"@type\":\"type.googleapis.com/google.rpc.LocalizedMessage\",\"locale\":\"en-US\",\"message\":\"API key not valid. Please pass a valid API key.\"}");
        try (ScriptedServer server = serve(r -> new ScriptedServer.Reply(400, body))) {
            ModelException e = failure(open(server));
            assertThat(e.kind()).isEqualTo(FailureKind.AUTHENTICATION);
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).contains("[INVALID_ARGUMENT/API_KEY_INVALID]", "API key not valid");
        }
    }

    @Test
    void honoursRetryInfoFromTheBody() throws Exception {
        String body = error(429, "RESOURCE_EXHAUSTED", "You exceeded your current quota, please check your plan and billing details.",
                "{\"@type\":\"type.googleapis.com/google.rpc.QuotaFailure\",\"violations\":[{\"quotaMetric\":\"generativelanguage.googleapis.com/generate_content_free_tier_requests\",\"quotaValue\":\"10\"}]}",
                "{\"@type\":\"type.googleapis.com/google.rpc.Help\",\"links\":[{\"description\":\"Learn more\",\"url\":\"https://ai.google.dev/gemini-api/docs/rate-limits\"}]}",
                retryInfo("30s"));
        try (ScriptedServer server = serve(r -> new ScriptedServer.Reply(429, body))) {
            ModelException e = failure(open(server));
            assertThat(e.kind()).isEqualTo(FailureKind.RATE_LIMITED);
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        }
    }

    @Test
    void takesTheLongerOfRetryInfoAndRetryAfter() throws Exception {
        String body = error(429, "RESOURCE_EXHAUSTED", "slow down", retryInfo("30s"));
        try (ScriptedServer longerHeader = serve(r -> new ScriptedServer.Reply(429, body).withHeader("Retry-After", "45"));
             ScriptedServer shorterHeader = serve(r -> new ScriptedServer.Reply(429, body).withHeader("Retry-After", "3"));
             ScriptedServer headerOnly = serve(r -> new ScriptedServer.Reply(429, error(429, "RESOURCE_EXHAUSTED", "slow down")).withHeader("Retry-After", "12"));
             ScriptedServer fractional = serve(r -> new ScriptedServer.Reply(429, error(429, "RESOURCE_EXHAUSTED", "slow down", retryInfo("32.599442s"))))) {
            assertThat(failure(open(longerHeader)).retryAfter()).isEqualTo(Duration.ofSeconds(45));
            assertThat(failure(open(shorterHeader)).retryAfter()).isEqualTo(Duration.ofSeconds(30));
            assertThat(failure(open(headerOnly)).retryAfter()).isEqualTo(Duration.ofSeconds(12));
            assertThat(failure(open(fractional)).retryAfter()).isEqualTo(Duration.ofMillis(32_599));
        }
    }

    @Test
    void readsAnErrorWrappedInAnArray() throws Exception {
        String body = "[" + error(404, "NOT_FOUND", "models/gemini-9 is not found for API version v1beta") + "]";
        try (ScriptedServer server = serve(r -> new ScriptedServer.Reply(404, body))) {
            ModelException e = failure(open(server));
            assertThat(e.kind()).isEqualTo(FailureKind.NOT_FOUND);
            assertThat(e.getMessage()).contains("[NOT_FOUND] models/gemini-9 is not found");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {502, 503})
    void aNonJsonGatewayPageIsClassifiedByStatus(int status) throws Exception {
        try (ScriptedServer server = serve(r -> new ScriptedServer.Reply(status, "<html><title>Error 502 (Server Error)!!1</title></html>"))) {
            ModelException e = failure(open(server));
            assertThat(e.kind()).isEqualTo(FailureKind.SERVER_ERROR);
            assertThat(e.retryable()).isTrue();
        }
    }

    static List<String> canaries() { return ProviderTestKit.canaries(); }

    @ParameterizedTest
    @MethodSource("canaries")
    void theKeyNeverReachesAMessageEvenWhenTheServerEchoesIt(String key) throws Exception {
        for (ScriptedServer.Reply reply : List.of(
                new ScriptedServer.Reply(400, error(400, "INVALID_ARGUMENT", "API key not valid: " + key, errorInfo("API_KEY_INVALID"))),
                new ScriptedServer.Reply(403, error(403, "PERMISSION_DENIED", "Key " + key + " may not call this method")),
                new ScriptedServer.Reply(200, error(500, "INTERNAL", "internal error for " + key)),
                new ScriptedServer.Reply(502, ProviderTestKit.proxyPageEchoing(key)),
                new ScriptedServer.Reply(200, ProviderTestKit.proxyPageEchoing(key)))) {
            try (ScriptedServer server = serve(r -> reply)) {
                ModelException e = failure(open(server, Map.of("GEMINI_API_KEY", key)));
                ProviderTestKit.assertNoKey(e, key);
                assertThat(server.requests().getFirst().path() + server.requests().getFirst().query()).doesNotContain(key);
            }
        }
    }

    @Test
    void openingWithoutAKeyNamesBothVariables() {
        assertThatThrownBy(() -> new Providers(Map.of()).open(ModelSpec.parse("gemini:gemini-2.5-flash")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GEMINI_API_KEY").hasMessageContaining("GOOGLE_API_KEY").hasMessageContaining("not set");
    }
}
