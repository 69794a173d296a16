package parasol.analysis;

import parasol.judge.Judgement;
import parasol.scheme.DesignCodeScheme;
import parasol.store.JudgedResponse;
import parasol.suite.Item;
import parasol.suite.Provenance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The Design Code figures of one run under one judge (DESIGN.md §2.2): violation rate = violations /
 * checks, per model overall, per requirement and by provenance (original — real or authored in the style
 * of real messages — vs modified), and the paired shift from an original to its modified variant on linked
 * items. Items are the unit of sampling: an item's checks (several requirements, several samples) are
 * correlated, so intervals are Wilson over the effective number of items (Kish design effect), and the
 * paired shift is a bootstrap over linked pairs.
 */
public final class DesignCodeAnalysis {
    static final int RESAMPLES = 2000;
    static final long SEED = 20_261_124L;

    private DesignCodeAnalysis() {}

    /** One model's violation rate in one group ("all", a requirement code, "original" or "modified"). */
    public record Row(String model, String group, Rate violations) {}

    /** Modified minus original violation rate over linked pairs, with a 95% bootstrap interval over pairs. */
    public record Shift(String model, int pairs, double original, double modified, double difference, double low, double high) {
        public String describe() {
            return pairs == 0 ? "no linked pairs" : String.format("%+.1f points [%+.1f, %+.1f] over %d pairs (%.1f%% → %.1f%%)",
                    100 * difference, 100 * low, 100 * high, pairs, 100 * original, 100 * modified);
        }
    }

    public record Summary(String runId, String judge, List<String> models, List<Row> overall, List<Row> byRequirement,
                          List<Row> byProvenance, List<Shift> shifts, int checks, int failedCalls, int judgeErrors) implements SchemeSummary {
        public Summary {
            models = List.copyOf(models);
            overall = List.copyOf(overall);
            byRequirement = List.copyOf(byRequirement);
            byProvenance = List.copyOf(byProvenance);
            shifts = List.copyOf(shifts);
        }

        public Row overall(String model) { return overall.stream().filter(r -> r.model().equals(model)).findFirst().orElseThrow(); }

        public Rate rate(String model, String group) {
            for (List<Row> rows : List.of(overall, byRequirement, byProvenance)) {
                for (Row r : rows) if (r.model().equals(model) && r.group().equals(group)) return r.violations();
            }
            return null;
        }
    }

    /** A check as counted: item, requirement, violation. */
    private record Counted(Item item, String requirement, boolean violation) {}

    public static Summary summarize(String runId, String judge, List<JudgedResponse> results) {
        Map<String, List<Counted>> byModel = new LinkedHashMap<>();
        int failedCalls = 0, judgeErrors = 0, checks = 0;
        LinkedHashSet<String> models = new LinkedHashSet<>();
        for (JudgedResponse r : results) {
            models.add(r.model());
            if (r.text() == null) { failedCalls++; continue; }
            Judgement j = r.by(judge);
            if (j == null || !j.ok() || j.checks() == null) { judgeErrors++; continue; }
            for (var c : j.checks().entrySet()) {
                byModel.computeIfAbsent(r.model(), m -> new ArrayList<>()).add(new Counted(r.item(), c.getKey(), c.getValue().violation()));
                checks++;
            }
        }
        List<Row> overall = new ArrayList<>(), byRequirement = new ArrayList<>(), byProvenance = new ArrayList<>();
        List<Shift> shifts = new ArrayList<>();
        for (String model : models) {
            List<Counted> counted = byModel.getOrDefault(model, List.of());
            overall.add(new Row(model, "all", rate(counted)));
            for (DesignCodeScheme.Requirement req : DesignCodeScheme.INSTANCE.requirements()) {
                List<Counted> of = counted.stream().filter(c -> c.requirement().equals(req.code())).toList();
                if (!of.isEmpty()) byRequirement.add(new Row(model, req.code(), rate(of)));
            }
            List<Counted> original = counted.stream().filter(c -> c.item().provenance() != Provenance.MODIFIED).toList();
            List<Counted> modified = counted.stream().filter(c -> c.item().provenance() == Provenance.MODIFIED).toList();
            if (!original.isEmpty()) byProvenance.add(new Row(model, "original", rate(original)));
            if (!modified.isEmpty()) byProvenance.add(new Row(model, "modified", rate(modified)));
            shifts.add(shift(model, counted));
        }
        return new Summary(runId, judge, List.copyOf(models), overall, byRequirement, byProvenance, shifts, checks, failedCalls, judgeErrors);
    }

    /** The share of checks that are violations, its interval over items. */
    private static Rate rate(List<Counted> counted) {
        Map<String, int[]> perItem = new LinkedHashMap<>();
        for (Counted c : counted) {
            int[] hc = perItem.computeIfAbsent(c.item().id(), k -> new int[2]);
            if (c.violation()) hc[0]++;
            hc[1]++;
        }
        int[] hits = perItem.values().stream().mapToInt(a -> a[0]).toArray(), counts = perItem.values().stream().mapToInt(a -> a[1]).toArray();
        return Rate.overItems(hits, counts);
    }

    /** Over linked pairs whose both sides were checked: each side's violation rate, their mean difference, and a bootstrap over pairs. */
    private static Shift shift(String model, List<Counted> counted) {
        Map<String, double[]> perItem = new LinkedHashMap<>(); // violations, checks
        Map<String, Item> items = new LinkedHashMap<>();
        for (Counted c : counted) {
            double[] vc = perItem.computeIfAbsent(c.item().id(), k -> new double[2]);
            if (c.violation()) vc[0]++;
            vc[1]++;
            items.put(c.item().id(), c.item());
        }
        List<double[]> pairs = new ArrayList<>(); // original rate, modified rate
        for (Item i : items.values()) {
            if (i.variantOf() == null || !perItem.containsKey(i.variantOf())) continue;
            double[] o = perItem.get(i.variantOf()), m = perItem.get(i.id());
            pairs.add(new double[]{o[0] / o[1], m[0] / m[1]});
        }
        if (pairs.isEmpty()) return new Shift(model, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        double original = pairs.stream().mapToDouble(p -> p[0]).average().orElseThrow();
        double modified = pairs.stream().mapToDouble(p -> p[1]).average().orElseThrow();
        double[] boot = new double[RESAMPLES];
        SplittableRandom random = new SplittableRandom(SEED);
        for (int r = 0; r < RESAMPLES; r++) {
            double sum = 0;
            for (int k = 0; k < pairs.size(); k++) {
                double[] p = pairs.get(random.nextInt(pairs.size()));
                sum += p[1] - p[0];
            }
            boot[r] = sum / pairs.size();
        }
        Arrays.sort(boot);
        return new Shift(model, pairs.size(), original, modified, modified - original, Trend.percentile(boot, 0.025), Trend.percentile(boot, 0.975));
    }
}
