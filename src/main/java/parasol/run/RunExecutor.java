package parasol.run;

import parasol.model.ChatModel;
import parasol.model.ChatReply;
import parasol.model.ChatRequest;
import parasol.model.ModelException;
import parasol.suite.Item;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends every item to every model, {@code samples} times, with at most {@code concurrency} calls in
 * flight. Each finished unit goes to the {@link UnitHandler} at once (judge and store), so a crash
 * loses only the units in flight; units in {@code alreadyDone} are skipped.
 */
public final class RunExecutor {

    /** What happens to each finished unit. Called concurrently. */
    public interface UnitHandler {
        void completed(WorkUnit unit, Item item, ChatReply reply) throws Exception;

        void failed(WorkUnit unit, Item item, String error) throws Exception;
    }

    public record Outcome(int completed, int failed, int skipped) {}

    public Outcome execute(RunConfig config, List<Item> items, Map<String, ChatModel> models, Set<WorkUnit> alreadyDone,
                           UnitHandler handler, Progress progress) throws InterruptedException {
        List<Runnable> tasks = new ArrayList<>();
        AtomicInteger completed = new AtomicInteger(), failed = new AtomicInteger();
        int skipped = 0;
        // Item-major order: models advance together, so a stopped run leaves comparable partial results.
        for (Item item : items) {
            for (String model : config.models()) {
                ChatModel chat = models.get(model);
                for (int sample = 0; sample < config.samples(); sample++) {
                    WorkUnit unit = new WorkUnit(item.id(), model, sample);
                    if (alreadyDone.contains(unit)) { skipped++; continue; }
                    ChatRequest request = new ChatRequest(config.systemPrompt(), item.turns(), config.temperature(),
                            config.maxTokens(), config.seedFor(sample));
                    tasks.add(() -> runOne(unit, item, chat, request, handler, progress, completed, failed));
                }
            }
        }
        progress.start(tasks.size() + (long) skipped, skipped);
        ExecutorService pool = Executors.newFixedThreadPool(config.concurrency(), Thread.ofPlatform().daemon().name("parasol-run-", 0).factory());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Runnable t : tasks) futures.add(pool.submit(t));
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("judging or storing a result failed: " + e.getCause().getMessage(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
            progress.close();
        }
        return new Outcome(completed.get(), failed.get(), skipped);
    }

    private static void runOne(WorkUnit unit, Item item, ChatModel chat, ChatRequest request, UnitHandler handler,
                               Progress progress, AtomicInteger completed, AtomicInteger failed) {
        ChatReply reply;
        try {
            reply = chat.chat(request);
        } catch (ModelException e) {
            unchecked(() -> handler.failed(unit, item, e.getMessage()));
            failed.incrementAndGet();
            progress.step(false, 0);
            return;
        }
        unchecked(() -> handler.completed(unit, item, reply));
        completed.incrementAndGet();
        long tokens = (reply.promptTokens() == null ? 0 : reply.promptTokens()) + (reply.completionTokens() == null ? 0 : reply.completionTokens());
        progress.step(true, tokens);
    }

    private interface Step { void run() throws Exception; }

    private static void unchecked(Step step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
