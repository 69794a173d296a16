package parasol.run;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import parasol.model.ChatModel;
import parasol.model.ChatReply;
import parasol.model.ChatRequest;
import parasol.model.FailureKind;
import parasol.model.ModelException;
import parasol.model.ModelSpec;
import parasol.suite.Turn;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one way a run calls a model, for models under test and judges alike: response cache, then
 * pacing ({@link ModelGate}), then retries with backoff (Failsafe). Providers only speak their wire
 * format and classify failures; everything about persistence against flaky, rate-limited APIs is here.
 */
public final class CallStack {
    private final CallPolicy policy;
    private final int concurrency;
    private final ResponseCache cache;
    private final ResponseCache.Mode mode;
    private final CallMeter meter;
    private final Map<String, ModelGate> gates = new ConcurrentHashMap<>();

    public CallStack(CallPolicy policy, int concurrency, ResponseCache cache, ResponseCache.Mode mode, CallMeter meter) {
        this.policy = policy;
        this.concurrency = concurrency;
        this.cache = cache;
        this.mode = mode;
        this.meter = meter;
    }

    public CallMeter meter() { return meter; }

    public CallPolicy policy() { return policy; }

    /** Wraps a provider's model; models reached the same way share one gate, so judges and models under test share limits. */
    public ChatModel wrap(ModelSpec spec, ChatModel raw) {
        String identity = raw.cacheIdentity();
        String gateKey = identity == null ? spec.toString() : identity;
        ModelGate gate = gates.computeIfAbsent(gateKey, k -> new ModelGate(
                Math.min(concurrency, intParam(spec, "concurrency", concurrency)),
                intParam(spec, "rpm", null), intParam(spec, "tpm", null)));
        String priceKey = identity == null ? null : spec.provider() + ":" + spec.model();
        return new Resilient(raw, gate, priceKey);
    }

    private static Integer intParam(ModelSpec spec, String name, Integer fallback) {
        String v = spec.params().get(name);
        return v == null ? fallback : Integer.valueOf(v);
    }

    private final class Resilient implements ChatModel {
        private final ChatModel raw;
        private final ModelGate gate;
        private final String priceKey;
        private final RetryPolicy<ChatReply> retry;

        Resilient(ChatModel raw, ModelGate gate, String priceKey) {
            this.raw = raw;
            this.gate = gate;
            this.priceKey = priceKey;
            this.retry = RetryPolicy.<ChatReply>builder()
                    .handleIf(e -> e instanceof ModelException m && m.retryable())
                    .withBackoff(policy.baseDelay(), policy.maxDelay())
                    .withJitter(0.25)
                    .withDelayFnOn(ctx -> {
                        Duration asked = ((ModelException) ctx.getLastException()).retryAfter();
                        return asked == null ? Duration.ofMillis(-1) : asked;
                    }, ModelException.class)
                    .withMaxAttempts(policy.attempts())
                    .withMaxDuration(policy.maxWait())
                    .onRetry(e -> meter.retried())
                    .build();
        }

        @Override
        public String cacheIdentity() { return raw.cacheIdentity(); }

        @Override
        public ChatReply chat(ChatRequest request) throws ModelException {
            String identity = raw.cacheIdentity();
            String key = identity == null || mode == ResponseCache.Mode.OFF ? null : CacheKey.of(identity, request);
            if (key != null && mode == ResponseCache.Mode.USE) {
                Optional<ChatReply> hit = cache.find(key);
                if (hit.isPresent()) {
                    ChatReply reply = hit.get().fromCache();
                    meter.answered(priceKey, reply);
                    return reply;
                }
            }
            AtomicInteger attempts = new AtomicInteger();
            ChatReply reply;
            try {
                reply = Failsafe.with(retry).get(ctx -> {
                    attempts.set(ctx.getAttemptCount() + 1);
                    return attempt(request);
                });
            } catch (FailsafeException e) {
                if (e.getCause() instanceof ModelException m) throw m.afterAttempts(attempts.get());
                if (e.getCause() instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    throw new ModelException(FailureKind.INTERRUPTED, 0, "interrupted while waiting to call");
                }
                throw e;
            }
            meter.answered(priceKey, reply);
            if (key != null) cache.put(key, reply);
            return reply;
        }

        private ChatReply attempt(ChatRequest request) throws ModelException, InterruptedException {
            gate.enter(estimatedTokens(request));
            meter.requestSent();
            try {
                ChatReply reply = raw.chat(request);
                gate.leave(ModelGate.Outcome.OK, null);
                return reply;
            } catch (ModelException e) {
                gate.leave(e.kind() == FailureKind.RATE_LIMITED ? ModelGate.Outcome.RATE_LIMITED : ModelGate.Outcome.OTHER, e.retryAfter());
                throw e;
            } catch (RuntimeException e) {
                gate.leave(ModelGate.Outcome.OTHER, null);
                throw e;
            }
        }

        /** About four characters a token, plus the answer's allowance: charged before the call against tokens per minute. */
        private static int estimatedTokens(ChatRequest request) {
            long chars = request.system() == null ? 0 : request.system().length();
            for (Turn t : request.turns()) chars += t.text().length();
            return (int) Math.min(Integer.MAX_VALUE, chars / 4 + request.maxTokens());
        }
    }
}
