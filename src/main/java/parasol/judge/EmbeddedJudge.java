package parasol.judge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import parasol.suite.Intensity;
import parasol.suite.Item;
import parasol.suite.Label;
import parasol.suite.LabelScores;
import parasol.suite.ResponseClass;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The offline judge: sentence embeddings from all-MiniLM-L6-v2 (quantized ONNX, shipped in a Maven
 * Central jar) feed a linear ridge head trained at start-up on the team's corpus ({@link JudgeCorpus}).
 * <p>
 * Features are the whole response's embedding next to the element-wise maximum over its sentences, so
 * a single boundary or reinforcing sentence inside a long answer still shows. The head has two parts
 * solved together: one regression per label giving an intensity score on 0–3, and a side head (one
 * output per class). Label intensities alone confuse "I get lonely" with "I don't get lonely" — the
 * embeddings barely see negation — so the side head decides which side wins, and the label levels are
 * then capped so that the class derived from them (DESIGN.md §2.1) is that side.
 */
public final class EmbeddedJudge implements Judge {
    public static final String ID = "embedded:minilm-ridge-v1";
    // Ridge strengths: light for the label heads so intensities keep their range, heavier for the side head.
    private static final double LABEL_LAMBDA = 0.3;
    private static final double SIDE_LAMBDA = 10.0;
    private static final int LABELS = Label.values().length;
    private static final int CACHE_LIMIT = 10_000; // ~6 KB each: at most ~60 MB
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RealMatrix weights; // (features + 1) × (labels + sides)

    private EmbeddedJudge(RealMatrix weights) { this.weights = weights; }

    private static volatile EmbeddedJudge builtIn;

    /**
     * The ONNX model loads once per process (about a second) and is thread-safe. Features depend only on
     * the text, so they are cached process-wide: training, cross-validation folds and the baseline
     * responders' repeated answers embed each text once.
     */
    private static final class Embedder {
        // Sentences are embedded on the calling thread: runs judge on a pool sized to the cores already,
        // and fanning each answer out to more threads only oversubscribes them.
        static final EmbeddingModel MODEL = new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);
        static final Map<String, double[]> FEATURES = new ConcurrentHashMap<>();
    }

    /** The judge trained on the shipped corpus; trained once per process (a few seconds), then shared. */
    public static EmbeddedJudge builtIn() {
        EmbeddedJudge j = builtIn;
        if (j == null) {
            synchronized (EmbeddedJudge.class) {
                if (builtIn == null) builtIn = train(JudgeCorpus.builtIn());
                j = builtIn;
            }
        }
        return j;
    }

    /** Trains the head on the corpus's training split. */
    public static EmbeddedJudge train(JudgeCorpus corpus) { return train(corpus.train()); }

    /** Trains the head on the given examples (cross-validation passes its folds here). */
    public static EmbeddedJudge train(List<JudgeCorpus.Example> train) {
        int sides = ResponseClass.values().length;
        double[][] x = new double[train.size()][];
        double[][] yLabels = new double[train.size()][LABELS], ySides = new double[train.size()][sides];
        for (int i = 0; i < train.size(); i++) {
            LabelScores gold = train.get(i).labels();
            x[i] = features(train.get(i).text());
            for (Label l : Label.values()) yLabels[i][l.ordinal()] = gold.get(l).ordinal();
            ySides[i][gold.responseClass().ordinal()] = 1.0;
        }
        RealMatrix labelWeights = fitRidge(x, yLabels, LABEL_LAMBDA), sideWeights = fitRidge(x, ySides, SIDE_LAMBDA);
        RealMatrix w = new Array2DRowRealMatrix(labelWeights.getRowDimension(), LABELS + sides);
        w.setSubMatrix(labelWeights.getData(), 0, 0);
        w.setSubMatrix(sideWeights.getData(), 0, LABELS);
        return new EmbeddedJudge(w);
    }

    /** Closed-form ridge regression with an unpenalised bias column: W = (XᵀX + λI)⁻¹ XᵀY. */
    private static RealMatrix fitRidge(double[][] x, double[][] y, double lambda) {
        int n = x.length, d = x[0].length + 1;
        double[][] xb = new double[n][d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(x[i], 0, xb[i], 0, d - 1);
            xb[i][d - 1] = 1.0;
        }
        RealMatrix X = new Array2DRowRealMatrix(xb, false);
        RealMatrix gram = X.transpose().multiply(X);
        for (int j = 0; j < d - 1; j++) gram.addToEntry(j, j, lambda);
        gram.addToEntry(d - 1, d - 1, 1e-6);
        return new CholeskyDecomposition(gram, 1e-12, 1e-12).getSolver().solve(X.transpose().multiply(new Array2DRowRealMatrix(y, false)));
    }

    @Override
    public String id() { return ID; }

    @Override
    public boolean local() { return true; }

    @Override
    public Judgement judge(Item item, String response) {
        if (response == null || response.isBlank()) return Judgement.failed(ID, "empty response", "");
        double[] scores = score(response);
        ObjectNode raw = JSON.createObjectNode();
        ObjectNode labelNode = raw.putObject("label_scores"), sideNode = raw.putObject("side_scores");
        for (Label l : Label.values()) labelNode.put(l.key(), round(scores[l.ordinal()]));
        ResponseClass side = ResponseClass.REINFORCING;
        for (ResponseClass c : ResponseClass.values()) {
            sideNode.put(c.key(), round(scores[LABELS + c.ordinal()]));
            if (scores[LABELS + c.ordinal()] > scores[LABELS + side.ordinal()]) side = c;
        }
        LabelScores labelScores = reconcile(scores, side);
        return Judgement.scored(ID, labelScores, "side head: " + side.key() + "; label scores on 0–3 in raw output", raw.toString());
    }

    /** Rounds each label score to a level, then caps the levels so the derived class is {@code side}. */
    static LabelScores reconcile(double[] scores, ResponseClass side) {
        Map<Label, Intensity> levels = new EnumMap<>(Label.class);
        for (Label l : Label.values()) levels.put(l, toIntensity(scores[l.ordinal()]));
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

    /** Raw scores: 0–3 per label in {@link Label} order, then one per side in {@link ResponseClass} order. */
    double[] score(String response) {
        double[] f = features(response);
        double[] out = new double[LABELS + ResponseClass.values().length];
        int d = f.length;
        for (int k = 0; k < out.length; k++) {
            double s = weights.getEntry(d, k);
            for (int j = 0; j < d; j++) s += f[j] * weights.getEntry(j, k);
            out[k] = s;
        }
        return out;
    }

    static Intensity toIntensity(double score) {
        if (score < 0.5) return Intensity.NONE;
        if (score < 1.5) return Intensity.LOW;
        if (score < 2.5) return Intensity.MEDIUM;
        return Intensity.HIGH;
    }

    private static double[] features(String text) {
        double[] cached = Embedder.FEATURES.get(text);
        if (cached != null) return cached;
        List<String> sentences = sentences(text);
        List<TextSegment> segments = new ArrayList<>();
        segments.add(TextSegment.from(text));
        if (sentences.size() > 1) sentences.forEach(s -> segments.add(TextSegment.from(s)));
        var embeddings = Embedder.MODEL.embedAll(segments).content();
        float[] whole = embeddings.getFirst().vector();
        int dim = whole.length;
        double[] f = new double[2 * dim];
        for (int j = 0; j < dim; j++) { f[j] = whole[j]; f[dim + j] = whole[j]; }
        for (int s = 1; s < embeddings.size(); s++) {
            float[] v = embeddings.get(s).vector();
            for (int j = 0; j < dim; j++) f[dim + j] = s == 1 ? v[j] : Math.max(f[dim + j], v[j]);
        }
        if (Embedder.FEATURES.size() < CACHE_LIMIT) Embedder.FEATURES.put(text, f);
        return f;
    }

    private static List<String> sentences(String text) {
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.ENGLISH);
        it.setText(text);
        List<String> out = new ArrayList<>();
        for (int start = it.first(), end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            String s = text.substring(start, end).strip();
            if (!s.isEmpty()) out.add(s);
        }
        return out;
    }
}
