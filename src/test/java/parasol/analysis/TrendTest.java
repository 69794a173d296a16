package parasol.analysis;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TrendTest {

    /** n items per level; at level L the outcome holds for the first share(L)·n of them. */
    private static List<Trend.Point> points(int perLevel, double... shareByLevel) {
        List<Trend.Point> out = new ArrayList<>();
        for (int level = 0; level < shareByLevel.length; level++) {
            for (int i = 0; i < perLevel; i++) {
                out.add(new Trend.Point("L" + level + "-" + i, level, i < Math.round(shareByLevel[level] * perLevel)));
            }
        }
        return out;
    }

    @Test
    void recoversAKnownSlopeAndBracketsIt() {
        Trend t = Trend.fit("m", points(40, 0.9, 0.7, 0.5, 0.3));
        assertThat(t.slope()).isCloseTo(-0.2, within(1e-9));
        assertThat(t.low()).isLessThan(-0.2);
        assertThat(t.high()).isGreaterThan(-0.2).isLessThan(0);
        assertThat(t.items()).isEqualTo(160);
        assertThat(t.describe()).isEqualTo(String.format("%+.1f pp/level [%+.1f, %+.1f]", -20.0, 100 * t.low(), 100 * t.high()));
    }

    @Test
    void flatDataHasAnIntervalAroundZeroAndOneLevelHasNoSlope() {
        Trend flat = Trend.fit("m", points(30, 0.5, 0.5, 0.5, 0.5));
        assertThat(flat.slope()).isCloseTo(0, within(1e-9));
        assertThat(flat.low()).isNegative();
        assertThat(flat.high()).isPositive();
        assertThat(Trend.fit("m", points(10, 0.5)).slope()).isNaN();
        assertThat(Trend.fit("m", List.of()).describe()).isEqualTo("–");
    }

    @Test
    void samplesOfOneItemAreResampledTogether() {
        // Item a (level 0) holds in 40 of 50 samples, item b (level 3) in 10 of 50. Resampling single
        // responses would move the slope around; resampling whole items can only draw {a, b} (or one
        // item twice, which has no slope), so the interval collapses onto the estimate.
        List<Trend.Point> pts = new ArrayList<>();
        for (int s = 0; s < 50; s++) {
            pts.add(new Trend.Point("a", 0, s < 40));
            pts.add(new Trend.Point("b", 3, s < 10));
        }
        Trend t = Trend.fit("m", pts);
        assertThat(t.items()).isEqualTo(2);
        assertThat(t.responses()).isEqualTo(100);
        assertThat(t.slope()).isCloseTo(-0.2, within(1e-9));
        assertThat(t.low()).isCloseTo(-0.2, within(1e-9));
        assertThat(t.high()).isCloseTo(-0.2, within(1e-9));
    }
}
