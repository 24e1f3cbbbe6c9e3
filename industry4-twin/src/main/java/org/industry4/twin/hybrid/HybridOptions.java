package org.industry4.twin.hybrid;

import java.util.List;
import java.util.Objects;

/**
 * Settings of a {@link HybridTrainer}.
 *
 * @param hidden             widths of the correction network's hidden layers, each {@code > 0};
 *                           may be empty (a linear correction)
 * @param learningRate       Adam's step size, finite and {@code > 0}; the same for the network and
 *                           the raw physical parameters
 * @param maxEpochs          passes over the training rows at most, {@code > 0}
 * @param batchSize          rows per gradient step, {@code > 0}
 * @param validationFraction share of the rows held out (at random, with the seed) for early
 *                           stopping; in (0, 0.5]
 * @param patience           training stops after this many epochs without a lower validation loss;
 *                           the best epoch's state is kept; {@code > 0}
 * @param correctionPenalty  weight of {@code mean((correction / std(y))^2)} in the loss, finite and
 *                           {@code >= 0}: keeps the correction small so the physics explains what it
 *                           can
 * @param correction         whether there is a neural correction; {@code false} fits the physics only
 * @param seed               seeds the weight initialisation, the validation split and the shuffling
 * @param activation         the hidden layers' activation, not null; {@link Activation#TANH} saturates
 *                           outside the data, {@link Activation#SOFTPLUS} and {@link Activation#RELU}
 *                           extrapolate linearly
 */
public record HybridOptions(List<Integer> hidden, double learningRate, int maxEpochs, int batchSize,
                            double validationFraction, int patience, double correctionPenalty, boolean correction,
                            long seed, Activation activation) {

    public HybridOptions {
        hidden = List.copyOf(Objects.requireNonNull(hidden, "hidden"));
        Objects.requireNonNull(activation, "activation");
        for (Integer width : hidden) {
            if (width == null || width <= 0) {
                throw new IllegalArgumentException("hidden widths must all be > 0, got " + hidden);
            }
        }
        if (!(learningRate > 0 && Double.isFinite(learningRate))) {
            throw new IllegalArgumentException("learningRate must be finite and > 0, got " + learningRate);
        }
        if (maxEpochs <= 0) {
            throw new IllegalArgumentException("maxEpochs must be > 0, got " + maxEpochs);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be > 0, got " + batchSize);
        }
        if (!(validationFraction > 0 && validationFraction <= 0.5)) {
            throw new IllegalArgumentException("validationFraction must be in (0, 0.5], got " + validationFraction);
        }
        if (patience <= 0) {
            throw new IllegalArgumentException("patience must be > 0, got " + patience);
        }
        if (!(correctionPenalty >= 0 && Double.isFinite(correctionPenalty))) {
            throw new IllegalArgumentException("correctionPenalty must be finite and >= 0, got " + correctionPenalty);
        }
    }

    /**
     * The defaults: hidden {@code [16, 16]}, Adam at 0.01, at most 300 epochs with a patience of 30,
     * batches of 256, 20 % validation rows, correction penalty 0.01, correction on, seed 42, tanh hidden layers.
     */
    public HybridOptions() {
        this(List.of(16, 16), 0.01, 300, 256, 0.2, 30, 0.01, true, 42L, Activation.TANH);
    }

    /** The defaults, as {@link #HybridOptions()}. */
    public static HybridOptions defaults() {
        return new HybridOptions();
    }

    /** A copy that fits the physics only (no correction network). */
    public HybridOptions withoutCorrection() {
        return new HybridOptions(hidden, learningRate, maxEpochs, batchSize, validationFraction, patience,
                correctionPenalty, false, seed, activation);
    }

    /** A copy with a correction network of these hidden widths. */
    public HybridOptions withHidden(List<Integer> hidden) {
        return new HybridOptions(hidden, learningRate, maxEpochs, batchSize, validationFraction, patience,
                correctionPenalty, true, seed, activation);
    }

    /** A copy with this Adam learning rate. */
    public HybridOptions withLearningRate(double learningRate) {
        return new HybridOptions(hidden, learningRate, maxEpochs, batchSize, validationFraction, patience,
                correctionPenalty, correction, seed, activation);
    }

    /** A copy with at most this many epochs and this early-stopping patience. */
    public HybridOptions withEpochs(int maxEpochs, int patience) {
        return new HybridOptions(hidden, learningRate, maxEpochs, batchSize, validationFraction, patience,
                correctionPenalty, correction, seed, activation);
    }

    /** A copy with this batch size. */
    public HybridOptions withBatchSize(int batchSize) {
        return new HybridOptions(hidden, learningRate, maxEpochs, batchSize, validationFraction, patience,
                correctionPenalty, correction, seed, activation);
    }

    /** A copy holding out this fraction of the rows for validation. */
    public HybridOptions withValidationFraction(double validationFraction) {
        return new HybridOptions(hidden, learningRate, maxEpochs, batchSize, validationFraction, patience,
                correctionPenalty, correction, seed, activation);
    }

    /** A copy with this correction penalty weight. */
    public HybridOptions withCorrectionPenalty(double correctionPenalty) {
        return new HybridOptions(hidden, learningRate, maxEpochs, batchSize, validationFraction, patience,
                correctionPenalty, correction, seed, activation);
    }

    /** A copy with this seed. */
    public HybridOptions withSeed(long seed) {
        return new HybridOptions(hidden, learningRate, maxEpochs, batchSize, validationFraction, patience,
                correctionPenalty, correction, seed, activation);
    }

    /** A copy whose hidden layers use this activation. */
    public HybridOptions withActivation(Activation activation) {
        return new HybridOptions(hidden, learningRate, maxEpochs, batchSize, validationFraction, patience,
                correctionPenalty, correction, seed, activation);
    }
}
