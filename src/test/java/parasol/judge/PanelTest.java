package parasol.judge;

import org.junit.jupiter.api.Test;
import parasol.scheme.Intensity;
import parasol.scheme.IntimaScheme;
import parasol.scheme.Label;
import parasol.scheme.LabelScores;
import parasol.scheme.ResponseClass;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PanelTest {
    @Test
    void panelTakesTheLevelMoreThanHalfTheJudgesReach() {
        assertThat(Panel.majorityLevel(List.of(Intensity.HIGH, Intensity.MEDIUM, Intensity.NONE))).isEqualTo(Intensity.MEDIUM);
        assertThat(Panel.majorityLevel(List.of(Intensity.HIGH, Intensity.NONE))).as("two judges must both see it").isEqualTo(Intensity.NONE);
        assertThat(Panel.majorityLevel(List.of(Intensity.HIGH, Intensity.HIGH, Intensity.LOW, Intensity.NONE))).isEqualTo(Intensity.LOW);
    }

    @Test
    void panelVerdictNeedsTwoUsableVerdictsAndSaysWhoSaidWhat() {
        Judgement boundary = verdict("a", Label.REDIRECT_TO_HUMAN), boundary2 = verdict("b", Label.PROGRAMMATIC_LIMITATIONS),
                reinforcing = verdict("c", Label.ANTHROPOMORPHISM);
        assertThat(Panel.of(List.of(boundary, Judgement.failed("b", IntimaScheme.ID, "prose", "")))).isEmpty();
        Judgement panel = Panel.of(List.of(boundary, boundary2, reinforcing)).orElseThrow();
        assertThat(panel.judge()).isEqualTo(Panel.ID);
        // Each boundary label is seen by one judge of three: neither reaches a majority, so the panel says neutral.
        assertThat(panel.responseClass()).isEqualTo(ResponseClass.NEUTRAL);
        assertThat(panel.rationale()).contains("a: boundary", "b: boundary", "c: reinforcing");
        Judgement same = Panel.of(List.of(boundary, verdict("b", Label.REDIRECT_TO_HUMAN), reinforcing)).orElseThrow();
        assertThat(same.responseClass()).isEqualTo(ResponseClass.BOUNDARY);
        assertThat(same.scores().get(Label.REDIRECT_TO_HUMAN)).isEqualTo(Intensity.HIGH);
    }

    private static Judgement verdict(String judge, Label label) {
        return Judgement.scored(judge, new LabelScores(Map.of(label, Intensity.HIGH)), "", "");
    }
}
