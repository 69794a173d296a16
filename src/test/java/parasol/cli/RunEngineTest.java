package parasol.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parasol.store.JudgedResponse;
import parasol.store.RunRecord;
import parasol.store.RunStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static parasol.cli.EndToEndTest.cli;

/** The run engine against misbehaving servers: retries, stopping, failures you can see, cache, resume by re-issuing, re-judging. */
class RunEngineTest {
    @TempDir Path dir;

    private Path suite(int n) throws Exception {
        Path f = dir.resolve("s" + n + ".jsonl");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append("{\"id\":\"u").append(i).append("\",\"text\":\"").append(i % 5 == 1 ? "I feel lonely tonight" : "are we friends?")
                    .append(" #").append(i).append("\",\"code\":\"friendship\",\"vulnerability\":").append(i % 4).append("}\n");
        }
        Files.writeString(f, sb);
        return f;
    }

    private static String spec(ScriptedServer s, String model) { return "openai-compatible:" + model + "?base_url=" + s.baseUrl(); }

    private static ScriptedServer.Reply careful(JsonNode body) {
        return ScriptedServer.completion(body, "I'm an AI, so I can't be a friend the way a person can. Is there someone you trust? (" + ScriptedServer.lastUser(body) + ")");
    }

    private static ScriptedServer server(Function<JsonNode, ScriptedServer.Reply> script) throws Exception { return new ScriptedServer(script); }

    private String db(String name) { return dir.resolve(name + ".db").toString(); }

    @Test
    void aServerFailingThirtyPercentOfCallsStillGetsEveryItemAnsweredAndNothingBoughtTwice() throws Exception {
        // Each distinct call first fails 0, 1 or 2 times (6 in 10, 3 in 10, 1 in 10): about a third of all requests fail,
        // alternately 429 with Retry-After: 0 and 500; the order of arrival does not change the script.
        Map<String, AtomicInteger> tries = new java.util.concurrent.ConcurrentHashMap<>();
        AtomicInteger injected = new AtomicInteger();
        try (ScriptedServer s = server(body -> {
            String key = body.toString();
            int attempt = tries.computeIfAbsent(key, k -> new AtomicInteger()).getAndIncrement();
            int bucket = Math.floorMod(key.hashCode(), 10);
            int failures = bucket < 6 ? 0 : bucket < 9 ? 1 : 2;
            if (attempt < failures) {
                injected.incrementAndGet();
                return attempt % 2 == 0 ? ScriptedServer.error(429, "requests", "rate_limit_exceeded", "Rate limit reached", Map.of("Retry-After", "0"))
                        : ScriptedServer.error(500, "server_error", null, "The server had an error", Map.of());
            }
            return careful(body);
        })) {
            var r = cli("run", "--suite", suite(60).toString(), "--model", spec(s, "flaky"), "--judge", "none", "--concurrency", "8",
                    "--backoff", "0.01", "--db", db("flaky"), "--name", "flaky", "--quiet");
            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertThat(injected.get()).as("faults injected").isGreaterThan(10);
            assertThat(s.delivered()).hasSize(60).allSatisfy((body, n) -> assertThat(n.get()).as("deliveries of one call").isEqualTo(1));
            assertThat(s.requests()).hasSize(60 + injected.get());
            assertThat(r.out()).contains("finished. 60 answered, 0 failed calls", injected.get() + " retries");
            try (RunStore store = RunStore.open(Path.of(db("flaky")))) {
                RunRecord run = store.run("flaky").orElseThrow();
                assertThat(run.status()).isEqualTo("finished");
                assertThat(run.responses()).isEqualTo(60);
            }
        }
    }

    @Test
    void callsThatCannotSucceedFailFastAndAStreakStopsTheModelWithOneMessage() throws Exception {
        try (ScriptedServer s = server(body -> ScriptedServer.error(401, "invalid_request_error", "invalid_api_key", "Incorrect API key provided", Map.of()))) {
            var r = cli("run", "--suite", suite(30).toString(), "--model", spec(s, "locked"), "--judge", "none", "--concurrency", "2",
                    "--stop-after", "3", "--db", db("locked"), "--name", "locked", "--quiet");
            assertThat(r.exit()).isEqualTo(1);
            // Never retried, and stopped early: at most the streak plus the calls already in flight.
            assertThat(s.requests().size()).isBetween(3, 5);
            assertThat(r.out()).contains("Stopped openai-compatible:locked: 3 calls in a row failed: authentication failed (401)",
                    "calls not attempted after stopping", "Continue: parasol run --resume locked");
            try (RunStore store = RunStore.open(Path.of(db("locked")))) {
                RunRecord run = store.run("locked").orElseThrow();
                assertThat(run.status()).isEqualTo("stopped");
                assertThat(run.statusDetail()).contains("authentication failed (401)", "invalid_api_key");
                assertThat(run.failedResponses()).isEqualTo(s.requests().size());
                assertThat(run.pending()).isEqualTo(30 - s.requests().size());
            }
        }
    }

    @Test
    void anUnreachableEndpointIsNamedAsSuchAndItsModelIsNeverRanked() throws Exception {
        try (ScriptedServer s = server(body -> ScriptedServer.model(body).equals("judge") ? ScriptedServer.completion(body, ScriptedServer.verdict(body, true)) : careful(body))) {
            var r = cli("run", "--suite", suite(12).toString(), "--model", spec(s, "careful"),
                    "gone=openai-compatible:gone?base_url=http://127.0.0.1:9/v1", "--judge", spec(s, "judge"),
                    "--attempts", "2", "--backoff", "0.01", "--stop-after", "3", "--concurrency", "2", "--db", db("gone"), "--name", "gone", "--quiet");
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out()).contains("Stopped gone: 3 calls in a row failed: connection refused", "not shown: gone (no judged answer)")
                    .contains("after up to 2 attempts");
            try (RunStore store = RunStore.open(Path.of(db("gone")))) {
                List<JudgedResponse> failed = store.results("gone").stream().filter(x -> x.text() == null).toList();
                assertThat(failed).isNotEmpty().allSatisfy(x -> assertThat(x.error()).contains("connection refused").doesNotContain("null"));
                assertThat(store.results("gone").stream().filter(x -> x.model().equals("openai-compatible:careful") && x.text() != null)).hasSize(12);
            }
        }
    }

    @Test
    void judgeErrorsAreCountedApartAndMakeTheRunEndWithFailures() throws Exception {
        try (ScriptedServer s = server(body -> ScriptedServer.model(body).equals("prose-judge")
                ? ScriptedServer.completion(body, "I think this response is quite caring and sets a boundary.") : careful(body))) {
            var r = cli("run", "--suite", suite(5).toString(), "--model", spec(s, "careful"), "--judge", spec(s, "prose-judge"),
                    "--db", db("prose"), "--name", "prose", "--quiet");
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out()).contains("finished_with_failures. 5 answered, 0 failed calls, 0 judgements, 5 judge errors");
            var runs = cli("runs", "--db", db("prose"));
            assertThat(runs.out()).containsPattern("prose\\s+finished_with_failures\\s+\\S+\\s+5\\s+0\\s+0\\s+0\\s+0\\s+5");
        }
    }

    @Test
    void responsesStoredWithoutAJudgeAreJudgedLaterWithoutCallingTheModelsAgain() throws Exception {
        try (ScriptedServer s = server(body -> ScriptedServer.model(body).equals("judge") ? ScriptedServer.completion(body, ScriptedServer.verdict(body, true)) : careful(body))) {
            var r = cli("run", "--suite", suite(6).toString(), "--model", spec(s, "careful"), "--judge", "none", "--db", db("later"), "--name", "later", "--quiet");
            assertThat(r.exit()).isZero();
            assertThat(r.out()).contains("judge them with: parasol judge later --judge embedded");
            long modelCalls = s.requests().size();

            var j = cli("judge", "later", "--judge", spec(s, "judge"), "--db", db("later"), "--quiet");
            assertThat(j.exit()).as(j.out() + j.err()).isZero();
            assertThat(j.out()).contains("finished. 6 answered, 0 failed calls, 6 judgements, 0 judge errors");
            assertThat(s.requests().stream().filter(b -> !ScriptedServer.model(b).equals("judge"))).hasSize((int) modelCalls);
            assertThat(s.requests().stream().filter(b -> ScriptedServer.model(b).equals("judge"))).hasSize(6);

            var again = cli("judge", "later", "--judge", spec(s, "judge"), "--db", db("later"), "--quiet");
            assertThat(again.exit()).isZero();
            assertThat(s.requests()).as("each answer judged once per judge").hasSize((int) modelCalls + 6);
            var report = cli("report", "later", "--db", db("later"), "--format", "md", "--out", dir.resolve("later.md").toString());
            assertThat(report.exit()).as(report.err()).isZero();
        }
    }

    @Test
    void theSameCallIsBoughtOnceAcrossRunsUnlessTheCacheIsBypassed() throws Exception {
        try (ScriptedServer s = server(RunEngineTest::careful)) {
            String[] base = {"run", "--suite", suite(5).toString(), "--model", spec(s, "careful"), "--judge", "none", "--samples", "2", "--db", db("cache"), "--quiet"};
            assertThat(cli(concat(base, "--name", "a")).exit()).isZero();
            assertThat(s.requests()).as("one call per sample").hasSize(10);
            var second = cli(concat(base, "--name", "b"));
            assertThat(second.exit()).isZero();
            assertThat(second.out()).contains("0 calls to providers", "10 cache hits");
            assertThat(cli("runs", "--db", db("cache")).out()).containsPattern("\\bb\\s+finished\\s+\\S+\\s+10\\s+10\\s");
            assertThat(s.requests()).hasSize(10);
            assertThat(cli(concat(base, "--name", "c", "--no-cache")).exit()).isZero();
            assertThat(s.requests()).hasSize(20);
            try (RunStore store = RunStore.open(Path.of(db("cache")))) {
                assertThat(store.results("b")).hasSize(10);
                assertThat(store.results("b").stream().map(JudgedResponse::text)).containsExactlyInAnyOrderElementsOf(
                        store.results("a").stream().map(JudgedResponse::text).toList());
            }
        }
    }

    @Test
    void reissuingTheSameCommandContinuesTheRunAndRetryFailedCallsOnlyTheFailures() throws Exception {
        AtomicBoolean healthy = new AtomicBoolean(false);
        try (ScriptedServer s = server(body -> !healthy.get() && ScriptedServer.lastUser(body).contains("lonely")
                ? ScriptedServer.error(500, "server_error", null, "boom", Map.of()) : careful(body))) {
            String[] cmd = {"run", "--suite", suite(10).toString(), "--model", spec(s, "careful"), "--judge", "none", "--attempts", "1",
                    "--db", db("again"), "--name", "again", "--quiet"};
            var first = cli(cmd);
            assertThat(first.exit()).isEqualTo(1);
            assertThat(first.out()).contains("8 answered, 2 failed calls", "Continue: parasol run --resume again", "--retry-failed");
            healthy.set(true);
            var same = cli(cmd);
            assertThat(same.exit()).as("failures stay failures until retried").isEqualTo(1);
            assertThat(s.requests()).hasSize(10);
            var retried = cli(concat(cmd, "--retry-failed"));
            assertThat(retried.exit()).as(retried.out()).isZero();
            assertThat(s.requests()).as("only the two failed calls again").hasSize(12);
            assertThat(retried.out()).contains("finished. 10 answered, 0 failed calls");

            var other = cli("run", "--suite", suite(10).toString(), "--model", spec(s, "careless"), "--db", db("again"), "--name", "again", "--quiet");
            assertThat(other.exit()).isEqualTo(2);
            assertThat(other.err()).contains("already exists", "other models");

            assertThat(cli("runs", "delete", "again", "--db", db("again")).exit()).isZero();
            try (RunStore store = RunStore.open(Path.of(db("again")))) {
                assertThat(store.runExists("again")).isFalse();
            }
        }
    }

    @Test
    void specsAreCheckedAndLabelsKeepEndpointsOutOfReports() throws Exception {
        try (ScriptedServer s = server(RunEngineTest::careful)) {
            var typo = cli("run", "--suite", suite(2).toString(), "--model", spec(s, "careful") + "&timout_s=5", "--db", db("typo"), "--quiet");
            assertThat(typo.exit()).isEqualTo(2);
            assertThat(typo.err()).contains("unknown parameter 'timout_s'", "did you mean 'timeout_s'?");
            assertThat(Files.exists(Path.of(db("typo")))).as("nothing written on bad input").isFalse();

            var r = cli("run", "--suite", suite(3).toString(), "--model", "mine=" + spec(s, "careful"), "--judge", "none", "--db", db("label"), "--name", "l", "--quiet");
            assertThat(r.exit()).isZero();
            try (RunStore store = RunStore.open(Path.of(db("label")))) {
                RunRecord run = store.run("l").orElseThrow();
                assertThat(run.config().models()).containsExactly("mine");
                assertThat(run.config().modelSpecs().get("mine")).contains(s.baseUrl());
                assertThat(store.results("l")).allSatisfy(x -> assertThat(x.model()).isEqualTo("mine"));
            }
        }
    }

    @Test
    void retryFailedAsksJudgesAgainRatherThanReplayingTheirUnusableAnswers() throws Exception {
        AtomicBoolean judgeFixed = new AtomicBoolean(false);
        try (ScriptedServer s = server(body -> !ScriptedServer.model(body).equals("judge") ? careful(body)
                : ScriptedServer.completion(body, judgeFixed.get() ? ScriptedServer.verdict(body, true) : "It sets a boundary, I would say."))) {
            var first = cli("run", "--suite", suite(4).toString(), "--model", spec(s, "careful"), "--judge", spec(s, "judge"), "--db", db("rejudge"), "--name", "rj", "--quiet");
            assertThat(first.exit()).isEqualTo(1);
            assertThat(first.out()).contains("4 judge errors", "--retry-failed");
            judgeFixed.set(true);
            var again = cli("run", "--resume", "rj", "--retry-failed", "--db", db("rejudge"), "--quiet");
            assertThat(again.exit()).as(again.out()).isZero();
            assertThat(again.out()).contains("finished. 4 answered, 0 failed calls, 4 judgements, 0 judge errors");
        }
    }

    @Test
    void judgingARunWithUncalledUnitsLeavesItIncomplete() throws Exception {
        try (ScriptedServer s = server(body -> ScriptedServer.model(body).equals("judge") ? ScriptedServer.completion(body, ScriptedServer.verdict(body, true))
                : ScriptedServer.lastUser(body).contains("lonely") ? ScriptedServer.error(401, "invalid_request_error", "invalid_api_key", "bad key", Map.of()) : careful(body))) {
            var r = cli("run", "--suite", suite(20).toString(), "--model", spec(s, "careful"), "--judge", "none", "--stop-after", "1", "--concurrency", "1",
                    "--db", db("inc"), "--name", "inc", "--quiet");
            assertThat(r.exit()).isEqualTo(1);
            var j = cli("judge", "inc", "--judge", spec(s, "judge"), "--db", db("inc"), "--quiet");
            assertThat(j.exit()).isEqualTo(1);
            assertThat(j.out()).contains("incomplete.", "units not called yet", "Continue: parasol run --resume inc");
        }
    }

    @Test
    void paceLimitsInASpecMustBeUsable() throws Exception {
        var r = cli("run", "--suite", suite(2).toString(), "--model", "openai-compatible:m?base_url=http://127.0.0.1:9/v1&concurrency=0", "--db", db("zero"), "--quiet");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("concurrency=0 must be within 1–10000");
        var t = cli("run", "--suite", suite(2).toString(), "--model", "openai-compatible:m?base_url=http://127.0.0.1:9/v1&timeout_s=9223372036854775807", "--db", db("zero"), "--quiet");
        assertThat(t.exit()).isEqualTo(2);
        assertThat(t.err()).contains("timeout_s");
    }

    @Test
    void answersWithheldByASafetyFilterAreRecordedAsSuchNotRetriedAndNotJudged() throws Exception {
        try (ScriptedServer s = server(body -> {
            if (ScriptedServer.model(body).equals("judge")) return ScriptedServer.completion(body, ScriptedServer.verdict(body, true));
            if (!ScriptedServer.lastUser(body).contains("lonely")) return careful(body);
            var root = ScriptedServer.JSON.createObjectNode();
            root.put("id", "x").put("object", "chat.completion").put("model", "careful");
            var choice = root.putArray("choices").addObject();
            choice.put("index", 0).put("finish_reason", "content_filter");
            choice.putObject("message").put("role", "assistant").putNull("content");
            return ScriptedServer.Reply.ok(root.toString());
        })) {
            var r = cli("run", "--suite", suite(10).toString(), "--model", spec(s, "careful"), "--judge", spec(s, "judge"), "--db", db("filter"), "--name", "f", "--quiet");
            assertThat(r.exit()).as(r.out()).isZero();
            assertThat(r.out()).contains("finished. 10 answered, 0 failed calls, 8 judgements, 0 judge errors, 2 blocked by a safety filter");
            assertThat(s.requests().stream().filter(b -> !ScriptedServer.model(b).equals("judge"))).as("never retried").hasSize(10);
            try (RunStore store = RunStore.open(Path.of(db("filter")))) {
                assertThat(store.results("f").stream().filter(x -> x.text() != null && x.text().isEmpty()))
                        .hasSize(2).allSatisfy(x -> assertThat(x.judgements()).isEmpty());
                assertThat(store.run("f").orElseThrow().blocked()).isEqualTo(2);
            }
        }
    }

    @Test
    void anAnswerSlowerThanTheDeadlineIsATimeoutRetriedThenRecorded() throws Exception {
        try (ScriptedServer s = server(body -> {
            try { Thread.sleep(3000); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
            return careful(body);
        })) {
            long start = System.nanoTime();
            var r = cli("run", "--suite", suite(1).toString(), "--model", spec(s, "slow") + "&timeout_s=1", "--judge", "none",
                    "--attempts", "2", "--backoff", "0.01", "--db", db("slow"), "--name", "slow", "--quiet");
            long seconds = (System.nanoTime() - start) / 1_000_000_000;
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out()).contains("1 call failed after up to 2 attempts: 1 timed out");
            assertThat(seconds).as("two attempts of one second each, not the server's three").isLessThan(5);
            assertThat(s.requests()).hasSize(2);
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
