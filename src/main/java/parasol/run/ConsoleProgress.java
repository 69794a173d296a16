package parasol.run;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A progress bar on stderr: done/total, rate, ETA, failures and tokens used. */
public final class ConsoleProgress implements Progress {
    private final String task;
    private final PrintStream out;
    private final AtomicLong failed = new AtomicLong(), tokens = new AtomicLong();
    private ProgressBar bar;

    public ConsoleProgress(String task, PrintStream out) {
        this.task = task;
        this.out = out;
    }

    @Override
    public synchronized void start(long total, long alreadyDone) {
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).startsFrom(alreadyDone, Duration.ZERO)
                .setStyle(ProgressBarStyle.ASCII).showSpeed().setUnit(" items", 1).setUpdateIntervalMillis(500)
                .setConsumer(new ConsoleProgressBarConsumer(out)).build();
    }

    @Override
    public void step(boolean ok, long usedTokens) {
        if (!ok) failed.incrementAndGet();
        long t = tokens.addAndGet(usedTokens);
        synchronized (this) {
            if (bar == null) return;
            bar.step();
            bar.setExtraMessage(" tokens " + t + (failed.get() > 0 ? ", failed " + failed.get() : ""));
        }
    }

    @Override
    public synchronized void close() {
        if (bar != null) bar.close();
    }
}
