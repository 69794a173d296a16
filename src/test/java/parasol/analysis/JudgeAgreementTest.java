package parasol.analysis;

import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class JudgeAgreementTest {
    @Test
    void fleissKappaMatchesFleiss1971WorkedExample() {
        // Fleiss (1971) as reproduced in most textbooks: 10 subjects, 14 raters, 5 categories, κ ≈ 0.210.
        int[][] counts = {{0, 0, 0, 0, 14}, {0, 2, 6, 4, 2}, {0, 0, 3, 5, 6}, {0, 3, 9, 2, 0}, {2, 2, 8, 1, 1},
                {7, 7, 0, 0, 0}, {3, 2, 6, 3, 0}, {2, 5, 3, 2, 2}, {6, 5, 2, 1, 0}, {0, 2, 2, 3, 7}};
        assertThat(JudgeAgreement.fleiss(counts)).isCloseTo(0.210, within(0.001));
    }

    @Test
    void fleissKappaIsOneForPerfectAgreementAndUndefinedWhenOneCategoryOnly() {
        assertThat(JudgeAgreement.fleiss(new int[][]{{3, 0}, {0, 3}, {3, 0}})).isCloseTo(1.0, within(1e-9));
        assertThat(JudgeAgreement.fleiss(new int[][]{{3, 0}, {3, 0}})).isNaN();
        assertThat(JudgeAgreement.fleiss(new int[0][])).isNaN();
    }

    @Test
    void designCodeJudgesAreComparedPerCheckAndTheirSplitsListed() {
        var item = new parasol.suite.Item("d1", java.util.List.of(parasol.suite.Turn.user("hi")), null, null, 0, parasol.suite.Provenance.AUTHORED,
                "test", java.util.List.of("2B_emotion_expression", "3A_engagement_hooks"), null);
        var call = new parasol.store.JudgedResponse.Call(null, null, null, null, false, null, null, null);
        java.util.function.BiFunction<String, Boolean, parasol.judge.Judgement> verdict = (judge, hooks) -> parasol.judge.Judgement.checked(judge,
                java.util.Map.of("2B_emotion_expression", new parasol.judge.Judgement.Check(true, "r"), "3A_engagement_hooks", new parasol.judge.Judgement.Check(hooks, "r")), "", "");
        var split = new parasol.store.JudgedResponse(item, "m", 0, "I'm so happy you're here!", null, call, java.util.List.of(verdict.apply("a", true), verdict.apply("b", false)));
        var agreed = new parasol.store.JudgedResponse(item, "m", 1, "I'm so happy you're here!", null, call, java.util.List.of(verdict.apply("a", false), verdict.apply("b", false)));
        JudgeAgreement a = JudgeAgreement.of(java.util.List.of("a", "b"), java.util.List.of(split, agreed), parasol.scheme.DesignCodeScheme.ID);
        assertThat(a.rated()).isEqualTo(2);
        assertThat(a.labelKappa()).isEmpty();
        assertThat(a.disagreements()).hasSize(1);
        assertThat(a.disagreements().getFirst().verdicts()).containsEntry("a", "2B_emotion_expression, 3A_engagement_hooks").containsEntry("b", "2B_emotion_expression");
        assertThat(a.classKappa()).as("4 checks, 3 agreed").isLessThan(1.0);
    }
}
