package org.industry4.rul;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.industry4.rul.data.PreprocessOptions;
import org.industry4.rul.data.RulTargets;

/**
 * Settings of a {@link RulTrainer}. The defaults are the stacked LSTM of the C-MAPSS literature
 * (Zheng et al. 2017: windows of 30 cycles, LSTM 64-64, dense 32, piecewise-linear target capped
 * at 125) with Adam and early stopping on held-out engines.
 *
 * <p>The network is one of:
 * <pre>
 * LSTM: window x features -> LSTM(layers[0]) -> ... -> LSTM(layers[n-1], last step) -> Dropout -> Dense(dense, relu) -> 1
 * CNN:  window x features -> Conv1D(layers[0] filters, kernel, same, tanh) -> ... -> Flatten -> Dropout -> Dense(dense, tanh) -> 1
 * </pre>
 * The CNN convolves along time with the features as input channels, with the depth, kernel,
 * tanh and dense head of Li et al.'s 2018 DCNN. Li et al. convolve each feature separately
 * ({@code kernel x 1} over a {@code window x features} image); in DL4J 1.0.0-M2.1 that ran about
 * 8x slower per epoch here (130 s against 16 s on FD001), so this module mixes the features from
 * the first layer. The network predicts {@code RUL / cap}; predictions are clipped to {@code [0, cap]}.
 *
 * @param architecture        LSTM or CNN
 * @param window              cycles per window, {@code > 0}; shorter histories are front-padded
 *                            (see {@link org.industry4.rul.data.Windows})
 * @param layers              LSTM units per layer, or CNN filters per convolution; at least one,
 *                            each {@code > 0}
 * @param kernel              CNN kernel length in cycles, {@code > 0} (unused by the LSTM)
 * @param dense               units of the dense layer before the output, {@code > 0}
 * @param dropout             probability of dropping an input of the dense layer in training, [0, 1)
 * @param learningRate        Adam's step size, finite and {@code > 0}
 * @param batchSize           windows per gradient step, {@code > 0}
 * @param maxEpochs           passes over the training windows at most, {@code > 0}
 * @param patience            training stops after this many epochs without a lower validation
 *                            loss; the best epoch's network is kept; {@code > 0}
 * @param maxTrainingTime     training stops after the epoch that crosses this budget; positive
 * @param cap                 the piecewise-linear target's cap, finite and {@code > 0}
 * @param validationFraction  share of the engines (never rows) held out for early stopping, (0, 0.5)
 * @param calibrationFraction share of the engines held out for the conformal intervals, (0, 0.5)
 * @param coverage            the intervals' target coverage, in (0, 1)
 * @param calibrationCuts     test-like cuts per calibration engine, {@code > 0}
 * @param preprocess          the preprocessing fitted on the training engines
 * @param seed                seeds the engine split, the weights, dropout, shuffling and the cuts
 */
public record RulOptions(Architecture architecture, int window, List<Integer> layers, int kernel, int dense,
                         double dropout, double learningRate, int batchSize, int maxEpochs, int patience,
                         Duration maxTrainingTime, double cap, double validationFraction,
                         double calibrationFraction, double coverage, int calibrationCuts,
                         PreprocessOptions preprocess, long seed) {

    /** The network type. */
    public enum Architecture { LSTM, CNN }

    /** Validates every component, naming the first that is invalid. */
    public RulOptions {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(layers, "layers");
        Objects.requireNonNull(maxTrainingTime, "maxTrainingTime");
        Objects.requireNonNull(preprocess, "preprocess");
        layers = List.copyOf(layers);
        positive("window", window);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("layers must hold at least one layer size, got []");
        }
        for (int size : layers) {
            if (size <= 0) {
                throw new IllegalArgumentException("every layer size must be > 0, got " + layers);
            }
        }
        positive("kernel", kernel);
        positive("dense", dense);
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        if (!(learningRate > 0 && Double.isFinite(learningRate))) {
            throw new IllegalArgumentException("learningRate must be finite and > 0, got " + learningRate);
        }
        positive("batchSize", batchSize);
        positive("maxEpochs", maxEpochs);
        positive("patience", patience);
        if (maxTrainingTime.isNegative() || maxTrainingTime.isZero()) {
            throw new IllegalArgumentException("maxTrainingTime must be positive, got " + maxTrainingTime);
        }
        if (!(cap > 0 && Double.isFinite(cap))) {
            throw new IllegalArgumentException("cap must be finite and > 0, got " + cap);
        }
        fraction("validationFraction", validationFraction);
        fraction("calibrationFraction", calibrationFraction);
        if (validationFraction + calibrationFraction >= 0.8) {
            throw new IllegalArgumentException("validationFraction + calibrationFraction must leave at least 20 % of "
                    + "the engines for training, got " + validationFraction + " + " + calibrationFraction);
        }
        if (!(coverage > 0 && coverage < 1)) {
            throw new IllegalArgumentException("coverage must be in (0, 1), got " + coverage);
        }
        positive("calibrationCuts", calibrationCuts);
    }

    /** The defaults: LSTM 64-64, dense 32, window 30, cap 125, 90 % intervals. */
    public RulOptions() {
        this(Architecture.LSTM, 30, List.of(64, 64), 10, 32, 0.2, 1e-3, 256, 60, 8, Duration.ofMinutes(10),
                RulTargets.DEFAULT_CAP, 0.15, 0.15, 0.9, 10, new PreprocessOptions(), 42);
    }

    /** A CNN with the shape of Li et al.'s DCNN: four convolutions of 10 filters and kernel 10, dense 100, dropout 0.5. */
    public static RulOptions cnn() {
        return new RulOptions().withArchitecture(Architecture.CNN, List.of(10, 10, 10, 10), 10, 100, 0.5);
    }

    public RulOptions withArchitecture(Architecture architecture, List<Integer> layers, int kernel, int dense,
                                       double dropout) {
        return new RulOptions(architecture, window, layers, kernel, dense, dropout, learningRate, batchSize, maxEpochs,
                patience, maxTrainingTime, cap, validationFraction, calibrationFraction, coverage, calibrationCuts,
                preprocess, seed);
    }

    public RulOptions withWindow(int window) {
        return new RulOptions(architecture, window, layers, kernel, dense, dropout, learningRate, batchSize, maxEpochs,
                patience, maxTrainingTime, cap, validationFraction, calibrationFraction, coverage, calibrationCuts,
                preprocess, seed);
    }

    public RulOptions withTraining(double learningRate, int batchSize, int maxEpochs, int patience,
                                   Duration maxTrainingTime) {
        return new RulOptions(architecture, window, layers, kernel, dense, dropout, learningRate, batchSize, maxEpochs,
                patience, maxTrainingTime, cap, validationFraction, calibrationFraction, coverage, calibrationCuts,
                preprocess, seed);
    }

    public RulOptions withCap(double cap) {
        return new RulOptions(architecture, window, layers, kernel, dense, dropout, learningRate, batchSize, maxEpochs,
                patience, maxTrainingTime, cap, validationFraction, calibrationFraction, coverage, calibrationCuts,
                preprocess, seed);
    }

    public RulOptions withSplit(double validationFraction, double calibrationFraction, double coverage,
                                int calibrationCuts) {
        return new RulOptions(architecture, window, layers, kernel, dense, dropout, learningRate, batchSize, maxEpochs,
                patience, maxTrainingTime, cap, validationFraction, calibrationFraction, coverage, calibrationCuts,
                preprocess, seed);
    }

    public RulOptions withPreprocess(PreprocessOptions preprocess) {
        return new RulOptions(architecture, window, layers, kernel, dense, dropout, learningRate, batchSize, maxEpochs,
                patience, maxTrainingTime, cap, validationFraction, calibrationFraction, coverage, calibrationCuts,
                preprocess, seed);
    }

    public RulOptions withSeed(long seed) {
        return new RulOptions(architecture, window, layers, kernel, dense, dropout, learningRate, batchSize, maxEpochs,
                patience, maxTrainingTime, cap, validationFraction, calibrationFraction, coverage, calibrationCuts,
                preprocess, seed);
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }

    private static void fraction(String name, double value) {
        if (!(value > 0 && value < 0.5)) {
            throw new IllegalArgumentException(name + " must be in (0, 0.5), got " + value);
        }
    }
}
