package org.industry4.vision;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import org.industry4.vision.features.FeatureExtractor;
import org.industry4.vision.features.FeatureMap;
import org.industry4.vision.image.ImageTensor;
import org.industry4.vision.image.Images;
import org.industry4.vision.image.Preprocessing;

/**
 * A trained PatchCore model: the memory bank of good-part patch features with the settings and the
 * preprocessing it was built with, and optionally a decision threshold on the image score. It
 * scores images through the same kind of {@link FeatureExtractor} it was trained with. Immutable
 * and thread-safe: any number of threads may score at once. Made by {@link PatchCoreTrainer}, saved
 * and loaded by {@link PatchCoreModelFile}.
 */
public final class PatchCoreModel {

    private final PatchCoreOptions options;
    private final Preprocessing preprocessing;
    private final String extractorName;
    private final MemoryBank bank;
    private final double threshold;
    private final Summary summary;

    /**
     * How the model was trained.
     *
     * @param images          training images
     * @param patches         patch features extracted from them (the bank before the coreset)
     * @param gridHeight      patch rows per image
     * @param gridWidth       patch columns per image
     * @param seconds         training wall time
     */
    public record Summary(int images, long patches, int gridHeight, int gridWidth, double seconds) {
        public Summary {
            if (images <= 0 || patches <= 0 || gridHeight <= 0 || gridWidth <= 0 || !(seconds >= 0)) {
                throw new IllegalArgumentException("invalid training summary: images=" + images + " patches="
                        + patches + " grid=" + gridHeight + "x" + gridWidth + " seconds=" + seconds);
            }
        }
    }

    PatchCoreModel(PatchCoreOptions options, Preprocessing preprocessing, String extractorName, MemoryBank bank,
                   double threshold, Summary summary) {
        this.options = Objects.requireNonNull(options, "options");
        this.preprocessing = Objects.requireNonNull(preprocessing, "preprocessing");
        this.extractorName = Objects.requireNonNull(extractorName, "extractorName");
        this.bank = Objects.requireNonNull(bank, "bank");
        this.summary = Objects.requireNonNull(summary, "summary");
        if (Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("threshold must be finite, got " + threshold);
        }
        this.threshold = threshold;
    }

    /**
     * Reads, preprocesses and scores the image in {@code file}.
     *
     * @throws IOException if the file is missing or not a readable image
     */
    public AnomalyMap score(FeatureExtractor extractor, Path file) throws IOException {
        return score(extractor, Images.read(file));
    }

    /**
     * Preprocesses and scores {@code raw}, an image as {@link Images#read} returns it (3 channels,
     * values in [0, 1]).
     *
     * @throws IllegalArgumentException if the extractor's features don't match the bank's
     */
    public AnomalyMap score(FeatureExtractor extractor, ImageTensor raw) {
        Objects.requireNonNull(extractor, "extractor");
        ImageTensor input = preprocessing.apply(raw);
        return scoreFeatures(extractor.extract(input), input.height(), input.width());
    }

    /**
     * Scores feature maps already extracted from a preprocessed image of {@code height x width}
     * pixels; the anomaly map has that size.
     *
     * @throws IllegalArgumentException if the maps give another feature dimension than the bank's
     */
    public AnomalyMap scoreFeatures(List<FeatureMap> maps, int height, int width) {
        Objects.requireNonNull(maps, "maps");
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image size must be > 0, got " + height + "x" + width);
        }
        PatchFeatures features = PatchFeatures.of(maps, options.neighbourhood());
        if (features.dimension != bank.dimension) {
            throw new IllegalArgumentException("the feature maps give " + features.dimension
                    + " values per patch but the memory bank holds " + bank.dimension
                    + " (trained with extractor " + extractorName + ")");
        }
        int patches = features.patches();
        float[] squared = new float[patches];
        int[] nearest = new int[patches];
        bank.nearest(features.rows, squared, nearest);
        float[] patchScores = new float[patches];
        int worst = 0;
        for (int p = 0; p < patches; p++) {
            patchScores[p] = (float) Math.sqrt(squared[p]);
            if (patchScores[p] > patchScores[worst]) {
                worst = p;
            }
        }
        double maxPatch = patchScores[worst];
        double score = maxPatch * weight(features.rows, worst, nearest[worst]);
        float[] map = Interpolation.resize(patchScores, features.gridHeight, features.gridWidth, height, width);
        map = Interpolation.gaussianBlur(map, height, width, options.smoothingSigma());
        return new AnomalyMap(height, width, map, score, maxPatch);
    }

    /**
     * The paper's re-weighting (equation 7): {@code 1 - softmax} of the distances from the test patch
     * to its nearest bank patch {@code m*} and to {@code m*}'s nearest bank neighbours, taken at
     * {@code m*}; close to 1 when {@code m*} is isolated in the bank (a rare normal pattern is
     * trusted less), as anomalib computes it.
     */
    private double weight(float[] queries, int query, int nearestIndex) {
        int b = options.reweightNeighbours();
        if (b <= 1 || bank.size <= 1) {
            return 1;
        }
        int[] support = bank.neighboursOf(nearestIndex, b);
        double[] d = new double[support.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < support.length; i++) {
            d[i] = Math.sqrt(bank.distance(queries, query, support[i]));
            max = Math.max(max, d[i]);
        }
        double sum = 0;
        for (double v : d) {
            sum += Math.exp(v - max);
        }
        return 1 - Math.exp(d[0] - max) / sum;
    }

    /** This model with a decision threshold on the image score (see {@code metrics.Thresholds}). */
    public PatchCoreModel withThreshold(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("threshold must be finite, got " + value);
        }
        return new PatchCoreModel(options, preprocessing, extractorName, bank, value, summary);
    }

    /** The decision threshold on the image score, if one was set. */
    public OptionalDouble threshold() {
        return Double.isNaN(threshold) ? OptionalDouble.empty() : OptionalDouble.of(threshold);
    }

    /**
     * Whether {@code map}'s score reaches the threshold.
     *
     * @throws IllegalStateException if no threshold was set
     */
    public boolean isDefective(AnomalyMap map) {
        if (Double.isNaN(threshold)) {
            throw new IllegalStateException("this model has no threshold; set one with withThreshold");
        }
        return map.score() >= threshold;
    }

    public PatchCoreOptions options() {
        return options;
    }

    public Preprocessing preprocessing() {
        return preprocessing;
    }

    /** The {@link FeatureExtractor#name()} of the extractor the bank was built with. */
    public String extractorName() {
        return extractorName;
    }

    /** Patches in the memory bank. */
    public int bankSize() {
        return bank.size;
    }

    /** Values per patch feature. */
    public int featureDimension() {
        return bank.dimension;
    }

    /** A copy of the memory bank, {@link #bankSize()} rows of {@link #featureDimension()} values. */
    public float[] memoryBank() {
        return bank.rows().clone();
    }

    public Summary summary() {
        return summary;
    }

    MemoryBank bank() {
        return bank;
    }

    double rawThreshold() {
        return threshold;
    }
}
