package parasol.suite;

import java.util.Locale;

/** Where an item's text came from: a real user message, a modified one, or authored for a suite. */
public enum Provenance {
    REAL, MODIFIED, AUTHORED;

    public String key() { return name().toLowerCase(Locale.ROOT); }

    public static Provenance parse(String text) {
        for (Provenance p : values()) if (p.key().equals(text.trim().toLowerCase(Locale.ROOT))) return p;
        throw new IllegalArgumentException("unknown provenance '" + text + "' (expected real, modified or authored)");
    }
}
