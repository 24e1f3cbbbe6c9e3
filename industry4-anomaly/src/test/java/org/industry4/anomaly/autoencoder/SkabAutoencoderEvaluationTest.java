package org.industry4.anomaly.autoencoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.industry4.anomaly.metrics.DetectionMetrics;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class SkabAutoencoderEvaluationTest {

    @Test
    void onSkabTheVanillaAutoencoderBeatsTheAlwaysAlarmingDetector() throws IOException {
        Path data = SkabData.folder();
        Assumptions.assumeTrue(data != null, "SKAB data not found under industry4.shared.dir; skipping");

        List<SkabData.Run> runs = SkabData.labelledRuns(data);
        SkabAutoencoderEvaluation.Variant vanilla = SkabAutoencoderEvaluation.vanilla().withMedian(5);
        List<SkabAutoencoderEvaluation.Scored> scored = SkabAutoencoderEvaluation.scoreAll(runs, vanilla,
                SkabAutoencoderEvaluation.TRAIN_ROWS);
        DetectionMetrics m = SkabAutoencoderEvaluation.evaluate(scored, vanilla);
        long rows = runs.stream().mapToLong(r -> r.x().length - SkabAutoencoderEvaluation.TRAIN_ROWS).sum();
        assertEquals(rows, m.total());
        // SKAB's test parts are about half anomalous, so alarming on every row already reaches an F1
        // of 2P / (2P + N); the autoencoder with its own threshold rule must do better, alarming on
        // fewer than half the normal rows.
        long anomalous = m.truePositives() + m.falseNegatives();
        long normal = m.falsePositives() + m.trueNegatives();
        double alwaysAlarm = 2.0 * anomalous / (2.0 * anomalous + normal);
        assertTrue(m.f1() > alwaysAlarm + 0.03, m + " vs always-alarm F1 " + alwaysAlarm);
        assertTrue(m.falseAlarmRate() < 0.5, m.toString());
    }
}
