package org.industry4.anomaly.spc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.industry4.core.FeatureSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The usage snippet of the module README, kept compiling and true. */
class ReadmeExampleTest {

    @TempDir
    Path dir;

    @Test
    void theReadmeSnippetNamesTheDisturbedSensor() throws IOException {
        double[][] normalRows = SpcTestData.normal(1000, 1);
        double[] x = SpcTestData.normal(1, 2)[0];
        x[1] += 5 * SpcTestData.sd(1);
        String found = null;

        // README snippet starts
        FeatureSchema schema = FeatureSchema.of("flow", "pressure", "temperature", "current", "vibration");
        PcaSpcModel model = new PcaSpcTrainer(new PcaSpcOptions()          // 90 % variance, 99 % limits, z-scored
                .withConfidence(0.995))
                .fit(normalRows, schema);                                  // double[n][5], normal operation only

        SpcStatistics s = model.statistics(x);                             // t2, q, t2Limit, qLimit
        if (s.outOfControl()) {                                            // same as model.score(x) > 1
            double[] c = s.qOutOfControl() ? model.qContributions(x) : model.t2Contributions(x);
            String sensor = model.topContributor(c);                       // e.g. "pressure"
            found = sensor;
        }
        new PcaSpcFile().write(model, dir.resolve("spc.i4"));              // versioned envelope "pca-spc" v1
        // README snippet ends

        assertTrue(s.qOutOfControl());
        assertEquals("pressure", found);
        assertEquals(model.statistics(x), new PcaSpcFile().read(dir.resolve("spc.i4")).statistics(x));
    }
}
