package parasol.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parasol.scheme.Category;
import parasol.scheme.IntimaScheme;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static parasol.cli.EndToEndTest.cli;

/** The suite commands as a user meets them (issue 11, items 5, 6 and 13): one line and exit 2 for any bad file. */
class SuitesCommandTest {
    @TempDir Path dir;

    private Path write(String name, byte[] content) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    private Path write(String name, String content) throws Exception { return write(name, content.getBytes(StandardCharsets.UTF_8)); }

    /** Files that once ended in exit 3 and a stack trace. */
    private Map<Path, String> badFiles() throws Exception {
        byte[] noise = new byte[400];
        new Random(7).nextBytes(noise);
        Map<Path, String> files = new LinkedHashMap<>();
        files.put(write("latin1.jsonl", "{\"prompt\":\"caf\u00e9\",\"code\":\"grief\",\"model\":\"m\"}\n".getBytes(StandardCharsets.ISO_8859_1)), ":1: not UTF-8");
        files.put(write("utf16.csv", "prompt,code,model\nhi,grief,m\n".getBytes(StandardCharsets.UTF_16)), ": the file is UTF-16");
        files.put(write("empty.csv", ""), ": the CSV file has no header line");
        files.put(write("noise.json", noise), ":");
        files.put(write("alias.yaml", "- id: a\n  text: &t hi\n  code: grief\n- id: b\n  text: *t\n  code: grief\n"), ":5: field 'text': YAML aliases");
        return files;
    }

    private static void assertOneCleanFailure(EndToEndTest.Result r, Path file, String expected) {
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).as("stderr").contains(file + expected).doesNotContain("internal error", "Exception", "\tat ");
    }

    @Test
    void badFilesEndInOneLineAndExit2ThroughValidateImportAndRun() throws Exception {
        for (Map.Entry<Path, String> bad : badFiles().entrySet()) {
            Path f = bad.getKey();
            assertOneCleanFailure(cli("suite", "validate", f.toString()), f, bad.getValue());
            assertOneCleanFailure(cli("suite", "import", f.toString(), "--out", dir.resolve("out.jsonl").toString()), f, bad.getValue());
            Path db = dir.resolve("never.db");
            assertOneCleanFailure(cli("run", "--suite", f.toString(), "--model", "baseline:boundary", "--db", db.toString(), "--quiet"), f, bad.getValue());
            assertThat(db).as("nothing stored for a bad suite").doesNotExist();
        }
        assertThat(dir.resolve("out.jsonl")).as("nothing imported from a bad file").doesNotExist();
    }

    @Test
    void validateReportsEveryFileEvenAfterAMissingOne() throws Exception {
        Path good = write("good.jsonl", "{\"id\":\"a\",\"text\":\"hi\",\"code\":\"grief\"}\n");
        EndToEndTest.Result r = cli("suite", "validate", dir.resolve("missing.jsonl").toString(), good.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(dir.resolve("missing.jsonl") + ": no such file");
        assertThat(r.out()).contains(good + ": OK, 1 items");
    }

    @Test
    void codesListsEveryCodeByCategoryQuotedWhereItHasSpaces() {
        EndToEndTest.Result r = cli("suites", "--codes");
        assertThat(r.exit()).as(r.err()).isZero();
        for (Category c : List.of(Category.ASSISTANT_TRAITS, Category.USER_VULNERABILITIES, Category.RELATIONSHIP_INTIMACY, Category.EMOTIONAL_INVESTMENT)) {
            assertThat(r.out()).contains(c.title() + " (" + IntimaScheme.codesIn(c).size() + ")");
        }
        List<String> lines = r.out().lines().map(String::strip).toList();
        for (String code : IntimaScheme.codes().keySet()) {
            assertThat(lines).contains(code.contains(" ") ? "\"" + code + "\"" : code);
        }
        assertThat(lines).contains("\"always happy\"", "\"age of the user\"", "loneliness");
        // Every code sits under its own category heading.
        String out = r.out();
        assertThat(out.indexOf("\"always happy\"")).isBetween(out.indexOf("Assistant Traits"), out.indexOf("Emotional Investment"));
        assertThat(cli("suites").out()).contains("parasol suites --codes");
    }

    @Test
    void validateAsJsonGivesEveryFileItsResult() throws Exception {
        Path good = write("good.yaml", "- id: a\n  text: hi\n  code: grief\n- id: b\n  text: hey\n  code: memory\n  category: unmapped\n");
        Path bad = write("bad.jsonl", "{\"id\":\"a\",\"text\":\"hi\",\"code\":\"lonliness\"}\n{\"id\":5,\"text\":\"hi\",\"code\":\"grief\"}\n");
        Path binary = write("bin.jsonl", new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0, 0});
        EndToEndTest.Result r = cli("suite", "validate", "--format", "json", good.toString(), bad.toString(), binary.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEmpty();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.path("ok").asBoolean(true)).isFalse();
        JsonNode files = json.path("files");
        assertThat(files).hasSize(3);
        assertThat(files.get(0).path("file").asText()).isEqualTo(good.toString());
        assertThat(files.get(0).path("ok").asBoolean()).isTrue();
        assertThat(files.get(0).path("items").asInt()).isEqualTo(2);
        assertThat(files.get(0).path("unmapped").asInt()).isEqualTo(1);
        assertThat(files.get(0).path("problems")).isEmpty();

        JsonNode problems = files.get(1).path("problems");
        assertThat(files.get(1).path("ok").asBoolean()).isFalse();
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0).path("file").asText()).isEqualTo(bad.toString());
        assertThat(problems.get(0).path("line").asInt()).isEqualTo(1);
        assertThat(problems.get(0).path("field").asText()).isEqualTo("code");
        assertThat(problems.get(0).path("message").asText()).contains("did you mean 'loneliness'");
        assertThat(problems.get(1).path("line").asInt()).isEqualTo(2);
        assertThat(problems.get(1).path("field").asText()).isEqualTo("id");

        JsonNode whole = files.get(2).path("problems").get(0);
        assertThat(whole.path("line").isNull()).isTrue();
        assertThat(whole.path("field").isNull()).isTrue();
        assertThat(whole.path("message").asText()).contains("UTF-32");

        EndToEndTest.Result ok = cli("suite", "validate", "--format", "json", good.toString());
        assertThat(ok.exit()).isZero();
        assertThat(new ObjectMapper().readTree(ok.out()).path("ok").asBoolean()).isTrue();
    }

    @Test
    void importPrintsCountsPerCategoryAndCodeAndWarnsAboutRepeatedPrompts() throws Exception {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 3; i++) b.append("{\"prompt\":\"I feel so alone\",\"code\":\"loneliness\",\"model\":\"m").append(i).append("\"}\n");
        b.append("{\"prompt\":\"Be my friend\",\"code\":\"friendship\",\"model\":\"m\"}\n");
        b.append("{\"prompt\":\"Remember me?\",\"code\":\"memory\",\"model\":\"m\"}\n");
        b.append("{\"prompt\":\"nobody calls\",\"code\":\"lonliness\",\"model\":\"m\"}\n");
        for (int i = 0; i < 6; i++) b.append("{\"prompt\":\"Be my friend\",\"code\":\"friendship\",\"model\":\"x\"}\n");
        Path f = write("intima.jsonl", b.toString());
        EndToEndTest.Result r = cli("suite", "import", f.toString(), "--out", dir.resolve("i.jsonl").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> out = r.out().lines().map(l -> l.strip().replaceAll("\\s+", " ")).toList();
        assertThat(out.getFirst()).startsWith("Imported 12 items (2 unmapped) to ");
        assertThat(out).contains("User Vulnerabilities 3", "loneliness 3", "grief 0", "\"age of the user\" 0",
                "Relationship & Intimacy 7", "friendship 7", "Unmapped 2", "memory 1", "lonliness 1 (did you mean 'loneliness'?)");
        // Counts line up in one column, the longest code included.
        assertThat(r.out().lines().skip(2).map(l -> l.replaceFirst("\\s+\\(did you mean.*", "").length()).distinct()).hasSize(1);
        assertThat(r.err()).contains("warning: 8 prompts repeat an earlier one word for word "
                + "(line 2 repeats line 1, line 3 repeats line 1, line 7 repeats line 4, line 8 repeats line 4, line 9 repeats line 4, …)");

        EndToEndTest.Result dropped = cli("suite", "import", f.toString(), "--drop-unmapped", "--out", dir.resolve("d.jsonl").toString());
        assertThat(dropped.exit()).as(dropped.err()).isZero();
        assertThat(dropped.out()).contains("Imported 10 items (0 unmapped)", "Dropped 2 records with codes outside the taxonomy: memory 1, lonliness 1")
                .doesNotContain("Unmapped");
    }

    @Test
    void importRefusesAnUnwritableOutputOrOverwritingItsInput() throws Exception {
        Path f = write("intima.jsonl", "{\"prompt\":\"hi\",\"code\":\"grief\",\"model\":\"m\"}\n");
        EndToEndTest.Result noFolder = cli("suite", "import", f.toString(), "--out", dir.resolve("no/such/dir/x.jsonl").toString());
        assertThat(noFolder.exit()).as(noFolder.err()).isEqualTo(2);
        assertThat(noFolder.err()).contains("cannot write the suite").doesNotContain("Exception");
        EndToEndTest.Result same = cli("suite", "import", f.toString(), "--out", f.toString());
        assertThat(same.exit()).isEqualTo(2);
        assertThat(same.err()).contains("overwrite the input");
        assertThat(Files.readString(f)).contains("\"prompt\"");
    }
}
