package parasol.cli;

/** Process exit codes (DESIGN.md §4), plus 3 for an internal error. */
final class ExitCodes {
    static final int OK = 0;
    static final int FAILED_ITEMS = 1;
    static final int BAD_INPUT = 2;
    static final int INTERNAL = 3;

    private ExitCodes() {}
}
