package parasol.judge;

import parasol.scheme.DesignCodeScheme;
import parasol.scheme.IntimaScheme;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The headline of a judge's measurement against gold labels, as reports show it: under which scheme, which
 * gold set, how many responses (checks, under the Design Code), macro-F1 with its 95% bootstrap interval —
 * over the three classes under INTIMA, over violation / no violation under the Design Code — on long and
 * short answers apart, Cohen's κ on the same outcome, the share the judge gave no verdict for, and what it
 * finds least reliably ({@code weakLabels}: labels, or requirements, whose F1 — at ≥ medium, or on
 * violations — is under {@link #RELIABLE_F1}, with their gold support), whose rates a reader should trust least,
 * and, under INTIMA, macro-F1 per category ({@code categoryMacroF1}), which a leaderboard's per-category columns rest on.
 */
public record GoldSummary(String scheme, String goldSet, int responses, int judgeErrors, double accuracy, double macroF1, double macroF1Low,
                          double macroF1High, double macroF1Long, double macroF1Short, double classKappa, Map<String, LabelFigure> weakLabels,
                          Map<String, Double> categoryMacroF1) {
    /** The per-label F1 Parasol asks of a judge (issue 8's target for the embedded judge). */
    public static final double RELIABLE_F1 = 0.75;

    public record LabelFigure(double f1, int support) {}

    public GoldSummary {
        // Summaries saved before the Design Code gold set existed were all INTIMA's.
        scheme = scheme == null ? IntimaScheme.ID : scheme;
        // Null: a summary saved before weak labels were recorded, which cannot say which labels were weak.
        weakLabels = weakLabels == null ? null : Collections.unmodifiableSortedMap(new TreeMap<>(weakLabels));
        // INTIMA only, in the categories' order; null for the Design Code and for summaries saved before it was recorded.
        categoryMacroF1 = categoryMacroF1 == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(categoryMacroF1));
    }

    public boolean designCode() { return scheme.equals(DesignCodeScheme.ID); }

    /** One line, e.g. "macro-F1 0.91 [0.88–0.94] on 320 responses of the shipped gold set (long 0.90, short 0.92), κ 0.86, 0% judge errors". */
    public String describe() {
        String headline = String.format("macro-F1 %.2f [%.2f–%.2f]%s on %d %s of the %s (long answers %.2f, short %.2f), κ %.2f, %.1f%% judge errors",
                macroF1, macroF1Low, macroF1High, designCode() ? " over violation / no violation" : "", responses, unit(), goldSet, macroF1Long,
                macroF1Short, classKappa, judgeErrorPercent());
        if (!categoryList().isEmpty()) headline += "; macro-F1 by category: " + categoryList();
        if (weakLabels == null) return headline + "; per-label figures not recorded (run parasol judge eval again to record them)";
        if (weakLabels.isEmpty()) return headline;
        return headline + (designCode()
                ? String.format("; requirements it finds least reliably (F1 on violations under %.2f): %s", RELIABLE_F1, weakList(" gold violations"))
                : String.format("; labels it finds least reliably (F1 at ≥ medium under %.2f): %s", RELIABLE_F1, weakList(" gold positives")));
    }

    /** What was measured: checks under the Design Code, responses under INTIMA. */
    public String unit() { return designCode() ? "checks" : "responses"; }

    /** The share of the gold set the judge gave no verdict for, in percent. */
    public double judgeErrorPercent() { return responses == 0 ? 0.0 : 100.0 * judgeErrors / responses; }

    /** "Assistant Traits 0.97, …", or empty when no category figures were recorded. */
    public String categoryList() {
        if (categoryMacroF1 == null) return "";
        StringBuilder sb = new StringBuilder();
        categoryMacroF1.forEach((category, f1) -> sb.append(sb.isEmpty() ? "" : ", ").append(String.format("%s %.2f", category, f1)));
        return sb.toString();
    }

    /** "off_topic 0.50 (9{supportUnit})", … for the weak labels or requirements; empty when none (or not recorded). */
    public String weakList(String supportUnit) {
        if (weakLabels == null) return "";
        StringBuilder sb = new StringBuilder();
        weakLabels.forEach((label, f) -> sb.append(sb.isEmpty() ? "" : ", ").append(String.format("%s %.2f (%d%s)", label, f.f1(), f.support(), supportUnit)));
        return sb.toString();
    }
}
