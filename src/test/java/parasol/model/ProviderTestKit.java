package parasol.model;

import parasol.suite.Turn;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What the provider tests share: one conversation, key canaries of several shapes, a failure catcher. */
final class ProviderTestKit {
    /** Keys shaped like Anthropic's, Google's and a plain token; "CANARY" must never reach a message. */
    static final String ANTHROPIC_CANARY = "sk-ant-api03-CANARY_q8Lw3nVb0TzR5kYp2HsD7fGj4mXc1aQe6uIo9rNt-Wy8Bv3Lk0Pz5Hd2AA";
    static final String GOOGLE_CANARY = "AIzaSyCANARY4f8Qk2Lm9Xz0Rt7Wb3Nv6Hp1Jd5";
    static final String PLAIN_CANARY = "CANARY7d0b4e2a9c6f1385e7a2c9f4b1d6038a5c";

    static {
        assertThat(GOOGLE_CANARY).hasSize(39);
        assertThat(PLAIN_CANARY).hasSize(40);
    }

    private ProviderTestKit() {}

    static List<String> canaries() { return List.of(ANTHROPIC_CANARY, GOOGLE_CANARY, PLAIN_CANARY); }

    /** A system prompt and three turns, so role mapping and ordering both show. */
    static ChatRequest request() {
        return new ChatRequest("be brief", List.of(Turn.user("hi"), new Turn(Turn.Role.ASSISTANT, "hello"), Turn.user("are we friends?")), 0.3, 77, 5L);
    }

    static ChatRequest withoutSystemOrSeed() {
        return new ChatRequest(null, List.of(Turn.user("hi")), 0.0, 10, null);
    }

    static ModelException failure(ChatModel model) {
        ModelException e = catchThrowableOfType(ModelException.class, () -> model.chat(request()));
        assertThat(e).as("the call should fail").isNotNull();
        return e;
    }

    /**
     * A proxy's HTML error page echoing the key so that it straddles the point where messages are
     * abbreviated (300 characters): cutting before redacting would leave "…CANARY" behind.
     */
    static String proxyPageEchoing(String key) {
        return "<html>" + "x".repeat(275) + key + "</html>";
    }

    static void assertNoKey(ModelException e, String key) {
        assertThat(e.getMessage()).doesNotContain(key).doesNotContain("CANARY");
    }
}
