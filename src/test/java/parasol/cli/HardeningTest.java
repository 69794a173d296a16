package parasol.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parasol.model.ModelSpec;
import parasol.model.Providers;
import parasol.store.RunStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static parasol.cli.EndToEndTest.cli;

/** Bad specs, option values, run names and paths: one line and exit 2, never a stack trace, nothing written. */
class HardeningTest {
    @TempDir Path dir;

    private Path suite() throws Exception {
        Path f = dir.resolve("s.jsonl");
        Files.writeString(f, "{\"id\":\"a\",\"text\":\"are we friends?\",\"code\":\"friendship\",\"vulnerability\":0}\n");
        return f;
    }

    private EndToEndTest.Result run(Map<String, String> env, String... extra) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("run", "--suite", suite().toString(), "--db", dir.resolve("h.db").toString(), "--quiet"));
        args.addAll(List.of(extra));
        return cli(env, args.toArray(String[]::new));
    }

    private void assertRefused(EndToEndTest.Result r, String... messages) {
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).contains(messages).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(Files.exists(dir.resolve("h.db"))).as("nothing written").isFalse();
    }

    @Test
    void aKeyIsNeverSentInTheClearToAnotherHost() throws Exception {
        Map<String, String> env = Map.of("OPENAI_API_KEY", "sk-test-CANARY0123456789");
        var r = run(env, "--model", "openai:gpt-4o-mini?base_url=http://models.example.org/v1");
        assertRefused(r, "would send its key unencrypted to models.example.org", "key_over_http=true");
        assertThat(r.err()).doesNotContain("CANARY");
        // Said explicitly, it is the user's call; loopback servers get the key as before.
        new Providers(env).open(ModelSpec.parse("openai:gpt-4o-mini?base_url=http://models.example.org/v1&key_over_http=true"));
        new Providers(env).open(ModelSpec.parse("openai:gpt-4o-mini?base_url=http://127.0.0.1:8000/v1"));
        new Providers(env).open(ModelSpec.parse("openai:gpt-4o-mini?base_url=https://models.example.org/v1"));
    }

    @Test
    void everySpecIsCheckedWholeBeforeARunIsWritten() throws Exception {
        for (String base : List.of("file:///etc/passwd", "ftp://host/v1", "localhost:8000/v1")) {
            assertRefused(run(Map.of(), "--model", "openai-compatible:m?base_url=" + base), "base_url", "must be an http(s) URL");
        }
        for (String t : List.of("0", "-5", "abc")) {
            assertRefused(run(Map.of(), "--model", "openai-compatible:m?base_url=http://127.0.0.1:9/v1&timeout_s=" + t), "timeout_s");
        }
        var token = run(Map.of(), "--model", "openai-compatible:m?base_url=http://127.0.0.1:9/v1&token=sk-live-SECRET123456789");
        assertRefused(token, "keys do not go in a spec");
        assertThat(token.err()).doesNotContain("SECRET");
        var inLabel = run(Map.of(), "--model", "openai-compatible:m?base_url=http://127.0.0.1:9/v1&label=sk-proj-SECRET123456789");
        assertRefused(inLabel, "keys do not go in a spec");
        assertRefused(run(Map.of(), "--model", "openai-compatible:m?base_url=http://127.0.0.1:9/v1&rpm=0"), "rpm=0 must be within");
    }

    @Test
    void optionValuesAreBoundedAndFilesAreNamedInErrors() throws Exception {
        String model = "baseline:boundary";
        assertRefused(run(Map.of(), "--model", model, "--temperature", "NaN"), "--temperature must be a number within 0–2");
        assertRefused(run(Map.of(), "--model", model, "--concurrency", "100000"), "--concurrency must be within 1–1024");
        assertRefused(run(Map.of(), "--model", model, "--samples", "0"), "--samples must be within 1–1000");
        assertRefused(run(Map.of(), "--model", model, "--attempts", "0"), "--attempts must be within 1–100");
        assertRefused(run(Map.of(), "--model", model, "--backoff", "0"), "--backoff must be at least 0.001");
        assertRefused(run(Map.of(), "--model", model, "--backoff", "60"), "--backoff must be at least 0.001");
        Path missing = dir.resolve("missing prompt.txt");
        assertRefused(run(Map.of(), "--model", model, "--system", "@" + missing), missing + ": no such file");

        Path prompt = dir.resolve("system prompt.txt");
        Files.writeString(prompt, "You are a careful assistant.\nKeep boundaries.");
        var ok = run(Map.of(), "--model", model, "--judge", "none", "--system", "@" + prompt, "--name", "sys");
        assertThat(ok.exit()).as(ok.err()).isZero();
        try (RunStore store = RunStore.open(dir.resolve("h.db"))) {
            assertThat(store.run("sys").orElseThrow().config().systemPrompt()).isEqualTo("You are a careful assistant.\nKeep boundaries.");
        }
    }

    @Test
    void runNamesAreNamesNotPathsOptionsOrEscapes() throws Exception {
        for (String name : List.of("../../x", "/tmp/abs", "a/b/c", "-x", "a\nb", "\u001b[31mred", ".hidden", "")) {
            assertRefused(run(Map.of(), "--model", "baseline:boundary", "--name", name), "is not allowed");
        }
        assertThat(RunName.printable("a\u001b[31m\nb")).isEqualTo("a\\u001b[31m\\u000ab");
        assertThat(RunName.fileName("../../etc/x")).doesNotContain("/").doesNotStartWith(".");
    }

    @Test
    void theSameRunNameStartedTwiceAtOnceGivesOneRunAndOneClearRefusal() throws Exception {
        Path suite = suite();
        String db = dir.resolve("race.db").toString();
        var results = new java.util.concurrent.ConcurrentLinkedQueue<EndToEndTest.Result>();
        var start = new java.util.concurrent.CountDownLatch(1);
        List<Thread> threads = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try { start.await(); } catch (InterruptedException e) { return; }
                results.add(cli("run", "--suite", suite.toString(), "--model", "baseline:boundary", "--judge", "none", "--name", "twin", "--db", db, "--quiet"));
            }));
        }
        start.countDown();
        for (Thread t : threads) t.join();
        assertThat(results).extracting(EndToEndTest.Result::exit).containsAnyOf(0).allSatisfy(code -> assertThat(code).isIn(0, 2));
        assertThat(results).allSatisfy(r -> assertThat(r.err()).doesNotContain("\tat ").doesNotContain("SQLITE"));
        try (RunStore store = RunStore.open(Path.of(db))) {
            assertThat(store.runs()).singleElement().satisfies(r -> assertThat(r.responses()).isEqualTo(1));
        }
    }

    @Test
    void pathsAndFormatsThatCannotWorkAreBadInputNotInternalErrors() throws Exception {
        Path file = dir.resolve("a-file");
        Files.writeString(file, "not a folder");
        var demo = cli("demo", "--out", file.toString(), "--quiet");
        assertThat(demo.exit()).as(demo.err()).isEqualTo(2);
        assertThat(demo.err()).contains(file.toString()).doesNotContain("\tat ");

        var ok = run(Map.of(), "--model", "baseline:boundary", "--judge", "none", "--name", "fmt");
        assertThat(ok.exit()).isZero();
        String db = dir.resolve("h.db").toString();
        assertThat(cli("runs", "--db", db, "--format", "xml").exit()).isEqualTo(2);
        assertThat(cli("report", "fmt", "--db", db, "--format", "pdf").exit()).isEqualTo(2);
        assertThat(cli("report", "nosuch", "--db", db).exit()).isEqualTo(2);
        assertThat(cli("judge", "nosuch", "--judge", "embedded", "--db", db).exit()).isEqualTo(2);
        assertThat(cli("runs", "delete", "nosuch", "--db", db).exit()).isEqualTo(2);

        JsonNode runs = new ObjectMapper().readTree(cli("runs", "--db", db, "--format", "json").out());
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).path("run").asText()).isEqualTo("fmt");
        assertThat(runs.get(0).path("answers").asInt()).isEqualTo(1);
        assertThat(runs.get(0).path("models").get(0).asText()).isEqualTo("baseline:boundary");
    }
}
