package org.industry4.anomaly.autoencoder;

import java.util.List;
import java.util.Objects;

/**
 * Settings of an {@link AutoencoderTrainer}: a dense autoencoder
 * {@code p -> encoderSizes... -> latent -> reversed(encoderSizes)... -> p}.
 *
 * @param encoderSizes       widths of the hidden layers between the input and the latent layer,
 *                           outermost first; the decoder mirrors them. May be empty (a single
 *                           latent layer). Each {@code > 0}
 * @param latentSize         width of the bottleneck; {@code 0} chooses {@code ceil(p / 4)} for
 *                           {@code p} features (2 for 8 sensors, 8 for 30). Must be less than the
 *                           feature count (checked at fit time), else the network can learn the
 *                           identity
 * @param activation         activation of every hidden layer, the latent one included; the output
 *                           layer is linear
 * @param learningRate       Adam's step size, finite and {@code > 0}
 * @param batchSize          rows per gradient step, {@code > 0}
 * @param maxEpochs          passes over the training rows at most, {@code > 0}
 * @param validationFraction share of the rows held out for early stopping and for the threshold;
 *                           in (0, 0.5]
 * @param validationSplit    which rows are held out: drawn at random with the seed, or the last
 *                           ones (for rows in time order, and for overlapping windows, whose
 *                           random hold-out would nearly duplicate training rows)
 * @param patience           training stops after this many epochs without a lower validation loss,
 *                           and the network of the best epoch is kept; {@code > 0}
 * @param threshold          how the alarm threshold is chosen from the validation errors
 * @param scaler             how the features are scaled before the network sees them
 * @param seed               seeds the weight initialisation, the validation split and the
 *                           shuffling
 */
public record AutoencoderOptions(List<Integer> encoderSizes, int latentSize, Activation activation,
                                 double learningRate, int batchSize, int maxEpochs, double validationFraction,
                                 ValidationSplit validationSplit, int patience, ThresholdRule threshold,
                                 ScalerKind scaler, long seed) {

    /** Activation functions of the hidden layers. */
    public enum Activation {
        /** Hyperbolic tangent. */
        TANH,
        /** Rectified linear unit, {@code max(0, x)}. */
        RELU,
        /** Leaky ReLU, slope 0.01 below 0. */
        LEAKY_RELU,
        /** Exponential linear unit. */
        ELU,
        /** Logistic sigmoid. */
        SIGMOID
    }

    /** Which rows an {@link AutoencoderTrainer} holds out for validation. */
    public enum ValidationSplit {
        /** Rows drawn at random with the seed: for independent rows. */
        RANDOM,
        /**
         * The last {@code round(n * validationFraction)} rows in the order given: for a time series,
         * so the threshold is set on later data than the network learned from, and for sliding
         * windows, where a random hold-out shares most values with its neighbours in training.
         */
        LAST
    }

    /** Which scaler the trainer fits on the training rows (see {@code org.industry4.anomaly.scale}). */
    public enum ScalerKind {
        /** Mean and standard deviation. */
        STANDARD,
        /** Median and interquartile range. */
        ROBUST
    }

    public AutoencoderOptions {
        Objects.requireNonNull(encoderSizes, "encoderSizes");
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(threshold, "threshold");
        Objects.requireNonNull(scaler, "scaler");
        Objects.requireNonNull(validationSplit, "validationSplit");
        encoderSizes = List.copyOf(encoderSizes);
        for (int size : encoderSizes) {
            if (size <= 0) {
                throw new IllegalArgumentException("encoderSizes must all be > 0, got " + encoderSizes);
            }
        }
        if (latentSize < 0) {
            throw new IllegalArgumentException(
                    "latentSize must be >= 0 (0 chooses ceil(features / 4)), got " + latentSize);
        }
        Training.requireOptions(learningRate, batchSize, maxEpochs, validationFraction, patience);
    }

    /**
     * Encoder {@code [32, 16]}, latent {@code ceil(p / 4)}, ELU, Adam at 0.003, batches of 64,
     * at most 200 epochs with a patience of 10, 20 % validation rows drawn at random, threshold at their 99th
     * percentile, standard scaling, seed 42. Fits 8 to 30 sensors of normal operation from a few
     * hundred rows.
     */
    public AutoencoderOptions() {
        this(List.of(32, 16), 0, Activation.ELU, 3e-3, 64, 200, 0.2, ValidationSplit.RANDOM, 10,
                ThresholdRule.percentile(99),
                ScalerKind.STANDARD, 42L);
    }

    /** The latent width for {@code features} features: {@link #latentSize()} or {@code ceil(features / 4)}. */
    public int latentSizeFor(int features) {
        return latentSize > 0 ? latentSize : Math.max(1, (features + 3) / 4);
    }

    /** A copy with these encoder widths (outermost first) and this latent width (0: automatic). */
    public AutoencoderOptions withLayers(List<Integer> encoderSizes, int latentSize) {
        return new AutoencoderOptions(encoderSizes, latentSize, activation, learningRate, batchSize, maxEpochs,
                validationFraction, validationSplit, patience, threshold, scaler, seed);
    }

    /** A copy with this latent width (0: automatic). */
    public AutoencoderOptions withLatentSize(int latentSize) {
        return withLayers(encoderSizes, latentSize);
    }

    /** A copy with this hidden activation. */
    public AutoencoderOptions withActivation(Activation activation) {
        return new AutoencoderOptions(encoderSizes, latentSize, activation, learningRate, batchSize, maxEpochs,
                validationFraction, validationSplit, patience, threshold, scaler, seed);
    }

    /** A copy with this Adam learning rate. */
    public AutoencoderOptions withLearningRate(double learningRate) {
        return new AutoencoderOptions(encoderSizes, latentSize, activation, learningRate, batchSize, maxEpochs,
                validationFraction, validationSplit, patience, threshold, scaler, seed);
    }

    /** A copy with this batch size. */
    public AutoencoderOptions withBatchSize(int batchSize) {
        return new AutoencoderOptions(encoderSizes, latentSize, activation, learningRate, batchSize, maxEpochs,
                validationFraction, validationSplit, patience, threshold, scaler, seed);
    }

    /** A copy with at most this many epochs and this early-stopping patience. */
    public AutoencoderOptions withEpochs(int maxEpochs, int patience) {
        return new AutoencoderOptions(encoderSizes, latentSize, activation, learningRate, batchSize, maxEpochs,
                validationFraction, validationSplit, patience, threshold, scaler, seed);
    }

    /** A copy holding out this fraction of the rows, chosen this way, for validation. */
    public AutoencoderOptions withValidation(double validationFraction, ValidationSplit validationSplit) {
        return new AutoencoderOptions(encoderSizes, latentSize, activation, learningRate, batchSize, maxEpochs,
                validationFraction, validationSplit, patience, threshold, scaler, seed);
    }

    /** A copy with this threshold rule. */
    public AutoencoderOptions withThreshold(ThresholdRule threshold) {
        return new AutoencoderOptions(encoderSizes, latentSize, activation, learningRate, batchSize, maxEpochs,
                validationFraction, validationSplit, patience, threshold, scaler, seed);
    }

    /** A copy with this scaler. */
    public AutoencoderOptions withScaler(ScalerKind scaler) {
        return new AutoencoderOptions(encoderSizes, latentSize, activation, learningRate, batchSize, maxEpochs,
                validationFraction, validationSplit, patience, threshold, scaler, seed);
    }

    /** A copy with this seed. */
    public AutoencoderOptions withSeed(long seed) {
        return new AutoencoderOptions(encoderSizes, latentSize, activation, learningRate, batchSize, maxEpochs,
                validationFraction, validationSplit, patience, threshold, scaler, seed);
    }
}
