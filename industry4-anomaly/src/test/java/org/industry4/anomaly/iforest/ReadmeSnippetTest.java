package org.industry4.anomaly.iforest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.industry4.core.FeatureSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Isolation Forest snippet of the module README, kept compiling and true. */
class ReadmeSnippetTest {

    @TempDir
    Path dir;

    @Test
    void theReadmeQuickStartRuns() throws IOException {
        double[][] normal = TestData.blob(5000, 3, 1);
        Path file = dir.resolve("spindle.i4");

        // --- README: Isolation Forest ---
        FeatureSchema schema = FeatureSchema.of("spindle_temp", "vibration", "current");
        IsolationForestModel model = new IsolationForestTrainer(new IsolationForestOptions()
                .withContamination(0.01))                     // 1 % of training rows above threshold()
                .fit(normal, schema);                         // rows of normal operation
        double[] x = {6.0, -5.0, 7.5};
        double s = model.score(x);                            // in (0, 1], higher = more anomalous
        boolean alarm = model.isAnomaly(x);                   // s > model.threshold()
        double[] batch = model.scoreAll(normal);              // same values as score(), row by row

        ExecutorService pool = Executors.newFixedThreadPool(4); // parallel training: same model
        IsolationForestModel same = new IsolationForestTrainer(new IsolationForestOptions()
                .withContamination(0.01)).fit(normal, schema, pool);
        pool.shutdown();

        IsolationForestFile files = new IsolationForestFile();
        files.write(model, file);                             // versioned envelope, atomic write
        IsolationForestModel loaded = files.read(file);
        // --- end ---

        assertTrue(alarm && s > model.threshold());
        assertEquals(model.score(normal[7]), batch[7], 0.0);
        assertEquals(s, same.score(x), 0.0);
        assertEquals(s, loaded.score(x), 0.0);
    }
}
