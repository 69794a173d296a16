package parasol.analysis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RateTest {

    // Reference values worked by hand from the Wilson formula with z = 1.959964, to 4 decimals;
    // 81/263 → 0.2553–0.3662 is also the worked example in Newcombe (1998), Statistics in Medicine 17:857.
    @Test
    void matchesKnownWilsonIntervals() {
        assertInterval(Rate.wilson(5, 10), 0.2366, 0.7634);
        assertInterval(Rate.wilson(0, 10), 0.0, 0.2775);
        assertInterval(Rate.wilson(1, 10), 0.0179, 0.4042);
        assertInterval(Rate.wilson(81, 263), 0.2553, 0.3662);
        assertInterval(Rate.wilson(10, 10), 0.7225, 1.0);
    }

    @Test
    void emptyGroupHasNoRate() {
        Rate r = Rate.wilson(0, 0);
        assertThat(r.rate()).isNaN();
        assertThat(r.percentWithInterval()).isEqualTo("–");
    }

    @Test
    void rejectsImpossibleCounts() {
        assertThatThrownBy(() -> Rate.wilson(11, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void identicalSamplesOfOneItemCountAsOneItem() {
        // 10 items × 3 samples each, every item answering the same way three times: 5 items yes, 5 no.
        int[] hits = {3, 3, 3, 3, 3, 0, 0, 0, 0, 0}, counts = {3, 3, 3, 3, 3, 3, 3, 3, 3, 3};
        Rate r = Rate.overItems(hits, counts);
        assertThat(r.rate()).isEqualTo(0.5);
        assertThat(r.n()).isEqualTo(30);
        assertThat(r.effectiveN()).isEqualTo(10.0);
        assertInterval(r, 0.2366, 0.7634); // exactly Wilson on the 10 items, not on 30 responses
        assertThat(r.clustered()).isTrue();
    }

    @Test
    void samplesThatVaryWithinItemsKeepNearlyTheirFullWeight() {
        // Each item answered yes once in three samples: no item differs from another, so the items add no variance.
        int[] hits = new int[20], counts = new int[20];
        java.util.Arrays.fill(hits, 1);
        java.util.Arrays.fill(counts, 3);
        Rate r = Rate.overItems(hits, counts);
        assertThat(r.effectiveN()).as("capped at the number of responses").isEqualTo(60.0);
        Rate plain = Rate.wilson(20, 60);
        assertThat(r.low()).isCloseTo(plain.low(), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(r.high()).isCloseTo(plain.high(), org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void allOrNothingOverSamplesIsAsWideAsTheItemsAllow() {
        int[] hits = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, counts = {3, 3, 3, 3, 3, 3, 3, 3, 3, 3};
        assertInterval(Rate.overItems(hits, counts), 0.0, 0.2775); // Wilson 0 of 10 items, not 0 of 30 responses (0.1135)
        assertThat(Rate.overItems(new int[] {1, 0, 1}, new int[] {1, 1, 1})).isEqualTo(Rate.wilson(2, 3));
    }

    private static void assertInterval(Rate r, double low, double high) {
        assertThat(r.low()).isCloseTo(low, within(1e-4));
        assertThat(r.high()).isCloseTo(high, within(1e-4));
        assertThat(r.rate()).isBetween(r.low(), r.high());
    }
}
