package org.industry4.anomaly.iforest;

/**
 * Hyper-parameters of an {@link IsolationForestTrainer}.
 *
 * <p>The defaults are those of Liu, Ting and Zhou (2008) and of scikit-learn: 100 trees, sub-samples
 * of 256 rows, every feature, a standard (axis-parallel) forest. Each tree is grown to the height
 * limit {@code ceil(log2(psi))}, where {@code psi = min(sampleSize, rows)}.
 *
 * @param trees          the number of isolation trees; at least 1
 * @param sampleSize     rows drawn without replacement for each tree; at least 2. Capped at the
 *                       number of training rows, so the default fits any data set
 * @param maxFeatures    the FRACTION of features each tree may split on, in (0, 1]: a tree draws
 *                       {@code max(1, floor(maxFeatures * features))} features without replacement
 *                       (scikit-learn's {@code max_features} given as a float). 1 = all features
 * @param contamination  the expected share of anomalies in the training data, in (0, 0.5]; the
 *                       model's {@link IsolationForestModel#threshold() threshold} is the
 *                       {@code 1 - contamination} quantile of the training scores
 * @param extensionLevel 0 for the standard Isolation Forest (a split tests one feature against a
 *                       value); {@code e > 0} for the Extended Isolation Forest of Hariri, Carrasco
 *                       Kind and Brunner (2019): a split is a random hyperplane whose normal vector
 *                       has {@code e + 1} non-zero Gaussian coordinates. At most the number of
 *                       features a tree uses minus one (checked when fitting)
 * @param seed           the seed of all randomness of a fit; the same seed gives the same model on any
 *                       number of threads
 */
public record IsolationForestOptions(int trees, int sampleSize, double maxFeatures, double contamination,
                                     int extensionLevel, long seed) {

    /** The default number of trees. */
    public static final int DEFAULT_TREES = 100;
    /** The default sub-sample size. */
    public static final int DEFAULT_SAMPLE_SIZE = 256;
    /** The default contamination. */
    public static final double DEFAULT_CONTAMINATION = 0.1;
    /** The default seed. */
    public static final long DEFAULT_SEED = 42L;

    public IsolationForestOptions {
        if (trees < 1) {
            throw new IllegalArgumentException("trees must be >= 1, got " + trees);
        }
        if (sampleSize < 2) {
            throw new IllegalArgumentException("sampleSize must be >= 2, got " + sampleSize);
        }
        if (!(maxFeatures > 0 && maxFeatures <= 1)) {
            throw new IllegalArgumentException("maxFeatures must be in (0, 1], got " + maxFeatures);
        }
        if (!(contamination > 0 && contamination <= 0.5)) {
            throw new IllegalArgumentException("contamination must be in (0, 0.5], got " + contamination);
        }
        if (extensionLevel < 0) {
            throw new IllegalArgumentException("extensionLevel must be >= 0, got " + extensionLevel);
        }
    }

    /** 100 trees, sub-samples of 256, all features, contamination 0.1, standard forest, seed 42. */
    public IsolationForestOptions() {
        this(DEFAULT_TREES, DEFAULT_SAMPLE_SIZE, 1.0, DEFAULT_CONTAMINATION, 0, DEFAULT_SEED);
    }

    /** A copy with {@code trees} trees. */
    public IsolationForestOptions withTrees(int trees) {
        return new IsolationForestOptions(trees, sampleSize, maxFeatures, contamination, extensionLevel, seed);
    }

    /** A copy with sub-samples of {@code sampleSize} rows. */
    public IsolationForestOptions withSampleSize(int sampleSize) {
        return new IsolationForestOptions(trees, sampleSize, maxFeatures, contamination, extensionLevel, seed);
    }

    /** A copy whose trees use the fraction {@code maxFeatures} of the features. */
    public IsolationForestOptions withMaxFeatures(double maxFeatures) {
        return new IsolationForestOptions(trees, sampleSize, maxFeatures, contamination, extensionLevel, seed);
    }

    /** A copy with the given contamination. */
    public IsolationForestOptions withContamination(double contamination) {
        return new IsolationForestOptions(trees, sampleSize, maxFeatures, contamination, extensionLevel, seed);
    }

    /** A copy with the given extension level (0 = standard forest). */
    public IsolationForestOptions withExtensionLevel(int extensionLevel) {
        return new IsolationForestOptions(trees, sampleSize, maxFeatures, contamination, extensionLevel, seed);
    }

    /** A copy with the given seed. */
    public IsolationForestOptions withSeed(long seed) {
        return new IsolationForestOptions(trees, sampleSize, maxFeatures, contamination, extensionLevel, seed);
    }

    /** The number of features each tree uses for data of {@code features} columns. */
    public int featuresPerTree(int features) {
        return Math.max(1, (int) Math.floor(maxFeatures * features));
    }
}
