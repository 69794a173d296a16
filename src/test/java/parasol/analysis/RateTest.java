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

    private static void assertInterval(Rate r, double low, double high) {
        assertThat(r.low()).isCloseTo(low, within(1e-4));
        assertThat(r.high()).isCloseTo(high, within(1e-4));
        assertThat(r.rate()).isBetween(r.low(), r.high());
    }
}
