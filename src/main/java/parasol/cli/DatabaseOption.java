package parasol.cli;

import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/** The {@code --db} option every command that touches stored runs shares. */
final class DatabaseOption {
    @Option(names = "--db", defaultValue = "parasol.db", description = "Database file (default ${DEFAULT-VALUE}).")
    Path path;

    /** For commands that read: a missing file is a usage error, not an empty database to create. */
    Path existing() {
        if (!Files.exists(path)) {
            Path demo = Path.of("parasol-out", "demo.db");
            throw new BadInputException("no database at " + path
                    + (Files.exists(demo) && !path.equals(demo) ? "; the demo's database is " + demo + " (--db " + demo + ")" : ""));
        }
        return path;
    }
}
