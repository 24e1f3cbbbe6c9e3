package org.industry4.anomaly.fault;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Makes the golden file {@code src/test/resources/golden/fault-classifier-v1.i4} that {@link
 * FaultClassifierFileTest} reads. Run once when a payload version is introduced, then never again
 * for that version: {@code java ... org.industry4.anomaly.fault.FaultClassifierGolden
 * industry4-anomaly/src/test/resources/golden/fault-classifier-v1.i4}. It prints the probabilities
 * of {@link #probes()} for the test's expected values.
 */
final class FaultClassifierGolden {

    private FaultClassifierGolden() {
    }

    /** The model in the golden file: 5 shallow trees on 60 rows of three classes. */
    static FaultClassifierModel model() {
        FaultTestData.Labelled data = FaultTestData.sample(3, 20, 1.0, 21);
        return new FaultClassifierTrainer(new FaultClassifierOptions().withTrees(5).withMaxDepth(4).withSeed(5)
                .withUnknownThreshold(0.6)).fit(data.x(), data.labels(), FaultTestData.SCHEMA);
    }

    /** Vectors whose diagnoses the golden test checks: one per class, one between two, one out of range. */
    static double[][] probes() {
        return new double[][] {
                {0.2, -0.3, 0.1, 1.0},
                {5.5, 0.4, -0.5, 2.0},
                {-0.4, 6.2, 0.8, 0.5},
                {3.1, 2.9, 0.0, 1.5},
                {20.0, 0.0, 0.0, 1.5}};
    }

    public static void main(String[] args) throws IOException {
        FaultClassifierModel model = model();
        new FaultClassifierFile().write(model, Path.of(args[0]));
        System.out.println(model);
        for (double[] probe : probes()) {
            Diagnosis d = model.classify(probe);
            System.out.println(Arrays.toString(d.probabilities()) + " " + d.label() + " " + d.outOfRange());
        }
    }
}
