package org.industry4.anomaly.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.industry4.core.FeatureSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fault classification snippet of the module README, kept compiling and true. */
class FaultReadmeExampleTest {

    /**
     * Training windows, a quarter per kind. The range check's false unknowns shrink with the rows per
     * class: measured here on 400 fresh windows, 36 with 50 windows per kind, 10 with 100, 6 with 200,
     * 1 with 400.
     */
    private static final int TRAINING = 800;

    @TempDir
    Path dir;

    /** A window of 30 ticks of 5 signals: noise around the normal levels, plus the fault's pattern. */
    private static double[][] window(String kind, SplittableRandom random) {
        double[][] w = new double[30][];
        for (int t = 0; t < w.length; t++) {
            double[] row = {
                    9000 + 10 * random.nextGaussian(), 0.8 + 0.02 * random.nextGaussian(),
                    45 + 0.05 * random.nextGaussian(), 55 + 0.05 * random.nextGaussian(), 12 + 0.1 * random.nextGaussian()};
            switch (kind) {
                case "bearing" -> row[1] += 0.03 * t;
                case "overheating" -> row[3] += 0.2 * t;
                case "dropout" -> row[4] = t < 5 ? Double.NaN : row[4];
                case "seized" -> row[0] -= 200 * t;
                default -> { }
            }
            w[t] = row;
        }
        return w;
    }

    @Test
    void theReadmeSnippetDiagnosesKnownFaultsAndAnUnknownOne() throws IOException {
        SplittableRandom random = new SplittableRandom(3);
        List<double[][]> windows = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        for (int i = 0; i < TRAINING; i++) {
            String kind = List.of("normal", "bearing", "overheating", "dropout").get(i % 4);
            windows.add(window(kind, random));
            kinds.add(kind);
        }
        String[] labels = kinds.toArray(String[]::new);
        double[][] window = window("seized", random);
        ExecutorService executor = Executors.newFixedThreadPool(2);
        String message = null;

        // README snippet starts
        FeatureSchema signals = FeatureSchema.of("spindle_speed", "vibration", "bearing_temp", "spindle_temp",
                "motor_current");
        WindowFeatures features = new WindowFeatures(signals, MissingValues.COUNT); // NaN = BAD-quality reading
        double[][] x = features.featuresAll(windows);              // List<double[ticks][5]> -> double[n][40]
        FaultClassifierModel model = new FaultClassifierTrainer(new FaultClassifierOptions()  // 100 trees
                .withUnknownThreshold(0.6))                          // and the range check, margin 0.25
                .fit(x, labels, features.schema(), executor);        // labels: "normal", "bearing", ...

        Diagnosis d = model.classify(features.features(window));    // label, confidence, probabilities
        if (d.unknown()) {                                          // no class confident, or new in a feature
            String nearest = model.classes().get(d.classIndex());   // e.g. "normal"
            message = "unknown fault (nearest " + nearest + "), new in " + d.outOfRange();
        }
        new FaultClassifierFile().write(model, dir.resolve("faults.i4"));  // envelope "fault-classifier" v1
        // README snippet ends

        executor.shutdown();
        assertTrue(d.unknown(), d.toString());
        assertTrue(message.startsWith("unknown fault (nearest "), message);
        assertTrue(d.outOfRange().startsWith("spindle_speed."), d.toString());
        // Fresh windows of the trained kinds: right when answered; a few are new in one of 40 features.
        int unknown = 0;
        for (int i = 0; i < 400; i++) {
            String kind = List.of("normal", "bearing", "overheating", "dropout").get(i % 4);
            Diagnosis known = model.classify(features.features(window(kind, random)));
            if (known.unknown()) {
                unknown++;
            } else {
                assertEquals(kind, known.label(), known.toString());
            }
        }
        assertTrue(unknown <= 12, unknown + " of 400 fresh windows of trained kinds answered unknown");
        FaultClassifierModel loaded = new FaultClassifierFile().read(dir.resolve("faults.i4"));
        assertEquals(d, loaded.classify(features.features(window)));
    }
}
