package parasol.suite;

import java.nio.file.Path;

/**
 * One bad record: where it is (file, line, field) and what is wrong. A line of 0 means the problem
 * concerns the whole file (an unreadable or mis-encoded one), and is printed as {@code file: problem}.
 */
public record SuiteProblem(Path file, long line, String field, String message) {
    private static final int MAX_TEXT = 300;

    public SuiteProblem {
        // Field names and parser messages can quote the file's own bytes: keep terminal escapes and
        // newlines out of the one-line report, and keep a huge key from flooding it.
        field = field == null ? null : printable(field);
        message = printable(message);
        line = Math.max(0, line);
    }

    /** A problem with the file as a whole, not with one of its lines. */
    public static SuiteProblem ofFile(Path file, String message) { return new SuiteProblem(file, 0, null, message); }

    @Override
    public String toString() {
        return file + ":" + (line > 0 ? line + ":" : "") + " " + (field == null ? "" : "field '" + field + "': ") + message;
    }

    static String printable(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_TEXT + 16));
        for (int i = 0; i < s.length() && b.length() < MAX_TEXT; ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (c == '\n' || c == '\r') {
                // Parser messages put their context on extra lines; keep it on one.
                if (b.length() > 0 && b.charAt(b.length() - 1) != ' ') b.append(' ');
            } else if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                    || Character.getType(c) == Character.SURROGATE || c == '\u2028' || c == '\u2029') {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
            if (i < s.length() && b.length() >= MAX_TEXT) b.append('…');
        }
        return b.toString().strip();
    }
}
