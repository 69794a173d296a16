package parasol.run;

/** Reports a run's progress; implementations must be thread-safe. */
public interface Progress extends AutoCloseable {
    void start(long total, long alreadyDone);

    /** One unit finished; {@code tokens} is what it used, 0 when unknown. */
    void step(boolean ok, long tokens);

    @Override
    void close();

    Progress NONE = new Progress() {
        @Override public void start(long total, long alreadyDone) {}
        @Override public void step(boolean ok, long tokens) {}
        @Override public void close() {}
    };
}
