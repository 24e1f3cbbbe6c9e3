package org.industry4.anomaly.iforest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.industry4.core.FeatureSchema;
import org.industry4.core.Scorer;

/**
 * A fitted Isolation Forest (standard or extended): immutable and thread-safe.
 *
 * <h2>Score and sign conventions</h2>
 * {@link #score(double[])} is the anomaly score of Liu, Ting and Zhou (2008),
 * <pre>  s(x) = 2^(-E[h(x)] / c(psi))  in (0, 1]</pre>
 * where {@code h(x)} is the path length of {@code x} in one tree (the depth of the leaf it reaches
 * plus {@code c(leaf size)}, the average path length of an unsuccessful search in a binary search
 * tree of that many points), {@code E} the mean over the trees and {@code psi} the sub-sample size.
 * Higher is more anomalous: close to 1 is clearly anomalous, around 0.5 or below is normal.
 *
 * <p>scikit-learn's {@code IsolationForest} reports the same quantity with the opposite sign and a
 * shift: {@code score_samples(x) = -s(x)}, {@code offset_} is the {@code contamination} percentile of
 * {@code score_samples} on the training data, and {@code decision_function(x) = score_samples(x) -
 * offset_}, negative for anomalies. Here {@link #threshold()} is {@code -offset_} (the {@code 1 -
 * contamination} quantile of {@code s} on the training data, linear interpolation as NumPy's
 * percentile), {@link #decisionFunction(double[])} is {@code threshold() - score(x)}, equal to
 * scikit-learn's {@code decision_function} for the same forest, and {@link #isAnomaly(double[])} is
 * {@code decisionFunction(x) < 0}, that is {@code score(x) > threshold()}.
 *
 * <h2>Layout</h2>
 * The trees are flattened into a few primitive arrays shared by the forest: node {@code i} is a
 * leaf when {@code child[i] < 0}, and then {@code value[i]} holds its whole path length
 * {@code depth + c(size)}; otherwise its children are {@code child[i]} (left) and
 * {@code child[i] + 1} (right). In a standard forest {@code split[i]} is a feature index and
 * {@code x} goes left when {@code x[split[i]] < value[i]}; in an extended forest {@code split[i]}
 * is the offset of a hyperplane's {@code extensionLevel + 1} (feature, weight) pairs in
 * {@code planeFeature}/{@code planeWeight}, and {@code x} goes left when the weighted sum is below
 * the intercept {@code value[i]}. Scoring one sample allocates nothing.
 */
public final class IsolationForestModel implements Scorer {

    /** Rows scored together, tree by tree, in {@link #scoreAll}: the trees stay in cache. */
    private static final int BLOCK = 128;
    private static final double EULER_GAMMA = 0.5772156649015329;

    private final FeatureSchema schema;
    private final IsolationForestOptions options;
    private final int psi;
    private final double threshold;
    private final int[] roots;
    private final int[] child;
    private final int[] split;
    private final double[] value;
    private final int planeSize;
    private final int[] planeFeature;
    private final double[] planeWeight;
    /** {@code -1 / (trees * c(psi))}: {@code s = 2^(sum of path lengths * scale)}. */
    private final double scale;

    IsolationForestModel(FeatureSchema schema, IsolationForestOptions options, int psi, double threshold,
                         int[] roots, int[] child, int[] split, double[] value,
                         int planeSize, int[] planeFeature, double[] planeWeight) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.options = Objects.requireNonNull(options, "options");
        this.psi = psi;
        this.threshold = threshold;
        this.roots = roots;
        this.child = child;
        this.split = split;
        this.value = value;
        this.planeSize = planeSize;
        this.planeFeature = planeFeature;
        this.planeWeight = planeWeight;
        this.scale = -1.0 / (roots.length * averagePathLength(psi));
    }

    /** The same forest with another threshold. */
    IsolationForestModel withThreshold(double newThreshold) {
        return new IsolationForestModel(schema, options, psi, newThreshold, roots, child, split, value,
                planeSize, planeFeature, planeWeight);
    }

    /**
     * The average path length of an unsuccessful search in a binary search tree of {@code n}
     * points, {@code c(n) = 2 H(n - 1) - 2 (n - 1) / n} with {@code H(i) ~ ln(i) + 0.5772156649};
     * {@code c(0) = c(1) = 0}, {@code c(2) = 1}.
     */
    public static double averagePathLength(int n) {
        if (n <= 1) {
            return 0.0;
        }
        if (n == 2) {
            return 1.0;
        }
        return 2.0 * (Math.log(n - 1.0) + EULER_GAMMA) - 2.0 * (n - 1.0) / n;
    }

    @Override
    public FeatureSchema schema() {
        return schema;
    }

    /** The options the forest was trained with. */
    public IsolationForestOptions options() {
        return options;
    }

    /** The number of trees. */
    public int trees() {
        return roots.length;
    }

    /** The sub-sample size each tree was grown on: {@code min(options().sampleSize(), training rows)}. */
    public int sampleSize() {
        return psi;
    }

    /** 0 for a standard forest, else the extension level of the hyperplane splits. */
    public int extensionLevel() {
        return options.extensionLevel();
    }

    /** The number of nodes of all trees together. */
    public int nodeCount() {
        return child.length;
    }

    /**
     * The anomaly threshold: the {@code 1 - contamination} quantile of the training scores.
     * Scores above it are anomalies; scikit-learn's {@code offset_} is its negative.
     */
    public double threshold() {
        return threshold;
    }

    /**
     * The anomaly score {@code s(x) = 2^(-E[h(x)] / c(psi))} in (0, 1]; higher is more anomalous.
     * Allocates nothing.
     *
     * @throws IllegalArgumentException if {@code x} has the wrong length or a NaN or infinite value
     */
    @Override
    public double score(double[] x) {
        Scorer.requireFinite(schema, x);
        double sum = 0.0;
        if (planeSize == 0) {
            for (int root : roots) {
                sum += pathStandard(root, x);
            }
        } else {
            for (int root : roots) {
                sum += pathExtended(root, x);
            }
        }
        return Math.pow(2.0, sum * scale);
    }

    /**
     * scikit-learn's {@code decision_function}: {@code threshold() - score(x)}; negative for an
     * anomaly, positive for a normal sample.
     */
    public double decisionFunction(double[] x) {
        return threshold - score(x);
    }

    /** Whether {@code score(x) > threshold()}. */
    public boolean isAnomaly(double[] x) {
        return score(x) > threshold;
    }

    /**
     * Scores each row in the calling thread; the result equals {@link #score(double[])} row by row,
     * bit for bit. Rows are taken in blocks, tree by tree, so each tree is read from cache.
     *
     * @throws IllegalArgumentException naming the row if one has the wrong length or a non-finite value
     */
    @Override
    public double[] scoreAll(double[][] rows) {
        Objects.requireNonNull(rows, "rows");
        double[] out = new double[rows.length];
        scoreRange(rows, 0, rows.length, out);
        return out;
    }

    /**
     * Scores each row, in chunks run on {@code executor}; the same result as {@link #scoreAll(double[][])}.
     *
     * @throws IllegalArgumentException naming the row if one has the wrong length or a non-finite value
     */
    public double[] scoreAll(double[][] rows, Executor executor) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(executor, "executor");
        double[] out = new double[rows.length];
        int chunk = Math.max(BLOCK * 8, BLOCK * ((rows.length / 16 + BLOCK - 1) / BLOCK));
        List<CompletableFuture<Void>> tasks = new ArrayList<>();
        for (int from = 0; from < rows.length; from += chunk) {
            int start = from;
            int end = Math.min(rows.length, from + chunk);
            tasks.add(CompletableFuture.runAsync(() -> scoreRange(rows, start, end, out), executor));
        }
        join(tasks);
        return out;
    }

    static void join(List<CompletableFuture<Void>> tasks) {
        try {
            CompletableFuture.allOf(tasks.toArray(new CompletableFuture<?>[0])).join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    private void scoreRange(double[][] rows, int from, int to, double[] out) {
        for (int r = from; r < to; r++) {
            double[] x = rows[r];
            if (x == null) {
                throw new IllegalArgumentException("row " + r + " is null");
            }
            try {
                Scorer.requireFinite(schema, x);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("row " + r + ": " + e.getMessage(), e);
            }
        }
        for (int start = from; start < to; start += BLOCK) {
            int end = Math.min(to, start + BLOCK);
            for (int root : roots) {
                if (planeSize == 0) {
                    for (int r = start; r < end; r++) {
                        out[r] += pathStandard(root, rows[r]);
                    }
                } else {
                    for (int r = start; r < end; r++) {
                        out[r] += pathExtended(root, rows[r]);
                    }
                }
            }
            for (int r = start; r < end; r++) {
                out[r] = Math.pow(2.0, out[r] * scale);
            }
        }
    }

    private double pathStandard(int node, double[] x) {
        int[] child = this.child;
        int[] split = this.split;
        double[] value = this.value;
        int c;
        while ((c = child[node]) >= 0) {
            node = x[split[node]] < value[node] ? c : c + 1;
        }
        return value[node];
    }

    private double pathExtended(int node, double[] x) {
        int[] child = this.child;
        int k = planeSize;
        int c;
        while ((c = child[node]) >= 0) {
            int off = split[node];
            double dot = 0.0;
            for (int j = off, end = off + k; j < end; j++) {
                dot += planeWeight[j] * x[planeFeature[j]];
            }
            node = dot < value[node] ? c : c + 1;
        }
        return value[node];
    }

    // Package-private views for IsolationForestFile: the arrays themselves, never handed to users.
    int[] roots() {
        return roots;
    }

    int[] child() {
        return child;
    }

    int[] split() {
        return split;
    }

    double[] value() {
        return value;
    }

    int planeSize() {
        return planeSize;
    }

    int[] planeFeature() {
        return planeFeature;
    }

    double[] planeWeight() {
        return planeWeight;
    }

    @Override
    public String toString() {
        return "IsolationForestModel[" + roots.length + " trees, psi " + psi
                + (planeSize == 0 ? ", standard" : ", extension level " + options.extensionLevel())
                + ", " + schema.size() + " features, threshold " + threshold + "]";
    }
}
