package org.industry4.anomaly.autoencoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.industry4.core.FeatureSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The autoencoder snippet of the module README, kept compiling and true. */
class AutoencoderReadmeExampleTest {

    @TempDir
    Path dir;

    @Test
    void theReadmeSnippetNamesTheDisturbedSensor() throws IOException {
        double[][] normalRows = ManifoldData.normal(1000, 40);
        double[][] batch = ManifoldData.normal(100, 41);
        double[] x = ManifoldData.disturbed(batch[0], 4, 0.8);
        Path file = dir.resolve("ae.i4");
        String found = null;
        double[] scores;
        double[] c = null;

        // README snippet starts
        FeatureSchema schema = FeatureSchema.of("flow", "pressure", "power", "temperature", "vibration", "current",
                "speed", "torque");
        AutoencoderOptions options = new AutoencoderOptions()         // 8-32-16-2-16-32-8, ELU, Adam, seed 42
                .withThreshold(ThresholdRule.percentile(99));         // or ThresholdRule.falseAlarmRate(0.01)
        AutoencoderModel model = new AutoencoderTrainer(options)      // DL4J trains; the model is plain Java
                .fit(normalRows, schema);                             // normal operation only, logs each epoch
        if (model.isAnomaly(x)) {                                     // score(x) > threshold()
            String sensor = model.topContributor(x);                  // e.g. "vibration"
            c = model.contributions(x);                               // per sensor, schema order; sum = score(x)
            found = sensor;
        }
        scores = model.scoreAll(batch);                               // thread-safe, lock-free
        new AutoencoderFile().write(model, file);                     // versioned envelope "autoencoder" v1
        AutoencoderModel loaded = new AutoencoderFile().read(file);   // no native library needed
        assertArrayEquals(scores, loaded.scoreAll(batch));            // identical scores
        // README snippet ends

        assertEquals("vibration", found);
        assertTrue(c[4] > 0.5 * java.util.Arrays.stream(c).sum());
    }
}
