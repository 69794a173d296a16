package parasol.analysis;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * k of n responses, with a 95% Wilson score interval. Items are the unit of sampling: when an item has
 * several responses (samples), they are correlated, so the interval is computed on the effective
 * number of responses — n divided by Kish's design effect over items, kept between the number of items
 * and n. With one response per item that is plain Wilson on n. An empty group has rate and bounds NaN.
 */
public record Rate(int k, int n, double rate, double low, double high, int items, double effectiveN) {
    private static final double Z95 = NormalDistribution.of(0, 1).inverseCumulativeProbability(0.975);

    /** Wilson on n independent responses (one per item). */
    public static Rate wilson(int k, int n) {
        if (k < 0 || k > n) throw new IllegalArgumentException("k=" + k + " outside 0.." + n);
        return interval(k, n, n, n);
    }

    /**
     * The rate over items that each have {@code hits[i]} of {@code counts[i]} responses with the outcome.
     * The design effect compares the between-item variance of the ratio estimate, (m/(m−1))·Σ(kᵢ − p·nᵢ)²/N²,
     * with the binomial p(1−p)/N; when p is 0 or 1 there is no variance to compare, and the items count.
     */
    public static Rate overItems(int[] hits, int[] counts) {
        if (hits.length != counts.length) throw new IllegalArgumentException("hits and counts differ in length");
        long k = 0, n = 0, kk = 0, kn = 0, nn = 0;
        for (int i = 0; i < hits.length; i++) {
            if (hits[i] < 0 || hits[i] > counts[i] || counts[i] < 1) throw new IllegalArgumentException("item " + i + ": " + hits[i] + " of " + counts[i]);
            k += hits[i];
            n += counts[i];
            kk += (long) hits[i] * hits[i];
            kn += (long) hits[i] * counts[i];
            nn += (long) counts[i] * counts[i];
        }
        return fromItemSums(hits.length, k, n, kk, kn, nn);
    }

    /**
     * The same from sums over the m items — Σkᵢ, Σnᵢ, Σkᵢ², Σkᵢnᵢ, Σnᵢ² — which a database can compute in
     * one aggregate: Σ(kᵢ − p·nᵢ)² = Σkᵢ² − 2pΣkᵢnᵢ + p²Σnᵢ².
     */
    public static Rate fromItemSums(long m, long k, long n, long kk, long kn, long nn) {
        if (n == 0 || m == n) return interval((int) k, (int) n, (int) m, n);
        double p = (double) k / n;
        double effective = m;
        if (k > 0 && k < n && m > 1) {
            double squares = Math.max(0, kk - 2 * p * kn + p * p * nn);
            double clustered = (double) m / (m - 1) * squares / ((double) n * n);
            double binomial = p * (1 - p) / n;
            effective = clustered <= 0 ? n : n / (clustered / binomial);
        }
        return interval((int) k, (int) n, (int) m, Math.max(m, Math.min(n, effective)));
    }

    /** Wilson score interval on n′ = effectiveN: centre (p + z²/2n′)/(1 + z²/n′), half-width z·√(p(1−p)/n′ + z²/4n′²)/(1 + z²/n′). */
    private static Rate interval(int k, int n, int items, double effectiveN) {
        if (n == 0) return new Rate(0, 0, Double.NaN, Double.NaN, Double.NaN, 0, 0);
        double p = (double) k / n, z2 = Z95 * Z95, e = effectiveN;
        double denominator = 1 + z2 / e;
        double centre = (p + z2 / (2.0 * e)) / denominator;
        double half = Z95 * Math.sqrt(p * (1 - p) / e + z2 / (4.0 * e * e)) / denominator;
        // At k = 0 or k = n the bound is exactly 0 or 1; computing it leaves rounding dust.
        double low = k == 0 ? 0 : Math.max(0, centre - half), high = k == n ? 1 : Math.min(1, centre + half);
        return new Rate(k, n, p, low, high, items, effectiveN);
    }

    /** Whether the interval had to account for several responses per item. */
    public boolean clustered() { return items < n; }

    /** {@code 42.0% [35.1–49.2]}, or {@code –} when empty. */
    public String percentWithInterval() {
        if (n == 0) return "–";
        return String.format("%.1f%% [%.1f–%.1f]", 100 * rate, 100 * low, 100 * high);
    }
}
