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
        int height = IsolationForestModel.heightLimit(psi);
        int splits = (1 << height) - 1;
        int planeSize = options.extensionLevel() > 0 ? options.extensionLevel() + 1 : 0;
        int trees = options.trees();
        long slots = (long) trees * (splits + 1);
        if (slots * Math.max(1, planeSize) > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a forest of " + trees + " trees of height " + height
                    + " does not fit in arrays; use fewer trees or a smaller sampleSize, got sampleSize " + psi);
        }
        // Every tree has the same complete shape, so each task writes its own slice of the forest's arrays.
        Forest forest = new Forest(height, planeSize == 0 ? new int[trees * splits] : new int[0],
                new double[trees * splits], new double[trees * (splits + 1)],
                new int[trees * splits * planeSize], new double[trees * splits * planeSize]);

        SplittableRandom master = new SplittableRandom(options.seed());
        SplittableRandom[] randoms = new SplittableRandom[trees];
        for (int t = 0; t < randoms.length; t++) {
            randoms[t] = master.split();
        }
        List<CompletableFuture<Void>> tasks = new ArrayList<>(trees);
        for (int t = 0; t < trees; t++) {
            int index = t;
            tasks.add(CompletableFuture.runAsync(() -> new TreeBuilder(rows, d, featuresPerTree, psi, planeSize,
                    randoms[index], forest, index).build(), executor));
        }
        IsolationForestModel.join(tasks);

        IsolationForestModel unthresholded = new IsolationForestModel(schema, options, psi, Double.NaN, trees,
                forest.feature(), forest.cut(), forest.leaf(), planeSize, forest.planeFeature(), forest.planeWeight());
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

    /** The arrays of the whole forest, in the layout {@link IsolationForestModel} describes. */
    private record Forest(int height, int[] feature, double[] cut, double[] leaf,
                          int[] planeFeature, double[] planeWeight) {
    }

    /**
     * Grows one tree straight into its slice of the forest's arrays; its scratch space is its own,
     * so builders run in parallel.
     */
    private static final class TreeBuilder {

        private final double[][] rows;
        private final int d;
        private final int featuresPerTree;
        private final int psi;
        private final int planeSize;
        private final SplittableRandom random;
        private final Forest forest;
        private final int height;
        private final int splits;
        /** Offset of this tree's split nodes in the forest arrays. */
        private final int splitBase;
        /** Offset of this tree's leaves in the forest's leaf array. */
        private final int leafBase;

        /** Column-major copy of the sub-sample on the tree's features: {@code columns[f][i]}. */
        private double[][] columns;
        /** Global index of the tree's feature {@code f}. */
        private int[] features;
        /** Row positions (into the sub-sample), partitioned in place as the tree grows. */
        private int[] index;
        /** The tree's features in a random order, reshuffled lazily at each node. */
        private int[] order;
        private double[] projection;

        TreeBuilder(double[][] rows, int d, int featuresPerTree, int psi, int planeSize, SplittableRandom random,
                    Forest forest, int tree) {
            this.rows = rows;
            this.d = d;
            this.featuresPerTree = featuresPerTree;
            this.psi = psi;
            this.planeSize = planeSize;
            this.random = random;
            this.forest = forest;
            this.height = forest.height();
            this.splits = (1 << height) - 1;
            this.splitBase = tree * splits;
            this.leafBase = tree * (splits + 1);
        }

        void build() {
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
            if (planeSize > 0) {
                projection = new double[psi];
            }
            grow(0, 0, psi, 0);
        }

        /** Grows the subtree at complete-tree slot {@code slot} (depth {@code depth}) on rows {@code lo..hi-1}. */
        private void grow(int slot, int lo, int hi, int depth) {
            int size = hi - lo;
            if (size <= 1 || depth >= height) {
                leaf(slot, size, depth);
                return;
            }
            int mid = planeSize == 0 ? splitStandard(slot, lo, hi) : splitExtended(slot, lo, hi);
            if (mid < 0) {
                leaf(slot, size, depth);
                return;
            }
            grow(2 * slot + 1, lo, mid, depth + 1);
            grow(2 * slot + 2, mid, hi, depth + 1);
        }

        /**
         * A leaf of {@code size} rows at {@code depth}. Above the bottom level its slot and every split
         * below it pass left ({@code +inf}, zero weights) and every leaf below it holds its path length.
         */
        private void leaf(int slot, int size, int depth) {
            double pathLength = depth + IsolationForestModel.averagePathLength(size);
            int first = slot;
            int width = 1;
            for (int level = depth; level < height; level++) {
                Arrays.fill(forest.cut(), splitBase + first, splitBase + first + width, Double.POSITIVE_INFINITY);
                first = 2 * first + 1;
                width *= 2;
            }
            int leafSlot = first - splits;
            Arrays.fill(forest.leaf(), leafBase + leafSlot, leafBase + leafSlot + width, pathLength);
        }

        /** Splits on a random non-constant feature; returns the partition point, or -1 if all are constant. */
        private int splitStandard(int slot, int lo, int hi) {
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
                    forest.feature()[splitBase + slot] = features[order[r]];
                    forest.cut()[splitBase + slot] = at;
                    return partition(column, lo, hi, at);
                }
            }
            return -1;
        }

        /** Splits by a random hyperplane through a random point of the node's bounding box. */
        private int splitExtended(int slot, int lo, int hi) {
            int m = order.length;
            int off = (splitBase + slot) * planeSize;
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
                forest.planeFeature()[off + r] = features[order[r]];
                forest.planeWeight()[off + r] = w;
                for (int i = lo; i < hi; i++) {
                    projection[i] += w * column[index[i]];
                }
            }
            forest.cut()[splitBase + slot] = intercept;
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
