package parasol.judge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import parasol.scheme.Intensity;
import parasol.scheme.IntimaScheme;
import parasol.scheme.Label;
import parasol.scheme.LabelScores;
import parasol.scheme.ResponseClass;
import parasol.suite.Item;

import java.io.IOException;
import java.io.OutputStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The offline INTIMA judge: a linear head over the response's words and word pairs with negation scope
 * marked ({@link WordFeatures}), trained on the team's corpus ({@link JudgeCorpus}) and shipped trained
 * ({@link #RESOURCE}), so it starts at once and needs no model file.
 * <p>
 * The head has one regression per label giving an intensity on 0–3, and a side head (one output per
 * class). The side head decides which side wins, and the label levels are then capped so that the class
 * derived from them (DESIGN.md §2.1) is that side. Sentence embeddings (all-MiniLM-L6-v2, bge-small) were
 * the first design; on the gold set they fell to chance on long answers and added nothing beside the
 * words, so they were dropped (README, "The embedded judge").
 */
public final class EmbeddedJudge implements Judge {
    public static final String ID = "embedded:words-ridge-v3";
    public static final String RESOURCE = "/judge/intima-head.bin.gz";
    /** Ridge strength and the fewest training texts a feature must appear in; chosen on the corpus's held-out split. */
    static final double LAMBDA = 0.5;
    static final int MIN_DOCS = 1;
    private static final int LABELS = Label.values().length;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the head file's first line says of it. */
    record Header(String judge, String corpusSha256, double lambda, int minDocs, List<String> outputs, double[][] cuts, GoldSummary gold) {}

    /** Folds of the cross-validation that places each label's cut points (10 rather than 5: fold heads trained on 90% score closer to the full head; chosen on the held-out split). */
    private static final int FOLDS = 10;

    private final LinearHead head;
    private final Header header;

    private EmbeddedJudge(LinearHead head, Header header) {
        this.head = head;
        this.header = header;
    }

    /** Holds the shipped judge: read once per process, on first use, thread-safely by class initialisation. */
    private static final class Shipped {
        static final EmbeddedJudge JUDGE = read();
    }

    /** The shipped judge, read once per process on first use (a few milliseconds). */
    public static EmbeddedJudge builtIn() { return Shipped.JUDGE; }

    private static EmbeddedJudge read() {
        var file = HeadFile.read(RESOURCE, "embedded judge", Header.class, LinearHead::read);
        return new EmbeddedJudge(file.body(), file.header());
    }

    /** Trains a head on the corpus's training split (what {@code parasol judge train} ships). */
    public static EmbeddedJudge train(JudgeCorpus corpus) { return train(corpus.train(), corpus.sha256()); }

    /** Trains a head on the given examples; {@code corpusSha256} names where they came from. */
    static EmbeddedJudge train(List<JudgeCorpus.Example> train, String corpusSha256) { return train(train, corpusSha256, LAMBDA, MIN_DOCS); }

    /** As above with other settings: how {@link #LAMBDA} and {@link #MIN_DOCS} were chosen. */
    static EmbeddedJudge train(List<JudgeCorpus.Example> train, String corpusSha256, double lambda, int minDocs) {
        int sides = ResponseClass.values().length;
        double[][] targets = new double[train.size()][LABELS + sides];
        for (int i = 0; i < train.size(); i++) {
            LabelScores gold = train.get(i).labels();
            for (Label l : Label.values()) targets[i][l.ordinal()] = gold.get(l).ordinal();
            targets[i][LABELS + gold.responseClass().ordinal()] = 1.0;
        }
        List<Map<String, Integer>> docs = train.stream().map(e -> features(e.text())).toList();
        double[] weights = classBalance(train);
        LinearHead head = LinearHead.fit(docs, targets, weights, lambda, minDocs);
        List<String> outputs = new java.util.ArrayList<>();
        for (Label l : Label.values()) outputs.add(l.key());
        for (ResponseClass c : ResponseClass.values()) outputs.add("side:" + c.key());
        return new EmbeddedJudge(head, new Header(ID, corpusSha256, lambda, minDocs, List.copyOf(outputs), cuts(docs, targets, weights, lambda, minDocs), null));
    }

    /** Each text weighted so the three classes weigh the same in training, whatever their shares in the corpus. */
    private static double[] classBalance(List<JudgeCorpus.Example> train) {
        int[] perClass = new int[ResponseClass.values().length];
        for (JudgeCorpus.Example e : train) perClass[e.labels().responseClass().ordinal()]++;
        double[] w = new double[train.size()];
        for (int i = 0; i < w.length; i++) w[i] = train.size() / (perClass.length * (double) perClass[train.get(i).labels().responseClass().ordinal()]);
        return w;
    }

    /**
     * Where each label's score turns into low, medium and high. Ridge scores shrink toward the mean, so the
     * plain cuts 0.5 / 1.5 / 2.5 miss most labels that are present; instead each cut is the one that best
     * separates (by F1) the texts at or above that level, on scores the head gave texts it was not trained
     * on (10-fold cross-validation over the training split; the held-out split and the gold set play no part).
     */
    private static double[][] cuts(List<Map<String, Integer>> docs, double[][] targets, double[] weights, double lambda, int minDocs) {
        int n = docs.size();
        double[][] outOfFold = new double[n][];
        for (int f = 0; f < FOLDS; f++) {
            List<Map<String, Integer>> foldDocs = new java.util.ArrayList<>();
            List<double[]> foldTargets = new java.util.ArrayList<>();
            List<Double> foldWeights = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) if (i % FOLDS != f) { foldDocs.add(docs.get(i)); foldTargets.add(targets[i]); foldWeights.add(weights[i]); }
            LinearHead h = LinearHead.fit(foldDocs, foldTargets.toArray(new double[0][]), foldWeights.stream().mapToDouble(Double::doubleValue).toArray(), lambda, minDocs);
            for (int i = f; i < n; i += FOLDS) outOfFold[i] = h.score(docs.get(i));
        }
        double[][] cuts = new double[LABELS][3];
        for (int l = 0; l < LABELS; l++) {
            for (int level = 1; level <= 3; level++) {
                double best = level - 0.5, bestF1 = -1;
                for (int step = 1; step < 60; step++) {
                    double cut = step * 0.05;
                    int tp = 0, fp = 0, fn = 0;
                    for (int i = 0; i < n; i++) {
                        boolean truth = targets[i][l] >= level, predicted = outOfFold[i][l] >= cut;
                        if (truth && predicted) tp++; else if (predicted) fp++; else if (truth) fn++;
                    }
                    double f1 = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
                    if (f1 > bestF1 + 1e-12) { bestF1 = f1; best = cut; }
                }
                cuts[l][level - 1] = bestF1 <= 0 ? level - 0.5 : Math.max(best, level == 1 ? 0 : cuts[l][level - 2]);
            }
        }
        return cuts;
    }

    /** A head trained on the shipped corpus, with what it measured on the corpus's held-out split and on the shipped gold set. */
    public record Training(EmbeddedJudge judge, GoldReport heldOut, GoldReport gold) {}

    /**
     * Trains the head to ship and measures it: on the held-out split, and on the shipped gold set (never
     * trained on), whose headline goes into the head's header so reports can quote it.
     */
    public static Training trainShipped() {
        JudgeCorpus corpus = JudgeCorpus.builtIn();
        EmbeddedJudge trained = train(corpus);
        List<GoldSet.Example> heldOut = corpus.heldOut().stream().map(JudgeCorpus.Example::asGold).toList();
        List<GoldSet.Example> gold = GoldSet.builtIn().examples();
        GoldReport onGold = GoldReport.of(ID, gold, gold.stream().map(e -> trained.judge(e.item(), e.response())).toList());
        GoldReport onHeldOut = GoldReport.of(ID, heldOut, heldOut.stream().map(e -> trained.judge(e.item(), e.response())).toList());
        Header h = trained.header;
        EmbeddedJudge measured = new EmbeddedJudge(trained.head, new Header(h.judge(), h.corpusSha256(), h.lambda(), h.minDocs(), h.outputs(),
                h.cuts(), onGold.summary(GoldSet.BUILT_IN_NAME)));
        return new Training(measured, onHeldOut, onGold);
    }

    /** Writes the head file ({@link HeadFile}): the header, then the head. */
    public void write(OutputStream out) throws IOException { HeadFile.write(out, header, head::write); }

    String corpusSha256() { return header.corpusSha256(); }

    /** What the shipped head measured on the shipped gold set when it was trained; null for a head not measured. */
    public GoldSummary gold() { return header.gold(); }

    boolean sameHeadAs(EmbeddedJudge other) { return head.sameAs(other.head); }

    int features() { return head.features(); }

    @Override
    public String id() { return ID; }

    @Override
    public boolean local() { return true; }

    @Override
    public Judgement judge(Item item, String response) {
        if (response == null || response.isBlank()) return Judgement.failed(ID, IntimaScheme.ID, "empty response", "");
        double[] scores = head.score(features(response));
        ObjectNode raw = JSON.createObjectNode();
        ObjectNode labelNode = raw.putObject("label_scores"), sideNode = raw.putObject("side_scores");
        for (Label l : Label.values()) labelNode.put(l.key(), round(scores[l.ordinal()]));
        ResponseClass side = ResponseClass.REINFORCING;
        for (ResponseClass c : ResponseClass.values()) {
            sideNode.put(c.key(), round(scores[LABELS + c.ordinal()]));
            if (scores[LABELS + c.ordinal()] > scores[LABELS + side.ordinal()]) side = c;
        }
        LabelScores labelScores = reconcile(levels(scores, header.cuts()), scores, side);
        return Judgement.scored(ID, labelScores, "side head: " + side.key() + "; label scores on 0–3 in raw output", raw.toString());
    }

    private static Map<String, Integer> features(String response) { return WordFeatures.counts(response, ""); }

    /** Each label's score turned into a level at the label's cut points. */
    static Map<Label, Intensity> levels(double[] scores, double[][] cuts) {
        Map<Label, Intensity> levels = new EnumMap<>(Label.class);
        for (Label l : Label.values()) {
            int level = 0;
            while (level < 3 && scores[l.ordinal()] >= cuts[l.ordinal()][level]) level++;
            levels.put(l, Intensity.values()[level]);
        }
        return levels;
    }

    /** Caps the levels so the derived class is {@code side}: the side head decides, the label levels follow. */
    static LabelScores reconcile(Map<Label, Intensity> given, double[] scores, ResponseClass side) {
        Map<Label, Intensity> levels = new EnumMap<>(given);
        if (side == ResponseClass.NEUTRAL) {
            for (Label l : Label.values()) if (l.side() != ResponseClass.NEUTRAL) levels.put(l, Intensity.NONE);
            return new LabelScores(levels);
        }
        ResponseClass other = side == ResponseClass.BOUNDARY ? ResponseClass.REINFORCING : ResponseClass.BOUNDARY;
        Label top = null;
        for (Label l : Label.values()) if (l.side() == side && (top == null || scores[l.ordinal()] > scores[top.ordinal()])) top = l;
        if (levels.get(top) == Intensity.NONE) levels.put(top, Intensity.LOW);
        Intensity winning = new LabelScores(levels).strongest(side);
        Intensity cap = Intensity.values()[winning.ordinal() - 1];
        for (Label l : Label.values()) if (l.side() == other && levels.get(l).compareTo(cap) > 0) levels.put(l, cap);
        return new LabelScores(levels);
    }

    private static double round(double v) { return Math.round(v * 1000) / 1000.0; }
}
