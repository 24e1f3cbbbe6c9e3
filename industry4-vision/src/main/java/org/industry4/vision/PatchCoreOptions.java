package org.industry4.vision;

/**
 * The settings of PatchCore (Roth et al., "Towards Total Recall in Industrial Anomaly Detection",
 * CVPR 2022). Defaults follow the paper and anomalib: 3 x 3 locally aware patch features, a 10 %
 * greedy coreset, re-weighting over 9 neighbours, anomaly maps smoothed with a Gaussian of sigma 4.
 *
 * @param neighbourhood       side of the square neighbourhood averaged into each patch feature
 *                            (the paper's p; odd, 1 = none)
 * @param coresetRatio        share of the training patches kept in the memory bank, in (0, 1];
 *                            1 keeps them all
 * @param projectionDimension dimension of the Gaussian random projection used only to <em>select</em>
 *                            the coreset (the bank keeps the full features); 0, or a value at or above
 *                            the feature dimension, selects on the full features
 * @param reweightNeighbours  the paper's b: how many bank neighbours of the nearest bank patch enter
 *                            the image-score re-weighting; 1 turns the re-weighting off
 * @param smoothingSigma      sigma in pixels of the Gaussian that smooths the upsampled anomaly map;
 *                            0 = no smoothing
 * @param seed                seeds the coreset's first patch and the projection
 */
public record PatchCoreOptions(int neighbourhood, double coresetRatio, int projectionDimension,
                               int reweightNeighbours, double smoothingSigma, long seed) {

    public PatchCoreOptions {
        if (neighbourhood < 1 || neighbourhood % 2 == 0) {
            throw new IllegalArgumentException("neighbourhood must be odd and >= 1, got " + neighbourhood);
        }
        if (!(coresetRatio > 0 && coresetRatio <= 1)) {
            throw new IllegalArgumentException("coresetRatio must be in (0, 1], got " + coresetRatio);
        }
        if (projectionDimension < 0) {
            throw new IllegalArgumentException("projectionDimension must be >= 0, got " + projectionDimension);
        }
        if (reweightNeighbours < 1) {
            throw new IllegalArgumentException("reweightNeighbours must be >= 1, got " + reweightNeighbours);
        }
        if (!(smoothingSigma >= 0) || Double.isInfinite(smoothingSigma)) {
            throw new IllegalArgumentException("smoothingSigma must be finite and >= 0, got " + smoothingSigma);
        }
    }

    /** The defaults: neighbourhood 3, coreset 10 %, projection 128, 9 neighbours, sigma 4, seed 42. */
    public PatchCoreOptions() {
        this(3, 0.1, 128, 9, 4.0, 42L);
    }

    public PatchCoreOptions withNeighbourhood(int value) {
        return new PatchCoreOptions(value, coresetRatio, projectionDimension, reweightNeighbours, smoothingSigma, seed);
    }

    public PatchCoreOptions withCoresetRatio(double value) {
        return new PatchCoreOptions(neighbourhood, value, projectionDimension, reweightNeighbours, smoothingSigma, seed);
    }

    public PatchCoreOptions withProjectionDimension(int value) {
        return new PatchCoreOptions(neighbourhood, coresetRatio, value, reweightNeighbours, smoothingSigma, seed);
    }

    public PatchCoreOptions withReweightNeighbours(int value) {
        return new PatchCoreOptions(neighbourhood, coresetRatio, projectionDimension, value, smoothingSigma, seed);
    }

    public PatchCoreOptions withSmoothingSigma(double value) {
        return new PatchCoreOptions(neighbourhood, coresetRatio, projectionDimension, reweightNeighbours, value, seed);
    }

    public PatchCoreOptions withSeed(long value) {
        return new PatchCoreOptions(neighbourhood, coresetRatio, projectionDimension, reweightNeighbours, smoothingSigma,
                value);
    }
}
