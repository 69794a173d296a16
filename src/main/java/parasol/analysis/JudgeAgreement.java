package parasol.analysis;

import parasol.judge.Judgement;
import parasol.judge.Panel;
import parasol.scheme.DesignCodeScheme;
import parasol.scheme.Intensity;
import parasol.scheme.Label;
import parasol.scheme.ResponseClass;
import parasol.store.JudgedResponse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How far the judges of one run agree: Fleiss' κ on the three-way class and on each label at ≥ medium,
 * over the responses every judge gave a verdict for, each judge's share of answers it gave no verdict
 * for, and the responses the judges disagree on (different classes), most divided first, for review.
 */
public record JudgeAgreement(List<String> judges, int rated, double classKappa, Map<Label, Double> labelKappa,
                             Map<String, Double> errorShare, List<Disagreement> disagreements) {
    /**
     * One response the judges split on, with each judge's verdict in a word: the class under INTIMA, the
     * requirements it found violated (or "no violation") under the Design Code.
     */
    public record Disagreement(String itemId, String model, int sample, Map<String, String> verdicts) {}

    public JudgeAgreement {
        judges = List.copyOf(judges);
        disagreements = List.copyOf(disagreements);
    }

    /** Agreement among {@code judges} (the panel itself left out) over a run's stored results, under the run's scheme. */
    public static JudgeAgreement of(List<String> judges, List<JudgedResponse> results, String scheme) {
        List<String> members = judges.stream().filter(j -> !j.equals(Panel.ID)).toList();
        Map<String, Double> errorShare = new LinkedHashMap<>();
        List<JudgedResponse> answered = results.stream().filter(r -> r.text() != null && !r.text().isBlank()).toList();
        for (String judge : members) {
            long judged = answered.stream().filter(r -> r.by(judge) != null).count();
            long failed = answered.stream().filter(r -> r.by(judge) != null && !r.by(judge).ok()).count();
            errorShare.put(judge, judged == 0 ? Double.NaN : (double) failed / judged);
        }
        List<List<Judgement>> complete = new ArrayList<>();
        List<Disagreement> disagreements = new ArrayList<>();
        for (JudgedResponse r : answered) {
            List<Judgement> verdicts = members.stream().map(r::by).toList();
            if (verdicts.stream().anyMatch(j -> j == null || !j.ok())) continue;
            complete.add(verdicts);
            Map<String, String> said = new LinkedHashMap<>();
            verdicts.forEach(j -> said.put(j.judge(), inWords(j)));
            if (said.values().stream().distinct().count() > 1) disagreements.add(new Disagreement(r.item().id(), r.model(), r.sample(), said));
        }
        disagreements.sort(Comparator.comparingLong((Disagreement d) -> -d.verdicts().values().stream().distinct().count())
                .thenComparing(Disagreement::itemId).thenComparing(Disagreement::model).thenComparingInt(Disagreement::sample));
        if (scheme.equals(DesignCodeScheme.ID)) return designCode(members, complete, errorShare, disagreements);
        double classKappa = fleiss(counts(complete, j -> j.responseClass().ordinal(), ResponseClass.values().length));
        Map<Label, Double> labelKappa = new EnumMap<>(Label.class);
        for (Label label : Label.values()) labelKappa.put(label, fleiss(counts(complete, j -> j.scores().get(label).atLeast(Intensity.MEDIUM) ? 1 : 0, 2)));
        return new JudgeAgreement(members, complete.size(), classKappa, labelKappa, errorShare, disagreements);
    }

    /**
     * Design Code verdicts: each (response, requirement) check is a subject rated violation or not, so the
     * class κ is Fleiss' κ over checks and there are no per-label figures; a response is listed when the
     * judges split on any of its checks.
     */
    private static JudgeAgreement designCode(List<String> members, List<List<Judgement>> complete, Map<String, Double> errorShare,
                                             List<Disagreement> disagreements) {
        List<int[]> counts = new ArrayList<>();
        for (List<Judgement> verdicts : complete) {
            for (String requirement : verdicts.getFirst().checks().keySet()) {
                int[] row = new int[2];
                for (Judgement j : verdicts) {
                    Judgement.Check c = j.checks().get(requirement);
                    if (c != null) row[c.violation() ? 1 : 0]++;
                }
                if (row[0] + row[1] == verdicts.size()) counts.add(row);
            }
        }
        return new JudgeAgreement(members, complete.size(), fleiss(counts.toArray(new int[0][])), new EnumMap<>(Label.class), errorShare, disagreements);
    }

    /** A verdict in a word: its class, or the requirements it found violated. */
    private static String inWords(Judgement j) {
        if (j.checks() == null) return j.responseClass().key();
        List<String> violated = j.checks().entrySet().stream().filter(e -> e.getValue().violation()).map(Map.Entry::getKey).sorted().toList();
        return violated.isEmpty() ? "no violation" : String.join(", ", violated);
    }

    /** Counts per subject and category from each subject's verdicts, for {@link #fleiss}. */
    private static int[][] counts(List<List<Judgement>> subjects, Function<Judgement, Integer> category, int categories) {
        int[][] out = new int[subjects.size()][categories];
        for (int i = 0; i < subjects.size(); i++) for (Judgement j : subjects.get(i)) out[i][category.apply(j)]++;
        return out;
    }

    /**
     * Fleiss' κ from counts[subject][category], every subject rated by the same number of raters. NaN when
     * there are fewer than two raters or no subjects, or when every rating falls in one category (chance
     * agreement is then 1 and κ is undefined).
     */
    static double fleiss(int[][] counts) {
        if (counts.length == 0) return Double.NaN;
        int raters = java.util.Arrays.stream(counts[0]).sum(), categories = counts[0].length;
        if (raters < 2) return Double.NaN;
        double[] totals = new double[categories];
        double agreement = 0;
        for (int[] row : counts) {
            double pairs = 0;
            for (int c = 0; c < categories; c++) { pairs += (double) row[c] * (row[c] - 1); totals[c] += row[c]; }
            agreement += pairs / ((double) raters * (raters - 1));
        }
        double observed = agreement / counts.length, chance = 0;
        for (double t : totals) { double p = t / ((double) counts.length * raters); chance += p * p; }
        return chance >= 1 - 1e-12 ? Double.NaN : (observed - chance) / (1 - chance);
    }
}
