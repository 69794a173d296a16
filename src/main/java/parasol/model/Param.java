package parasol.model;

/**
 * One spec parameter a provider accepts. {@code shapesAnswer} marks parameters that change what the
 * model answers (part of the response cache key); the rest — label, limits, timeouts, key variable —
 * only change how the call is made.
 */
public record Param(String name, Type type, String defaultValue, boolean shapesAnswer, String help) {
    public enum Type { TEXT, INTEGER, NUMBER, URL }

    /** Checks a value against the type; returns a problem or null. */
    String problem(String value) {
        try {
            switch (type) {
                case INTEGER -> { if (Long.parseLong(value) < 0) return "must not be negative"; }
                case NUMBER -> Double.parseDouble(value);
                case URL -> {
                    var uri = java.net.URI.create(value);
                    if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) return "must be an http(s) URL";
                }
                case TEXT -> { }
            }
            return null;
        } catch (IllegalArgumentException e) {
            return "must be " + switch (type) { case INTEGER -> "a whole number"; case NUMBER -> "a number"; default -> "a valid URL"; };
        }
    }
}
