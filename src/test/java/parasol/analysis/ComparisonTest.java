package parasol.analysis;

import org.junit.jupiter.api.Test;
import parasol.judge.Judgement;
import parasol.scheme.Category;
import parasol.scheme.Intensity;
import parasol.scheme.Label;
import parasol.scheme.LabelScores;
import parasol.store.JudgedResponse;
import parasol.suite.Item;
import parasol.suite.Provenance;
import parasol.suite.Turn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ComparisonTest {
    private static final String JUDGE = "j";
    private static final JudgedResponse.Call CALL = new JudgedResponse.Call("stop", 1, 1, 1L, false, null, null, null);

    private static JudgedResponse response(Item item, String model, int sample, boolean boundary) {
        var scores = new LabelScores(Map.of(boundary ? Label.REDIRECT_TO_HUMAN : Label.ADEQUATE, Intensity.HIGH));
        return new JudgedResponse(item, model, sample, "answer", null, CALL, List.of(Judgement.scored(JUDGE, scores, "", "")));
    }

    private static Item item(String id, Category c, String code) {
        return new Item(id, List.of(Turn.user("prompt " + id)), code, c, 1, Provenance.AUTHORED, "test");
    }

    /**
     * 40 vulnerability items where A keeps a boundary on 30 and B on 10 of the same ones (a known difference of
     * +50 points, all discordant pairs one way), and 40 trait items where both answer identically.
     */
    @Test
    void findsExactlyTheConstructedDifferenceAndNothingElse() {
        List<JudgedResponse> a = new ArrayList<>(), b = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Item v = item("v" + i, Category.USER_VULNERABILITIES, "support");
            a.add(response(v, "A", 0, i < 30));
            b.add(response(v, "B", 0, i >= 20 && i < 30));
            Item t = item("t" + i, Category.ASSISTANT_TRAITS, "name");
            a.add(response(t, "A", 0, i < 20));
            b.add(response(t, "B", 0, i < 20));
        }
        Comparison c = Comparison.of("A", a, "B", b, JUDGE);
        assertThat(c.matchedItems()).isEqualTo(80);
        assertThat(c.test()).isEqualTo("McNemar's exact test");
        var vulnerable = find(c, Comparison.Metric.BOUNDARY, "User Vulnerabilities");
        assertThat(vulnerable.difference()).isCloseTo(0.5, within(1e-12));
        assertThat(vulnerable.rateA()).isCloseTo(0.75, within(1e-12));
        assertThat(vulnerable.rateB()).isCloseTo(0.25, within(1e-12));
        assertThat(vulnerable.low()).isLessThan(0.5);
        assertThat(vulnerable.high()).isGreaterThan(0.5);
        assertThat(vulnerable.onlyA()).isEqualTo(20);
        assertThat(vulnerable.onlyB()).isZero();
        assertThat(vulnerable.p()).isCloseTo(2 * Math.pow(0.5, 20), within(1e-15));
        assertThat(vulnerable.significant()).isTrue();

        var traits = find(c, Comparison.Metric.BOUNDARY, "Assistant Traits");
        assertThat(traits.difference()).isZero();
        assertThat(traits.p()).isEqualTo(1.0);
        assertThat(traits.significant()).isFalse();

        assertThat(c.findings()).anySatisfy(f -> assertThat(f).startsWith("A keeps more boundaries than B when users share vulnerabilities: +50 points, 95% CI"));
        assertThat(c.findings()).noneMatch(f -> f.contains("traits") || f.contains("reinforces"));
    }

    @Test
    void mcnemarAndHolmMatchWorkedValues() {
        assertThat(Comparison.mcnemar(3, 7)).isCloseTo(2 * 176.0 / 1024, within(1e-12)); // 2·P(X ≤ 3), X ~ Bin(10, ½)
        assertThat(Comparison.mcnemar(0, 0)).isEqualTo(1.0);
        assertThat(Comparison.mcnemar(5, 5)).isEqualTo(1.0);
        List<Comparison.Difference> raw = new ArrayList<>();
        for (double p : new double[] {0.01, 0.04, 0.03, 0.005}) {
            raw.add(new Comparison.Difference(Comparison.Metric.BOUNDARY, "overall", "g", 1, 0, 0, 0, 0, 0, 0, 0, p, p));
        }
        assertThat(Comparison.holm(raw)).extracting(Comparison.Difference::adjustedP)
                .containsExactly(0.03, 0.06, 0.06, 0.02);
    }

    @Test
    void withSeveralSamplesItemsStayTheUnit() {
        List<JudgedResponse> a = new ArrayList<>(), b = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Item v = item("v" + i, Category.USER_VULNERABILITIES, "support");
            for (int s = 0; s < 3; s++) {
                a.add(response(v, "A", s, true));
                b.add(response(v, "B", s, s == 0));
            }
        }
        Comparison c = Comparison.of("A", a, "B", b, JUDGE);
        assertThat(c.test()).isEqualTo("paired bootstrap over items");
        var overall = find(c, Comparison.Metric.BOUNDARY, "all");
        assertThat(overall.items()).isEqualTo(30);
        assertThat(overall.difference()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(overall.low()).isCloseTo(2.0 / 3, within(1e-12)); // every item differs by exactly 2/3
        assertThat(overall.significant()).isTrue();
    }

    private static Comparison.Difference find(Comparison c, Comparison.Metric m, String group) {
        return c.differences().stream().filter(d -> d.metric() == m && d.group().equals(group)).findFirst().orElseThrow();
    }

    @Test
    void resamplingByDistinctValuesHasTheSpreadOfResamplingItems() {
        // 30 items at −1, 50 at 0, 20 at +1: the mean's bootstrap distribution has mean 0.1 − 0.3 and sd √(0.49/100) = 0.07.
        double[] d = new double[100];
        for (int i = 0; i < 30; i++) d[i] = -1;
        for (int i = 80; i < 100; i++) d[i] = 1;
        double[] boot = Comparison.bootstrapMeans(d);
        assertThat(boot).hasSize(Comparison.RESAMPLES).isSorted();
        double mean = java.util.Arrays.stream(boot).average().orElseThrow();
        double sd = Math.sqrt(java.util.Arrays.stream(boot).map(x -> (x - mean) * (x - mean)).sum() / (boot.length - 1));
        assertThat(mean).isCloseTo(-0.1, within(0.01));
        assertThat(sd).isCloseTo(0.07, within(0.007));
        assertThat(Comparison.bootstrapMeans(new double[]{0.5, 0.5, 0.5})).containsOnly(0.5);
    }

    @Test
    void binomialDrawsHaveTheBinomialsMeanAndVariance() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (double[] np : new double[][]{{10_000, 0.3}, {50, 0.9}, {7, 0.5}, {1, 0.2}}) {
            int n = (int) np[0];
            double[] logFactorial = Comparison.logFactorials(n);
            double p = np[1], sum = 0, squares = 0;
            int draws = 20_000;
            for (int i = 0; i < draws; i++) {
                int k = Comparison.binomial(random, n, p, logFactorial);
                assertThat(k).isBetween(0, n);
                sum += k;
                squares += (double) k * k;
            }
            double mean = sum / draws, variance = squares / draws - mean * mean;
            assertThat(mean).as("mean of Bin(%d, %.1f)", n, p).isCloseTo(n * p, within(4 * Math.sqrt(n * p * (1 - p) / draws) + 1e-9));
            assertThat(variance).as("variance of Bin(%d, %.1f)", n, p).isCloseTo(n * p * (1 - p), within(0.05 * n * p * (1 - p) + 1e-9));
        }
        assertThat(Comparison.binomial(random, 0, 0.5, Comparison.logFactorials(0))).isZero();
        assertThat(Comparison.binomial(random, 9, 1.0, Comparison.logFactorials(9))).isEqualTo(9);
        assertThat(Comparison.logFactorials(5)[5]).isCloseTo(Math.log(120), within(1e-12));
    }
}
