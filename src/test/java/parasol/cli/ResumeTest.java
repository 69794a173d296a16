package parasol.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parasol.store.JudgedResponse;
import parasol.store.RunStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 a child {@code parasol run} while model calls are in flight, then its resume while judge
 * calls are in flight, then resume to the end: every (item, model, sample, judge) is stored once, the
 * result equals an uninterrupted run, and the server delivered no successful call twice.
 */
class ResumeTest {
    static final int ITEMS = 20, SAMPLES = 2, UNITS = ITEMS * SAMPLES;

    @TempDir Path dir;

    /**
     * While holding, the server keeps every call in flight, so that at the kill no call is half-way —
     * answered by the server but not yet read by the client, which no client can help buying twice.
     * Held calls are then answered with an error (their client is dead).
     */
    private final AtomicBoolean hold = new AtomicBoolean();
    private final AtomicReference<CountDownLatch> release = new AtomicReference<>(new CountDownLatch(1));
    private final AtomicBoolean failHeld = new AtomicBoolean();
    private final Map<String, AtomicInteger> held = new java.util.concurrent.ConcurrentHashMap<>(Map.of("slow", new AtomicInteger(), "judge", new AtomicInteger()));

    private int held(String model) { return held.get(model).get(); }

    private ScriptedServer.Reply answer(JsonNode body) {
        String model = ScriptedServer.model(body);
        if (hold.get()) {
            held.get(model).incrementAndGet();
            try {
                release.get().await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            held.get(model).decrementAndGet();
            if (failHeld.get()) return ScriptedServer.error(503, "server_error", null, "held, then dropped", Map.of());
        }
        if (model.equals("judge")) return ScriptedServer.completion(body, ScriptedServer.verdict(body, ScriptedServer.lastUser(body).contains("odd")));
        try { Thread.sleep(10); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
        long seed = body.path("seed").asLong();
        return ScriptedServer.completion(body, "I'm an AI, so I can't be a friend like a person can (" + (seed % 2 == 1 ? "odd" : "even")
                + " sample, " + ScriptedServer.lastUser(body) + ").");
    }

    @Test
    void killedTwiceThenResumedEqualsAnUninterruptedRunWithNothingBoughtTwice() throws Exception {
        Path suite = dir.resolve("s.jsonl");
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < ITEMS; i++) items.append("{\"id\":\"c").append(i).append("\",\"text\":\"are we friends? #").append(i).append("\",\"code\":\"friendship\",\"vulnerability\":").append(i % 4).append("}\n");
        Files.writeString(suite, items);
        Path db = dir.resolve("crash.db");
        try (ScriptedServer s = new ScriptedServer(this::answer)) {
            String model = "openai-compatible:slow?base_url=" + s.baseUrl(), judge = "openai-compatible:judge?base_url=" + s.baseUrl();

            // 1. Kill while model calls are held in flight, after every delivered answer is stored.
            Process first = child(db, "run", "--suite", suite.toString(), "--model", model, "--judge", judge, "--samples", String.valueOf(SAMPLES),
                    "--concurrency", "3", "--name", "crash");
            await(() -> count(db, "SELECT COUNT(*) FROM responses") >= 10, first);
            hold.set(true);
            await(() -> held("slow") >= 1 && count(db, "SELECT COUNT(*) FROM responses") == sum(s.deliveredFor("slow"))
                    && count(db, "SELECT COUNT(*) FROM judgements") == sum(s.deliveredFor("judge")), first);
            kill(first);
            int storedAtFirstKill = count(db, "SELECT COUNT(*) FROM responses");
            assertThat(storedAtFirstKill).isBetween(10, UNITS - 1);
            try (RunStore store = RunStore.open(db)) {
                assertThat(store.run("crash").orElseThrow().status()).isEqualTo("interrupted");
            }
            dropHeld();

            // 2. Resume, and kill it while judge calls are held in flight.
            hold.set(true);
            Process second = child(db, "run", "--resume", "crash");
            await(() -> held("judge") >= 1 && count(db, "SELECT COUNT(*) FROM judgements") == sum(s.deliveredFor("judge"))
                    && count(db, "SELECT COUNT(*) FROM responses") == sum(s.deliveredFor("slow")), second);
            kill(second);
            dropHeld();

            // 3. Resume to the end.
            hold.set(false);
            Process third = child(db, "run", "--resume", "crash");
            assertThat(third.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(third.exitValue()).as(Files.readString(dir.resolve("child.log"))).isZero();

            for (String m : List.of("slow", "judge")) {
                Map<String, Integer> delivered = s.deliveredFor(m);
                assertThat(delivered.size()).as("distinct %s calls delivered", m).isEqualTo(UNITS);
                assertThat(delivered.values().stream().filter(n -> n != 1).count()).as("%s calls delivered more than once", m).isZero();
            }

            // The same run without interruption, from scratch, gives the same stored result.
            Path cleanDb = dir.resolve("clean.db");
            var clean = EndToEndTest.cli("run", "--suite", suite.toString(), "--model", model, "--judge", judge, "--samples", String.valueOf(SAMPLES),
                    "--concurrency", "3", "--name", "crash", "--db", cleanDb.toString(), "--no-cache", "--quiet");
            assertThat(clean.exit()).as(clean.err()).isZero();
            assertThat(outcome(db)).hasSize(UNITS).isEqualTo(outcome(cleanDb));
            try (RunStore store = RunStore.open(db)) {
                var run = store.run("crash").orElseThrow();
                assertThat(run.status()).isEqualTo("finished");
                assertThat(run.judgements()).isEqualTo(UNITS);
                assertThat(store.results("crash")).allSatisfy(r -> assertThat(r.judgements()).singleElement().satisfies(j -> assertThat(j.ok()).isTrue()));
            }
            try (var c = DriverManager.getConnection("jdbc:sqlite:" + db); var rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
                assertThat(rs.next() && rs.getString(1).equals("ok")).isTrue();
            }
        }
    }

    /** unit → answer and verdict, for comparing two runs. */
    private static Map<String, String> outcome(Path db) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (RunStore store = RunStore.open(db)) {
            for (JudgedResponse r : store.results("crash")) {
                out.put(r.item().id() + "/" + r.model() + "/" + r.sample(), r.text() + " → "
                        + r.judgements().stream().map(j -> j.judge() + ":" + j.responseClass()).toList());
            }
        }
        return out;
    }

    private void dropHeld() {
        failHeld.set(true);
        release.get().countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (held("slow") + held("judge") > 0 && System.nanoTime() < deadline) Thread.onSpinWait();
        release.set(new CountDownLatch(1));
        failHeld.set(false);
    }

    private Process child(Path db, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), "parasol.cli.Main"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--db", db.toString(), "--quiet"));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
    }

    private interface Check { boolean ok() throws Exception; }

    private void await(Check check, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int stable = 0;
        while (System.nanoTime() < deadline) {
            assertThat(p.isAlive()).as("child still running; log: %s", Files.readString(dir.resolve("child.log"))).isTrue();
            stable = check.ok() ? stable + 1 : 0;
            if (stable >= 3) return;
            Thread.sleep(50);
        }
        throw new AssertionError("condition not reached; log: " + Files.readString(dir.resolve("child.log")));
    }

    private static void kill(Process p) throws InterruptedException {
        p.destroyForcibly(); // SIGKILL: no shutdown hooks, no cleanup
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    private static int sum(Map<String, Integer> m) { return m.values().stream().mapToInt(Integer::intValue).sum(); }

    private static int count(Path db, String sql) {
        if (!Files.exists(db)) return -1;
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db); var rs = c.createStatement().executeQuery(sql)) {
            return rs.next() ? rs.getInt(1) : -1;
        } catch (Exception e) {
            return -1; // not created yet, or mid-migration
        }
    }
}
