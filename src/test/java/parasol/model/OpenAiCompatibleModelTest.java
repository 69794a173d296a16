package parasol.model;

import org.junit.jupiter.api.Test;
import parasol.suite.Turn;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenAiCompatibleModelTest {
    private static final String KEY = "sk-test-SECRET0123456789abcdef";

    private static ChatRequest request() {
        return new ChatRequest("be brief", List.of(Turn.user("hi"), new Turn(Turn.Role.ASSISTANT, "hello"), Turn.user("are we friends?")), 0.3, 77, 5L);
    }

    @Test
    void sendsTheChatCompletionsRequestAndReadsTheAnswer() throws Exception {
        try (FakeOpenAiServer server = new FakeOpenAiServer(body -> FakeOpenAiServer.completion(body, "I'm an AI, but happy to chat."))) {
            ChatModel model = new Providers(Map.of("OPENAI_API_KEY", KEY)).open(ModelSpec.parse("openai:gpt-4o-mini?base_url=" + server.baseUrl()));
            ChatReply reply = model.chat(request());
            assertThat(reply.text()).isEqualTo("I'm an AI, but happy to chat.");
            assertThat(reply.finishReason()).isEqualTo(FinishReason.STOP);
            assertThat(reply.promptTokens()).isEqualTo(21);
            assertThat(reply.completionTokens()).isEqualTo(9);
            assertThat(reply.servedModel()).isEqualTo("gpt-4o-mini-2026-01-01");

            var seen = server.requests().getFirst();
            assertThat(seen.authorization()).isEqualTo("Bearer " + KEY);
            assertThat(seen.body().path("model").asText()).isEqualTo("gpt-4o-mini");
            assertThat(seen.body().path("temperature").asDouble()).isEqualTo(0.3);
            assertThat(seen.body().path("max_tokens").asInt()).isEqualTo(77);
            assertThat(seen.body().path("seed").asLong()).isEqualTo(5);
            assertThat(seen.body().path("messages")).extracting(m -> m.path("role").asText())
                    .containsExactly("system", "user", "assistant", "user");
        }
    }

    @Test
    void localServersNeedNoKeyAndNewerModelsCanTakeMaxCompletionTokens() throws Exception {
        try (FakeOpenAiServer server = new FakeOpenAiServer(body -> FakeOpenAiServer.completion(body, "ok"))) {
            ChatModel model = new Providers(Map.of()).open(ModelSpec.parse(
                    "openai-compatible:qwen3-8b?base_url=" + server.baseUrl() + "&max_tokens_field=max_completion_tokens"));
            assertThat(model.chat(request()).text()).isEqualTo("ok");
            var seen = server.requests().getFirst();
            assertThat(seen.authorization()).isNull();
            assertThat(seen.body().has("max_tokens")).isFalse();
            assertThat(seen.body().path("max_completion_tokens").asInt()).isEqualTo(77);
        }
    }

    @Test
    void authenticationErrorsAreReportedWithoutTheKey() throws Exception {
        String body = FakeOpenAiServer.error("Incorrect API key provided: " + KEY + ". You can find your API key in your account settings.",
                "invalid_request_error", "invalid_api_key");
        try (FakeOpenAiServer server = new FakeOpenAiServer(req -> new FakeOpenAiServer.Answer(401, body))) {
            ChatModel model = new Providers(Map.of("OPENAI_API_KEY", KEY)).open(ModelSpec.parse("openai:gpt-4o-mini?base_url=" + server.baseUrl()));
            assertThatThrownBy(() -> model.chat(request())).isInstanceOfSatisfying(ModelException.class, e -> {
                assertThat(e.status()).isEqualTo(401);
                assertThat(e.retryable()).isFalse();
                assertThat(e.getMessage()).contains("HTTP 401", "invalid_api_key", "Incorrect API key provided")
                        .doesNotContain(KEY).doesNotContain("SECRET");
            });
        }
    }

    @Test
    void rateLimitsAndServerErrorsAreRetryable() throws Exception {
        String body = FakeOpenAiServer.error("Rate limit reached for requests", "requests", "rate_limit_exceeded");
        try (FakeOpenAiServer server = new FakeOpenAiServer(req -> new FakeOpenAiServer.Answer(429, body))) {
            ChatModel model = new Providers(Map.of()).open(ModelSpec.parse("openai-compatible:m?base_url=" + server.baseUrl()));
            assertThatThrownBy(() -> model.chat(request())).isInstanceOfSatisfying(ModelException.class, e -> {
                assertThat(e.status()).isEqualTo(429);
                assertThat(e.retryable()).isTrue();
                assertThat(e.getMessage()).contains("rate_limit_exceeded");
            });
        }
    }

    @Test
    void readsVllmsFlatErrorBody() throws Exception {
        String body = "{\"object\":\"error\",\"message\":\"The model `nope` does not exist.\",\"type\":\"NotFoundError\",\"param\":null,\"code\":404}";
        try (FakeOpenAiServer server = new FakeOpenAiServer(req -> new FakeOpenAiServer.Answer(404, body))) {
            ChatModel model = new Providers(Map.of()).open(ModelSpec.parse("openai-compatible:nope?base_url=" + server.baseUrl()));
            assertThatThrownBy(() -> model.chat(request())).isInstanceOfSatisfying(ModelException.class, e ->
                    assertThat(e.getMessage()).contains("HTTP 404", "does not exist", "NotFoundError"));
        }
    }

    @Test
    void malformedSuccessBodyIsAnErrorNotAnAnswer() throws Exception {
        try (FakeOpenAiServer server = new FakeOpenAiServer(req -> new FakeOpenAiServer.Answer(200, "<html>gateway</html>"))) {
            ChatModel model = new Providers(Map.of()).open(ModelSpec.parse("openai-compatible:m?base_url=" + server.baseUrl()));
            assertThatThrownBy(() -> model.chat(request())).isInstanceOf(ModelException.class).hasMessageContaining("not JSON");
        }
    }

    @Test
    void unreachableServerIsARetryableError() {
        ChatModel model = new Providers(Map.of()).open(ModelSpec.parse("openai-compatible:m?base_url=http://127.0.0.1:9/v1"));
        assertThatThrownBy(() -> model.chat(request())).isInstanceOfSatisfying(ModelException.class, e -> {
            assertThat(e.status()).isZero();
            assertThat(e.retryable()).isTrue();
        });
    }

    @Test
    void specsRejectKeysAndMissingConfiguration() {
        assertThatThrownBy(() -> ModelSpec.parse("openai:gpt-4o?api_key=sk-123")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keys do not go in a spec").hasMessageNotContaining("sk-123");
        assertThatThrownBy(() -> new Providers(Map.of()).open(ModelSpec.parse("openai:gpt-4o"))).hasMessageContaining("OPENAI_API_KEY");
        assertThatThrownBy(() -> new Providers(Map.of()).open(ModelSpec.parse("openai-compatible:m"))).hasMessageContaining("base_url");
        assertThatThrownBy(() -> new Providers(Map.of()).open(ModelSpec.parse("nosuch:m"))).hasMessageContaining("unknown provider");
        assertThat(ModelSpec.parse("openai-compatible:q?b=2&a=1").toString()).isEqualTo("openai-compatible:q?a=1&b=2");
    }
}
