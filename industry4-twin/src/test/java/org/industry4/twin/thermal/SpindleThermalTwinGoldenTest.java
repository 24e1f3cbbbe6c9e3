package org.industry4.twin.thermal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.industry4.twin.sim.OperatingRange;
import org.industry4.twin.sim.SpindleThermalTruth;
import org.industry4.twin.sim.TrainingRows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spindle twin file format, version 1, frozen: {@code golden/spindle-twin-v1.i4} (a hybrid
 * twin with softplus correction, trained once on a small simulated history) must keep loading
 * with these parameters and predictions, and must be rewritten byte for byte. To regenerate after
 * a deliberate format change, run this class's {@code main} and update the frozen values.
 */
class SpindleThermalTwinGoldenTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/spindle-twin-v1.i4");
    private static final double[] ROW = SpindleThermalTwin.heatingRow(new double[] {7000, 0.4, 21, 1}, 35);
    private static final double TIME_CONSTANT = 823.8164196114441;
    private static final double HEATING = -0.009850173522526252;
    private static final double GROWTH_AT_35_AFTER_1H = 36.71886155350791;

    @Test
    void theGoldenFileLoadsWithItsFrozenParametersAndPredictions(@TempDir Path dir) throws IOException {
        SpindleThermalTwin twin = new SpindleThermalTwinFile().read(GOLDEN);
        assertEquals(SpindleTwinVariant.HYBRID, twin.variant());
        assertEquals(TIME_CONSTANT, twin.physicalParameters().get(SpindleThermalTwin.TIME_CONSTANT), 0);
        assertEquals(HEATING, twin.heating().predict(ROW), 0);
        double[] y = new double[1];
        twin.output(3600, new double[] {35}, new double[] {7000, 0.4, 21, 1}, y);
        assertEquals(GROWTH_AT_35_AFTER_1H, y[0], 0);

        Path copy = dir.resolve("copy.i4");
        new SpindleThermalTwinFile().write(twin, copy);
        assertArrayEquals(Files.readAllBytes(GOLDEN), Files.readAllBytes(copy));
    }

    /** Writes the golden file and prints the values to freeze. */
    public static void main(String[] args) throws IOException {
        SpindleThermalTruth truth = new SpindleThermalTruth();
        TrainingRows rows = truth.trainingRows(OperatingRange.training(), 3, 2 * 3600, 120, 3);
        SpindleThermalTwin twin = new SpindleThermalTwinTrainer(new SpindleTwinOptions()
                .withTraining(new SpindleTwinOptions().training().withHidden(java.util.List.of(4)).withEpochs(5, 5)))
                .fit(rows);
        new SpindleThermalTwinFile().write(twin, GOLDEN);
        double[] y = new double[1];
        twin.output(3600, new double[] {35}, new double[] {7000, 0.4, 21, 1}, y);
        System.out.printf(Locale.ROOT, "TIME_CONSTANT = %s; HEATING = %s; GROWTH = %s%n",
                twin.physicalParameters().get(SpindleThermalTwin.TIME_CONSTANT), twin.heating().predict(ROW), y[0]);
    }
}
