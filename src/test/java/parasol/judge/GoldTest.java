package parasol.judge;

import org.junit.jupiter.api.Test;
import parasol.scheme.Category;
import parasol.scheme.Intensity;
import parasol.scheme.IntimaScheme;
import parasol.scheme.Label;
import parasol.scheme.LabelScores;
import parasol.scheme.ResponseClass;
import parasol.suite.SuiteFormatException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class GoldTest {
    private static final Path FILE = Path.of("gold.jsonl");

    @Test
    void everyBadRecordIsNamedByLineAndField() {
        String text = String.join("\n",
                "{\"id\":\"g1\",\"prompt\":\"hi\",\"response\":\"I'm an AI.\",\"labels\":{\"programmatic_limitations\":\"high\"}}",
                "{\"id\":\"g1\",\"prompt\":\"hi\",\"response\":\"again\",\"labels\":{}}",
                "{\"id\":\"g3\",\"prompt\":\"hi\",\"response\":\"x\",\"labels\":{\"sycophancey\":\"high\"}}",
                "{\"id\":\"g4\",\"prompt\":\"hi\",\"response\":\"x\",\"labels\":{\"adequate\":\"very\"},\"code\":\"lonliness\"}",
                "{\"id\":\"g5\",\"prompt\":\"hi\",\"labels\":{},\"long\":\"yes\"}",
                "not json");
        assertThatThrownBy(() -> GoldSet.parse(FILE, text)).isInstanceOfSatisfying(SuiteFormatException.class, e -> assertThat(e.problems())
                .extracting(Object::toString).containsExactly(
                        "gold.jsonl:2: field 'id': 'g1' is used twice",
                        "gold.jsonl:3: field 'labels.sycophancey': unknown label; did you mean 'sycophancy'?",
                        "gold.jsonl:4: field 'code': unknown behaviour code 'lonliness'; did you mean 'loneliness'?",
                        "gold.jsonl:4: field 'labels.adequate': must be none, low, medium or high",
                        "gold.jsonl:5: field 'response': missing",
                        "gold.jsonl:5: field 'long': must be true or false",
                        "gold.jsonl:6: not one JSON object (Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false'))"));
    }

    @Test
    void kappasMatchWorkedValues() {
        assertThat(GoldReport.kappa(new int[][] {{20, 5}, {10, 15}})).isCloseTo(0.4, within(1e-12)); // po 0.7, pe 0.5
        assertThat(GoldReport.weightedKappa(new int[][] {{5, 0, 0, 0}, {0, 5, 0, 0}, {0, 0, 5, 0}, {0, 0, 0, 5}})).isEqualTo(1.0);
        // Every rating one level off in a 2-level table: quadratic weights give 1 − 1/0.5 = −1.
        assertThat(GoldReport.weightedKappa(new int[][] {{0, 10}, {10, 0}})).isCloseTo(-1.0, within(1e-12));
    }

    @Test
    void aJudgeThatAgreesScoresOneAndItsErrorsAreCountedApart() {
        List<GoldSet.Example> gold = new ArrayList<>();
        List<Judgement> verdicts = new ArrayList<>();
        Label[] sides = {Label.SYCOPHANCY, Label.REDIRECT_TO_HUMAN, Label.ADEQUATE};
        for (int i = 0; i < 30; i++) {
            LabelScores s = new LabelScores(Map.of(sides[i % 3], Intensity.HIGH));
            gold.add(new GoldSet.Example("g" + i, null, "p", "r" + i, i % 2 == 0, s, null));
            verdicts.add(i == 29 ? Judgement.failed("j", IntimaScheme.ID, "no verdict", "") : Judgement.scored("j", s, "", ""));
        }
        GoldReport r = GoldReport.of("j", gold, verdicts);
        assertThat(r.n()).isEqualTo(30);
        assertThat(r.errors()).isEqualTo(1);
        assertThat(r.accuracy()).isEqualTo(1.0);
        assertThat(r.macroF1()).isEqualTo(1.0);
        assertThat(r.macroF1Low()).isEqualTo(1.0);
        assertThat(r.classKappa()).isCloseTo(1.0, within(1e-12));
        assertThat(r.confusion()[ResponseClass.BOUNDARY.ordinal()][ResponseClass.BOUNDARY.ordinal()]).isEqualTo(10);
        assertThat(r.labels().get(Label.SYCOPHANCY).f1()).isEqualTo(1.0);
        assertThat(r.labels().get(Label.SYCOPHANCY).support()).isEqualTo(10);
        assertThat(r.longN() + r.shortN()).isEqualTo(29);
    }

    @Test
    void figuresArePerCategoryOfTheBehaviourCodes() {
        List<GoldSet.Example> gold = new ArrayList<>();
        List<Judgement> verdicts = new ArrayList<>();
        LabelScores reinforcing = new LabelScores(Map.of(Label.SYCOPHANCY, Intensity.HIGH)), boundary = new LabelScores(Map.of(Label.REDIRECT_TO_HUMAN, Intensity.HIGH));
        // Loneliness (User Vulnerabilities): 4 answers judged right. Love (Relationship & Intimacy): 2 of 4 reinforcing answers called boundary.
        for (int i = 0; i < 4; i++) {
            gold.add(new GoldSet.Example("v" + i, "loneliness", "p", "r", false, i < 2 ? reinforcing : boundary, null));
            verdicts.add(Judgement.scored("j", i < 2 ? reinforcing : boundary, "", ""));
            gold.add(new GoldSet.Example("l" + i, "love", "p", "r", false, reinforcing, null));
            verdicts.add(Judgement.scored("j", i < 2 ? reinforcing : boundary, "", ""));
        }
        GoldReport r = GoldReport.of("j", gold, verdicts);
        assertThat(r.categories()).containsOnlyKeys(Category.USER_VULNERABILITIES, Category.RELATIONSHIP_INTIMACY);
        assertThat(r.categories().get(Category.USER_VULNERABILITIES).macroF1()).isEqualTo(1.0);
        GoldReport.CategoryScore love = r.categories().get(Category.RELATIONSHIP_INTIMACY);
        assertThat(love.n()).isEqualTo(4);
        assertThat(love.accuracy()).isEqualTo(0.5);
        // Reinforcing F1 2/3 (2 of 4 found, no false alarm); boundary F1 0 (2 called, none right): macro over the two present.
        assertThat(love.macroF1()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(love.macroF1Low()).isLessThanOrEqualTo(love.macroF1());
        assertThat(r.summary("g").describe()).as("what reports quote").contains("macro-F1 by category: User Vulnerabilities 1.00, Relationship & Intimacy 0.33");
    }

    @Test
    void theSummaryNamesTheLabelsAJudgeFindsLeastReliably() {
        List<GoldSet.Example> gold = new ArrayList<>();
        List<Judgement> verdicts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            LabelScores truth = new LabelScores(Map.of(Label.REDIRECT_TO_HUMAN, Intensity.HIGH, Label.RESIST_PERSONIFICATION, i < 10 ? Intensity.MEDIUM : Intensity.NONE));
            // The judge gets the class and redirect_to_human right and resist_personification right only on every other answer.
            LabelScores judged = new LabelScores(Map.of(Label.REDIRECT_TO_HUMAN, Intensity.HIGH, Label.RESIST_PERSONIFICATION, i % 2 == 0 ? Intensity.MEDIUM : Intensity.NONE));
            gold.add(new GoldSet.Example("g" + i, null, "p", "r" + i, false, truth, null));
            verdicts.add(Judgement.scored("j", judged, "", ""));
        }
        GoldSummary s = GoldReport.of("j", gold, verdicts).summary("test gold");
        assertThat(s.weakLabels()).containsOnlyKeys("resist_personification");
        assertThat(s.weakLabels().get("resist_personification").f1()).isCloseTo(0.5, within(1e-12));
        assertThat(s.describe()).contains("least reliably", "resist_personification 0.50 (10 gold positives)").doesNotContain("redirect_to_human");
    }

    @Test
    void aSummarySavedBeforeWeakLabelsWereRecordedSaysSoRatherThanImplyingNone() throws Exception {
        String old = "{\"goldSet\":\"mine\",\"responses\":100,\"judgeErrors\":0,\"accuracy\":0.9,\"macroF1\":0.9,\"macroF1Low\":0.85,"
                + "\"macroF1High\":0.95,\"macroF1Long\":0.9,\"macroF1Short\":0.9,\"classKappa\":0.85}";
        GoldSummary s = new com.fasterxml.jackson.databind.ObjectMapper().readValue(old, GoldSummary.class);
        assertThat(s.weakLabels()).isNull();
        assertThat(s.scheme()).as("saved before Design Code gold existed").isEqualTo("intima");
        assertThat(s.describe()).contains("per-label figures not recorded");
    }
}
