package org.industry4.anomaly.autoencoder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.industry4.core.FeatureSchema;

/**
 * Makes the golden file {@code src/test/resources/golden/conv-autoencoder-v1.i4} that
 * {@link ConvAutoencoderFileTest} reads: a tiny conv autoencoder on 2 sensors, window 8, encoder
 * {@code (3, 3, 2)}. Run once when a payload version is introduced, then never again for that
 * version (with the test classpath):
 * {@code java ... org.industry4.anomaly.autoencoder.ConvAutoencoderGolden industry4-anomaly/src/test/resources/golden/conv-autoencoder-v1.i4}.
 * It prints the threshold and the scores of {@link #probes()} for the test's expected values.
 */
final class ConvAutoencoderGolden {

    static final FeatureSchema SENSORS = FeatureSchema.of("a", "b");

    private ConvAutoencoderGolden() {
    }

    static ConvAutoencoderOptions options() {
        return new ConvAutoencoderOptions().withWindow(8).withEncoder(List.of(new ConvAutoencoderOptions.ConvLayer(3, 3, 2)))
                .withDropout(0).withLearningRate(0.01).withBatchSize(8).withEpochs(20, 20).withValidationFraction(0.2)
                .withSeed(5);
    }

    /** 80 rows: a = sin, b = cos, period 16, noise 0.05. */
    static double[][] rows() {
        double[][] three = PhaseData.normal(80, 12);
        double[][] rows = new double[three.length][];
        for (int t = 0; t < rows.length; t++) {
            rows[t] = new double[] {three[t][0], three[t][1]};
        }
        return rows;
    }

    /** A normal window, one with b in phase with a, one with a spike on a. */
    static double[][] probes() {
        double[][] rows = rows();
        double[] normal = SlidingWindows.window(rows, 30, 8);
        double[] broken = normal.clone();
        double[] spiked = normal.clone();
        for (int t = 0; t < 8; t++) {
            broken[2 * t + 1] = broken[2 * t];
        }
        spiked[2 * 4] += 3;
        return new double[][] {normal, broken, spiked};
    }

    public static void main(String[] args) throws IOException {
        ConvAutoencoderModel model = new ConvAutoencoderTrainer(options()).fit(rows(), SENSORS);
        new ConvAutoencoderFile().write(model, Path.of(args[0]));
        System.out.println("threshold " + model.threshold());
        for (double[] probe : probes()) {
            System.out.println(model.score(probe) + ",");
        }
    }
}
