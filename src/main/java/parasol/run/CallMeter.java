package parasol.run;

import parasol.model.ChatReply;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** What a run's calls cost so far — model and judge calls alike. Thread-safe; read by progress and the run record. */
public final class CallMeter {
    private final PriceTable prices;
    private final LongAdder requests = new LongAdder(), retries = new LongAdder(), cacheHits = new LongAdder(),
            tokensIn = new LongAdder(), tokensOut = new LongAdder();
    private final DoubleAdder cost = new DoubleAdder();
    private final Set<String> unpriced = ConcurrentHashMap.newKeySet();

    public CallMeter(PriceTable prices) { this.prices = prices; }

    /** One answer; cached answers cost nothing. {@code priceKey} is provider:model. */
    void answered(String priceKey, ChatReply reply) {
        if (reply.cached()) { cacheHits.increment(); return; }
        long in = reply.promptTokens() == null ? 0 : reply.promptTokens();
        long out = reply.completionTokens() == null ? 0 : reply.completionTokens();
        tokensIn.add(in);
        tokensOut.add(out);
        if (priceKey == null) return;
        prices.of(priceKey).ifPresentOrElse(p -> cost.add(p.cost(in, out)), () -> unpriced.add(priceKey));
    }

    void requestSent() { requests.increment(); }

    void retried() { retries.increment(); }

    public record Snapshot(long requests, long retries, long cacheHits, long tokensIn, long tokensOut, double cost, Set<String> unpriced) {
        /** "tokens 1200 in / 340 out, est. $0.0021" with the models it could not price; "no tokens billed" for local responders. */
        public String describe() {
            if (tokensIn == 0 && tokensOut == 0 && unpriced.isEmpty()) return "no tokens billed";
            StringBuilder sb = new StringBuilder("tokens ").append(tokensIn).append(" in / ").append(tokensOut).append(" out");
            if (cost > 0 || unpriced.isEmpty()) sb.append(String.format(", est. $%.4f", cost));
            if (!unpriced.isEmpty()) sb.append(" (no price for ").append(String.join(", ", unpriced)).append(")");
            return sb.toString();
        }
    }

    public Snapshot snapshot() {
        return new Snapshot(requests.sum(), retries.sum(), cacheHits.sum(), tokensIn.sum(), tokensOut.sum(), cost.sum(), Set.copyOf(unpriced));
    }
}
