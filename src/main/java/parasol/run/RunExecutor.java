package parasol.run;

import parasol.model.ChatModel;
import parasol.model.ChatReply;
import parasol.model.ChatRequest;
import parasol.model.FailureKind;
import parasol.model.ModelException;
import parasol.suite.Item;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Two stages joined by a bounded queue. Calls run on virtual threads, at most {@code concurrency} in
 * flight, each answer stored at once (so a crash loses only calls in flight). Answers then go to a
 * pool of grader threads (judging: CPU-bound for the embedded judge, so it never holds a network
 * slot). Calls are drawn lazily from an iterator and the queue is bounded, so memory stays flat however
 * large the suite. A model whose calls keep failing for one reason is stopped: its remaining calls are
 * left undone, for a later resume, instead of all failing the same way.
 */
public final class RunExecutor {
    /** One call to make. */
    public record Call(WorkUnit unit, Item item, ChatRequest request) {}

    /** An answer on its way to grading. */
    public record Answer(WorkUnit unit, Item item, ChatReply reply) {}

    /** Stores each call's result as soon as it is known. Called concurrently. */
    public interface Sink {
        void answered(WorkUnit unit, ChatReply reply) throws Exception;

        void failed(WorkUnit unit, ModelException error) throws Exception;
    }

    /** The second stage; returns false when some judge could not give a verdict. Called concurrently. */
    public interface Grader {
        boolean grade(Answer answer) throws Exception;
    }

    public record Settings(int concurrency, int graders, int stopAfter) {}

    public record Outcome(int answered, int failed, int blocked, int judgeErrors, int notAttempted,
                          Map<String, String> stopped, FailureTally failures) {}

    private static final Answer END = new Answer(null, null, null);

    public Outcome execute(Settings settings, Map<String, ChatModel> models, Iterator<Call> calls, long callCount,
                           List<Answer> toGrade, Sink sink, Grader grader, Progress progress, long alreadyDone) throws InterruptedException {
        AtomicInteger answered = new AtomicInteger(), failed = new AtomicInteger(), blocked = new AtomicInteger(),
                judgeErrors = new AtomicInteger(), notAttempted = new AtomicInteger();
        FailureTally tally = new FailureTally();
        Map<String, String> stopped = new ConcurrentHashMap<>();
        Map<String, Streak> streaks = new ConcurrentHashMap<>();
        AtomicReference<Throwable> fatal = new AtomicReference<>();
        BlockingQueue<Answer> queue = new ArrayBlockingQueue<>(Math.max(4, settings.graders() * 4));

        progress.start(alreadyDone + callCount + toGrade.size(), alreadyDone);
        List<Thread> graders = new ArrayList<>();
        if (grader != null) {
            for (int i = 0; i < settings.graders(); i++) {
                graders.add(Thread.ofPlatform().daemon().name("parasol-judge-" + i).start(() -> {
                    try {
                        for (Answer a = queue.take(); a != END; a = queue.take()) {
                            if (fatal.get() != null) continue;
                            try {
                                boolean ok = grader.grade(a);
                                if (!ok) judgeErrors.incrementAndGet();
                                progress.step(ok ? Progress.Step.DONE : Progress.Step.JUDGE_ERROR);
                            } catch (Throwable t) {
                                fatal.compareAndSet(null, t);
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
        }
        Semaphore slots = new Semaphore(settings.concurrency());
        try {
            for (Answer a : grader == null ? List.<Answer>of() : toGrade) {
                if (fatal.get() != null) break;
                queue.put(a);
            }
            while (calls.hasNext() && fatal.get() == null) {
                Call call = calls.next();
                if (stopped.containsKey(call.unit().model())) { notAttempted.incrementAndGet(); continue; }
                slots.acquire();
                ChatModel model = models.get(call.unit().model());
                Thread.ofVirtual().name("parasol-call").start(() -> {
                    try {
                        ChatReply reply = model.chat(call.request());
                        streaks.computeIfAbsent(call.unit().model(), m -> new Streak()).success();
                        sink.answered(call.unit(), reply);
                        answered.incrementAndGet();
                        if (reply.text().isBlank()) {
                            blocked.incrementAndGet();
                            progress.step(Progress.Step.BLOCKED);
                        } else if (grader != null) {
                            queue.put(new Answer(call.unit(), call.item(), reply));
                        } else {
                            progress.step(Progress.Step.DONE);
                        }
                    } catch (ModelException e) {
                        if (e.kind() == FailureKind.INTERRUPTED) return;
                        try {
                            sink.failed(call.unit(), e);
                        } catch (Throwable t) {
                            fatal.compareAndSet(null, t);
                            return;
                        }
                        failed.incrementAndGet();
                        tally.add(e);
                        progress.step(Progress.Step.FAILED);
                        int streak = streaks.computeIfAbsent(call.unit().model(), m -> new Streak()).failure(e.kind());
                        if (streak >= settings.stopAfter()) {
                            stopped.putIfAbsent(call.unit().model(), streak + " calls in a row failed: " + e.cause() + ": " + e.getMessage());
                        }
                    } catch (Throwable t) {
                        fatal.compareAndSet(null, t);
                    } finally {
                        slots.release();
                    }
                });
            }
            slots.acquire(settings.concurrency());
            slots.release(settings.concurrency());
        } finally {
            for (int i = 0; i < graders.size(); i++) queue.put(END);
            for (Thread t : graders) t.join();
            progress.close();
        }
        Throwable t = fatal.get();
        if (t != null) {
            if (t instanceof RuntimeException r) throw r;
            throw new IllegalStateException("storing or judging a result failed: " + t.getMessage(), t);
        }
        return new Outcome(answered.get(), failed.get(), blocked.get(), judgeErrors.get(), notAttempted.get(),
                new LinkedHashMap<>(stopped), tally);
    }

    /** Consecutive failures of one model for one reason; any answer resets it. */
    private static final class Streak {
        private FailureKind kind;
        private int count;

        synchronized void success() { kind = null; count = 0; }

        synchronized int failure(FailureKind k) {
            count = k == kind ? count + 1 : 1;
            kind = k;
            return count;
        }
    }
}
