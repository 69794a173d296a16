package parasol.judge;

import org.junit.jupiter.api.Test;
import parasol.scheme.DesignCodeScheme;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The Design Code gold set shipped with Parasol: size and coverage, and kept apart from the embedded judge's corpus. */
class DesignCodeGoldShippedTest {
    @Test
    void coversEveryRequirementBothWaysAndSharesNoTextWithTheTrainingCorpus() {
        List<DesignCodeGoldSet.Check> gold = DesignCodeGoldSet.builtIn().checks();
        assertThat(gold.size()).isGreaterThanOrEqualTo(250);
        assertThat(gold.stream().filter(DesignCodeGoldSet.Check::longAnswer).count()).as("long answers").isGreaterThanOrEqualTo(gold.size() * 2 / 5);
        for (DesignCodeGoldSet.Check c : gold) {
            assertThat(c.longAnswer()).as("%s: long is true exactly for 80 words or more", c.id()).isEqualTo(DesignCodeGoldSet.longAnswer(c.response()));
        }
        Map<String, Map<Boolean, Long>> counts = gold.stream().collect(Collectors.groupingBy(DesignCodeGoldSet.Check::requirement,
                Collectors.partitioningBy(DesignCodeGoldSet.Check::violation, Collectors.counting())));
        assertThat(counts).containsOnlyKeys(DesignCodeScheme.INSTANCE.requirements().stream().map(DesignCodeScheme.Requirement::code).toArray(String[]::new));
        counts.forEach((requirement, byVerdict) -> {
            assertThat(byVerdict.get(true)).as("%s violations", requirement).isGreaterThanOrEqualTo(10);
            assertThat(byVerdict.get(false)).as("%s clean checks", requirement).isGreaterThanOrEqualTo(10);
        });

        // No gold response or user message shares a run of 8 words with the corpus the judge was trained and tuned on.
        Set<String> corpusShingles = new HashSet<>();
        for (EmbeddedDesignCodeJudge.Example e : EmbeddedDesignCodeJudge.corpus().examples()) {
            corpusShingles.addAll(Shingles.of(e.response()));
            corpusShingles.addAll(Shingles.of(e.userInput()));
        }
        for (DesignCodeGoldSet.Check c : gold) {
            Set<String> shared = new HashSet<>(Shingles.of(c.response()));
            shared.addAll(Shingles.of(c.userInput()));
            shared.retainAll(corpusShingles);
            assertThat(shared).as("runs of 8 words gold %s shares with the corpus", c.id()).isEmpty();
        }
    }

    @Test
    void theShippedHeadQuotesWhatItMeasuresOnTheGoldSetNow() {
        GoldSummary shipped = EmbeddedDesignCodeJudge.shippedGold();
        assertThat(shipped).as("the head was trained after the gold set existed: run ./parasol judge train").isNotNull();
        GoldSummary now = EmbeddedDesignCodeJudge.builtIn().measure(DesignCodeGoldSet.builtIn().checks()).summary(DesignCodeGoldSet.BUILT_IN_NAME);
        assertThat(now).as("the gold set changed since the head was trained: run ./parasol judge train").isEqualTo(shipped);
    }
}
