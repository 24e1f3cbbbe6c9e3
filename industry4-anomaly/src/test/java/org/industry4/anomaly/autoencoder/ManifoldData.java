package org.industry4.anomaly.autoencoder;

import java.util.SplittableRandom;
import org.industry4.core.FeatureSchema;

/**
 * Generated test data: eight sensors driven by two hidden variables {@code u, v} (uniform in
 * [-1, 1]), four linearly and four nonlinearly, plus Gaussian noise of standard deviation 0.02.
 * Normal rows lie close to a two-dimensional surface in eight dimensions; moving one sensor off it
 * makes an outlier that no single sensor's range reveals.
 */
final class ManifoldData {

    static final FeatureSchema SCHEMA = FeatureSchema.of("flow", "pressure", "power", "temperature", "vibration",
            "current", "speed", "torque");
    static final double NOISE = 0.02;

    private ManifoldData() {
    }

    /** {@code n} normal rows from seed {@code seed}. */
    static double[][] normal(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble(-1, 1);
            double v = random.nextDouble(-1, 1);
            rows[i] = new double[] {
                    u + noise(random),
                    v + noise(random),
                    u + v + noise(random),
                    u - v + noise(random),
                    u * v + noise(random),
                    Math.sin(2 * u) + noise(random),
                    v * v + noise(random),
                    Math.tanh(u + 2 * v) + noise(random)};
        }
        return rows;
    }

    /** A copy of {@code row} with feature {@code feature} moved by {@code delta}. */
    static double[] disturbed(double[] row, int feature, double delta) {
        double[] out = row.clone();
        out[feature] += delta;
        return out;
    }

    private static double noise(SplittableRandom random) {
        // Box-Muller from the stream, so the data depends only on the seed.
        double a = random.nextDouble();
        double b = random.nextDouble();
        return NOISE * Math.sqrt(-2 * Math.log1p(-a)) * Math.cos(2 * Math.PI * b);
    }
}
