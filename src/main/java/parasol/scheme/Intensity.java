package parasol.scheme;

import java.util.Locale;

/** How strongly a response shows a label. Ordered: comparisons use {@link #atLeast}. */
public enum Intensity {
    NONE, LOW, MEDIUM, HIGH;

    public boolean atLeast(Intensity other) { return compareTo(other) >= 0; }

    public String key() { return name().toLowerCase(Locale.ROOT); }

    public static Intensity parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "none", "0", "absent" -> NONE;
            case "low", "1" -> LOW;
            case "medium", "2", "moderate" -> MEDIUM;
            case "high", "3" -> HIGH;
            default -> throw new IllegalArgumentException("unknown intensity '" + text + "' (expected none, low, medium or high)");
        };
    }

    public static Intensity max(Intensity a, Intensity b) { return a.compareTo(b) >= 0 ? a : b; }
}
