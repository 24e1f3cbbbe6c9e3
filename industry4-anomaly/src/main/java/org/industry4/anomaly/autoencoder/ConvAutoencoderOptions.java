package org.industry4.anomaly.autoencoder;

import java.util.List;
import java.util.Objects;

/**
 * Settings of a {@link ConvAutoencoderTrainer}: a 1-D convolutional autoencoder over windows of
 * {@link #window()} consecutive rows, the sensors as channels. The defaults are SKAB's published
 * Conv-AE (waico/SKAB {@code core/Conv_AE.py}):
 * <pre>
 * input (window x p)
 * Conv1D(32, kernel 7, stride 2, same, relu) -> Dropout(0.2) -> Conv1D(16, 7, stride 2, same, relu)     encoder
 * Conv1DTranspose(16, 7, stride 2, same, relu) -> Dropout(0.2) -> Conv1DTranspose(32, 7, stride 2, same, relu)
 * Conv1DTranspose(p, 7, stride 1, same, linear)                                                     output
 * </pre>
 * The decoder mirrors the encoder (filters and strides in reverse order, transposed convolutions);
 * dropout follows every encoder and decoder layer but the last of each; the output layer has one
 * channel per sensor and the first encoder layer's kernel.
 *
 * @param window             rows per window; a multiple of the product of the strides, so the
 *                           decoder gives back exactly {@code window} steps
 * @param encoder            the encoder's convolutions, input side first; at least one
 * @param dropout            the probability of dropping a value during training, in [0, 1)
 * @param learningRate       Adam's step size, finite and {@code > 0}
 * @param batchSize          windows per gradient step, {@code > 0}
 * @param maxEpochs          passes over the training windows at most, {@code > 0}
 * @param patience           training stops after this many epochs without a lower validation
 *                           loss; the best epoch's network is kept; {@code > 0}
 * @param validationFraction share of the windows held out for early stopping: the last ones (as
 *                           Keras' {@code validation_split}); in (0, 0.5]
 * @param threshold          the rule applied to the residuals of {@link #thresholdData()}
 * @param thresholdFactor    the rule's value is multiplied by this, finite and {@code > 0}
 *                           (SKAB: 4/3)
 * @param thresholdData      which windows' residuals set the threshold
 * @param scaler             the scaler fitted on the training rows
 * @param seed               seeds DL4J's weight initialisation and dropout and the shuffling
 */
public record ConvAutoencoderOptions(int window, List<ConvLayer> encoder, double dropout, double learningRate,
                                     int batchSize, int maxEpochs, int patience, double validationFraction,
                                     ThresholdRule threshold, double thresholdFactor, ThresholdData thresholdData,
                                     AutoencoderOptions.ScalerKind scaler, long seed) {

    /**
     * One encoder convolution ("same" padding).
     *
     * @param filters output channels, {@code > 0}
     * @param kernel  kernel length in steps, {@code > 0}
     * @param stride  step between outputs, {@code > 0}; the mirrored decoder layer upsamples by it
     */
    public record ConvLayer(int filters, int kernel, int stride) {

        public ConvLayer {
            if (filters <= 0 || kernel <= 0 || stride <= 0) {
                throw new IllegalArgumentException("a conv layer needs filters, kernel and stride > 0, got filters "
                        + filters + ", kernel " + kernel + ", stride " + stride);
            }
        }
    }

    /** Which windows' residuals the threshold rule is applied to. */
    public enum ThresholdData {
        /** Every training window, those held out for validation included (SKAB's rule). */
        TRAINING_WINDOWS,
        /** Only the validation windows, which the network did not train on. */
        VALIDATION_WINDOWS
    }

    /** SKAB's threshold factor: the 0.999-quantile of the training residuals times 4/3. */
    public static final double SKAB_FACTOR = 4.0 / 3.0;

    public ConvAutoencoderOptions {
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(threshold, "threshold");
        Objects.requireNonNull(thresholdData, "thresholdData");
        Objects.requireNonNull(scaler, "scaler");
        encoder = List.copyOf(encoder);
        if (encoder.isEmpty()) {
            throw new IllegalArgumentException("encoder must have at least 1 conv layer, got 0");
        }
        if (window < 2) {
            throw new IllegalArgumentException("window must be >= 2, got " + window);
        }
        long strides = 1;
        for (ConvLayer layer : encoder) {
            strides *= layer.stride();
            if (strides > window) {
                break;
            }
        }
        if (window % strides != 0) {
            throw new IllegalArgumentException("window must be a multiple of the product of the strides " + strides
                    + ", got " + window);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        Training.requireOptions(learningRate, batchSize, maxEpochs, validationFraction, patience);
        if (!(thresholdFactor > 0 && Double.isFinite(thresholdFactor))) {
            throw new IllegalArgumentException("thresholdFactor must be finite and > 0, got " + thresholdFactor);
        }
    }

    /**
     * SKAB's Conv-AE: windows of 60 rows, encoder {@code (32, 7, 2), (16, 7, 2)}, dropout 0.2, Adam
     * at 0.001, batches of 32, at most 100 epochs with a patience of 5 on the last 10 % of the
     * windows, threshold = 0.999-quantile of every training window's residual x 4/3, standard
     * scaling, seed 42.
     */
    public ConvAutoencoderOptions() {
        this(60, List.of(new ConvLayer(32, 7, 2), new ConvLayer(16, 7, 2)), 0.2, 1e-3, 32, 100, 5, 0.1,
                ThresholdRule.percentile(99.9), SKAB_FACTOR, ThresholdData.TRAINING_WINDOWS,
                AutoencoderOptions.ScalerKind.STANDARD, 42L);
    }

    /** A copy with this window length. */
    public ConvAutoencoderOptions withWindow(int window) {
        return new ConvAutoencoderOptions(window, encoder, dropout, learningRate, batchSize, maxEpochs, patience,
                validationFraction, threshold, thresholdFactor, thresholdData, scaler, seed);
    }

    /** A copy with these encoder layers (the decoder mirrors them). */
    public ConvAutoencoderOptions withEncoder(List<ConvLayer> encoder) {
        return new ConvAutoencoderOptions(window, encoder, dropout, learningRate, batchSize, maxEpochs, patience,
                validationFraction, threshold, thresholdFactor, thresholdData, scaler, seed);
    }

    /** A copy with this dropout probability. */
    public ConvAutoencoderOptions withDropout(double dropout) {
        return new ConvAutoencoderOptions(window, encoder, dropout, learningRate, batchSize, maxEpochs, patience,
                validationFraction, threshold, thresholdFactor, thresholdData, scaler, seed);
    }

    /** A copy with this Adam learning rate. */
    public ConvAutoencoderOptions withLearningRate(double learningRate) {
        return new ConvAutoencoderOptions(window, encoder, dropout, learningRate, batchSize, maxEpochs, patience,
                validationFraction, threshold, thresholdFactor, thresholdData, scaler, seed);
    }

    /** A copy with this batch size. */
    public ConvAutoencoderOptions withBatchSize(int batchSize) {
        return new ConvAutoencoderOptions(window, encoder, dropout, learningRate, batchSize, maxEpochs, patience,
                validationFraction, threshold, thresholdFactor, thresholdData, scaler, seed);
    }

    /** A copy with at most this many epochs and this early-stopping patience. */
    public ConvAutoencoderOptions withEpochs(int maxEpochs, int patience) {
        return new ConvAutoencoderOptions(window, encoder, dropout, learningRate, batchSize, maxEpochs, patience,
                validationFraction, threshold, thresholdFactor, thresholdData, scaler, seed);
    }

    /** A copy holding out this last fraction of the windows for validation. */
    public ConvAutoencoderOptions withValidationFraction(double validationFraction) {
        return new ConvAutoencoderOptions(window, encoder, dropout, learningRate, batchSize, maxEpochs, patience,
                validationFraction, threshold, thresholdFactor, thresholdData, scaler, seed);
    }

    /** A copy whose threshold is {@code factor x rule(residuals of data)}. */
    public ConvAutoencoderOptions withThreshold(ThresholdRule threshold, double factor, ThresholdData data) {
        return new ConvAutoencoderOptions(window, encoder, dropout, learningRate, batchSize, maxEpochs, patience,
                validationFraction, threshold, factor, data, scaler, seed);
    }

    /** A copy with this scaler. */
    public ConvAutoencoderOptions withScaler(AutoencoderOptions.ScalerKind scaler) {
        return new ConvAutoencoderOptions(window, encoder, dropout, learningRate, batchSize, maxEpochs, patience,
                validationFraction, threshold, thresholdFactor, thresholdData, scaler, seed);
    }

    /** A copy with this seed. */
    public ConvAutoencoderOptions withSeed(long seed) {
        return new ConvAutoencoderOptions(window, encoder, dropout, learningRate, batchSize, maxEpochs, patience,
                validationFraction, threshold, thresholdFactor, thresholdData, scaler, seed);
    }
}
