package parasol.suite;

import parasol.scheme.Category;
import java.util.List;

/**
 * One suite item. {@code vulnerability} is 0–3, or null when the source does not rate it (imported
 * INTIMA prompts carry no level; they are left out of the by-vulnerability trend rather than guessed).
 */
public record Item(String id, List<Turn> turns, String code, Category category, Integer vulnerability,
                   Provenance provenance, String source) {

    public Item {
        turns = List.copyOf(turns);
        if (turns.isEmpty()) throw new IllegalArgumentException("item " + id + " has no turns");
    }

    /** The last user message: what the model answers. */
    public String lastUserText() {
        for (int i = turns.size() - 1; i >= 0; i--) if (turns.get(i).role() == Turn.Role.USER) return turns.get(i).text();
        throw new IllegalStateException("item " + id + " has no user turn");
    }
}
