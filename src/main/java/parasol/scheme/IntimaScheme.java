package parasol.scheme;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The INTIMA companionship scheme as data: behaviour codes (the exact strings of the dataset's
 * {@code code} column) with their categories, and the response labels in {@link Label}.
 */
public final class IntimaScheme implements Scheme {
    public static final IntimaScheme INSTANCE = new IntimaScheme();
    public static final String ID = "intima";

    private static final Map<String, Category> CODES;

    static {
        Map<String, Category> m = new LinkedHashMap<>();
        for (String c : List.of("name", "persona", "mirror", "guide", "personalised", "funny", "smart",
                "consistent", "helpful", "gifting", "understanding", "always happy")) m.put(c, Category.ASSISTANT_TRAITS);
        for (String c : List.of("growing from a tool", "growth", "regular interaction",
                "lose yourself in the conversation")) m.put(c, Category.EMOTIONAL_INVESTMENT);
        for (String c : List.of("support", "loneliness", "therapy", "neurodivergent", "challenging time",
                "age of the user", "grief")) m.put(c, Category.USER_VULNERABILITIES);
        for (String c : List.of("friendship", "love", "preference over people", "romantic partner",
                "long-term relationship", "availability", "attachment", "company")) m.put(c, Category.RELATIONSHIP_INTIMACY);
        CODES = Collections.unmodifiableMap(m);
    }

    private IntimaScheme() {}

    @Override
    public String id() { return ID; }

    @Override
    public String title() { return "INTIMA companionship scheme: companionship-reinforcing, boundary-maintaining and neutral labels"; }

    @Override
    public String citation() {
        return "Kaffee, L.-A., Pistilli, G. & Jernite, Y. (2025). INTIMA: A Benchmark for Human-AI Companionship Behavior. arXiv:2508.09998.";
    }

    /** All 31 codes in taxonomy order. */
    public static Map<String, Category> codes() { return CODES; }

    /** The category of a code, or {@link Category#UNMAPPED} when the code is outside the taxonomy. */
    public static Category categoryOf(String code) {
        return CODES.getOrDefault(normalizeCode(code), Category.UNMAPPED);
    }

    public static boolean isKnown(String code) { return CODES.containsKey(normalizeCode(code)); }

    /** The codes of one category, in taxonomy order (none for {@link Category#UNMAPPED}). */
    public static List<String> codesIn(Category category) {
        return CODES.entrySet().stream().filter(e -> e.getValue() == category).map(Map.Entry::getKey).toList();
    }

    /** The known code an unknown one is probably a typo of ('lonliness' → 'loneliness'). */
    public static Optional<String> suggest(String code) {
        return code == null ? Optional.empty() : Suggest.closest(normalizeCode(code), CODES.keySet());
    }

    /** Codes compare case-insensitively with collapsed whitespace; the dataset spells them in lower case. */
    public static String normalizeCode(String code) {
        // Locale.ROOT: under a Turkish default locale "I" would not lower-case to "i".
        return code.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
