package parasol.run;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress on stderr: done/total, rate, ETA, failures, judge errors, cache hits, tokens and estimated
 * cost. On a terminal it is a live bar; otherwise (CI, a log file) one plain line every few seconds
 * and a last one at the end — no carriage returns.
 */
public final class ConsoleProgress implements Progress {
    private final String task;
    private final PrintStream out;
    private final CallMeter meter;
    private final boolean terminal;
    private final Duration logEvery;
    private final AtomicLong done = new AtomicLong(), failed = new AtomicLong(), judgeErrors = new AtomicLong(), blocked = new AtomicLong();
    private long total, startDone, startNanos;
    private ProgressBar bar;
    private ScheduledExecutorService ticker;

    public ConsoleProgress(String task, PrintStream out, CallMeter meter, boolean terminal, Duration logEvery) {
        this.task = task;
        this.out = out;
        this.meter = meter;
        this.terminal = terminal;
        this.logEvery = logEvery;
    }

    /** Whether this process writes to a terminal (Console.isTerminal where the JDK has it). */
    public static boolean onTerminal() {
        var console = System.console();
        if (console == null) return false;
        try {
            return (Boolean) console.getClass().getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    @Override
    public synchronized void start(long total, long alreadyDone) {
        this.total = total;
        this.startDone = alreadyDone;
        this.startNanos = System.nanoTime();
        done.set(alreadyDone);
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).startsFrom(alreadyDone, Duration.ZERO)
                    .setStyle(ProgressBarStyle.ASCII).showSpeed().setUnit(" units", 1).setUpdateIntervalMillis(500)
                    .setConsumer(new ConsoleProgressBarConsumer(out)).build();
        } else {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("parasol-progress").unstarted(r));
            // A first line at once, so a log shows the run started (and its size) before the first interval passes.
            ticker.scheduleAtFixedRate(() -> out.println(line()), 0, logEvery.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void step(Step step) {
        done.incrementAndGet();
        switch (step) {
            case FAILED -> failed.incrementAndGet();
            case JUDGE_ERROR -> judgeErrors.incrementAndGet();
            case BLOCKED -> blocked.incrementAndGet();
            case DONE -> { }
        }
        synchronized (this) {
            if (bar == null) return;
            bar.step();
            bar.setExtraMessage(" " + extras());
        }
    }

    private String extras() {
        StringBuilder sb = new StringBuilder();
        if (failed.get() > 0) sb.append("failed ").append(failed.get()).append(", ");
        if (judgeErrors.get() > 0) sb.append("judge errors ").append(judgeErrors.get()).append(", ");
        if (blocked.get() > 0) sb.append("blocked ").append(blocked.get()).append(", ");
        var m = meter.snapshot();
        if (m.cacheHits() > 0) sb.append("cache hits ").append(m.cacheHits()).append(", ");
        if (m.retries() > 0) sb.append("retries ").append(m.retries()).append(", ");
        return sb.append(m.describe()).toString();
    }

    /** "run-x: 120/408 (29%), 4.1/s, ETA 1m10s, failed 3, tokens …" */
    String line() {
        long d = done.get();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double rate = seconds > 0 ? (d - startDone) / seconds : 0;
        String eta = rate > 0 ? format(Duration.ofSeconds(Math.round((total - d) / rate))) : "?";
        return String.format("%s: %d/%d (%.0f%%), %.1f/s, ETA %s, %s", task, d, total, total == 0 ? 100.0 : 100.0 * d / total, rate, eta, extras());
    }

    private static String format(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? (s / 3600) + "h" + (s % 3600 / 60) + "m" : s >= 60 ? (s / 60) + "m" + (s % 60) + "s" : s + "s";
    }

    @Override
    public synchronized void close() {
        if (bar != null) bar.close();
        if (ticker != null) {
            ticker.shutdownNow();
            out.println(line());
        }
    }
}
