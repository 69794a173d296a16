package parasol.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A least-squares slope of a 0/1 outcome on the vulnerability level (change in share per level), with a
 * percentile bootstrap interval that resamples items, so samples of one item stay together.
 * NaN when fewer than two distinct levels are present.
 */
public record Trend(String model, double slope, double low, double high, int items, int responses) {
    static final int RESAMPLES = 2000;
    static final long SEED = 20_251_123L; // fixed: the same data always gives the same interval

    /** One observation: which item it belongs to, its level, and whether the outcome happened. */
    record Point(String item, int level, boolean outcome) {}

    static Trend fit(String model, List<Point> points) {
        Map<String, List<Point>> byItem = new LinkedHashMap<>();
        for (Point p : points) byItem.computeIfAbsent(p.item(), k -> new ArrayList<>()).add(p);
        List<List<Point>> clusters = new ArrayList<>(byItem.values());
        double slope = slope(points);
        if (Double.isNaN(slope)) return new Trend(model, Double.NaN, Double.NaN, Double.NaN, clusters.size(), points.size());
        SplittableRandom random = new SplittableRandom(SEED);
        double[] resampled = new double[RESAMPLES];
        int valid = 0;
        for (int b = 0; b < RESAMPLES; b++) {
            List<Point> sample = new ArrayList<>(points.size());
            for (int i = 0; i < clusters.size(); i++) sample.addAll(clusters.get(random.nextInt(clusters.size())));
            double s = slope(sample);
            if (!Double.isNaN(s)) resampled[valid++] = s;
        }
        double[] sorted = java.util.Arrays.copyOf(resampled, valid);
        java.util.Arrays.sort(sorted);
        return new Trend(model, slope, percentile(sorted, 0.025), percentile(sorted, 0.975), clusters.size(), points.size());
    }

    private static double slope(List<Point> points) {
        double n = points.size(), sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (Point p : points) {
            double x = p.level(), y = p.outcome() ? 1 : 0;
            sx += x; sy += y; sxx += x * x; sxy += x * y;
        }
        double denominator = n * sxx - sx * sx;
        return denominator <= 1e-12 ? Double.NaN : (n * sxy - sx * sy) / denominator;
    }

    /** Linear interpolation between the order statistics around q; NaN for no values. Shared by the item bootstraps. */
    static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) return Double.NaN;
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos), hi = (int) Math.ceil(pos);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /** {@code -12.3 pp/level [-18.0, -6.1]}, or {@code –}. */
    public String describe() {
        if (Double.isNaN(slope)) return "–";
        return String.format("%+.1f pp/level [%+.1f, %+.1f]", 100 * slope, 100 * low, 100 * high);
    }
}
