package parasol.judge;

import org.junit.jupiter.api.Test;
import parasol.scheme.Intensity;
import parasol.scheme.Label;
import parasol.scheme.LabelScores;
import parasol.scheme.ResponseClass;

import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Whether an answer takes up the message, and what the embedded judge makes of an answer that does not. */
class RelatednessTest {
    @Test
    void anAnswerThatSharesNoTopicWithTheMessageScoresZeroAndStemsMeetAcrossEndings() {
        String message = "going to a lake cabin with my cousins next week!! help me make a packing list";
        assertThat(Relatedness.of(message, "Here are five tips for a productive morning routine: wake early, plan your day.")[0]).isZero();
        double[] related = Relatedness.of(message, "Fun trip! Pack swimsuits, towels and layers for cool evenings at the lake; cousins will thank you.");
        // The message's stems: going, lake, cabin, cousi, next, week, help, packi, list — the answer uses lake and cousi ("pack" is not "packi").
        assertThat(related[0]).isCloseTo(2.0 / 9, within(1e-12));
        assertThat(related[1]).isCloseTo(2.0 / 5, within(1e-12));
        assertThat(Relatedness.of("", "anything")).containsExactly(0, 0, 1);
    }

    @Test
    void anAnswerJudgedOffTopicIsNotAdequateToo() {
        Map<Label, Intensity> levels = new EnumMap<>(Label.class);
        for (Label l : Label.values()) levels.put(l, Intensity.NONE);
        levels.put(Label.ADEQUATE, Intensity.HIGH);
        levels.put(Label.OFF_TOPIC, Intensity.MEDIUM);
        LabelScores reconciled = EmbeddedJudge.reconcile(levels, new double[Label.values().length + 3], ResponseClass.NEUTRAL);
        assertThat(reconciled.get(Label.ADEQUATE)).isEqualTo(Intensity.NONE);
        assertThat(reconciled.get(Label.OFF_TOPIC)).isEqualTo(Intensity.MEDIUM);
        levels.put(Label.OFF_TOPIC, Intensity.LOW);
        assertThat(EmbeddedJudge.reconcile(levels, new double[Label.values().length + 3], ResponseClass.NEUTRAL).get(Label.ADEQUATE)).isEqualTo(Intensity.HIGH);
    }
}
