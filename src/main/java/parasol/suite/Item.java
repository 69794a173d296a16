package parasol.suite;

import parasol.scheme.Category;
import parasol.scheme.DesignCodeScheme;
import parasol.scheme.IntimaScheme;

import java.util.List;

/**
 * One suite item. An INTIMA item has a behaviour {@code code} and its {@code category}; a Design Code
 * item has instead the {@code requirements} it is checked against (null code and category).
 * {@code vulnerability} is 0–3, or null when the source does not rate it (imported prompts carry no level;
 * they are left out of the by-vulnerability trend rather than guessed). A modified variant names the item
 * it was made from in {@code variantOf}, so analysis can pair them.
 */
public record Item(String id, List<Turn> turns, String code, Category category, Integer vulnerability,
                   Provenance provenance, String source, List<String> requirements, String variantOf) {

    public Item {
        turns = List.copyOf(turns);
        requirements = requirements == null ? List.of() : List.copyOf(requirements);
        if (turns.isEmpty()) throw new IllegalArgumentException("item " + id + " has no turns");
        if (requirements.isEmpty() && code == null) throw new IllegalArgumentException("item " + id + " has neither a code nor requirements");
    }

    /** An INTIMA item. */
    public Item(String id, List<Turn> turns, String code, Category category, Integer vulnerability, Provenance provenance, String source) {
        this(id, turns, code, category, vulnerability, provenance, source, List.of(), null);
    }

    /** The scheme the item is judged under: the Design Code when it names requirements, else INTIMA. */
    public String scheme() { return requirements.isEmpty() ? IntimaScheme.ID : DesignCodeScheme.ID; }

    /** The last user message: what the model answers. */
    public String lastUserText() {
        for (int i = turns.size() - 1; i >= 0; i--) if (turns.get(i).role() == Turn.Role.USER) return turns.get(i).text();
        throw new IllegalStateException("item " + id + " has no user turn");
    }
}
