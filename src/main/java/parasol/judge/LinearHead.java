package parasol.judge;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A linear head over word features: each feature weighted by (1 + log count) × idf, the vector scaled to
 * unit length, then one ridge regression per output. Fitted in the dual (n × n, n = training texts), which
 * is exact and takes well under a second for a thousand texts. Weights are kept as floats, so a head read
 * back from its file scores exactly as the head that was fitted.
 */
final class LinearHead {
    private final Map<String, Integer> index;
    private final float[] idf;
    private final float[][] weights; // feature × output
    private final float[] bias;

    private LinearHead(Map<String, Integer> index, float[] idf, float[][] weights, float[] bias) {
        this.index = index;
        this.idf = idf;
        this.weights = weights;
        this.bias = bias;
    }

    int outputs() { return bias.length; }

    /**
     * Fits the head: {@code docs} are feature counts, {@code targets} one row of outputs per text. Features
     * seen in fewer than {@code minDocs} texts are dropped (a word one writer used once is noise).
     * {@code weights} weigh each text's errors (a class that is rarer in the corpus than in use counts more).
     */
    static LinearHead fit(List<Map<String, Integer>> docs, double[][] targets, double[] weights, double lambda, int minDocs) {
        Map<String, Integer> docFrequency = new TreeMap<>();
        for (Map<String, Integer> d : docs) for (String f : d.keySet()) docFrequency.merge(f, 1, Integer::sum);
        Map<String, Integer> index = new HashMap<>();
        List<String> kept = new ArrayList<>();
        for (var e : docFrequency.entrySet()) if (e.getValue() >= minDocs) { index.put(e.getKey(), kept.size()); kept.add(e.getKey()); }
        float[] idf = new float[kept.size()];
        for (int j = 0; j < idf.length; j++) idf[j] = (float) (Math.log((1.0 + docs.size()) / (1.0 + docFrequency.get(kept.get(j)))) + 1.0);
        LinearHead featureSpace = new LinearHead(index, idf, new float[0][0], new float[0]);
        List<Sparse> x = docs.stream().map(d -> Sparse.of(featureSpace.vector(d))).toList();
        int n = docs.size(), k = targets[0].length;
        // Weighted dual ridge with a constant feature for the bias: alpha = (XXᵀ + 11ᵀ + λ diag(1/w))⁻¹ Y, W = Xᵀ alpha, b = 1ᵀ alpha.
        double[][] gram = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = a; b < n; b++) gram[a][b] = gram[b][a] = x.get(a).dot(x.get(b)) + 1.0;
            gram[a][a] += lambda / weights[a];
        }
        RealMatrix alpha = new CholeskyDecomposition(new Array2DRowRealMatrix(gram, false), 1e-12, 1e-12).getSolver()
                .solve(new Array2DRowRealMatrix(targets));
        float[][] w = new float[kept.size()][k];
        float[] bias = new float[k];
        for (int o = 0; o < k; o++) {
            double[] column = new double[kept.size()];
            double b = 0;
            for (int i = 0; i < n; i++) {
                double a = alpha.getEntry(i, o);
                b += a;
                Sparse xi = x.get(i);
                for (int e = 0; e < xi.index().length; e++) column[xi.index()[e]] += a * xi.value()[e];
            }
            for (int j = 0; j < column.length; j++) w[j][o] = (float) column[j];
            bias[o] = (float) b;
        }
        return new LinearHead(index, idf, w, bias);
    }

    /** One score per output. */
    double[] score(Map<String, Integer> counts) {
        double[] out = new double[bias.length];
        for (int o = 0; o < out.length; o++) out[o] = bias[o];
        for (var e : vector(counts).entrySet()) {
            float[] w = weights[e.getKey()];
            for (int o = 0; o < out.length; o++) out[o] += w[o] * e.getValue();
        }
        return out;
    }

    /** The weighted, unit-length vector of the features this head knows. */
    private Map<Integer, Double> vector(Map<String, Integer> counts) {
        Map<Integer, Double> v = new HashMap<>();
        double norm = 0;
        for (var e : counts.entrySet()) {
            Integer j = index.get(e.getKey());
            if (j == null) continue;
            double value = (1 + Math.log(e.getValue())) * idf[j];
            v.put(j, value);
            norm += value * value;
        }
        if (norm > 0) {
            double scale = 1 / Math.sqrt(norm);
            v.replaceAll((j, value) -> value * scale);
        }
        return v;
    }

    /** A unit vector as parallel arrays sorted by feature index: the n² dot products of a fit merge them (several times faster than maps). */
    private record Sparse(int[] index, double[] value) {
        static Sparse of(Map<Integer, Double> v) {
            int[] index = v.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
            double[] value = new double[index.length];
            for (int e = 0; e < index.length; e++) value[e] = v.get(index[e]);
            return new Sparse(index, value);
        }

        double dot(Sparse o) {
            double s = 0;
            for (int p = 0, q = 0; p < index.length && q < o.index.length; ) {
                if (index[p] == o.index[q]) s += value[p++] * o.value[q++];
                else if (index[p] < o.index[q]) p++;
                else q++;
            }
            return s;
        }
    }

    /** Binary, in feature-name order: outputs, bias, features; then per feature its name, idf and one weight per output. */
    void write(DataOutputStream out) throws IOException {
        out.writeInt(bias.length);
        for (float b : bias) out.writeFloat(b);
        out.writeInt(idf.length);
        for (String feature : new TreeMap<>(index).keySet()) {
            int j = index.get(feature);
            out.writeUTF(feature);
            out.writeFloat(idf[j]);
            for (float w : weights[j]) out.writeFloat(w);
        }
    }

    /** Reads what {@link #write} wrote (a few tens of milliseconds for 25,000 features, where parsing text took most of a second). */
    static LinearHead read(DataInputStream in) throws IOException {
        float[] bias = new float[in.readInt()];
        for (int o = 0; o < bias.length; o++) bias[o] = in.readFloat();
        int features = in.readInt();
        Map<String, Integer> index = new HashMap<>(features * 2);
        float[] idf = new float[features];
        float[][] weights = new float[features][bias.length];
        for (int j = 0; j < features; j++) {
            index.put(in.readUTF(), j);
            idf[j] = in.readFloat();
            for (int o = 0; o < bias.length; o++) weights[j][o] = in.readFloat();
        }
        return new LinearHead(index, idf, weights, bias);
    }

    /** Same features, idf and weights (what the reproducibility test compares). */
    boolean sameAs(LinearHead other) {
        if (!index.equals(other.index) || !java.util.Arrays.equals(idf, other.idf) || !java.util.Arrays.equals(bias, other.bias)) return false;
        for (int j = 0; j < weights.length; j++) if (!java.util.Arrays.equals(weights[j], other.weights[j])) return false;
        return true;
    }

    /** Weighted ridge in closed form over a few dense inputs, the first the unpenalised intercept: (XᵀWX + λI′)⁻¹ XᵀWy. */
    static double[] fitDense(double[][] x, double[] y, double[] w, double lambda) {
        int d = x[0].length;
        double[][] a = new double[d][d + 1];
        for (int i = 0; i < x.length; i++) {
            for (int p = 0; p < d; p++) {
                for (int q = 0; q < d; q++) a[p][q] += w[i] * x[i][p] * x[i][q];
                a[p][d] += w[i] * x[i][p] * y[i];
            }
        }
        for (int p = 1; p < d; p++) a[p][p] += lambda;
        // Gauss–Jordan with partial pivoting; the system is small and, with λ > 0, well posed.
        for (int c = 0; c < d; c++) {
            int pivot = c;
            for (int r = c + 1; r < d; r++) if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) pivot = r;
            double[] t = a[c]; a[c] = a[pivot]; a[pivot] = t;
            for (int r = 0; r < d; r++) {
                if (r == c) continue;
                double f = a[r][c] / a[c][c];
                for (int k = c; k <= d; k++) a[r][k] -= f * a[c][k];
            }
        }
        double[] b = new double[d];
        for (int p = 0; p < d; p++) b[p] = a[p][d] / a[p][p];
        return b;
    }
}
