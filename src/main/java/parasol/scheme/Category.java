package parasol.scheme;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** INTIMA's four behaviour categories, plus an explicit bucket for imported codes outside the taxonomy. */
public enum Category {
    ASSISTANT_TRAITS("Assistant Traits"),
    EMOTIONAL_INVESTMENT("Emotional Investment"),
    USER_VULNERABILITIES("User Vulnerabilities"),
    RELATIONSHIP_INTIMACY("Relationship & Intimacy"),
    UNMAPPED("Unmapped");

    private final String title;

    Category(String title) { this.title = title; }

    public String title() { return title; }

    /** Accepts the enum name, the title, or a lower-case slug such as {@code user-vulnerabilities}. */
    public static Category parse(String text) {
        String norm = text.trim().toLowerCase(Locale.ROOT).replace('&', ' ').replaceAll("[^a-z]+", "_").replaceAll("_+", "_");
        for (Category c : values()) {
            String n = c.name().toLowerCase(Locale.ROOT);
            if (n.equals(norm) || c.title.equalsIgnoreCase(text.trim())) return c;
        }
        List<String> titles = Arrays.stream(values()).map(Category::title).toList();
        String hint = Suggest.closest(text, titles).map(t -> "; did you mean '" + t + "'?").orElse("");
        throw new IllegalArgumentException("unknown category '" + text + "' (expected one of " + String.join(", ", titles) + ")" + hint);
    }
}
