package org.industry4.anomaly.fault;

/**
 * Hyper-parameters of the random forest of a {@link FaultClassifierTrainer}.
 *
 * @param trees            trees in the forest, 1 .. 100,000; more give smoother probabilities
 * @param maxDepth         the deepest a tree may grow, 1 .. 1,000 (the root is depth 0)
 * @param minLeaf          the fewest bootstrap draws a leaf may hold, at least 1; larger values
 *                         give smoother probabilities and smaller trees
 * @param featuresPerSplit features tried at each split, at least 0; 0 means
 *                         {@code max(1, round(sqrt(d)))} for {@code d} features (the usual choice
 *                         for classification); a value above {@code d} is an error at fit time
 * @param unknownThreshold a diagnosis is {@link FaultClassifierModel#UNKNOWN} when the largest
 *                         class probability is below this, in [0, 1]; 0 never answers unknown for
 *                         lack of confidence
 * @param rangeMargin      a diagnosis is also {@link FaultClassifierModel#UNKNOWN} when a feature
 *                         lies outside the range the most probable class's training rows span,
 *                         widened on each side by this multiple of that range; at least 0,
 *                         {@link Double#POSITIVE_INFINITY} turns the range check off (see {@link
 *                         FaultClassifierModel})
 * @param seed             the seed of the bootstraps and feature draws: the same seed and data give
 *                         the same model on any thread count
 */
public record FaultClassifierOptions(int trees, int maxDepth, int minLeaf, int featuresPerSplit,
                                     double unknownThreshold, double rangeMargin, long seed) {

    /** Default tree count. */
    public static final int DEFAULT_TREES = 100;
    /** Default depth limit. */
    public static final int DEFAULT_MAX_DEPTH = 30;
    /** Default unknown threshold. */
    public static final double DEFAULT_UNKNOWN_THRESHOLD = 0.5;
    /** Default range margin. */
    public static final double DEFAULT_RANGE_MARGIN = 0.25;

    /** Validates each value; see the record description for the ranges. */
    public FaultClassifierOptions {
        if (trees < 1 || trees > 100_000) {
            throw new IllegalArgumentException("trees must be in [1, 100000], got " + trees);
        }
        if (maxDepth < 1 || maxDepth > 1_000) {
            throw new IllegalArgumentException("maxDepth must be in [1, 1000], got " + maxDepth);
        }
        if (minLeaf < 1) {
            throw new IllegalArgumentException("minLeaf must be >= 1, got " + minLeaf);
        }
        if (featuresPerSplit < 0) {
            throw new IllegalArgumentException("featuresPerSplit must be >= 0 (0: sqrt of the feature count), got "
                    + featuresPerSplit);
        }
        if (!(unknownThreshold >= 0 && unknownThreshold <= 1)) {
            throw new IllegalArgumentException("unknownThreshold must be in [0, 1], got " + unknownThreshold);
        }
        if (!(rangeMargin >= 0)) {
            throw new IllegalArgumentException("rangeMargin must be >= 0 (Infinity: no range check), got " + rangeMargin);
        }
    }

    /**
     * The defaults: {@value #DEFAULT_TREES} trees, depth up to {@value #DEFAULT_MAX_DEPTH}, leaves of
     * at least 1 draw, {@code sqrt(d)} features per split, unknown below probability
     * {@value #DEFAULT_UNKNOWN_THRESHOLD} or beyond the class's training range by more than
     * {@value #DEFAULT_RANGE_MARGIN} of it, seed 1.
     */
    public FaultClassifierOptions() {
        this(DEFAULT_TREES, DEFAULT_MAX_DEPTH, 1, 0, DEFAULT_UNKNOWN_THRESHOLD, DEFAULT_RANGE_MARGIN, 1L);
    }

    /** A copy with this tree count. */
    public FaultClassifierOptions withTrees(int trees) {
        return new FaultClassifierOptions(trees, maxDepth, minLeaf, featuresPerSplit, unknownThreshold, rangeMargin, seed);
    }

    /** A copy with this depth limit. */
    public FaultClassifierOptions withMaxDepth(int maxDepth) {
        return new FaultClassifierOptions(trees, maxDepth, minLeaf, featuresPerSplit, unknownThreshold, rangeMargin, seed);
    }

    /** A copy with this minimum leaf size. */
    public FaultClassifierOptions withMinLeaf(int minLeaf) {
        return new FaultClassifierOptions(trees, maxDepth, minLeaf, featuresPerSplit, unknownThreshold, rangeMargin, seed);
    }

    /** A copy trying this many features per split (0: square root of the feature count). */
    public FaultClassifierOptions withFeaturesPerSplit(int featuresPerSplit) {
        return new FaultClassifierOptions(trees, maxDepth, minLeaf, featuresPerSplit, unknownThreshold, rangeMargin, seed);
    }

    /** A copy with this unknown threshold. */
    public FaultClassifierOptions withUnknownThreshold(double unknownThreshold) {
        return new FaultClassifierOptions(trees, maxDepth, minLeaf, featuresPerSplit, unknownThreshold, rangeMargin, seed);
    }

    /** A copy with this range margin ({@link Double#POSITIVE_INFINITY}: no range check). */
    public FaultClassifierOptions withRangeMargin(double rangeMargin) {
        return new FaultClassifierOptions(trees, maxDepth, minLeaf, featuresPerSplit, unknownThreshold, rangeMargin, seed);
    }

    /** A copy with this seed. */
    public FaultClassifierOptions withSeed(long seed) {
        return new FaultClassifierOptions(trees, maxDepth, minLeaf, featuresPerSplit, unknownThreshold, rangeMargin, seed);
    }

    /** The features tried per split for {@code d} features: {@link #featuresPerSplit()} or {@code round(sqrt(d))}. */
    public int featuresPerSplit(int d) {
        return featuresPerSplit > 0 ? featuresPerSplit : Math.max(1, (int) Math.round(Math.sqrt(d)));
    }
}
