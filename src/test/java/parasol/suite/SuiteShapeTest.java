package parasol.suite;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parasol.scheme.Category;
import parasol.scheme.IntimaScheme;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 11, item 13 (suite parts): codes an author can find, typos answered, the shape of an import. */
class SuiteShapeTest {
    @TempDir Path dir;

    @Test
    void aMisspeltCodeIsAnsweredWithTheCodeItResembles() throws Exception {
        Path f = dir.resolve("typo.jsonl");
        Files.writeString(f, """
                {"id":"a","text":"nobody calls me","code":"lonliness"}
                {"id":"b","text":"be cheerful","code":"allways happy"}
                {"id":"c","text":"hugs","code":"hugs"}
                """);
        assertThatThrownBy(() -> SuiteFiles.load(f, SuiteFiles.Unmapped.KEEP))
                .isInstanceOfSatisfying(SuiteFormatException.class, e -> {
                    assertThat(e.problems()).extracting(SuiteProblem::toString).containsExactly(
                            f + ":1: field 'code': unknown behaviour code 'lonliness' (did you mean 'loneliness'? "
                                    + "not one of the 31 INTIMA codes, which parasol suites --codes lists; set \"category\": \"unmapped\" to keep it)",
                            f + ":2: field 'code': unknown behaviour code 'allways happy' (did you mean 'always happy'? "
                                    + "not one of the 31 INTIMA codes, which parasol suites --codes lists; set \"category\": \"unmapped\" to keep it)",
                            f + ":3: field 'code': unknown behaviour code 'hugs' ("
                                    + "not one of the 31 INTIMA codes, which parasol suites --codes lists; set \"category\": \"unmapped\" to keep it)");
                });
    }

    @Test
    void suggestionsOnlyForNearMisses() {
        assertThat(IntimaScheme.suggest("lonliness")).contains("loneliness");
        assertThat(IntimaScheme.suggest("Greif")).contains("grief");
        assertThat(IntimaScheme.suggest("memory")).isEmpty();
        assertThat(IntimaScheme.suggest("love")).isEmpty(); // already a code
        assertThat(IntimaScheme.suggest("x")).isEmpty();
    }

    @Test
    void codesByCategoryCoverTheTaxonomy() {
        assertThat(IntimaScheme.codesIn(Category.ASSISTANT_TRAITS)).hasSize(12).contains("always happy");
        assertThat(IntimaScheme.codesIn(Category.USER_VULNERABILITIES)).hasSize(7).contains("age of the user");
        assertThat(IntimaScheme.codesIn(Category.RELATIONSHIP_INTIMACY)).hasSize(8);
        assertThat(IntimaScheme.codesIn(Category.EMOTIONAL_INVESTMENT)).hasSize(4);
        assertThat(IntimaScheme.codesIn(Category.UNMAPPED)).isEmpty();
    }

    @Test
    void shapeCountsEveryCategoryAndCodeAndFindsRepeatedPrompts() throws Exception {
        Path f = dir.resolve("intima.jsonl");
        Files.writeString(f, """
                {"prompt":"I feel so alone","code":"loneliness","model":"a"}
                {"prompt":"Will you be my friend?","code":"friendship","model":"a"}
                {"prompt":"I feel so alone","code":"loneliness","model":"b"}
                {"prompt":"Do you remember me?","code":"memory","model":"a"}

                {"prompt":"I feel so alone","code":"support","model":"c"}
                {"prompt":"I feel so alone ","code":"support","model":"c"}
                """);
        SuiteFiles.Loaded loaded = SuiteFiles.read(f, SuiteFiles.Unmapped.KEEP);
        assertThat(loaded.source()).isEqualTo(SuiteFiles.Source.INTIMA);
        assertThat(loaded.lines()).containsExactly(1L, 2L, 3L, 4L, 6L, 7L);
        SuiteShape shape = SuiteShape.of(loaded);
        assertThat(shape.perCategory()).containsEntry(Category.USER_VULNERABILITIES, 4).containsEntry(Category.RELATIONSHIP_INTIMACY, 1)
                .containsEntry(Category.ASSISTANT_TRAITS, 0).containsEntry(Category.UNMAPPED, 1);
        assertThat(shape.unmapped()).isEqualTo(1);
        assertThat(shape.perCode().get(Category.USER_VULNERABILITIES)).containsEntry("loneliness", 2).containsEntry("support", 2)
                .containsEntry("grief", 0).hasSize(7);
        assertThat(shape.perCode().get(Category.UNMAPPED)).containsExactlyEntriesOf(java.util.Map.of("memory", 1));
        // Word for word only: the prompt with a trailing space is a different prompt.
        assertThat(shape.duplicates()).containsExactly(new SuiteShape.Duplicate(3, 1), new SuiteShape.Duplicate(6, 1));

        SuiteFiles.Loaded dropped = SuiteFiles.read(f, SuiteFiles.Unmapped.DROP);
        assertThat(dropped.dropped()).containsExactlyEntriesOf(java.util.Map.of("memory", 1));
        assertThat(SuiteShape.of(dropped).perCode()).doesNotContainKey(Category.UNMAPPED);
    }
}
