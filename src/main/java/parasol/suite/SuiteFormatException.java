package parasol.suite;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a suite file has bad records; carries every problem found, not just the first. */
public class SuiteFormatException extends Exception {
    private final List<SuiteProblem> problems;

    public SuiteFormatException(List<SuiteProblem> problems) {
        super(problems.stream().map(SuiteProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<SuiteProblem> problems() { return problems; }
}
