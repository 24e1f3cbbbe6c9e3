package org.industry4.anomaly.iforest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.industry4.core.FeatureSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits an {@link IsolationForestModel}: the Isolation Forest of Liu, Ting and Zhou (ICDM 2008) or,
 * with {@link IsolationForestOptions#extensionLevel()} {@code > 0}, the Extended Isolation Forest of
 * Hariri, Carrasco Kind and Brunner (IEEE TKDE 2019). Unsupervised: the training rows should be
 * mostly normal operation.
 *
 * <p>Each tree gets its own {@link SplittableRandom}, split from one seeded generator in tree order
 * before any work is dispatched, so the model is the same for any executor and thread count. A tree
 * draws {@code psi = min(sampleSize, rows)} rows without replacement and
 * {@link IsolationForestOptions#featuresPerTree(int)} features, and grows until a node holds one row,
 * reaches the height limit {@code ceil(log2(psi))}, or (standard forest) all its features are constant.
 * A standard split picks a feature uniformly among those not constant in the node and a value
 * uniformly between their minimum and maximum; an extended split draws a normal vector with
 * {@code extensionLevel + 1} non-zero N(0, 1) coordinates and an intercept point uniformly in the
 * node's bounding box.
 */
public final class IsolationForestTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(IsolationForestTrainer.class);

    private final IsolationForestOptions options;

    /** A trainer with the given options. */
    public IsolationForestTrainer(IsolationForestOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** A trainer with the default options. */
    public IsolationForestTrainer() {
        this(new IsolationForestOptions());
    }

    /** The options this trainer fits with. */
    public IsolationForestOptions options() {
        return options;
    }

    /**
     * Fits a forest in the calling thread.
     *
     * @param rows   training rows, each of {@code schema.size()} finite values; at least 2 rows
     * @param schema the feature names, in column order
     * @throws IllegalArgumentException for too few rows, a row of the wrong width, a NaN or infinite
     *                                  value (naming row and feature) or an extension level the data
     *                                  cannot support
     */
    public IsolationForestModel fit(double[][] rows, FeatureSchema schema) {
        return fit(rows, schema, Runnable::run);
    }

    /**
     * Fits a forest, growing the trees and scoring the training rows (for the threshold) as tasks on
     * {@code executor}. The executor is not shut down. Gives the same model as
     * {@link #fit(double[][], FeatureSchema)}.
     */
    public IsolationForestModel fit(double[][] rows, FeatureSchema schema, Executor executor) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(executor, "executor");
        long start = System.nanoTime();
        int d = schema.size();
        checkRows(rows, schema);
        int featuresPerTree = options.featuresPerTree(d);
        if (options.extensionLevel() > featuresPerTree - 1) {
            throw new IllegalArgumentException("extensionLevel must be <= " + (featuresPerTree - 1)
                    + " (features per tree - 1) for " + d + " features and maxFeatures " + options.maxFeatures()
                    + ", got " + options.extensionLevel());
        }
        int n = rows.length;
        int psi = Math.min(options.sampleSize(), n);
        int heightLimit = 32 - Integer.numberOfLeadingZeros(psi - 1); // ceil(log2(psi))

        SplittableRandom master = new SplittableRandom(options.seed());
        SplittableRandom[] randoms = new SplittableRandom[options.trees()];
        for (int t = 0; t < randoms.length; t++) {
            randoms[t] = master.split();
        }
        Tree[] trees = new Tree[options.trees()];
        List<CompletableFuture<Void>> tasks = new ArrayList<>(trees.length);
        for (int t = 0; t < trees.length; t++) {
            int index = t;
            tasks.add(CompletableFuture.runAsync(() -> trees[index] = new TreeBuilder(rows, d, featuresPerTree,
                    psi, heightLimit, options.extensionLevel(), randoms[index]).build(), executor));
        }
        IsolationForestModel.join(tasks);

        IsolationForestModel unthresholded = assemble(schema, psi, trees);
        double[] trainingScores = unthresholded.scoreAll(rows, executor);
        double threshold = quantile(trainingScores, 1.0 - options.contamination());
        IsolationForestModel model = unthresholded.withThreshold(threshold);
        LOG.debug("fitted {} on {} rows in {} ms", model, n, (System.nanoTime() - start) / 1_000_000);
        return model;
    }

    private static void checkRows(double[][] rows, FeatureSchema schema) {
        if (rows.length < 2) {
            throw new IllegalArgumentException("training data must have at least 2 rows, got " + rows.length);
        }
        int d = schema.size();
        for (int r = 0; r < rows.length; r++) {
            double[] x = rows[r];
            if (x == null) {
                throw new IllegalArgumentException("row " + r + " is null");
            }
            if (x.length != d) {
                throw new IllegalArgumentException("row " + r + ": expected " + d + " features, got " + x.length);
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(x[j])) {
                    throw new IllegalArgumentException("row " + r + ": feature " + schema.names().get(j)
                            + " (index " + j + ") must be finite, got " + x[j]);
                }
            }
        }
    }

    /** The quantile {@code q} of {@code values} with linear interpolation between order statistics (NumPy's default). */
    static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        double frac = pos - lo;
        return sorted[lo] + (sorted[hi] - sorted[lo]) * frac;
    }

    private IsolationForestModel assemble(FeatureSchema schema, int psi, Tree[] trees) {
        int nodes = 0;
        int coefficients = 0;
        for (Tree t : trees) {
            nodes += t.nodes;
            coefficients += t.coefficients;
        }
        int[] roots = new int[trees.length];
        int[] child = new int[nodes];
        int[] split = new int[nodes];
        double[] value = new double[nodes];
        int[] planeFeature = new int[coefficients];
        double[] planeWeight = new double[coefficients];
        int nodeOffset = 0;
        int coefficientOffset = 0;
        boolean extended = options.extensionLevel() > 0;
        for (int t = 0; t < trees.length; t++) {
            Tree tree = trees[t];
            roots[t] = nodeOffset;
            for (int i = 0; i < tree.nodes; i++) {
                int c = tree.child[i];
                child[nodeOffset + i] = c < 0 ? -1 : c + nodeOffset;
                split[nodeOffset + i] = c >= 0 && extended ? tree.split[i] + coefficientOffset : tree.split[i];
                value[nodeOffset + i] = tree.value[i];
            }
            System.arraycopy(tree.planeFeature, 0, planeFeature, coefficientOffset, tree.coefficients);
            System.arraycopy(tree.planeWeight, 0, planeWeight, coefficientOffset, tree.coefficients);
            nodeOffset += tree.nodes;
            coefficientOffset += tree.coefficients;
        }
        return new IsolationForestModel(schema, options, psi, Double.NaN, roots, child, split, value,
                extended ? options.extensionLevel() + 1 : 0, planeFeature, planeWeight);
    }

    /** One grown tree, in local node numbering (root 0). */
    private record Tree(int nodes, int[] child, int[] split, double[] value,
                        int coefficients, int[] planeFeature, double[] planeWeight) {
    }

    /** Grows one tree; all scratch space is its own, so builders run in parallel. */
    private static final class TreeBuilder {

        private final double[][] rows;
        private final int d;
        private final int featuresPerTree;
        private final int psi;
        private final int heightLimit;
        private final int planeSize;
        private final SplittableRandom random;

        /** Column-major copy of the sub-sample on the tree's features: {@code columns[f][i]}. */
        private double[][] columns;
        /** Global index of the tree's feature {@code f}. */
        private int[] features;
        /** Row positions (into the sub-sample), partitioned in place as the tree grows. */
        private int[] index;
        /** The tree's features in a random order, reshuffled lazily at each node. */
        private int[] order;
        private double[] projection;

        private int nodes;
        private int[] child;
        private int[] split;
        private double[] value;
        private int coefficients;
        private int[] planeFeature;
        private double[] planeWeight;

        TreeBuilder(double[][] rows, int d, int featuresPerTree, int psi, int heightLimit, int extensionLevel,
                    SplittableRandom random) {
            this.rows = rows;
            this.d = d;
            this.featuresPerTree = featuresPerTree;
            this.psi = psi;
            this.heightLimit = heightLimit;
            this.planeSize = extensionLevel > 0 ? extensionLevel + 1 : 0;
            this.random = random;
        }

        Tree build() {
            int[] sample = sampleRows(rows.length, psi, random);
            features = new int[d];
            for (int j = 0; j < d; j++) {
                features[j] = j;
            }
            if (featuresPerTree < d) {
                for (int j = 0; j < featuresPerTree; j++) {
                    swap(features, j, j + random.nextInt(d - j));
                }
                features = Arrays.copyOf(features, featuresPerTree);
            }
            int m = features.length;
            columns = new double[m][psi];
            for (int i = 0; i < psi; i++) {
                double[] row = rows[sample[i]];
                for (int f = 0; f < m; f++) {
                    columns[f][i] = row[features[f]];
                }
            }
            index = new int[psi];
            for (int i = 0; i < psi; i++) {
                index[i] = i;
            }
            order = new int[m];
            for (int f = 0; f < m; f++) {
                order[f] = f;
            }
            int capacity = 2 * psi;
            child = new int[capacity];
            split = new int[capacity];
            value = new double[capacity];
            if (planeSize > 0) {
                projection = new double[psi];
                planeFeature = new int[planeSize * psi];
                planeWeight = new double[planeSize * psi];
            } else {
                planeFeature = new int[0];
                planeWeight = new double[0];
            }
            nodes = 1;
            grow(0, 0, psi, 0);
            return new Tree(nodes, child, split, value, coefficients, planeFeature, planeWeight);
        }

        private void grow(int node, int lo, int hi, int depth) {
            int size = hi - lo;
            if (size <= 1 || depth >= heightLimit) {
                leaf(node, size, depth);
                return;
            }
            int mid = planeSize == 0 ? splitStandard(node, lo, hi) : splitExtended(node, lo, hi);
            if (mid < 0) {
                leaf(node, size, depth);
                return;
            }
            int left = newChildren();
            child[node] = left;
            grow(left, lo, mid, depth + 1);
            grow(left + 1, mid, hi, depth + 1);
        }

        private void leaf(int node, int size, int depth) {
            child[node] = -1;
            split[node] = size;
            value[node] = depth + IsolationForestModel.averagePathLength(size);
        }

        private int newChildren() {
            if (nodes + 2 > child.length) {
                int capacity = child.length * 2;
                child = Arrays.copyOf(child, capacity);
                split = Arrays.copyOf(split, capacity);
                value = Arrays.copyOf(value, capacity);
            }
            int left = nodes;
            nodes += 2;
            return left;
        }

        /** Splits on a random non-constant feature; returns the partition point, or -1 if all are constant. */
        private int splitStandard(int node, int lo, int hi) {
            int m = order.length;
            for (int r = 0; r < m; r++) {
                swap(order, r, r + random.nextInt(m - r));
                double[] column = columns[order[r]];
                double min = column[index[lo]];
                double max = min;
                for (int i = lo + 1; i < hi; i++) {
                    double v = column[index[i]];
                    if (v < min) {
                        min = v;
                    } else if (v > max) {
                        max = v;
                    }
                }
                if (max > min) {
                    double at = min + random.nextDouble() * (max - min);
                    split[node] = features[order[r]];
                    value[node] = at;
                    return partition(column, lo, hi, at);
                }
            }
            return -1;
        }

        /** Splits by a random hyperplane through a random point of the node's bounding box. */
        private int splitExtended(int node, int lo, int hi) {
            int m = order.length;
            if (coefficients + planeSize > planeFeature.length) {
                planeFeature = Arrays.copyOf(planeFeature, planeFeature.length * 2);
                planeWeight = Arrays.copyOf(planeWeight, planeWeight.length * 2);
            }
            int off = coefficients;
            double intercept = 0.0;
            for (int r = 0; r < planeSize; r++) {
                swap(order, r, r + random.nextInt(m - r));
            }
            Arrays.fill(projection, lo, hi, 0.0);
            for (int r = 0; r < planeSize; r++) {
                double[] column = columns[order[r]];
                double min = column[index[lo]];
                double max = min;
                for (int i = lo + 1; i < hi; i++) {
                    double v = column[index[i]];
                    if (v < min) {
                        min = v;
                    } else if (v > max) {
                        max = v;
                    }
                }
                double w = random.nextGaussian();
                double p = min + random.nextDouble() * (max - min);
                intercept += w * p;
                planeFeature[off + r] = features[order[r]];
                planeWeight[off + r] = w;
                for (int i = lo; i < hi; i++) {
                    projection[i] += w * column[index[i]];
                }
            }
            coefficients += planeSize;
            split[node] = off;
            value[node] = intercept;
            // The model sums w * x in coefficient order; the projection above adds in the same order,
            // so training and scoring send a point the same way.
            int i = lo;
            int j = hi - 1;
            while (i <= j) {
                if (projection[i] < intercept) {
                    i++;
                } else {
                    swap(index, i, j);
                    double t = projection[i];
                    projection[i] = projection[j];
                    projection[j] = t;
                    j--;
                }
            }
            return i;
        }

        private int partition(double[] column, int lo, int hi, double at) {
            int i = lo;
            int j = hi - 1;
            while (i <= j) {
                if (column[index[i]] < at) {
                    i++;
                } else {
                    swap(index, i, j);
                    j--;
                }
            }
            return i;
        }

        /** {@code psi} distinct row numbers of {@code 0..n-1}, drawn uniformly. */
        private static int[] sampleRows(int n, int psi, SplittableRandom random) {
            if (psi == n) {
                int[] all = new int[n];
                for (int i = 0; i < n; i++) {
                    all[i] = i;
                }
                return all;
            }
            if ((long) psi * 8 >= n) {
                int[] all = new int[n];
                for (int i = 0; i < n; i++) {
                    all[i] = i;
                }
                for (int i = 0; i < psi; i++) {
                    swap(all, i, i + random.nextInt(n - i));
                }
                return Arrays.copyOf(all, psi);
            }
            // Floyd's algorithm with a small open-addressing set: O(psi), whatever n is.
            int capacity = Integer.highestOneBit(psi * 4 - 1) << 1;
            int[] table = new int[capacity];
            Arrays.fill(table, -1);
            int[] out = new int[psi];
            int count = 0;
            for (int j = n - psi; j < n; j++) {
                int t = random.nextInt(j + 1);
                int pick = insert(table, t) ? t : j;
                if (pick == j) {
                    insert(table, j);
                }
                out[count++] = pick;
            }
            return out;
        }

        /** Adds {@code v} to the set; false if it was there. */
        private static boolean insert(int[] table, int v) {
            int mask = table.length - 1;
            int h = v * 0x9E3779B9;
            h = (h ^ (h >>> 16)) & mask;
            while (table[h] != -1) {
                if (table[h] == v) {
                    return false;
                }
                h = (h + 1) & mask;
            }
            table[h] = v;
            return true;
        }

        private static void swap(int[] a, int i, int j) {
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
