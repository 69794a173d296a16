package parasol.run;

import dev.failsafe.RateLimiter;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Paces the calls to one model: requests and tokens per minute (Failsafe rate limiters), and an
 * adaptive limit on calls in flight that halves on a rate-limit answer and grows back by one after as
 * many successes as the limit (additive increase, multiplicative decrease). It halves at most once per
 * window of that many finished calls, since one burst answers several calls in flight with 429 at once.
 * A provider's Retry-After pauses every call to the model, not only the one that was told.
 */
final class ModelGate {
    private final int ceiling;
    private final RateLimiter<Object> requests, tokens;
    private final int tokensPerMinute;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private int limit, inFlight, successes, sinceDecrease = Integer.MAX_VALUE;
    private long pausedUntil;

    ModelGate(int ceiling, Integer rpm, Integer tpm) {
        this.ceiling = ceiling;
        this.limit = ceiling;
        this.requests = rpm == null || rpm <= 0 ? null : RateLimiter.smoothBuilder(rpm, Duration.ofMinutes(1)).build();
        this.tokensPerMinute = tpm == null ? 0 : tpm;
        this.tokens = tpm == null || tpm <= 0 ? null : RateLimiter.burstyBuilder(tpm, Duration.ofMinutes(1)).build();
    }

    /** Waits for a slot; {@code estimatedTokens} is charged against the tokens-per-minute budget. */
    void enter(int estimatedTokens) throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                long wait = pausedUntil - System.nanoTime();
                if (wait > 0) { changed.awaitNanos(wait); continue; }
                if (inFlight < limit) break;
                changed.await();
            }
            inFlight++;
        } finally {
            lock.unlock();
        }
        try {
            if (requests != null) requests.acquirePermit();
            if (tokens != null) tokens.acquirePermits(Math.max(1, Math.min(estimatedTokens, tokensPerMinute)));
        } catch (InterruptedException e) {
            leave(Outcome.OTHER, null);
            throw e;
        }
    }

    enum Outcome { OK, RATE_LIMITED, OTHER }

    void leave(Outcome outcome, Duration retryAfter) {
        lock.lock();
        try {
            inFlight--;
            if (sinceDecrease < Integer.MAX_VALUE) sinceDecrease++;
            if (outcome == Outcome.RATE_LIMITED) {
                if (sinceDecrease >= limit) {
                    limit = Math.max(1, limit / 2);
                    sinceDecrease = 0;
                }
                successes = 0;
                if (retryAfter != null && !retryAfter.isZero()) {
                    pausedUntil = Math.max(pausedUntil, System.nanoTime() + retryAfter.toNanos());
                }
            } else if (outcome == Outcome.OK && limit < ceiling && ++successes >= limit) {
                limit++;
                successes = 0;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    int limit() {
        lock.lock();
        try { return limit; } finally { lock.unlock(); }
    }

}
