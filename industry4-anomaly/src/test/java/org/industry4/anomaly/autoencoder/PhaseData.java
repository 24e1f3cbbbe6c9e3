package org.industry4.anomaly.autoencoder;

import java.util.List;
import java.util.SplittableRandom;
import org.industry4.core.FeatureSchema;

/**
 * Three sensors of a rotating machine, period 16 rows: {@code a = sin(phi)}, {@code b = cos(phi)}
 * (a quarter period behind), {@code c = 0.6 a + 0.4 b}, each with Gaussian noise of 0.05, and a
 * small jitter of the phase. Anomalies: a broken phase relation ({@code b} in phase with {@code a})
 * or a burst of spikes on {@code c}.
 */
final class PhaseData {

    static final FeatureSchema SENSORS = FeatureSchema.of("a", "b", "c");
    static final int PERIOD = 16;

    private PhaseData() {
    }

    static double[][] normal(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double phase = random.nextDouble(0, 2 * Math.PI);
        double[][] out = new double[rows][];
        for (int t = 0; t < rows; t++) {
            phase += 2 * Math.PI / PERIOD * (1 + 0.02 * gaussian(random));
            double a = Math.sin(phase);
            double b = Math.cos(phase);
            out[t] = new double[] {a + 0.05 * gaussian(random), b + 0.05 * gaussian(random),
                    0.6 * a + 0.4 * b + 0.05 * gaussian(random)};
        }
        return out;
    }

    /** {@code b} follows {@code a}'s phase (a broken coupling) on rows {@code from .. to - 1}. */
    static double[][] phaseBreak(double[][] series, int from, int to) {
        double[][] out = copy(series);
        for (int t = from; t < to; t++) {
            out[t][1] = out[t][0];
        }
        return out;
    }

    /** Spikes of +2 on {@code c} every other row on rows {@code from .. to - 1}. */
    static double[][] spikeBurst(double[][] series, int from, int to) {
        double[][] out = copy(series);
        for (int t = from; t < to; t += 2) {
            out[t][2] += 2;
        }
        return out;
    }

    /** Small options for tests: window 16, encoder (6, 5, 2), (4, 3, 2), 40 epochs at most. */
    static ConvAutoencoderOptions options() {
        return new ConvAutoencoderOptions().withWindow(16)
                .withEncoder(List.of(new ConvAutoencoderOptions.ConvLayer(6, 5, 2),
                        new ConvAutoencoderOptions.ConvLayer(4, 3, 2)))
                .withDropout(0.1).withLearningRate(0.01).withBatchSize(16).withEpochs(40, 5)
                .withValidationFraction(0.2).withSeed(7);
    }

    private static double[][] copy(double[][] series) {
        double[][] out = new double[series.length][];
        for (int t = 0; t < series.length; t++) {
            out[t] = series[t].clone();
        }
        return out;
    }

    private static double gaussian(SplittableRandom random) {
        double u = random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    /** One model trained on 300 normal rows, shared by the tests that only score. */
    static synchronized ConvAutoencoderModel shared() {
        if (shared == null) {
            shared = new ConvAutoencoderTrainer(options()).fit(normal(300, 1), SENSORS);
        }
        return shared;
    }

    private static ConvAutoencoderModel shared;
}
