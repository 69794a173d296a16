package parasol.cli;

import java.util.regex.Pattern;

/**
 * What a run may be called: letters, digits, '.', '_' and '-', up to 100, starting with a letter or a
 * digit — so a name is also a safe file name, never a path, never an option, never a terminal escape.
 */
final class RunName {
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private RunName() {}

    static String check(String name) {
        if (!ALLOWED.matcher(name).matches()) {
            throw new BadInputException("run name '" + printable(name) + "' is not allowed: use letters, digits, '.', '_' and '-' "
                    + "(up to 100, starting with a letter or digit)");
        }
        return name;
    }

    /** A file name for a stored run's name, which older databases may hold unchecked. */
    static String fileName(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^[.-]+", "_");
        return safe.isEmpty() ? "_" : safe;
    }

    /** The name as it can be shown on a terminal: control characters as \\uXXXX. */
    static String printable(String name) {
        StringBuilder sb = new StringBuilder();
        name.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) sb.append(String.format("\\u%04x", c));
            else sb.appendCodePoint(c);
        });
        return sb.toString();
    }
}
