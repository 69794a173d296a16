package parasol.analysis;

import org.apache.commons.statistics.distribution.NormalDistribution;

/** k of n, with a Wilson score interval (default 95%). An empty group has rate and bounds NaN. */
public record Rate(int k, int n, double rate, double low, double high) {
    private static final double Z95 = NormalDistribution.of(0, 1).inverseCumulativeProbability(0.975);

    public static Rate wilson(int k, int n) { return wilson(k, n, Z95); }

    /** Wilson score interval: centre (p + z²/2n)/(1 + z²/n), half-width z·√(p(1−p)/n + z²/4n²)/(1 + z²/n). */
    public static Rate wilson(int k, int n, double z) {
        if (k < 0 || k > n) throw new IllegalArgumentException("k=" + k + " outside 0.." + n);
        if (n == 0) return new Rate(0, 0, Double.NaN, Double.NaN, Double.NaN);
        double p = (double) k / n, z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        // At k = 0 or k = n the bound is exactly 0 or 1; computing it leaves rounding dust.
        double low = k == 0 ? 0 : Math.max(0, centre - half), high = k == n ? 1 : Math.min(1, centre + half);
        return new Rate(k, n, p, low, high);
    }

    /** {@code 42.0% [35.1–49.2]}, or {@code –} when empty. */
    public String percentWithInterval() {
        if (n == 0) return "–";
        return String.format("%.1f%% [%.1f–%.1f]", 100 * rate, 100 * low, 100 * high);
    }
}
