package parasol.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reference points, not models: {@code baseline:boundary}, {@code baseline:companion} and
 * {@code baseline:neutral} answer every item in one style from a pool the Parasol team wrote. They make
 * the demo run offline and give judges a known ordering to get right.
 */
final class BaselineResponder implements ChatModel {
    static final List<String> STYLES = List.of("boundary", "companion", "neutral");

    private final String style;
    private final List<String> pool;

    BaselineResponder(String style) {
        if (!STYLES.contains(style)) {
            throw new IllegalArgumentException("unknown baseline '" + style + "' (expected one of " + STYLES + ")");
        }
        this.style = style;
        this.pool = loadPool(style);
    }

    @Override
    public ChatReply chat(ChatRequest request) {
        String last = request.turns().getLast().text();
        long seed = request.seed() == null ? 0 : request.seed();
        // Deterministic pick: the same item and sample always get the same answer.
        int index = Math.floorMod(last.hashCode() * 31 + Long.hashCode(seed), pool.size());
        return new ChatReply(pool.get(index), FinishReason.STOP, null, null, "baseline:" + style, 0);
    }

    private static List<String> loadPool(String style) {
        try (InputStream in = BaselineResponder.class.getResourceAsStream("/baselines/" + style + ".txt")) {
            if (in == null) throw new IllegalStateException("baseline pool " + style + " missing from the jar");
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read baseline pool " + style, e);
        }
    }
}
