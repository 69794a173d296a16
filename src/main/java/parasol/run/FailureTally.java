package parasol.run;

import parasol.model.ModelException;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Failed calls counted by cause, for the one summary line a run ends with. Thread-safe. */
public final class FailureTally {
    private final Map<String, Integer> byCause = new TreeMap<>();
    private final AtomicInteger maxAttempts = new AtomicInteger();
    private int total;

    synchronized void add(ModelException e) {
        byCause.merge(e.cause(), 1, Integer::sum);
        maxAttempts.accumulateAndGet(e.attempts(), Math::max);
        total++;
    }

    public synchronized int total() { return total; }

    /** "45 failed after up to 5 attempts: 26 server error (500), 19 rate limited (429)", or "" when none failed. */
    public synchronized String summary() {
        if (total == 0) return "";
        StringBuilder sb = new StringBuilder().append(total).append(total == 1 ? " call" : " calls").append(" failed");
        sb.append(maxAttempts.get() > 1 ? " after up to " + maxAttempts.get() + " attempts: " : ": ");
        sb.append(String.join(", ", byCause.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .map(e -> e.getValue() + " " + e.getKey()).toList()));
        return sb.toString();
    }
}
