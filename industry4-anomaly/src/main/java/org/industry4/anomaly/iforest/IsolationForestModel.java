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
 * Every tree is stored as a complete binary tree of the height limit {@code h = ceil(log2(psi))},
 * in primitive arrays shared by the forest: {@code 2^h - 1} split nodes in breadth-first order
 * (children of slot {@code i} at {@code 2i + 1} and {@code 2i + 2}) and {@code 2^h} leaf values.
 * A standard split sends {@code x} left when {@code x[feature] < threshold}; an extended split when
 * the weighted sum of its {@code extensionLevel + 1} (feature, weight) pairs is below the intercept.
 * A leaf grown above the bottom level becomes a pass-through split (threshold {@code +inf}, always
 * left) with its path length {@code depth + c(size)} copied to every leaf below it, so every walk
 * takes exactly {@code h} steps with no data-dependent branch: a score walks several trees at once
 * (and a batch several rows at once) and allocates nothing. The complete layout holds at most about
 * twice the nodes of the grown tree ({@code 2^(h+1) <= 4 psi}).
 */
public final class IsolationForestModel implements Scorer {

    /** Rows scored together, tree by tree, in {@link #scoreAll}: the tree stays in the nearest cache. */
    private static final int BLOCK = 256;
    private static final double EULER_GAMMA = 0.5772156649015329;

    private final FeatureSchema schema;
    private final IsolationForestOptions options;
    private final int psi;
    private final double threshold;
    private final int trees;
    /** The height limit: every walk takes this many steps. */
    private final int height;
    /** Split nodes per tree, {@code 2^height - 1}; also leaves per tree minus one. */
    private final int splitsPerTree;
    /** Standard forest: the feature of each split node; extended: unused (empty). */
    private final int[] feature;
    /** Threshold (standard) or intercept (extended) of each split node; {@code +inf} passes left. */
    private final double[] cut;
    /** Path length of each leaf: {@code depth + c(size)}. */
    private final double[] leaf;
    /** Coefficients per extended split node; 0 for a standard forest. */
    private final int planeSize;
    private final int[] planeFeature;
    private final double[] planeWeight;
    /** {@code -1 / (trees * c(psi))}: {@code s = 2^(sum of path lengths * scale)}. */
    private final double scale;

    IsolationForestModel(FeatureSchema schema, IsolationForestOptions options, int psi, double threshold,
                         int trees, int[] feature, double[] cut, double[] leaf,
                         int planeSize, int[] planeFeature, double[] planeWeight) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.options = Objects.requireNonNull(options, "options");
        this.psi = psi;
        this.threshold = threshold;
        this.trees = trees;
        this.height = heightLimit(psi);
        this.splitsPerTree = (1 << height) - 1;
        this.feature = feature;
        this.cut = cut;
        this.leaf = leaf;
        this.planeSize = planeSize;
        this.planeFeature = planeFeature;
        this.planeWeight = planeWeight;
        this.scale = -1.0 / (trees * averagePathLength(psi));
    }

    /** The same forest with another threshold. */
    IsolationForestModel withThreshold(double newThreshold) {
        return new IsolationForestModel(schema, options, psi, newThreshold, trees, feature, cut, leaf,
                planeSize, planeFeature, planeWeight);
    }

    /** The height limit of trees grown on {@code psi} rows: {@code ceil(log2(psi))}. */
    static int heightLimit(int psi) {
        return 32 - Integer.numberOfLeadingZeros(psi - 1);
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
        return trees;
    }

    /** The sub-sample size each tree was grown on: {@code min(options().sampleSize(), training rows)}. */
    public int sampleSize() {
        return psi;
    }

    /** The height limit {@code ceil(log2(sampleSize()))}: the depth of every leaf in the stored layout. */
    public int height() {
        return height;
    }

    /** 0 for a standard forest, else the extension level of the hyperplane splits. */
    public int extensionLevel() {
        return options.extensionLevel();
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
        double sum = planeSize == 0 ? pathSumStandard(x) : pathSumExtended(x);
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
        int chunk = Math.max(BLOCK * 4, BLOCK * ((rows.length / 16 + BLOCK - 1) / BLOCK));
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
            for (int t = 0; t < trees; t++) {
                if (planeSize == 0) {
                    addPathsStandard(t, rows, start, end, out);
                } else {
                    for (int r = start; r < end; r++) {
                        out[r] += pathExtended(t, rows[r]);
                    }
                }
            }
            for (int r = start; r < end; r++) {
                out[r] = Math.pow(2.0, out[r] * scale);
            }
        }
    }

    /** The sum over the trees, in tree order, of the path lengths of {@code x}; four trees walked at once. */
    private double pathSumStandard(double[] x) {
        final int[] feature = this.feature;
        final double[] cut = this.cut;
        final double[] leaf = this.leaf;
        final int splits = splitsPerTree;
        final int leaves = splits + 1;
        double sum = 0.0;
        int t = 0;
        for (; t + 4 <= trees; t += 4) {
            int b0 = t * splits;
            int b1 = b0 + splits;
            int b2 = b1 + splits;
            int b3 = b2 + splits;
            int n0 = 0;
            int n1 = 0;
            int n2 = 0;
            int n3 = 0;
            for (int level = 0; level < height; level++) {
                n0 = 2 * n0 + (x[feature[b0 + n0]] < cut[b0 + n0] ? 1 : 2);
                n1 = 2 * n1 + (x[feature[b1 + n1]] < cut[b1 + n1] ? 1 : 2);
                n2 = 2 * n2 + (x[feature[b2 + n2]] < cut[b2 + n2] ? 1 : 2);
                n3 = 2 * n3 + (x[feature[b3 + n3]] < cut[b3 + n3] ? 1 : 2);
            }
            // Leaf slot n - splits of its tree; leaves of tree t start at t * leaves.
            int l0 = t * leaves - splits;
            sum += leaf[l0 + n0];
            sum += leaf[l0 + leaves + n1];
            sum += leaf[l0 + 2 * leaves + n2];
            sum += leaf[l0 + 3 * leaves + n3];
        }
        for (; t < trees; t++) {
            sum += pathStandard(t, x);
        }
        return sum;
    }

    private double pathStandard(int t, double[] x) {
        int base = t * splitsPerTree;
        int n = 0;
        for (int level = 0; level < height; level++) {
            n = 2 * n + (x[feature[base + n]] < cut[base + n] ? 1 : 2);
        }
        return leaf[t * (splitsPerTree + 1) + n - splitsPerTree];
    }

    /** Adds tree {@code t}'s path lengths of rows {@code from..to-1} to {@code out}; four rows walked at once. */
    private void addPathsStandard(int t, double[][] rows, int from, int to, double[] out) {
        final int[] feature = this.feature;
        final double[] cut = this.cut;
        final int base = t * splitsPerTree;
        final int leafBase = t * (splitsPerTree + 1) - splitsPerTree;
        int r = from;
        for (; r + 8 <= to; r += 8) {
            double[] x0 = rows[r];
            double[] x1 = rows[r + 1];
            double[] x2 = rows[r + 2];
            double[] x3 = rows[r + 3];
            double[] x4 = rows[r + 4];
            double[] x5 = rows[r + 5];
            double[] x6 = rows[r + 6];
            double[] x7 = rows[r + 7];
            int n0 = 0;
            int n1 = 0;
            int n2 = 0;
            int n3 = 0;
            int n4 = 0;
            int n5 = 0;
            int n6 = 0;
            int n7 = 0;
            for (int level = 0; level < height; level++) {
                n0 = 2 * n0 + (x0[feature[base + n0]] < cut[base + n0] ? 1 : 2);
                n1 = 2 * n1 + (x1[feature[base + n1]] < cut[base + n1] ? 1 : 2);
                n2 = 2 * n2 + (x2[feature[base + n2]] < cut[base + n2] ? 1 : 2);
                n3 = 2 * n3 + (x3[feature[base + n3]] < cut[base + n3] ? 1 : 2);
                n4 = 2 * n4 + (x4[feature[base + n4]] < cut[base + n4] ? 1 : 2);
                n5 = 2 * n5 + (x5[feature[base + n5]] < cut[base + n5] ? 1 : 2);
                n6 = 2 * n6 + (x6[feature[base + n6]] < cut[base + n6] ? 1 : 2);
                n7 = 2 * n7 + (x7[feature[base + n7]] < cut[base + n7] ? 1 : 2);
            }
            out[r] += leaf[leafBase + n0];
            out[r + 1] += leaf[leafBase + n1];
            out[r + 2] += leaf[leafBase + n2];
            out[r + 3] += leaf[leafBase + n3];
            out[r + 4] += leaf[leafBase + n4];
            out[r + 5] += leaf[leafBase + n5];
            out[r + 6] += leaf[leafBase + n6];
            out[r + 7] += leaf[leafBase + n7];
        }
        for (; r < to; r++) {
            out[r] += pathStandard(t, rows[r]);
        }
    }

    private double pathSumExtended(double[] x) {
        double sum = 0.0;
        for (int t = 0; t < trees; t++) {
            sum += pathExtended(t, x);
        }
        return sum;
    }

    private double pathExtended(int t, double[] x) {
        final int k = planeSize;
        final int base = t * splitsPerTree;
        int n = 0;
        for (int level = 0; level < height; level++) {
            int node = base + n;
            double dot = 0.0;
            for (int j = node * k, end = j + k; j < end; j++) {
                dot += planeWeight[j] * x[planeFeature[j]];
            }
            n = 2 * n + (dot < cut[node] ? 1 : 2);
        }
        return leaf[t * (splitsPerTree + 1) + n - splitsPerTree];
    }

    // Package-private views for IsolationForestFile: the arrays themselves, never handed to users.
    int[] feature() {
        return feature;
    }

    double[] cut() {
        return cut;
    }

    double[] leaf() {
        return leaf;
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
        return "IsolationForestModel[" + trees + " trees, psi " + psi
                + (planeSize == 0 ? ", standard" : ", extension level " + options.extensionLevel())
                + ", " + schema.size() + " features, threshold " + threshold + "]";
    }
}
