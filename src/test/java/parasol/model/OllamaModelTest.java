package parasol.model;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import static parasol.model.ProviderTestKit.PLAIN_CANARY;
import static parasol.model.ProviderTestKit.failure;
import static parasol.model.ProviderTestKit.request;

class OllamaModelTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An unstreamed /api/chat answer, timings included as Ollama sends them. */
    static String chat(String content, String doneReason) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", "llama3.2:latest");
        root.put("created_at", "2026-01-10T10:00:00.123456Z");
        root.putObject("message").put("role", "assistant").put("content", content);
        root.put("done", true);
        root.put("done_reason", doneReason);
        root.put("total_duration", 4_883_583_458L);
        root.put("load_duration", 1_334_875);
        root.put("prompt_eval_count", 26);
        root.put("prompt_eval_duration", 342_546_000);
        root.put("eval_count", 282);
        root.put("eval_duration", 4_535_599_000L);
        return root.toString();
    }

    static String error(String message) { return JSON.createObjectNode().put("error", message).toString(); }

    private static ChatModel open(ScriptedServer server, String extra, Map<String, String> env) {
        return new Providers(env).open(ModelSpec.parse("ollama:llama3.2?base_url=" + server.url() + extra));
    }

    private static ChatModel open(ScriptedServer server) { return open(server, "", Map.of()); }

    private static ScriptedServer serve(Function<ScriptedServer.Request, ScriptedServer.Reply> script) throws Exception {
        return new ScriptedServer(script);
    }

    @Test
    void sendsAnUnstreamedNativeChatRequestWithoutAKey() throws Exception {
        try (ScriptedServer server = serve(r -> new ScriptedServer.Reply(200, chat("hi", "stop")))) {
            open(server).chat(request());
            ScriptedServer.Request seen = server.requests().getFirst();
            assertThat(seen.method()).isEqualTo("POST");
            assertThat(seen.path()).isEqualTo("/api/chat");
            assertThat(seen.header("authorization")).isNull();
            assertThat(seen.json().properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder("model", "messages", "stream", "options");
            assertThat(seen.json().path("model").asText()).isEqualTo("llama3.2");
            assertThat(seen.json().path("stream").isBoolean()).isTrue();
            assertThat(seen.json().path("stream").asBoolean()).isFalse();
            assertThat(seen.json().path("messages")).extracting(m -> m.path("role").asText() + ":" + m.path("content").asText())
                    .containsExactly("system:be brief", "user:hi", "assistant:hello", "user:are we friends?");
            var options = seen.json().path("options");
            assertThat(options.properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder("temperature", "num_predict", "seed");
            assertThat(options.path("temperature").asDouble()).isEqualTo(0.3);
            assertThat(options.path("num_predict").asInt()).isEqualTo(77);
            assertThat(options.path("seed").asLong()).isEqualTo(5);
        }
    }

    @Test
    void numCtxGoesIntoTheOptionsAndTheCacheIdentity() throws Exception {
        try (ScriptedServer server = serve(r -> new ScriptedServer.Reply(200, chat("hi", "stop")))) {
            ChatModel model = open(server, "&num_ctx=8192", Map.of());
            model.chat(ProviderTestKit.withoutSystemOrSeed());
            var body = server.requests().getFirst().json();
            assertThat(body.path("options").path("num_ctx").asInt()).isEqualTo(8192);
            assertThat(body.path("options").has("seed")).isFalse();
            assertThat(body.path("messages")).extracting(m -> m.path("role").asText()).containsExactly("user");
            assertThat(model.cacheIdentity()).contains("num_ctx=8192");
            assertThat(open(server).cacheIdentity()).doesNotContain("num_ctx");
        }
    }

    @Test
    void sendsABearerTokenWhenApiKeyEnvNamesOne() throws Exception {
        try (ScriptedServer server = serve(r -> new ScriptedServer.Reply(200, chat("hi", "stop")))) {
            open(server, "&api_key_env=OLLAMA_TOKEN", Map.of("OLLAMA_TOKEN", PLAIN_CANARY)).chat(request());
            assertThat(server.requests().getFirst().header("authorization")).isEqualTo("Bearer " + PLAIN_CANARY);
            assertThatThrownBy(() -> open(server, "&api_key_env=OLLAMA_TOKEN", Map.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("OLLAMA_TOKEN");
        }
    }

    @Test
    void readsTheAnswerAndItsCounts() throws Exception {
        try (ScriptedServer server = serve(r -> new ScriptedServer.Reply(200, chat("I'm an AI, but happy to chat.", "stop")))) {
            ChatReply reply = open(server).chat(request());
            assertThat(reply.text()).isEqualTo("I'm an AI, but happy to chat.");
            assertThat(reply.finishReason()).isEqualTo(FinishReason.STOP);
            assertThat(reply.promptTokens()).isEqualTo(26);
            assertThat(reply.completionTokens()).isEqualTo(282);
            assertThat(reply.servedModel()).isEqualTo("llama3.2:latest");
        }
    }

    @ParameterizedTest
    @CsvSource({"stop, STOP", "length, MAX_TOKENS", "unload, OTHER"})
    void mapsDoneReasons(String doneReason, FinishReason expected) throws Exception {
        try (ScriptedServer server = serve(r -> new ScriptedServer.Reply(200, chat("some text", doneReason)))) {
            assertThat(open(server).chat(request()).finishReason()).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "400 | invalid options: num_ctx | BAD_REQUEST | false",
            "401 | unauthorized | AUTHENTICATION | false",
            "403 | forbidden | PERMISSION_DENIED | false",
            "404 | model \"llama9\" not found, try pulling it first | NOT_FOUND | false",
            "429 | too many requests | RATE_LIMITED | true",
            "500 | llama runner process has terminated: exit status 2 | SERVER_ERROR | true",
            "503 | server busy, please try again.  maximum pending requests exceeded | SERVER_ERROR | true"})
    void classifiesErrorsByStatus(int status, String message, FailureKind kind, boolean retryable) throws Exception {
        try (ScriptedServer server = serve(r -> new ScriptedServer.Reply(status, error(message)))) {
            ModelException e = failure(open(server));
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.retryable()).isEqualTo(retryable);
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.getMessage()).isEqualTo("HTTP " + status + " " + message);
            assertThat(e.retryAfter()).isNull();
        }
    }

    @Test
    void aRateLimitCarriesRetryAfter() throws Exception {
        try (ScriptedServer server = serve(r -> new ScriptedServer.Reply(429, error("too many requests")).withHeader("Retry-After", "20"))) {
            assertThat(failure(open(server)).retryAfter()).isEqualTo(Duration.ofSeconds(20));
        }
    }

    @Test
    void anErrorInsideA200IsAFailureNotAnAnswer() throws Exception {
        try (ScriptedServer crashed = serve(r -> new ScriptedServer.Reply(200, error("an error was encountered while running the model: unexpected EOF")));
             ScriptedServer missing = serve(r -> new ScriptedServer.Reply(200, error("model \"llama9\" not found, try pulling it first")))) {
            ModelException e = failure(open(crashed));
            assertThat(e.kind()).isEqualTo(FailureKind.SERVER_ERROR);
            assertThat(e.retryable()).isTrue();
            assertThat(e.status()).isEqualTo(200);
            assertThat(e.getMessage()).contains("unexpected EOF");
            assertThat(failure(open(missing)).kind()).isEqualTo(FailureKind.NOT_FOUND);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"Hel",
            "{\"model\":\"llama3.2\",\"done\":true,\"done_reason\":\"stop\"}",
            "{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\"}",
            "{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"load\"}",
            "404 page not found",
            ""})
    void emptyMalformedOrTruncatedAnswersAreRetryableFailures(String body) throws Exception {
        try (ScriptedServer server = serve(r -> new ScriptedServer.Reply(200, body))) {
            ModelException e = failure(open(server));
            assertThat(e.kind()).isEqualTo(FailureKind.MALFORMED_ANSWER);
            assertThat(e.retryable()).isTrue();
        }
    }

    @Test
    void anAnswerCutAtTheLimitMayBeEmpty() throws Exception {
        try (ScriptedServer server = serve(r -> new ScriptedServer.Reply(200, chat("", "length")))) {
            ChatReply reply = open(server).chat(request());
            assertThat(reply.text()).isEmpty();
            assertThat(reply.finishReason()).isEqualTo(FinishReason.MAX_TOKENS);
        }
    }

    static List<String> canaries() { return ProviderTestKit.canaries(); }

    @ParameterizedTest
    @MethodSource("canaries")
    void theKeyNeverReachesAMessageEvenWhenTheServerEchoesIt(String key) throws Exception {
        for (ScriptedServer.Reply reply : List.of(
                new ScriptedServer.Reply(401, error("invalid token " + key)),
                new ScriptedServer.Reply(200, error("runner failed for " + key)),
                new ScriptedServer.Reply(502, ProviderTestKit.proxyPageEchoing(key)),
                new ScriptedServer.Reply(200, ProviderTestKit.proxyPageEchoing(key)))) {
            try (ScriptedServer server = serve(r -> reply)) {
                ProviderTestKit.assertNoKey(failure(open(server, "&api_key_env=OLLAMA_TOKEN", Map.of("OLLAMA_TOKEN", key))), key);
            }
        }
    }

    @Test
    void aMisspeltParameterGetsADidYouMean() {
        assertThatThrownBy(() -> new Providers(Map.of()).open(ModelSpec.parse("ollama:llama3.2?num_cxt=4096")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown parameter 'num_cxt'").hasMessageContaining("did you mean 'num_ctx'?");
        assertThatThrownBy(() -> new Providers(Map.of()).open(ModelSpec.parse("ollama:llama3.2?num_ctx=lots")))
                .hasMessageContaining("num_ctx=lots").hasMessageContaining("whole number");
    }

    @Test
    void opensWithoutAKeyAgainstTheLocalDefault() {
        assertThat(Providers.endpoint(ModelSpec.parse("ollama:llama3.2"))).isEqualTo("http://localhost:11434");
        assertThat(new Providers(Map.of()).open(ModelSpec.parse("ollama:llama3.2")).cacheIdentity()).startsWith("ollama:llama3.2");
    }
}
