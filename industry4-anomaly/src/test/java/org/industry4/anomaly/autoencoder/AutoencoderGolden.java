package org.industry4.anomaly.autoencoder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.industry4.core.FeatureSchema;

/**
 * Makes the golden file {@code src/test/resources/golden/autoencoder-v1.i4} that
 * {@link AutoencoderFileTest} reads: a tiny autoencoder {@code 3 -> 4 -> 1 -> 4 -> 3}. Run once when
 * a payload version is introduced, then never again for that version:
 * {@code java ... org.industry4.anomaly.autoencoder.AutoencoderGolden industry4-anomaly/src/test/resources/golden/autoencoder-v1.i4}.
 * It prints the threshold and the scores of {@link #probes()} for the test's expected values.
 */
final class AutoencoderGolden {

    static final FeatureSchema SCHEMA = FeatureSchema.of("a", "b", "c");

    private AutoencoderGolden() {
    }

    static AutoencoderOptions options() {
        return new AutoencoderOptions().withLayers(List.of(4), 1).withEpochs(400, 400).withLearningRate(0.01);
    }

    /** 60 rows: b = 2a, c = a^2, small noise. */
    static double[][] rows() {
        SplittableRandom random = new SplittableRandom(3);
        double[][] rows = new double[60][];
        for (int i = 0; i < rows.length; i++) {
            double a = random.nextDouble(-1, 1);
            rows[i] = new double[] {a, 2 * a + 0.05 * random.nextDouble(-1, 1),
                    a * a + 0.05 * random.nextDouble(-1, 1)};
        }
        return rows;
    }

    /** A normal observation, one off the curve on c, one far off on b. */
    static double[][] probes() {
        return new double[][] {{0.5, 1.0, 0.25}, {0.5, 1.0, 0.9}, {-0.2, 1.5, 0.04}};
    }

    public static void main(String[] args) throws IOException {
        AutoencoderModel model = new AutoencoderTrainer(options()).fit(rows(), SCHEMA);
        new AutoencoderFile().write(model, Path.of(args[0]));
        System.out.println("threshold " + model.threshold());
        for (double[] probe : probes()) {
            System.out.println(model.score(probe) + ",");
        }
    }
}
