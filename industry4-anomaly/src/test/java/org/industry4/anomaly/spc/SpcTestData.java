package org.industry4.anomaly.spc;

import java.util.SplittableRandom;
import org.industry4.core.FeatureSchema;

/**
 * Generated process data for the tests: five sensors driven by two latent factors plus independent
 * noise, each in its own units, so that PCA finds two strong components and three noise ones.
 */
final class SpcTestData {

    static final FeatureSchema SCHEMA = FeatureSchema.of("flow", "pressure", "temperature", "current", "vibration");
    /** Loadings of the two latent factors on each sensor, in standard units. */
    static final double[][] W = {
            {1.0, 0.2},
            {0.8, -0.5},
            {0.3, 1.0},
            {0.9, 0.6},
            {-0.4, 0.8}};
    static final double NOISE = 0.3;
    static final double[] OFFSET = {50, 3, 70, 12, 0.02};
    static final double[] UNIT = {5, 0.4, 2, 1.5, 0.003};

    private SpcTestData() {
    }

    /** {@code n} rows of normal operation. */
    static double[][] normal(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] rows = new double[n][];
        for (int r = 0; r < n; r++) {
            rows[r] = normalRow(random);
        }
        return rows;
    }

    static double[] normalRow(SplittableRandom random) {
        double f1 = gaussian(random);
        double f2 = gaussian(random);
        double[] row = new double[W.length];
        for (int j = 0; j < W.length; j++) {
            double standard = W[j][0] * f1 + W[j][1] * f2 + NOISE * gaussian(random);
            row[j] = OFFSET[j] + UNIT[j] * standard;
        }
        return row;
    }

    /** The standard deviation of sensor {@code j} in its own units. */
    static double sd(int j) {
        return UNIT[j] * Math.sqrt(W[j][0] * W[j][0] + W[j][1] * W[j][1] + NOISE * NOISE);
    }

    /** A standard normal value (Box-Muller; one of the pair is dropped for simplicity). */
    static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
