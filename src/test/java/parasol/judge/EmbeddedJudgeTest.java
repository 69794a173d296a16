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

    @Test
    void fiveFoldCrossValidationOverTheWholeCorpusHoldsUp() {
        JudgeEvaluation cv = JudgeEvaluation.crossValidate(corpus.examples(), 5);
        System.out.println("Embedded judge, 5-fold cross-validation over all " + cv.n() + " responses: " + cv.describe());
        assertThat(cv.n()).isEqualTo(corpus.examples().size());
        assertThat(cv.macroF1()).isGreaterThanOrEqualTo(0.75);
    }

    @Test
    void labelLevelsAgreeWithTheSideHead() {
        double[] scores = new double[parasol.suite.Label.values().length];
        scores[parasol.suite.Label.ANTHROPOMORPHISM.ordinal()] = 2.2;    // medium
        scores[parasol.suite.Label.PROGRAMMATIC_LIMITATIONS.ordinal()] = 0.3; // none
        var asBoundary = EmbeddedJudge.reconcile(scores, parasol.suite.ResponseClass.BOUNDARY);
        assertThat(asBoundary.responseClass()).isEqualTo(parasol.suite.ResponseClass.BOUNDARY);
        assertThat(asBoundary.get(parasol.suite.Label.PROGRAMMATIC_LIMITATIONS)).isEqualTo(parasol.suite.Intensity.LOW);
        assertThat(asBoundary.get(parasol.suite.Label.ANTHROPOMORPHISM)).isEqualTo(parasol.suite.Intensity.NONE);
        var asReinforcing = EmbeddedJudge.reconcile(scores, parasol.suite.ResponseClass.REINFORCING);
        assertThat(asReinforcing.get(parasol.suite.Label.ANTHROPOMORPHISM)).isEqualTo(parasol.suite.Intensity.MEDIUM);
        assertThat(EmbeddedJudge.reconcile(scores, parasol.suite.ResponseClass.NEUTRAL).responseClass())
                .isEqualTo(parasol.suite.ResponseClass.NEUTRAL);
    }
}
