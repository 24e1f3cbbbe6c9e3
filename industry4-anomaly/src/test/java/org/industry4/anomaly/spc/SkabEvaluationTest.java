package org.industry4.anomaly.spc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class SkabEvaluationTest {

    @Test
    void onSkabPcaProcessControlBeatsTheAlwaysAlarmingDetector() throws IOException {
        String shared = System.getProperty("industry4.shared.dir", "../shared");
        Path data = Path.of(shared, "data", "skab", "data");
        Assumptions.assumeTrue(Files.isDirectory(data), "SKAB data not found at " + data + "; skipping");

        SkabEvaluation.Result result = SkabEvaluation.run(data,
                new PcaSpcOptions().withVarianceFraction(0.85).withConfidence(0.999), 5);
        assertTrue(result.files() > 0);
        long anomalous = result.tp() + result.fn();
        long normal = result.fp() + result.tn();
        assertEquals(result.rows(), anomalous + normal);
        // SKAB's test parts are about half anomalous, so alarming on every row already reaches an F1
        // of 2P / (2P + N); the method must do better, with fewer than half the normal rows alarmed.
        double alwaysAlarm = 2.0 * anomalous / (2.0 * anomalous + normal);
        assertTrue(result.f1() > alwaysAlarm, result + " vs always-alarm F1 " + alwaysAlarm);
        assertTrue(result.falseAlarmRate() < 0.5, result.toString());
    }
}
