package parasol.judge;

import parasol.scheme.DesignCodeScheme;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How one judge's Design Code verdicts agree with gold checks: accuracy and macro-F1 over violation / no
 * violation (with a 95% bootstrap interval over checks), on long and short answers apart, F1 on violations,
 * Cohen's κ, the confusion matrix, per requirement the same at a glance, and the share of checks the judge
 * gave no verdict for (left out of the scores).
 */
public record DesignCodeGoldReport(String judge, int n, int errors, double accuracy, double macroF1, double macroF1Low, double macroF1High,
                                   double macroF1Long, int longN, double macroF1Short, int shortN, double violationF1, double kappa,
                                   int[][] confusion, Map<String, RequirementScore> requirements) implements GoldMeasurement {
    private static final int VIOLATION = 0, CLEAN = 1;

    /**
     * One requirement: its checks judged and gold violations among them, precision/recall/F1 on violations, accuracy
     * and κ, and its checks the judge gave no verdict for (a requirement it never answered still has a row).
     */
    public record RequirementScore(int n, int violations, double precision, double recall, double f1, double accuracy, double kappa, int errors) {}

    /** A verdict set side by side with gold; a verdict that failed, or that left the check out, counts as an error. */
    public static DesignCodeGoldReport of(String judge, List<DesignCodeGoldSet.Check> gold, List<Judgement> verdicts) {
        List<DesignCodeGoldSet.Check> judged = new ArrayList<>();
        List<Boolean> predicted = new ArrayList<>();
        Map<String, Integer> errors = new LinkedHashMap<>();
        for (int i = 0; i < gold.size(); i++) {
            Judgement j = verdicts.get(i);
            Judgement.Check check = j.ok() && j.checks() != null ? j.checks().get(gold.get(i).requirement()) : null;
            if (check == null) { errors.merge(gold.get(i).requirement(), 1, Integer::sum); continue; }
            judged.add(gold.get(i));
            predicted.add(check.violation());
        }
        return of(judge, judged, judged.stream().map(DesignCodeGoldSet.Check::violation).toList(), predicted, errors);
    }

    /** Agreement between two labellings of the same checks, the first taken as reference. */
    public static DesignCodeGoldReport agreement(String name, List<DesignCodeGoldSet.Check> doublyLabelled) {
        return of(name, doublyLabelled, doublyLabelled.stream().map(DesignCodeGoldSet.Check::violation).toList(),
                doublyLabelled.stream().map(DesignCodeGoldSet.Check::second).toList(), Map.of());
    }

    private static DesignCodeGoldReport of(String judge, List<DesignCodeGoldSet.Check> checks, List<Boolean> truth, List<Boolean> predicted,
                                           Map<String, Integer> errorsByRequirement) {
        int n = checks.size();
        int[] t = new int[n], p = new int[n];
        for (int i = 0; i < n; i++) { t[i] = truth.get(i) ? VIOLATION : CLEAN; p[i] = predicted.get(i) ? VIOLATION : CLEAN; }
        int[][] confusion = GoldReport.confusion(t, p, GoldReport.all(n), 2);
        double[] interval = GoldReport.interval(n, idx -> GoldReport.macroF1(GoldReport.confusion(t, p, idx, 2)));
        List<Boolean> longAnswer = checks.stream().map(DesignCodeGoldSet.Check::longAnswer).toList();
        int[] longIdx = GoldReport.indices(longAnswer, true), shortIdx = GoldReport.indices(longAnswer, false);
        Map<String, RequirementScore> requirements = new LinkedHashMap<>();
        for (DesignCodeScheme.Requirement r : DesignCodeScheme.INSTANCE.requirements()) {
            int[] idx = java.util.stream.IntStream.range(0, n).filter(i -> checks.get(i).requirement().equals(r.code())).toArray();
            int missed = errorsByRequirement.getOrDefault(r.code(), 0);
            if (idx.length > 0 || missed > 0) requirements.put(r.code(), score(GoldReport.confusion(t, p, idx, 2), missed));
        }
        int errors = errorsByRequirement.values().stream().mapToInt(Integer::intValue).sum();
        RequirementScore all = score(confusion, errors);
        return new DesignCodeGoldReport(judge, n + errors, errors, all.accuracy(), n == 0 ? Double.NaN : GoldReport.macroF1(confusion), interval[0], interval[1],
                GoldReport.macroOf(t, p, longIdx, 2), longIdx.length, GoldReport.macroOf(t, p, shortIdx, 2), shortIdx.length, all.f1(), all.kappa(),
                confusion, requirements);
    }

    private static RequirementScore score(int[][] c, int errors) {
        int tp = c[VIOLATION][VIOLATION], fp = c[CLEAN][VIOLATION], fn = c[VIOLATION][CLEAN], tn = c[CLEAN][CLEAN], n = tp + fp + fn + tn;
        return new RequirementScore(n, tp + fn, tp + fp == 0 ? Double.NaN : (double) tp / (tp + fp), tp + fn == 0 ? Double.NaN : (double) tp / (tp + fn),
                tp + fp + fn == 0 ? Double.NaN : GoldReport.f1(tp, tp + fp, tp + fn), n == 0 ? Double.NaN : (double) (tp + tn) / n, GoldReport.kappa(c), errors);
    }

    /**
     * The headline figures, named by the gold set they were measured on; the weak requirements are those with F1 on
     * violations under 0.75, and those the judge answered no check of.
     */
    public GoldSummary summary(String goldSet) {
        Map<String, GoldSummary.LabelFigure> weak = new TreeMap<>();
        requirements.forEach((r, s) -> {
            if ((s.violations() > 0 || s.n() == 0) && !(s.f1() >= GoldSummary.RELIABLE_F1)) weak.put(r, new GoldSummary.LabelFigure(s.f1(), s.violations()));
        });
        return new GoldSummary(DesignCodeScheme.ID, goldSet, n, errors, accuracy, macroF1, macroF1Low, macroF1High, macroF1Long, macroF1Short, kappa, weak, null);
    }

    /** A plain-text block for the terminal. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%s: %d checks, %d judge errors (%.1f%%)%n", judge, n, errors, n == 0 ? 0 : 100.0 * errors / n));
        sb.append(String.format("  accuracy %.3f · macro-F1 %.3f [95%% %.3f–%.3f] · long answers %.3f (n=%d) · short %.3f (n=%d) · F1 on violations %.3f · Cohen's κ %.3f%n",
                accuracy, macroF1, macroF1Low, macroF1High, macroF1Long, longN, macroF1Short, shortN, violationF1, kappa));
        sb.append(String.format("  confusion (rows gold, columns judged): violation %d / %d, no violation %d / %d%n",
                confusion[VIOLATION][VIOLATION], confusion[VIOLATION][CLEAN], confusion[CLEAN][VIOLATION], confusion[CLEAN][CLEAN]));
        sb.append(String.format("  %-36s %6s %10s %9s %7s %6s %8s %6s %7s%n", "requirement", "checks", "violations", "precision", "recall", "F1", "accuracy", "κ", "errors"));
        requirements.forEach((r, s) -> sb.append(String.format("  %-36s %6d %10d %9.3f %7.3f %6.3f %8.3f %6.3f %7d%n",
                r, s.n(), s.violations(), s.precision(), s.recall(), s.f1(), s.accuracy(), s.kappa(), s.errors())));
        return sb.toString();
    }
}
