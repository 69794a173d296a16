package parasol.judge;

import parasol.scheme.Category;
import parasol.scheme.Intensity;
import parasol.scheme.Label;
import parasol.scheme.LabelScores;
import parasol.scheme.ResponseClass;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * How one judge's verdicts agree with gold labels: three-class accuracy and macro-F1 (with a 95%
 * bootstrap interval over responses), F1 on long and short answers apart, Cohen's κ on the class, the
 * confusion matrix, per-label precision/recall/F1 at ≥ medium with a quadratic-weighted κ on the four
 * intensities, and the share of responses the judge gave no verdict for.
 */
public record GoldReport(String judge, int n, int errors, double accuracy, double macroF1, double macroF1Low, double macroF1High,
                         double macroF1Long, int longN, double macroF1Short, int shortN, Map<ResponseClass, Double> classF1,
                         double classKappa, int[][] confusion, Map<Label, LabelScore> labels, Map<Category, CategoryScore> categories)
        implements GoldMeasurement {
    static final int RESAMPLES = 1000;
    static final long SEED = 20_261_123L;

    /**
     * One INTIMA category's responses (by their behaviour code): how many, accuracy and macro-F1 with its bootstrap
     * interval — what a leaderboard's per-category column can be trusted to.
     */
    public record CategoryScore(int n, double accuracy, double macroF1, double macroF1Low, double macroF1High) {}

    /** One label at ≥ medium: precision, recall, F1 (support: gold positives), and weighted κ on the intensities. */
    public record LabelScore(double precision, double recall, double f1, int support, double weightedKappa) {}

    /** A verdict set side by side with gold; verdicts that failed count as errors and are left out of the scores. */
    public static GoldReport of(String judge, List<GoldSet.Example> gold, List<Judgement> verdicts) {
        List<GoldSet.Example> judged = new ArrayList<>();
        List<LabelScores> predicted = new ArrayList<>();
        int errors = 0;
        for (int i = 0; i < gold.size(); i++) {
            Judgement j = verdicts.get(i);
            if (!j.ok()) { errors++; continue; }
            judged.add(gold.get(i));
            predicted.add(j.scores());
        }
        return of(judge, judged, judged.stream().map(GoldSet.Example::labels).toList(), predicted, errors);
    }

    /** Agreement between two labellings of the same responses, the first taken as reference. */
    public static GoldReport agreement(String name, List<GoldSet.Example> doublyLabelled) {
        return of(name, doublyLabelled, doublyLabelled.stream().map(GoldSet.Example::labels).toList(), doublyLabelled.stream().map(GoldSet.Example::second).toList(), 0);
    }

    private static GoldReport of(String judge, List<GoldSet.Example> examples, List<LabelScores> truth, List<LabelScores> predicted, int errors) {
        int n = truth.size();
        int[] t = new int[n], p = new int[n];
        for (int i = 0; i < n; i++) { t[i] = truth.get(i).responseClass().ordinal(); p[i] = predicted.get(i).responseClass().ordinal(); }
        int k = ResponseClass.values().length;
        int[][] confusion = confusion(t, p, all(n), k);
        Map<ResponseClass, Double> f1 = classF1(confusion);
        double macro = n == 0 ? Double.NaN : macroF1(confusion);
        double[] interval = interval(n, idx -> macroF1(confusion(t, p, idx, k)));
        List<Boolean> longAnswer = examples.stream().map(GoldSet.Example::longAnswer).toList();
        int[] longIdx = indices(longAnswer, true), shortIdx = indices(longAnswer, false);
        Map<Category, CategoryScore> categories = new EnumMap<>(Category.class);
        Category[] categoryOf = examples.stream().map(e -> e.item().category()).toArray(Category[]::new);
        for (Category c : Category.values()) {
            int[] idx = java.util.stream.IntStream.range(0, n).filter(i -> categoryOf[i] == c).toArray();
            if (idx.length == 0) continue;
            long right = java.util.Arrays.stream(idx).filter(i -> t[i] == p[i]).count();
            double[] ci = interval(idx.length, sample -> {
                int[] mapped = new int[sample.length];
                for (int i = 0; i < sample.length; i++) mapped[i] = idx[sample[i]];
                return macroF1(confusion(t, p, mapped, k));
            });
            categories.put(c, new CategoryScore(idx.length, (double) right / idx.length, macroOf(t, p, idx, k), ci[0], ci[1]));
        }
        Map<Label, LabelScore> labels = new EnumMap<>(Label.class);
        for (Label l : Label.values()) labels.put(l, labelScore(l, truth, predicted));
        int correct = 0;
        for (int i = 0; i < n; i++) if (t[i] == p[i]) correct++;
        return new GoldReport(judge, n + errors, errors, n == 0 ? Double.NaN : (double) correct / n, macro,
                interval[0], interval[1], macroOf(t, p, longIdx, k), longIdx.length, macroOf(t, p, shortIdx, k), shortIdx.length, f1, kappa(confusion),
                confusion, labels, categories);
    }

    static int[] all(int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        return idx;
    }

    static int[] indices(List<Boolean> flags, boolean wanted) {
        return java.util.stream.IntStream.range(0, flags.size()).filter(i -> flags.get(i) == wanted).toArray();
    }

    /** Macro-F1 over the outcomes of {@code idx} (NaN for none): t and p hold each response's gold and judged outcome, 0…k−1. */
    static double macroOf(int[] t, int[] p, int[] idx, int k) {
        return idx.length == 0 ? Double.NaN : macroF1(confusion(t, p, idx, k));
    }

    static int[][] confusion(int[] t, int[] p, int[] idx, int k) {
        int[][] c = new int[k][k];
        for (int i : idx) c[t[i]][p[i]]++;
        return c;
    }

    /**
     * The mean over outcomes of each outcome's F1, from a confusion matrix (rows gold, columns judged), over the
     * outcomes that occur in gold or in the verdicts: one that occurs in neither has no F1 to count (as in
     * scikit-learn's macro average), so a judge right on every check of a one-outcome subset scores 1, not 0.5.
     */
    static double macroF1(int[][] c) {
        double sum = 0;
        int present = 0;
        for (int i = 0; i < c.length; i++) {
            int predicted = 0, actual = 0;
            for (int[] row : c) predicted += row[i];
            for (int v : c[i]) actual += v;
            if (predicted + actual == 0) continue;
            sum += f1(c[i][i], predicted, actual);
            present++;
        }
        return present == 0 ? Double.NaN : sum / present;
    }

    /**
     * A 95% percentile bootstrap interval of a statistic over n responses resampled with replacement ({@link #RESAMPLES}
     * times, fixed seed so that figures reproduce); NaN for none.
     */
    static double[] interval(int n, java.util.function.ToDoubleFunction<int[]> statistic) {
        if (n == 0) return new double[] {Double.NaN, Double.NaN};
        double[] boot = new double[RESAMPLES];
        SplittableRandom random = new SplittableRandom(SEED);
        for (int r = 0; r < RESAMPLES; r++) {
            int[] idx = new int[n];
            for (int i = 0; i < n; i++) idx[i] = random.nextInt(n);
            boot[r] = statistic.applyAsDouble(idx);
        }
        Arrays.sort(boot);
        return new double[] {boot[(int) (0.025 * (RESAMPLES - 1))], boot[(int) Math.ceil(0.975 * (RESAMPLES - 1))]};
    }

    private static Map<ResponseClass, Double> classF1(int[][] c) {
        Map<ResponseClass, Double> out = new EnumMap<>(ResponseClass.class);
        for (ResponseClass cls : ResponseClass.values()) {
            int i = cls.ordinal(), tp = c[i][i], predicted = 0, actual = 0;
            for (int[] row : c) predicted += row[i];
            for (int v : c[i]) actual += v;
            out.put(cls, f1(tp, predicted, actual));
        }
        return out;
    }

    static double f1(int tp, int predicted, int actual) {
        double precision = predicted == 0 ? 0 : (double) tp / predicted, recall = actual == 0 ? 0 : (double) tp / actual;
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }

    /** Cohen's κ: (observed − chance agreement) / (1 − chance agreement), chance from the marginals. */
    static double kappa(int[][] c) {
        int k = c.length;
        double n = 0, observed = 0, chance = 0;
        double[] rows = new double[k], cols = new double[k];
        for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) { n += c[i][j]; rows[i] += c[i][j]; cols[j] += c[i][j]; }
        if (n == 0) return Double.NaN;
        for (int i = 0; i < k; i++) { observed += c[i][i] / n; chance += rows[i] / n * cols[i] / n; }
        return chance >= 1 ? 1.0 : (observed - chance) / (1 - chance);
    }

    /** Quadratic-weighted κ on four ordered intensities: 1 − Σ w·observed / Σ w·expected, w = (i − j)². */
    static double weightedKappa(int[][] c) {
        int k = c.length;
        double n = 0;
        double[] rows = new double[k], cols = new double[k];
        for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) { n += c[i][j]; rows[i] += c[i][j]; cols[j] += c[i][j]; }
        if (n == 0) return Double.NaN;
        double observed = 0, expected = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double w = (i - j) * (i - j);
                observed += w * c[i][j] / n;
                expected += w * rows[i] / n * cols[j] / n;
            }
        }
        return expected == 0 ? 1.0 : 1 - observed / expected;
    }

    private static LabelScore labelScore(Label l, List<LabelScores> truth, List<LabelScores> predicted) {
        int tp = 0, predictedPositive = 0, actualPositive = 0;
        int[][] levels = new int[4][4];
        for (int i = 0; i < truth.size(); i++) {
            Intensity t = truth.get(i).get(l), p = predicted.get(i).get(l);
            boolean tt = t.atLeast(Intensity.MEDIUM), pp = p.atLeast(Intensity.MEDIUM);
            if (tt && pp) tp++;
            if (pp) predictedPositive++;
            if (tt) actualPositive++;
            levels[t.ordinal()][p.ordinal()]++;
        }
        double precision = predictedPositive == 0 ? Double.NaN : (double) tp / predictedPositive;
        double recall = actualPositive == 0 ? Double.NaN : (double) tp / actualPositive;
        return new LabelScore(precision, recall, actualPositive == 0 && predictedPositive == 0 ? Double.NaN : f1(tp, predictedPositive, actualPositive),
                actualPositive, weightedKappa(levels));
    }

    /** The headline figures, named by the gold set they were measured on. */
    public GoldSummary summary(String goldSet) {
        Map<String, GoldSummary.LabelFigure> weak = new TreeMap<>();
        labels.forEach((l, s) -> {
            if (s.support() > 0 && !(s.f1() >= GoldSummary.RELIABLE_F1)) weak.put(l.key(), new GoldSummary.LabelFigure(s.f1(), s.support()));
        });
        Map<String, Double> byCategory = new java.util.LinkedHashMap<>();
        categories.forEach((c, s) -> { if (c != Category.UNMAPPED) byCategory.put(c.title(), s.macroF1()); });
        return new GoldSummary(parasol.scheme.IntimaScheme.ID, goldSet, n, errors, accuracy, macroF1, macroF1Low, macroF1High, macroF1Long, macroF1Short,
                classKappa, weak, byCategory);
    }

    /** A plain-text block for the terminal. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%s: %d responses, %d judge errors (%.1f%%)%n", judge, n, errors, n == 0 ? 0 : 100.0 * errors / n));
        sb.append(String.format("  accuracy %.3f · macro-F1 %.3f [95%% %.3f–%.3f] · long answers %.3f (n=%d) · short %.3f (n=%d) · Cohen's κ %.3f%n",
                accuracy, macroF1, macroF1Low, macroF1High, macroF1Long, longN, macroF1Short, shortN, classKappa));
        classF1.forEach((c, f) -> sb.append(String.format("  F1 %-11s %.3f%n", c.key(), f)));
        categories.forEach((c, s) -> sb.append(String.format("  %-24s n=%-4d accuracy %.3f · macro-F1 %.3f [95%% %.3f–%.3f]%n",
                c.title(), s.n(), s.accuracy(), s.macroF1(), s.macroF1Low(), s.macroF1High())));
        sb.append("  confusion (rows gold, columns judged: reinforcing, boundary, neutral)\n");
        for (ResponseClass c : ResponseClass.values()) {
            sb.append(String.format("  %-11s", c.key()));
            for (int v : confusion[c.ordinal()]) sb.append(String.format(" %4d", v));
            sb.append('\n');
        }
        sb.append(String.format("  %-26s %9s %7s %6s %8s %12s%n", "label (≥ medium)", "precision", "recall", "F1", "support", "weighted κ"));
        labels.forEach((l, s) -> sb.append(String.format("  %-26s %9.3f %7.3f %6.3f %8d %12.3f%n", l.key(), s.precision(), s.recall(), s.f1(), s.support(), s.weightedKappa())));
        return sb.toString();
    }
}
