package org.industry4.anomaly.fault;

import java.util.SplittableRandom;
import org.industry4.core.FeatureSchema;

/** Labelled Gaussian clusters the tests generate: class centres on the first two features, noise features after. */
final class FaultTestData {

    /** Two informative features and two of noise. */
    static final FeatureSchema SCHEMA = FeatureSchema.of("x", "y", "noise1", "noise2");
    /** Class names and centres (x, y); the last, "seized", is never trained on. */
    static final String[] CLASSES = {"normal", "bearing", "overheating", "seized"};
    static final double[][] CENTRES = {{0, 0}, {6, 0}, {0, 6}, {6, 6}};

    private FaultTestData() {
    }

    /** Rows and labels of {@code perClass} rows of each of the first {@code classes} classes, interleaved. */
    static Labelled sample(int classes, int perClass, double sd, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[classes * perClass][];
        String[] labels = new String[x.length];
        for (int i = 0; i < x.length; i++) {
            int c = i % classes;
            x[i] = row(c, sd, random);
            labels[i] = CLASSES[c];
        }
        return new Labelled(x, labels);
    }

    /** One row of class {@code c}. */
    static double[] row(int c, double sd, SplittableRandom random) {
        return new double[] {
                CENTRES[c][0] + sd * random.nextGaussian(),
                CENTRES[c][1] + sd * random.nextGaussian(),
                random.nextGaussian(),
                3 * random.nextDouble()};
    }

    /** Rows with their class names. */
    record Labelled(double[][] x, String[] labels) {
    }
}
