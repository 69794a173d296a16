package parasol.run;

/** Reports a run's progress; implementations must be thread-safe. */
public interface Progress extends AutoCloseable {
    /** How one unit ended: answered (and judged, when there are judges), failed, blocked by a filter, or judged with an error. */
    enum Step { DONE, FAILED, BLOCKED, JUDGE_ERROR }

    void start(long total, long alreadyDone);

    void step(Step step);

    @Override
    void close();

    Progress NONE = new Progress() {
        @Override public void start(long total, long alreadyDone) {}
        @Override public void step(Step step) {}
        @Override public void close() {}
    };
}
