package org.industry4.anomaly.fault;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.industry4.core.FeatureSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link FaultClassifierModel}: a random forest of CART trees (Breiman 2001) on labelled
 * feature vectors, usually the {@link WindowFeatures} of windows cut around labelled anomalies.
 *
 * <h2>Labels</h2>
 * Any non-blank names except {@link FaultClassifierModel#UNKNOWN}, at least two distinct ones.
 * Include windows of normal operation labelled {@link FaultClassifierModel#NORMAL} when the
 * classifier should also tell "no fault" apart (for instance to overrule a false alarm of the
 * detector in front of it); leave them out when it only ever sees confirmed anomalies. The model's
 * classes are the distinct labels, sorted.
 *
 * <h2>Each tree</h2>
 * <ol>
 *   <li>A bootstrap sample: {@code n} draws with replacement from the {@code n} rows; a row drawn
 *   {@code c} times counts {@code c} times below.</li>
 *   <li>From the root, each node with at least {@code 2 * minLeaf} draws, above {@code maxDepth}
 *   and holding more than one class is split: features are drawn at random without replacement
 *   and for each the threshold (midway between two successive distinct values) that minimises the
 *   weighted Gini impurity of the two children, each child keeping at least {@code minLeaf} draws,
 *   is found by sorting the node's values. After {@code featuresPerSplit} features the best split
 *   found is kept; as in scikit-learn, drawing goes on while every feature drawn so far was
 *   constant in the node. A node with no valid split becomes a leaf.</li>
 *   <li>A leaf stores the class distribution of its draws.</li>
 * </ol>
 * The model also keeps each class's per-feature range over all its training rows, for the range
 * check of {@link FaultClassifierModel#classify}.
 * Split scores are computed from integer counts, so ties break the same way on every machine: the
 * first feature drawn, then the lowest threshold, wins.
 *
 * <h2>Randomness and threads</h2>
 * One {@link SplittableRandom} from {@link FaultClassifierOptions#seed()} is split once per tree, in
 * tree order, before any tree is built; trees are built as independent tasks on the given {@link
 * Executor} and assembled in tree order. The same seed and data give the same model, bit for bit,
 * on any executor and thread count. Without an executor the trees are built in the calling thread.
 *
 * <p>Cost: about {@code trees * featuresPerSplit * n log^2 n} for balanced trees; the feature
 * matrix is copied once, column-major, and shared read-only by all trees.
 */
public final class FaultClassifierTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(FaultClassifierTrainer.class);

    private final FaultClassifierOptions options;

    /** A trainer with these options. */
    public FaultClassifierTrainer(FaultClassifierOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** A trainer with the default {@link FaultClassifierOptions}. */
    public FaultClassifierTrainer() {
        this(new FaultClassifierOptions());
    }

    /** The options this trainer fits with. */
    public FaultClassifierOptions options() {
        return options;
    }

    /**
     * Trains in the calling thread.
     *
     * @see #fit(double[][], String[], FeatureSchema, Executor)
     */
    public FaultClassifierModel fit(double[][] x, String[] labels, FeatureSchema schema) {
        return fit(x, labels, schema, Runnable::run);
    }

    /**
     * Trains a forest on rows {@code x} with class {@code labels[i]} for row {@code i} (neither is
     * modified), building trees as tasks on {@code executor}.
     *
     * @param x        one feature vector per row, each of the schema's width and finite
     * @param labels   the class of each row; see the class description
     * @param schema   the features
     * @param executor runs one task per tree; the calling thread waits for them
     * @throws IllegalArgumentException naming the problem: fewer than 2 rows, a label count that
     *                                  differs from the row count, a row of the wrong width or with
     *                                  a NaN or infinite value, a null, blank or reserved label,
     *                                  a single class, more features per split than features
     */
    public FaultClassifierModel fit(double[][] x, String[] labels, FeatureSchema schema, Executor executor) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(executor, "executor");
        int n = x.length;
        int d = schema.size();
        if (n < 2) {
            throw new IllegalArgumentException("training data must have at least 2 rows, got " + n);
        }
        if (labels.length != n) {
            throw new IllegalArgumentException("expected " + n + " labels, one per row, got " + labels.length);
        }
        int mtry = options.featuresPerSplit(d);
        if (mtry > d) {
            throw new IllegalArgumentException("featuresPerSplit must be at most the feature count " + d + ", got "
                    + options.featuresPerSplit());
        }
        double[][] columns = new double[d][n];
        for (int r = 0; r < n; r++) {
            double[] row = x[r];
            if (row == null) {
                throw new IllegalArgumentException("row " + r + " is null");
            }
            if (row.length != d) {
                throw new IllegalArgumentException("row " + r + ": expected " + d + " features, got " + row.length);
            }
            for (int j = 0; j < d; j++) {
                double v = row[j];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("row " + r + ": feature " + schema.names().get(j) + " (index " + j
                            + ") must be finite, got " + v);
                }
                columns[j][r] = v;
            }
        }
        TreeMap<String, Integer> counts = new TreeMap<>();
        for (int r = 0; r < n; r++) {
            String label = labels[r];
            if (label == null || label.isBlank()) {
                throw new IllegalArgumentException("label of row " + r + " is " + (label == null ? "null" : "blank"));
            }
            if (label.equals(FaultClassifierModel.UNKNOWN)) {
                throw new IllegalArgumentException("label of row " + r + " is \"" + FaultClassifierModel.UNKNOWN
                        + "\", the answer for no confident class; give the class another name");
            }
            counts.merge(label, 1, Integer::sum);
        }
        if (counts.size() < 2) {
            throw new IllegalArgumentException("training data must hold at least 2 classes, got 1 (\""
                    + counts.firstKey() + "\" x " + n + "): a classifier needs something to tell apart");
        }
        List<String> classes = List.copyOf(counts.keySet());
        int k = classes.size();
        int[] y = new int[n];
        double[] low = new double[k * d];
        double[] high = new double[k * d];
        Arrays.fill(low, Double.POSITIVE_INFINITY);
        Arrays.fill(high, Double.NEGATIVE_INFINITY);
        for (int r = 0; r < n; r++) {
            int c = classes.indexOf(labels[r]);
            y[r] = c;
            for (int j = 0, at = c * d; j < d; j++, at++) {
                low[at] = Math.min(low[at], x[r][j]);
                high[at] = Math.max(high[at], x[r][j]);
            }
        }

        long start = System.nanoTime();
        int trees = options.trees();
        SplittableRandom root = new SplittableRandom(options.seed());
        List<CompletableFuture<Tree>> futures = new ArrayList<>(trees);
        for (int t = 0; t < trees; t++) {
            SplittableRandom random = root.split();
            futures.add(CompletableFuture.supplyAsync(
                    () -> new TreeBuilder(columns, y, k, options, mtry, random).build(), executor));
        }
        List<Tree> built = new ArrayList<>(trees);
        try {
            for (CompletableFuture<Tree> f : futures) {
                built.add(f.join());
            }
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
        FaultClassifierModel model = assemble(built, schema, classes, n, low, high);
        if (LOG.isDebugEnabled()) {
            LOG.debug("fitted fault classifier on {} rows x {} features, classes {}: {} trees, {} nodes in {} ms",
                    n, d, counts, trees, model.nodes(), (System.nanoTime() - start) / 1_000_000);
        }
        return model;
    }

    private FaultClassifierModel assemble(List<Tree> built, FeatureSchema schema, List<String> classes, int n,
            double[] low, double[] high) {
        int k = classes.size();
        int d = schema.size();
        int nodes = 0;
        int leaves = 0;
        for (Tree t : built) {
            nodes += t.nodes;
            leaves += t.leaves;
        }
        int[] roots = new int[built.size()];
        int[] feature = new int[nodes];
        double[] threshold = new double[nodes];
        int[] left = new int[nodes];
        int[] right = new int[nodes];
        double[] distributions = new double[leaves * k];
        double[] importances = new double[d];
        int nodeOffset = 0;
        int leafOffset = 0;
        for (int t = 0; t < built.size(); t++) {
            Tree tree = built.get(t);
            roots[t] = nodeOffset;
            for (int i = 0; i < tree.nodes; i++) {
                int at = nodeOffset + i;
                feature[at] = tree.feature[i];
                threshold[at] = tree.threshold[i];
                if (tree.feature[i] >= 0) {
                    left[at] = tree.left[i] + nodeOffset;
                    right[at] = tree.right[i] + nodeOffset;
                } else {
                    left[at] = tree.left[i] + leafOffset;
                    right[at] = -1;
                }
            }
            System.arraycopy(tree.distributions, 0, distributions, leafOffset * k, tree.leaves * k);
            for (int j = 0; j < d; j++) {
                importances[j] += tree.importances[j];
            }
            nodeOffset += tree.nodes;
            leafOffset += tree.leaves;
        }
        double total = 0;
        for (double v : importances) {
            total += v;
        }
        for (int j = 0; j < d; j++) {
            importances[j] = total > 0 ? importances[j] / total : 0;
        }
        return new FaultClassifierModel(schema, classes, options, n, roots, feature, threshold, left, right,
                distributions, importances, low, high);
    }

    /** One built tree, node indices local to it. */
    private record Tree(int nodes, int leaves, int[] feature, double[] threshold, int[] left, int[] right,
                        double[] distributions, double[] importances) {
    }

    /** Builds one tree; owns its scratch arrays, reads the shared columns and labels. */
    private static final class TreeBuilder {
        private final double[][] columns;
        private final int[] y;
        private final int k;
        private final int minLeaf;
        private final int maxDepth;
        private final int mtry;
        private final SplittableRandom random;
        private final int[] weight;
        private final int[] samples;
        private final double[] keys;
        private final int[] order;
        private final long[] leftCounts;
        private final long[] nodeCounts;
        private final double[] importances;

        private int[] feature = new int[64];
        private double[] threshold = new double[64];
        private int[] left = new int[64];
        private int[] right = new int[64];
        private double[] distributions;
        private int nodes;
        private int leaves;

        TreeBuilder(double[][] columns, int[] y, int k, FaultClassifierOptions options, int mtry,
                SplittableRandom random) {
            this.columns = columns;
            this.y = y;
            this.k = k;
            this.minLeaf = options.minLeaf();
            this.maxDepth = options.maxDepth();
            this.mtry = mtry;
            this.random = random;
            int n = y.length;
            this.weight = new int[n];
            for (int i = 0; i < n; i++) {
                weight[random.nextInt(n)]++;
            }
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (weight[i] > 0) {
                    m++;
                }
            }
            this.samples = new int[m];
            m = 0;
            for (int i = 0; i < n; i++) {
                if (weight[i] > 0) {
                    samples[m++] = i;
                }
            }
            this.keys = new double[m];
            this.order = new int[columns.length];
            for (int j = 0; j < order.length; j++) {
                order[j] = j;
            }
            this.leftCounts = new long[k];
            this.nodeCounts = new long[k];
            this.importances = new double[columns.length];
            this.distributions = new double[32 * k];
        }

        Tree build() {
            grow(0, samples.length, 0);
            double n = y.length;
            for (int j = 0; j < importances.length; j++) {
                importances[j] /= n;
            }
            return new Tree(nodes, leaves, Arrays.copyOf(feature, nodes), Arrays.copyOf(threshold, nodes),
                    Arrays.copyOf(left, nodes), Arrays.copyOf(right, nodes), Arrays.copyOf(distributions, leaves * k),
                    importances);
        }

        private int newNode() {
            if (nodes == feature.length) {
                int size = 2 * nodes;
                feature = Arrays.copyOf(feature, size);
                threshold = Arrays.copyOf(threshold, size);
                left = Arrays.copyOf(left, size);
                right = Arrays.copyOf(right, size);
            }
            return nodes++;
        }

        /** Grows the subtree of samples[lo..hi) at this depth; returns its root node. */
        private int grow(int lo, int hi, int depth) {
            int node = newNode();
            Arrays.fill(nodeCounts, 0);
            long total = 0;
            for (int i = lo; i < hi; i++) {
                int s = samples[i];
                nodeCounts[y[s]] += weight[s];
                total += weight[s];
            }
            int present = 0;
            long squares = 0;
            for (long c : nodeCounts) {
                if (c > 0) {
                    present++;
                }
                squares += c * c;
            }
            if (present < 2 || depth >= maxDepth || total < 2L * minLeaf || !findSplit(lo, hi, total)) {
                leaf(node, total);
                return node;
            }
            int f = bestFeature;
            double t = bestThreshold;
            importances[f] += bestScore - (double) squares / total;
            // partition samples[lo..hi): values <= t first
            double[] column = columns[f];
            int i = lo;
            int j = hi - 1;
            while (i <= j) {
                if (column[samples[i]] <= t) {
                    i++;
                } else {
                    int swap = samples[i];
                    samples[i] = samples[j];
                    samples[j] = swap;
                    j--;
                }
            }
            feature[node] = f;
            threshold[node] = t;
            int l = grow(lo, i, depth + 1);
            int r = grow(i, hi, depth + 1);
            left[node] = l;
            right[node] = r;
            return node;
        }

        private void leaf(int node, long total) {
            if ((leaves + 1) * k > distributions.length) {
                distributions = Arrays.copyOf(distributions, 2 * distributions.length);
            }
            int at = leaves * k;
            for (int c = 0; c < k; c++) {
                distributions[at + c] = (double) nodeCounts[c] / total;
            }
            feature[node] = -1;
            threshold[node] = 0;
            left[node] = leaves++;
            right[node] = -1;
        }

        private int bestFeature;
        private double bestThreshold;
        private double bestScore;

        /**
         * Finds the split of samples[lo..hi) maximising {@code sum_c L_c^2 / L + sum_c R_c^2 / R}
         * (the Gini proxy), into the best* fields; false if no feature has a valid split.
         */
        private boolean findSplit(int lo, int hi, long total) {
            int d = order.length;
            bestFeature = -1;
            bestScore = Double.NEGATIVE_INFINITY;
            int visited = 0;
            int nonConstant = 0;
            for (int a = 0; a < d && (visited < mtry || nonConstant == 0); a++) {
                int b = a + random.nextInt(d - a);
                int f = order[b];
                order[b] = order[a];
                order[a] = f;
                visited++;
                double[] column = columns[f];
                for (int i = lo; i < hi; i++) {
                    keys[i] = column[samples[i]];
                }
                sort(keys, samples, lo, hi - 1);
                if (keys[lo] == keys[hi - 1]) {
                    continue;
                }
                nonConstant++;
                Arrays.fill(leftCounts, 0);
                long leftTotal = 0;
                long leftSquares = 0;
                long rightSquares = 0;
                for (long c : nodeCounts) {
                    rightSquares += c * c;
                }
                for (int i = lo; i < hi - 1; i++) {
                    int s = samples[i];
                    int c = y[s];
                    long w = weight[s];
                    long lc = leftCounts[c];
                    long rc = nodeCounts[c] - lc;
                    leftSquares += (lc + w) * (lc + w) - lc * lc;
                    rightSquares += (rc - w) * (rc - w) - rc * rc;
                    leftCounts[c] = lc + w;
                    leftTotal += w;
                    if (keys[i] == keys[i + 1]) {
                        continue;
                    }
                    long rightTotal = total - leftTotal;
                    if (leftTotal < minLeaf) {
                        continue;
                    }
                    if (rightTotal < minLeaf) {
                        break;
                    }
                    double score = (double) leftSquares / leftTotal + (double) rightSquares / rightTotal;
                    if (score > bestScore) {
                        bestScore = score;
                        bestFeature = f;
                        double mid = 0.5 * keys[i] + 0.5 * keys[i + 1];
                        bestThreshold = mid < keys[i + 1] ? mid : keys[i];
                    }
                }
            }
            return bestFeature >= 0;
        }
    }

    /** Sorts keys[lo..hi] ascending, moving values[] along (3-way quicksort, insertion sort for short runs). */
    static void sort(double[] keys, int[] values, int lo, int hi) {
        while (hi - lo > 16) {
            int mid = (lo + hi) >>> 1;
            double pivot = median(keys[lo], keys[mid], keys[hi]);
            int lt = lo;
            int gt = hi;
            int i = lo;
            while (i <= gt) {
                double v = keys[i];
                if (v < pivot) {
                    swap(keys, values, lt++, i++);
                } else if (v > pivot) {
                    swap(keys, values, i, gt--);
                } else {
                    i++;
                }
            }
            // recurse into the smaller part, loop on the larger
            if (lt - lo < hi - gt) {
                sort(keys, values, lo, lt - 1);
                lo = gt + 1;
            } else {
                sort(keys, values, gt + 1, hi);
                hi = lt - 1;
            }
        }
        for (int i = lo + 1; i <= hi; i++) {
            double key = keys[i];
            int value = values[i];
            int j = i - 1;
            while (j >= lo && keys[j] > key) {
                keys[j + 1] = keys[j];
                values[j + 1] = values[j];
                j--;
            }
            keys[j + 1] = key;
            values[j + 1] = value;
        }
    }

    private static double median(double a, double b, double c) {
        return a < b ? (b < c ? b : Math.max(a, c)) : (a < c ? a : Math.max(b, c));
    }

    private static void swap(double[] keys, int[] values, int i, int j) {
        double k = keys[i];
        keys[i] = keys[j];
        keys[j] = k;
        int v = values[i];
        values[i] = values[j];
        values[j] = v;
    }
}
