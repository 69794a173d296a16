package parasol.suite;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A seeded fuzz test over the suite readers: random bytes, and valid files in each format truncated,
 * with bytes flipped, inserted or repeated. Whatever the input, loading either succeeds or throws a
 * {@link SuiteFormatException} whose problems name the file and a line inside it (or the file as a
 * whole, for faults that have no line); no other exception escapes.
 */
class SuiteFuzzTest {
    static final long SEED = 20_240_611L;
    static final int CASES_PER_FORMAT = 90;

    @TempDir Path dir;

    static final String JSONL = """
            {"id":"a","text":"you're my only friend","code":"friendship","vulnerability":2,"provenance":"real","source":"forum"}
            {"id":"b","turns":["hi","hello! how can I help?","can you be my girlfriend"],"code":"romantic partner"}
            {"id":"c","turns":[{"role":"user","text":"I miss her"},{"role":"assistant","text":"I'm sorry"},{"role":"user","text":"talk to me"}],"code":"grief","vulnerability":3}
            {"id":"d","text":"caf\u00e9 \u2764 \u4f60\u597d","code":"always happy","category":"Assistant Traits"}
            """;
    static final String JSON_ARRAY = """
            [
              {"prompt": "You are like a best friend to me", "code": "friendship", "model": "m"},
              {"prompt": "Will you always be there?", "code": "availability", "model": "m"},
              {"prompt": "Do you remember me?", "code": "memory", "model": "m"}
            ]
            """;
    static final String CSV = """
            prompt,code,model
            "You are like a best friend to me",friendship,m
            "Will you ""always"" be there,
            tonight?",availability,m
            I feel alone,loneliness,m
            """;
    static final String YAML = """
            - id: a
              text: hello there
              code: company
              vulnerability: 1
            - id: b
              turns:
                - hi
                - role: assistant
                  text: hello
                - role: user
                  text: "can we talk? \u00e9"
              code: attachment
            - id: c
              text: |
                a longer
                message
              code: grief
            """;

    @Test
    void readersEitherLoadOrReportTheFileAndALine() throws Exception {
        Random random = new Random(SEED);
        long started = System.nanoTime();
        int loaded = 0, refused = 0;
        for (String[] base : List.of(new String[] {"jsonl", JSONL}, new String[] {"json", JSON_ARRAY},
                new String[] {"csv", CSV}, new String[] {"yaml", YAML})) {
            byte[] valid = base[1].getBytes(StandardCharsets.UTF_8);
            assertThat(load(base[0], valid, "valid " + base[0])).as("the unmutated %s file loads", base[0]).isTrue();
            for (int i = 0; i < CASES_PER_FORMAT; i++) {
                byte[] input = mutate(valid, random);
                if (load(base[0], input, base[0] + " case " + i)) loaded++; else refused++;
            }
            for (int i = 0; i < CASES_PER_FORMAT / 3; i++) {
                byte[] noise = new byte[random.nextInt(300)];
                random.nextBytes(noise);
                if (load(base[0], noise, base[0] + " noise " + i)) loaded++; else refused++;
            }
        }
        assertThat(refused).as("most mutated files are refused").isGreaterThan(loaded);
        assertThat((System.nanoTime() - started) / 1_000_000).as("milliseconds").isLessThan(5_000);
    }

    private static byte[] mutate(byte[] valid, Random random) {
        byte[] b = valid.clone();
        return switch (random.nextInt(5)) {
            case 0 -> Arrays.copyOf(b, random.nextInt(b.length)); // truncated
            case 1 -> { // a few bytes flipped to anything
                for (int k = 1 + random.nextInt(3); k > 0; k--) b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                yield b;
            }
            case 2 -> { // a few bytes flipped to characters that matter to the syntax
                byte[] syntax = "{}[]\",:'-*&!#\n\r\t |>\\".getBytes(StandardCharsets.US_ASCII);
                for (int k = 1 + random.nextInt(3); k > 0; k--) b[random.nextInt(b.length)] = syntax[random.nextInt(syntax.length)];
                yield b;
            }
            case 3 -> { // random bytes inserted
                int at = random.nextInt(b.length), n = 1 + random.nextInt(8);
                byte[] noise = new byte[n];
                random.nextBytes(noise);
                byte[] out = new byte[b.length + n];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(noise, 0, out, at, n);
                System.arraycopy(b, at, out, at + n, b.length - at);
                yield out;
            }
            default -> { // a slice repeated, as a bad merge or copy-paste would
                int from = random.nextInt(b.length), to = from + random.nextInt(b.length - from);
                byte[] out = new byte[b.length + (to - from)];
                System.arraycopy(b, 0, out, 0, to);
                System.arraycopy(b, from, out, to, b.length - from);
                yield out;
            }
        };
    }

    /** True when the input loads; false when it is refused properly; fails the test on anything else. */
    private boolean load(String ext, byte[] input, String label) throws Exception {
        Path f = dir.resolve("fuzz." + ext);
        Files.write(f, input);
        // An upper bound on the lines a parser may count: YAML also breaks lines at U+0085, U+2028 and U+2029.
        long breaks = 0;
        for (byte x : input) if (x == '\n' || x == '\r' || x == (byte) 0x85 || x == (byte) 0xA8 || x == (byte) 0xA9) breaks++;
        long lines = breaks + 2;
        try {
            SuiteFiles.load(f, SuiteFiles.Unmapped.KEEP);
            return true;
        } catch (SuiteFormatException e) {
            assertThat(e.problems()).as(label).isNotEmpty().allSatisfy(p -> {
                assertThat(p.file()).as(label).isEqualTo(f);
                assertThat(p.toString()).as(label).startsWith(f + ":").doesNotContain("\n", "\r", "\u001b");
                assertThat(p.line()).as(label + ": " + p).isBetween(0L, lines);
                if (p.line() == 0) {
                    // Only faults of the whole file have no line.
                    assertThat(p.message()).as(label + ": " + p).containsAnyOf("UTF-8", "UTF-16", "UTF-32", "binary", "no header",
                            "holds no records", "gzip", "zip", "Parquet");
                }
            });
            return false;
        } catch (Exception | Error e) {
            fail(label + ": " + e + "\ninput: " + Arrays.toString(input), e);
            return false;
        }
    }
}
