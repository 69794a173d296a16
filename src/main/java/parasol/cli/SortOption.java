package parasol.cli;

import parasol.report.Leaderboard;
import picocli.CommandLine.Option;

/** {@code --sort} for the side-by-side table a command prints at its end. */
final class SortOption {
    @Option(names = "--sort", defaultValue = "boundary", paramLabel = "COLUMN",
            description = "Sort the models' table by boundary, reinforcing, neutral or model (default ${DEFAULT-VALUE}); there is no rank.")
    String sort;

    Leaderboard.Sort value() { return Leaderboard.Sort.parse(sort); }
}
