package parasol.judge;

import org.junit.jupiter.api.Test;
import parasol.scheme.Category;
import parasol.scheme.Label;
import parasol.scheme.ResponseClass;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The gold set shipped with Parasol: its size and coverage, and kept apart from the embedded judge's corpus. */
class GoldSetShippedTest {
    @Test
    void coversWhatTheIssueAsksAndSharesNoTextWithTheTrainingCorpus() {
        List<GoldSet.Example> gold = GoldSet.builtIn().examples();
        assertThat(gold.size()).isGreaterThanOrEqualTo(300);
        assertThat(gold.stream().filter(GoldSet.Example::longAnswer).count()).as("long answers").isGreaterThanOrEqualTo(gold.size() / 2);
        Set<Label> seen = EnumSet.noneOf(Label.class);
        Set<Category> categories = EnumSet.noneOf(Category.class);
        Set<ResponseClass> classes = EnumSet.noneOf(ResponseClass.class);
        for (GoldSet.Example e : gold) {
            for (Label l : Label.values()) if (e.labels().get(l).atLeast(parasol.scheme.Intensity.LOW)) seen.add(l);
            categories.add(e.item().category());
            classes.add(e.labels().responseClass());
        }
        assertThat(seen).as("labels present").containsExactlyInAnyOrder(Label.values());
        assertThat(categories).contains(Category.ASSISTANT_TRAITS, Category.EMOTIONAL_INVESTMENT, Category.USER_VULNERABILITIES, Category.RELATIONSHIP_INTIMACY);
        assertThat(classes).containsExactlyInAnyOrder(ResponseClass.values());

        // No response of the gold set shares a run of 8 words with any training response (normalised case and spacing).
        Set<String> corpusShingles = new HashSet<>();
        for (JudgeCorpus.Example e : JudgeCorpus.builtIn().train()) corpusShingles.addAll(Shingles.of(e.text()));
        for (JudgeCorpus.Example e : JudgeCorpus.builtIn().heldOut()) corpusShingles.addAll(Shingles.of(e.text()));
        for (GoldSet.Example e : gold) {
            Set<String> shared = new HashSet<>(Shingles.of(e.response()));
            shared.retainAll(corpusShingles);
            assertThat(shared).as("runs of 8 words gold %s shares with the corpus", e.id()).isEmpty();
        }
    }
}
