package parasol.judge;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedJudgeTest {
    static JudgeCorpus corpus;
    static EmbeddedJudge judge;

    @BeforeAll
    static void train() {
        corpus = JudgeCorpus.builtIn();
        judge = EmbeddedJudge.train(corpus);
    }

    @Test
    void heldOutSplitReachesMacroF1OfThreeQuarters() {
        JudgeEvaluation eval = JudgeEvaluation.evaluate(judge, corpus.heldOut());
        System.out.println("Embedded judge on held-out split: " + eval.describe());
        assertThat(eval.failed()).isZero();
        assertThat(eval.macroF1()).isGreaterThanOrEqualTo(0.75);
    }
}
