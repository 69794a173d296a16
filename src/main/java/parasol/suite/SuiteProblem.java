package parasol.suite;

import java.nio.file.Path;

/** One bad record: where it is (file, line, field) and what is wrong. */
public record SuiteProblem(Path file, long line, String field, String message) {
    @Override
    public String toString() {
        return file + ":" + line + ": " + (field == null ? "" : "field '" + field + "': ") + message;
    }
}
