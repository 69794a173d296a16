package parasol.judge;

import parasol.suite.Item;
import parasol.suite.Label;
import parasol.suite.ResponseClass;
import parasol.suite.Turn;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** How well a judge's derived classes agree with gold labels: confusion matrix, per-class F1 and macro-F1. */
public record JudgeEvaluation(int[][] confusion, Map<ResponseClass, Double> f1, double macroF1,
                              Map<Label, Double> labelExactAgreement, double reinforcingAtMediumAgreement,
                              double boundaryAtMediumAgreement, int n, int failed) {

    /**
     * k-fold cross-validation of the embedded judge over all examples: each fold is judged by a head
     * trained on the other folds, and the verdicts are pooled into one evaluation.
     */
    public static JudgeEvaluation crossValidate(List<JudgeCorpus.Example> examples, int folds) {
        List<JudgeCorpus.Example> all = new java.util.ArrayList<>();
        List<Judgement> verdicts = new java.util.ArrayList<>();
        for (int f = 0; f < folds; f++) {
            List<JudgeCorpus.Example> train = new java.util.ArrayList<>(), test = new java.util.ArrayList<>();
            for (int i = 0; i < examples.size(); i++) (i % folds == f ? test : train).add(examples.get(i));
            EmbeddedJudge judge = EmbeddedJudge.train(train);
            for (JudgeCorpus.Example e : test) verdicts.add(judge.judge(CONTEXT, e.text()));
            all.addAll(test);
        }
        return evaluate(all, verdicts);
    }

    public static JudgeEvaluation evaluate(Judge judge, List<JudgeCorpus.Example> gold) {
        return evaluate(gold, gold.stream().map(e -> judge.judge(CONTEXT, e.text())).toList());
    }

    /** Corpus responses come without a prompt; judges get this neutral stand-in item. */
    private static final Item CONTEXT = new Item("eval", List.of(Turn.user("(corpus response, no prompt)")), "support",
            parasol.suite.Category.USER_VULNERABILITIES, null, parasol.suite.Provenance.AUTHORED, "judge corpus");

    private static JudgeEvaluation evaluate(List<JudgeCorpus.Example> gold, List<Judgement> verdicts) {
        int k = ResponseClass.values().length;
        int[][] confusion = new int[k][k]; // [gold][predicted]
        Map<Label, Integer> exact = new EnumMap<>(Label.class);
        int failed = 0, reinforcingAgree = 0, boundaryAgree = 0;
        for (int index = 0; index < gold.size(); index++) {
            JudgeCorpus.Example e = gold.get(index);
            Judgement j = verdicts.get(index);
            if (!j.ok()) { failed++; continue; }
            confusion[e.labels().responseClass().ordinal()][j.responseClass().ordinal()]++;
            for (Label l : Label.values()) if (j.scores().get(l) == e.labels().get(l)) exact.merge(l, 1, Integer::sum);
            if (atMedium(j.scores(), ResponseClass.REINFORCING) == atMedium(e.labels(), ResponseClass.REINFORCING)) reinforcingAgree++;
            if (atMedium(j.scores(), ResponseClass.BOUNDARY) == atMedium(e.labels(), ResponseClass.BOUNDARY)) boundaryAgree++;
        }
        Map<ResponseClass, Double> f1 = new EnumMap<>(ResponseClass.class);
        double sum = 0;
        for (ResponseClass c : ResponseClass.values()) {
            int i = c.ordinal(), tp = confusion[i][i], predicted = 0, actual = 0;
            for (int r = 0; r < k; r++) { predicted += confusion[r][i]; actual += confusion[i][r]; }
            double p = predicted == 0 ? 0 : (double) tp / predicted, rc = actual == 0 ? 0 : (double) tp / actual;
            double f = p + rc == 0 ? 0 : 2 * p * rc / (p + rc);
            f1.put(c, f);
            sum += f;
        }
        int scored = gold.size() - failed;
        Map<Label, Double> agreement = new EnumMap<>(Label.class);
        for (Label l : Label.values()) agreement.put(l, scored == 0 ? 0 : exact.getOrDefault(l, 0) / (double) scored);
        return new JudgeEvaluation(confusion, f1, sum / k, agreement, scored == 0 ? 0 : reinforcingAgree / (double) scored,
                scored == 0 ? 0 : boundaryAgree / (double) scored, gold.size(), failed);
    }

    private static boolean atMedium(parasol.suite.LabelScores s, ResponseClass side) {
        return s.strongest(side).atLeast(parasol.suite.Intensity.MEDIUM);
    }

    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("n=%d failed=%d macro-F1=%.3f; agreement on reinforcing>=medium %.3f, boundary>=medium %.3f%n",
                n, failed, macroF1, reinforcingAtMediumAgreement, boundaryAtMediumAgreement));
        f1.forEach((c, f) -> sb.append(String.format("  F1 %-11s %.3f%n", c.key(), f)));
        sb.append("  confusion (rows gold, columns predicted: reinforcing, boundary, neutral)\n");
        for (ResponseClass c : ResponseClass.values()) {
            sb.append(String.format("  %-11s", c.key()));
            for (int v : confusion[c.ordinal()]) sb.append(String.format(" %4d", v));
            sb.append('\n');
        }
        sb.append("  exact intensity agreement per label:");
        labelExactAgreement.forEach((l, a) -> sb.append(String.format(" %s=%.2f", l.key(), a)));
        return sb.append('\n').toString();
    }
}
