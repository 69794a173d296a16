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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static parasol.model.ProviderTestKit.ANTHROPIC_CANARY;
import static parasol.model.ProviderTestKit.failure;
import static parasol.model.ProviderTestKit.request;

class AnthropicModelTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A Messages API answer: {id, type, role, model, content[], stop_reason, stop_sequence, usage}. */
    static String message(String stopReason, String... texts) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "msg_01XFDUDYJgAACzvnptvVoYEL");
        root.put("type", "message");
        root.put("role", "assistant");
        root.put("model", "claude-sonnet-4-5-20250929");
        ArrayNode content = root.putArray("content");
        for (String t : texts) content.addObject().put("type", "text").put("text", t);
        root.put("stop_reason", stopReason);
        root.putNull("stop_sequence");
        root.putObject("usage").put("input_tokens", 21).put("output_tokens", 9);
        return root.toString();
    }

    static String error(String type, String message) {
        ObjectNode root = JSON.createObjectNode().put("type", "error");
        root.putObject("error").put("type", type).put("message", message);
        root.put("request_id", "req_011CSHoEeqs5C35K2UUqR7Fy");
        return root.toString();
    }

    private static ChatModel open(ScriptedServer server, String key) {
        return new Providers(Map.of("ANTHROPIC_API_KEY", key)).open(ModelSpec.parse("anthropic:claude-sonnet-4-5?base_url=" + server.url() + "/v1"));
    }

    private static ScriptedServer serve(Function<ScriptedServer.Request, ScriptedServer.Reply> script) throws Exception {
        return new ScriptedServer(script);
    }

    @Test
    void sendsAMessagesRequestWithTopLevelSystemAndNoSeed() throws Exception {
        try (ScriptedServer server = serve(r -> new ScriptedServer.Reply(200, message("end_turn", "hi")))) {
            open(server, ANTHROPIC_CANARY).chat(request());
            ScriptedServer.Request seen = server.requests().getFirst();
            assertThat(seen.method()).isEqualTo("POST");
            assertThat(seen.path()).isEqualTo("/v1/messages");
            assertThat(seen.query()).isNull();
            assertThat(seen.header("x-api-key")).isEqualTo(ANTHROPIC_CANARY);
            assertThat(seen.header("anthropic-version")).isEqualTo("2023-06-01");
            assertThat(seen.header("content-type")).isEqualTo("application/json");
            assertThat(seen.header("authorization")).isNull();
            assertThat(seen.json().properties()).extracting(Map.Entry::getKey)
                    .containsExactlyInAnyOrder("model", "max_tokens", "system", "messages", "temperature");
            assertThat(seen.json().path("model").asText()).isEqualTo("claude-sonnet-4-5");
            assertThat(seen.json().path("max_tokens").asInt()).isEqualTo(77);
            assertThat(seen.json().path("system").asText()).isEqualTo("be brief");
            assertThat(seen.json().path("temperature").asDouble()).isEqualTo(0.3);
            assertThat(seen.json().path("messages")).extracting(m -> m.path("role").asText() + ":" + m.path("content").asText())
                    .containsExactly("user:hi", "assistant:hello", "user:are we friends?");
        }
    }

    @Test
    void leavesOutTheSystemFieldWhenThereIsNoSystemPrompt() throws Exception {
        try (ScriptedServer server = serve(r -> new ScriptedServer.Reply(200, message("end_turn", "hi")))) {
            open(server, ANTHROPIC_CANARY).chat(ProviderTestKit.withoutSystemOrSeed());
            assertThat(server.requests().getFirst().json().has("system")).isFalse();
            assertThat(server.requests().getFirst().json().has("seed")).isFalse();
        }
    }

    @Test
    void joinsTheTextBlocksAndReadsUsage() throws Exception {
        String body = message("end_turn", "I'm an AI, ", "but happy to chat.");
        // A thinking block before the text is not part of the answer.
        ObjectNode root = (ObjectNode) JSON.readTree(body);
        ((ArrayNode) root.get("content")).insertObject(0).put("type", "thinking").put("thinking", "they seem lonely").put("signature", "EqQB");
        try (ScriptedServer server = serve(r -> new ScriptedServer.Reply(200, root.toString()))) {
            ChatReply reply = open(server, ANTHROPIC_CANARY).chat(request());
            assertThat(reply.text()).isEqualTo("I'm an AI, but happy to chat.");
            assertThat(reply.finishReason()).isEqualTo(FinishReason.STOP);
            assertThat(reply.promptTokens()).isEqualTo(21);
            assertThat(reply.completionTokens()).isEqualTo(9);
            assertThat(reply.servedModel()).isEqualTo("claude-sonnet-4-5-20250929");
        }
    }

    @ParameterizedTest
    @CsvSource({"end_turn, STOP", "stop_sequence, STOP", "max_tokens, MAX_TOKENS", "model_context_window_exceeded, MAX_TOKENS",
            "refusal, REFUSAL", "tool_use, OTHER", "pause_turn, OTHER"})
    void mapsStopReasons(String stopReason, FinishReason expected) throws Exception {
        try (ScriptedServer server = serve(r -> new ScriptedServer.Reply(200, message(stopReason, "some text")))) {
            assertThat(open(server, ANTHROPIC_CANARY).chat(request()).finishReason()).isEqualTo(expected);
        }
    }

    @Test
    void aRefusalWithNothingSaidIsAnEmptyReplyNotAFailure() throws Exception {
        try (ScriptedServer server = serve(r -> new ScriptedServer.Reply(200, message("refusal")))) {
            ChatReply reply = open(server, ANTHROPIC_CANARY).chat(request());
            assertThat(reply.text()).isEmpty();
            assertThat(reply.finishReason()).isEqualTo(FinishReason.REFUSAL);
            assertThat(reply.finishReason().blocked()).isTrue();
        }
    }

    @Test
    void anEmptyAnswerThatJustStoppedIsRetryableNotAnAnswer() throws Exception {
        try (ScriptedServer server = serve(r -> new ScriptedServer.Reply(200, message("end_turn")))) {
            ModelException e = failure(open(server, ANTHROPIC_CANARY));
            assertThat(e.kind()).isEqualTo(FailureKind.MALFORMED_ANSWER);
            assertThat(e.retryable()).isTrue();
        }
    }

    @ParameterizedTest
    @CsvSource({
            "400, invalid_request_error, BAD_REQUEST, false",
            "401, authentication_error, AUTHENTICATION, false",
            "403, permission_error, PERMISSION_DENIED, false",
            "404, not_found_error, NOT_FOUND, false",
            "413, request_too_large, BAD_REQUEST, false",
            "402, billing_error, QUOTA_EXHAUSTED, false",
            "429, rate_limit_error, RATE_LIMITED, true",
            "500, api_error, SERVER_ERROR, true",
            "503, api_error, SERVER_ERROR, true",
            "504, timeout_error, TIMEOUT, true",
            "529, overloaded_error, SERVER_ERROR, true"})
    void classifiesErrorTypes(int status, String type, FailureKind kind, boolean retryable) throws Exception {
        try (ScriptedServer server = serve(r -> new ScriptedServer.Reply(status, error(type, "something about " + type)))) {
            ModelException e = failure(open(server, ANTHROPIC_CANARY));
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.retryable()).isEqualTo(retryable);
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.getMessage()).startsWith("HTTP " + status + " [" + type + "] something about " + type);
            assertThat(e.retryAfter()).isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 529})
    void aNonJsonGatewayPageIsClassifiedByStatus(int status) throws Exception {
        try (ScriptedServer server = serve(r -> new ScriptedServer.Reply(status, "<html><body>upstream connect error</body></html>"))) {
            ModelException e = failure(open(server, ANTHROPIC_CANARY));
            assertThat(e.kind()).isEqualTo(FailureKind.SERVER_ERROR);
            assertThat(e.getMessage()).contains("HTTP " + status, "upstream connect error");
        }
    }

    @Test
    void rateLimitsCarryTheRetryAfterHeader() throws Exception {
        try (ScriptedServer server = serve(r -> new ScriptedServer.Reply(429, error("rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit"))
                .withHeader("retry-after", "17"))) {
            ModelException e = failure(open(server, ANTHROPIC_CANARY));
            assertThat(e.kind()).isEqualTo(FailureKind.RATE_LIMITED);
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(17));
        }
    }

    @Test
    void theLaterOfRetryAfterAndTheRateLimitResetWins() throws Exception {
        String reset = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(40).withNano(0).toString();
        try (ScriptedServer server = serve(r -> new ScriptedServer.Reply(429, error("rate_limit_error", "slow down"))
                .withHeader("retry-after", "5").withHeader("anthropic-ratelimit-tokens-reset", reset))) {
            Duration wait = failure(open(server, ANTHROPIC_CANARY)).retryAfter();
            assertThat(wait).isBetween(Duration.ofSeconds(35), Duration.ofSeconds(41));
        }
    }

    @Test
    void aSpendLimitIsNotRetriedThoughItComesAsARateLimit() throws Exception {
        ObjectNode root = JSON.createObjectNode().put("type", "error");
        root.putObject("error").put("type", "rate_limit_error").put("message", "You have reached your monthly spend limit.")
                .putObject("details").put("error_code", "enforced_spend_limit_reached");
        try (ScriptedServer server = serve(r -> new ScriptedServer.Reply(429, root.toString()))) {
            ModelException e = failure(open(server, ANTHROPIC_CANARY));
            assertThat(e.kind()).isEqualTo(FailureKind.QUOTA_EXHAUSTED);
            assertThat(e.retryable()).isFalse();
        }
    }

    @Test
    void aCreditBalanceTooLowIsQuotaNotABadRequest() throws Exception {
        String body = error("invalid_request_error", "Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.");
        try (ScriptedServer server = serve(r -> new ScriptedServer.Reply(400, body))) {
            assertThat(failure(open(server, ANTHROPIC_CANARY)).kind()).isEqualTo(FailureKind.QUOTA_EXHAUSTED);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<html>gateway</html>",
            "{\"id\":\"msg_01\",\"type\":\"message\",\"content\":[{\"type\":\"text\",\"text\":\"Hel",
            "{\"id\":\"msg_01\",\"type\":\"message\",\"stop_reason\":\"end_turn\"}",
            "{\"id\":\"msg_01\",\"type\":\"message\",\"content\":null,\"stop_reason\":\"end_turn\"}",
            "[]",
            ""})
    void malformedOrTruncatedAnswersAreRetryableFailures(String body) throws Exception {
        try (ScriptedServer server = serve(r -> new ScriptedServer.Reply(200, body))) {
            ModelException e = failure(open(server, ANTHROPIC_CANARY));
            assertThat(e.kind()).isEqualTo(FailureKind.MALFORMED_ANSWER);
            assertThat(e.retryable()).isTrue();
        }
    }

    static List<String> canaries() { return ProviderTestKit.canaries(); }

    @ParameterizedTest
    @MethodSource("canaries")
    void theKeyNeverReachesAMessageEvenWhenTheServerEchoesIt(String key) throws Exception {
        for (ScriptedServer.Reply reply : List.of(
                new ScriptedServer.Reply(401, error("authentication_error", "invalid x-api-key: " + key)),
                new ScriptedServer.Reply(429, error("rate_limit_error", "key " + key + " is over its limit")),
                new ScriptedServer.Reply(200, error("overloaded_error", "Overloaded for " + key)),
                new ScriptedServer.Reply(502, ProviderTestKit.proxyPageEchoing(key)),
                new ScriptedServer.Reply(200, ProviderTestKit.proxyPageEchoing(key)))) {
            try (ScriptedServer server = serve(r -> reply)) {
                ProviderTestKit.assertNoKey(failure(open(server, key)), key);
            }
        }
    }

    @Test
    void openingWithoutTheKeyNamesTheVariable() {
        assertThatThrownBy(() -> new Providers(Map.of()).open(ModelSpec.parse("anthropic:claude-sonnet-4-5")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ANTHROPIC_API_KEY").hasMessageContaining("not set");
        assertThatThrownBy(() -> new Providers(Map.of("ANTHROPIC_API_KEY", " ")).open(ModelSpec.parse("anthropic:claude-sonnet-4-5")))
                .hasMessageContaining("ANTHROPIC_API_KEY");
        assertThatThrownBy(() -> Providers.check(ModelSpec.parse("anthropic:claude-sonnet-4-5?max_token=5")))
                .hasMessageContaining("unknown parameter 'max_token'");
    }
}
