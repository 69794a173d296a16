package parasol.analysis;

import parasol.judge.GoldSummary;
import parasol.judge.Panel;
import parasol.scheme.DesignCodeScheme;
import parasol.store.JudgedResponse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "How far to trust these numbers": the judges behind a report, what each measured against gold labels
 * (null when it never was), their share of answers left without a verdict, and, for a panel, how far the
 * judges agree and where they disagree. {@code shown} is the judge whose verdicts the figures use.
 */
public record JudgeTrust(String shown, List<String> judges, Map<String, GoldSummary> gold, JudgeAgreement agreement, boolean designCode) {
    /** Above this share of answers without a verdict, the report says the rates may be biased by what was left out. */
    static final double NOTABLE_ERROR_SHARE = 0.05;
    /** How many disagreements a report lists; the per-response export has every one. */
    public static final int LISTED_DISAGREEMENTS = 25;

    public JudgeTrust {
        judges = List.copyOf(judges);
        gold = new LinkedHashMap<>(gold);
    }

    /** {@code gold}: every gold-set measurement known under {@code scheme} (the embedded judge's shipped figures, and those saved by judge eval). */
    public static JudgeTrust of(String shown, List<String> members, List<JudgedResponse> results, Map<String, GoldSummary> gold, String scheme) {
        Map<String, GoldSummary> measured = new LinkedHashMap<>();
        for (String judge : members) if (gold.containsKey(judge)) measured.put(judge, gold.get(judge));
        return new JudgeTrust(shown, members, measured, JudgeAgreement.of(members, results, scheme), scheme.equals(DesignCodeScheme.ID));
    }

    public boolean panel() { return Panel.applies(judges); }

    /**
     * The labels or requirements some judge behind the figures finds least reliably on its gold set (F1 under 0.75,
     * {@link GoldSummary#weakLabels}): a chart marks them so that their rates are read with care.
     */
    public java.util.SortedSet<String> weak() { return weak(gold.values()); }

    /** The labels or requirements any of these gold-set measurements names as least reliable. */
    public static java.util.SortedSet<String> weak(java.util.Collection<GoldSummary> gold) {
        java.util.SortedSet<String> out = new java.util.TreeSet<>();
        for (GoldSummary g : gold) if (g.weakLabels() != null) out.addAll(g.weakLabels().keySet());
        return out;
    }

    /** One sentence on how far a judge agrees with human labels: its gold-set figures, or that it was never measured. */
    public static String measured(String judge, GoldSummary gold, boolean designCode) {
        if (gold != null) return judge + ": " + gold.describe() + ".";
        return judge + ": not measured against human labels — run `" + howToMeasure(designCode) + "` to measure it and show the figures here.";
    }

    /** The command that measures a judge under a scheme and saves its figures where reports find them. */
    public static String howToMeasure(boolean designCode) {
        return "parasol judge eval " + (designCode ? "--scheme design-code " : "") + "--judge SPEC --db DB";
    }

    /** The section's plain-language sentences, for every report format. */
    public List<String> statements() {
        List<String> out = new ArrayList<>();
        out.add(shown.equals(Panel.ID)
                ? "The figures are the panel's: per label or requirement, what more than half of the " + judges.size() + " judges find (" + String.join(", ", judges) + ")."
                : "The figures are the verdicts of " + shown + ".");
        for (String judge : judges) {
            out.add(measured(judge, gold.get(judge), designCode));
            double errors = agreement.errorShare().getOrDefault(judge, Double.NaN);
            if (errors > NOTABLE_ERROR_SHARE) {
                out.add(String.format("%s gave no verdict for %.1f%% of the answers in this report; those answers are left out of its rates, "
                        + "which may bias them if the failures are not random.", judge, 100 * errors));
            }
        }
        if (panel()) {
            if (designCode) {
                out.add(String.format("The judges agree on violations with Fleiss' κ %s over the checks of the %d answers all of them judged; "
                                + "%d of those answers split them%s.", kappa(agreement.classKappa()), agreement.rated(), agreement.disagreements().size(),
                        agreement.disagreements().isEmpty() ? "" : " (listed for review)"));
            } else {
                out.add(String.format("The judges agree on the class with Fleiss' κ %s over the %d answers all of them judged; %d of those answers "
                                + "split them%s.", kappa(agreement.classKappa()), agreement.rated(), agreement.disagreements().size(),
                        agreement.disagreements().isEmpty() ? "" : " (listed for review)"));
            }
        } else {
            out.add("One judge only: judge the run again with a second judge (parasol judge RUN --judge SPEC) to see how far judges agree.");
        }
        return out;
    }

    /** κ with the usual reading (Landis & Koch), or "undefined" when every verdict fell in one class. */
    public static String kappa(double k) {
        if (Double.isNaN(k)) return "undefined (every verdict in one class)";
        String reading = k < 0.2 ? "slight" : k < 0.4 ? "fair" : k < 0.6 ? "moderate" : k < 0.8 ? "substantial" : "almost perfect";
        return String.format("%.2f (%s)", k, reading);
    }
}
