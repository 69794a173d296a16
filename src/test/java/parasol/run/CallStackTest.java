package parasol.run;

import org.junit.jupiter.api.Test;
import parasol.model.ChatModel;
import parasol.model.ChatReply;
import parasol.model.ChatRequest;
import parasol.model.FailureKind;
import parasol.model.FinishReason;
import parasol.model.ModelException;
import parasol.model.ModelSpec;
import parasol.suite.Turn;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallStackTest {
    private static final ChatRequest REQUEST = new ChatRequest(null, List.of(Turn.user("are we friends?")), 0.7, 100, 3L);
    private static final ModelSpec SPEC = ModelSpec.parse("openai:gpt-4o-mini");

    /** A model that fails with the scripted exceptions first, then answers; counts its calls. */
    private static final class Scripted implements ChatModel {
        final Deque<ModelException> failures;
        final AtomicInteger calls = new AtomicInteger();

        Scripted(ModelException... failures) { this.failures = new ArrayDeque<>(List.of(failures)); }

        @Override
        public synchronized ChatReply chat(ChatRequest request) throws ModelException {
            calls.incrementAndGet();
            ModelException next = failures.poll();
            if (next != null) throw next;
            return new ChatReply("answer to " + request.seed(), FinishReason.STOP, 1000, 500, "gpt-4o-mini", 3);
        }

        @Override
        public String cacheIdentity() { return "openai:gpt-4o-mini{base_url=https://api.openai.com/v1}"; }
    }

    private static final class MapCache implements ResponseCache {
        final Map<String, ChatReply> map = new HashMap<>();
        @Override public Optional<ChatReply> find(String key) { return Optional.ofNullable(map.get(key)); }
        @Override public void put(String key, ChatReply reply) { map.put(key, reply); }
    }

    private static CallStack stack(CallPolicy policy, ResponseCache cache, ResponseCache.Mode mode) {
        return new CallStack(policy, 4, cache, mode, new CallMeter(PriceTable.builtIn()));
    }

    private static final CallPolicy FAST = CallPolicy.DEFAULT.withDelays(Duration.ofMillis(1), Duration.ofMillis(5));

    @Test
    void retriesTransientFailuresAndHonoursRetryAfter() throws Exception {
        Scripted raw = new Scripted(
                new ModelException(FailureKind.RATE_LIMITED, 429, "slow down", Duration.ofMillis(400)),
                new ModelException(FailureKind.SERVER_ERROR, 503, "busy"));
        CallStack stack = stack(FAST, ResponseCache.NONE, ResponseCache.Mode.OFF);
        long start = System.nanoTime();
        ChatReply reply = stack.wrap(SPEC, raw).chat(REQUEST);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(reply.text()).isEqualTo("answer to 3");
        assertThat(raw.calls).hasValue(3);
        assertThat(millis).as("waited as the provider asked").isGreaterThanOrEqualTo(400);
        var meter = stack.meter().snapshot();
        assertThat(meter.retries()).isEqualTo(2);
        assertThat(meter.requests()).isEqualTo(3);
        assertThat(meter.cost()).as("gpt-4o-mini at 0.15/0.60 per million").isEqualTo((1000 * 0.15 + 500 * 0.60) / 1e6, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void failuresThatCannotSucceedAreNotRetried() {
        Scripted raw = new Scripted(new ModelException(FailureKind.AUTHENTICATION, 401, "bad key"));
        assertThatThrownBy(() -> stack(FAST, ResponseCache.NONE, ResponseCache.Mode.OFF).wrap(SPEC, raw).chat(REQUEST))
                .isInstanceOfSatisfying(ModelException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.AUTHENTICATION);
                    assertThat(e.attempts()).isEqualTo(1);
                });
        assertThat(raw.calls).hasValue(1);
    }

    @Test
    void givesUpAfterTheConfiguredAttemptsAndSaysHowMany() {
        ModelException busy = new ModelException(FailureKind.SERVER_ERROR, 500, "boom");
        Scripted raw = new Scripted(busy, busy, busy, busy);
        assertThatThrownBy(() -> stack(FAST.withAttempts(3), ResponseCache.NONE, ResponseCache.Mode.OFF).wrap(SPEC, raw).chat(REQUEST))
                .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.attempts()).isEqualTo(3));
        assertThat(raw.calls).hasValue(3);
    }

    @Test
    void theCacheAnswersRepeatedCallsAndRefreshBuysAgain() throws Exception {
        MapCache cache = new MapCache();
        Scripted raw = new Scripted();
        CallStack stack = stack(FAST, cache, ResponseCache.Mode.USE);
        ChatModel model = stack.wrap(SPEC, raw);
        assertThat(model.chat(REQUEST).cached()).isFalse();
        ChatReply again = model.chat(REQUEST);
        assertThat(again.cached()).isTrue();
        assertThat(again.text()).isEqualTo("answer to 3");
        assertThat(raw.calls).hasValue(1);
        model.chat(new ChatRequest(null, REQUEST.turns(), 0.7, 100, 4L));
        assertThat(raw.calls).as("another seed is another call").hasValue(2);
        assertThat(stack.meter().snapshot().cacheHits()).isEqualTo(1);
        stack(FAST, cache, ResponseCache.Mode.REFRESH).wrap(SPEC, raw).chat(REQUEST);
        assertThat(raw.calls).hasValue(3);
    }

    @Test
    void aRateLimitHalvesTheModelsConcurrencyAndSuccessesGrowItBack() throws Exception {
        ModelGate gate = new ModelGate(8, null, null);
        gate.enter(10);
        gate.leave(ModelGate.Outcome.RATE_LIMITED, Duration.ZERO);
        assertThat(gate.limit()).isEqualTo(4);
        gate.enter(10);
        gate.leave(ModelGate.Outcome.RATE_LIMITED, null);
        assertThat(gate.limit()).as("one burst halves once").isEqualTo(4);
        for (int i = 0; i < 4; i++) { gate.enter(10); gate.leave(ModelGate.Outcome.OK, null); }
        assertThat(gate.limit()).isEqualTo(5);
        gate.enter(10);
        gate.leave(ModelGate.Outcome.RATE_LIMITED, null);
        assertThat(gate.limit()).isEqualTo(2);
        for (int i = 0; i < 2; i++) { gate.enter(10); gate.leave(ModelGate.Outcome.OK, null); }
        assertThat(gate.limit()).isEqualTo(3);
        for (int i = 0; i < 100; i++) { gate.enter(10); gate.leave(ModelGate.Outcome.OK, null); }
        assertThat(gate.limit()).as("never above the ceiling").isEqualTo(8);
    }

    @Test
    void aRetryAfterPausesEveryCallToTheModel() throws Exception {
        ModelGate gate = new ModelGate(4, null, null);
        gate.enter(1);
        gate.leave(ModelGate.Outcome.RATE_LIMITED, Duration.ofMillis(300));
        long start = System.nanoTime();
        gate.enter(1);
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(250);
    }

    @Test
    void requestsPerMinuteAreSpacedOut() throws Exception {
        ModelGate gate = new ModelGate(4, 600, null); // one request per 100 ms
        long start = System.nanoTime();
        for (int i = 0; i < 4; i++) { gate.enter(1); gate.leave(ModelGate.Outcome.OK, null); }
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(250);
    }

    @Test
    void aUsersPriceFileExtendsTheTableAndBadEntriesNameTheModel() throws Exception {
        Path f = Files.createTempFile("prices", ".yaml");
        Files.writeString(f, "ollama:llama3.2: {input: 0, output: 0}\nopenai:gpt-4o-mini: {input: 1, output: 2}\n");
        PriceTable t = PriceTable.builtIn().with(f);
        assertThat(t.of("ollama:llama3.2")).isPresent();
        assertThat(t.of("openai:gpt-4o-mini").orElseThrow().inputPerMillion()).isEqualTo(1.0);
        assertThat(t.of("anthropic:claude-sonnet-4-5")).isPresent();
        Files.writeString(f, "openai:x: {input: cheap}\n");
        assertThatThrownBy(() -> PriceTable.builtIn().with(f)).hasMessageContaining("model 'openai:x'").hasMessageContaining("input");
    }

    @Test
    void progressOffATerminalIsPlainLinesWithoutCarriageReturns() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CallMeter meter = new CallMeter(PriceTable.builtIn());
        ConsoleProgress p = new ConsoleProgress("run-x", new PrintStream(bytes, true, StandardCharsets.UTF_8), meter, false, Duration.ofMillis(50));
        p.start(10, 2);
        p.step(Progress.Step.DONE);
        p.step(Progress.Step.FAILED);
        p.step(Progress.Step.JUDGE_ERROR);
        p.close();
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).doesNotContain("\r").contains("run-x: 5/10 (50%)", "ETA", "failed 1", "judge errors 1", "no tokens billed");
    }
}
