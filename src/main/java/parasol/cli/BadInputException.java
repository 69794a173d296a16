package parasol.cli;

/** A usage or input problem the user can fix; reported as one line, exit code 2. */
final class BadInputException extends RuntimeException {
    BadInputException(String message) { super(message); }
}
