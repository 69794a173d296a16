package parasol.model;

/**
 * One spec parameter a provider accepts. {@code shapesAnswer} marks parameters that change what the
 * model answers (part of the response cache key); the rest — label, limits, timeouts, key variable —
 * only change how the call is made.
 */
public record Param(String name, Type type, String defaultValue, boolean shapesAnswer, String help, long min, long max) {
    public enum Type { TEXT, INTEGER, NUMBER, URL, BOOLEAN }

    public Param(String name, Type type, String defaultValue, boolean shapesAnswer, String help) {
        this(name, type, defaultValue, shapesAnswer, help, 0, Long.MAX_VALUE);
    }

    /** The same parameter, a whole number within [min, max]. */
    Param within(long min, long max) { return new Param(name, type, defaultValue, shapesAnswer, help, min, max); }

    /** Checks a value against the type; returns a problem or null. */
    String problem(String value) {
        try {
            switch (type) {
                case INTEGER -> {
                    long v = Long.parseLong(value);
                    if (v < min || v > max) return max == Long.MAX_VALUE ? "must be at least " + min : "must be within " + min + "–" + max;
                }
                case NUMBER -> { if (!Double.isFinite(Double.parseDouble(value))) return "must be a finite number"; }
                case BOOLEAN -> { if (!value.equals("true") && !value.equals("false")) return "must be true or false"; }
                case URL -> {
                    var uri = java.net.URI.create(value);
                    if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) return "must be an http(s) URL";
                }
                case TEXT -> { if (value.isBlank()) return "must not be empty"; }
            }
            return null;
        } catch (IllegalArgumentException e) {
            return "must be " + switch (type) { case INTEGER -> "a whole number"; case NUMBER -> "a number"; default -> "a valid URL"; };
        }
    }
}
