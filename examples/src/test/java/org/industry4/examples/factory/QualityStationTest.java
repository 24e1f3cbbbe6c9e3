package org.industry4.examples.factory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.industry4.vision.PatchCoreModel;
import org.industry4.vision.features.FeatureExtractor;
import org.industry4.vision.features.FilterBankExtractor;
import org.industry4.vision.features.OnnxFeatureExtractor;
import org.industry4.vision.image.Preprocessing;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quality station on parts it generates: worn tools make defects, PatchCore finds them, rejects get heat maps. */
class QualityStationTest {

    @TempDir
    Path dir;

    @Test
    void defectsFollowToolWearAndTheFilterBankPatchCoreCatchesThem() throws Exception {
        assertEquals(0.03, QualityStation.defectProbability(0.2), 1e-12);
        assertEquals(0.33, QualityStation.defectProbability(0.95), 1e-12);
        try (FeatureExtractor extractor = new FilterBankExtractor()) {
            Preprocessing preprocessing = new Preprocessing().withResize(OfflineTraining.PART_SIZE,
                    OfflineTraining.PART_SIZE);
            inspectAStream(extractor, preprocessing);
        }
    }

    @Test
    void anOnnxBackboneServesTheStationWhereTheSharedModelIsPresent() throws Exception {
        // The parent pom's surefire sets industry4.shared.dir; from the module folder it is ../../shared.
        Path model = Path.of(System.getProperty("industry4.shared.dir", "../../shared"))
                .resolve("models/mobilenetv2-int8/mobilenetv2-12-int8-features.onnx");
        Assumptions.assumeTrue(Files.isRegularFile(model), "skipped: the shared MobileNetV2 features model is not at "
                + model.toAbsolutePath() + " (set -Dindustry4.shared.dir)");
        try (FeatureExtractor extractor = OnnxFeatureExtractor.open(model, List.of("feat_s8_32x28x28", "feat_s16_96x14x14"))) {
            inspectAStream(extractor, new Preprocessing().withResize(224, 224));
        }
    }

    private void inspectAStream(FeatureExtractor extractor, Preprocessing preprocessing) throws Exception {
        PatchCoreModel model = OfflineTraining.inspection(extractor, preprocessing, 40, 5);
        QualityStation station = new QualityStation(model, extractor, preprocessing, dir.resolve("heatmaps"), 3, 9);
        int defective = 0;
        int caught = 0;
        int falseRejects = 0;
        int heatMaps = 0;
        for (int part = 1; part <= 60; part++) {
            QualityStation.Inspection i = station.inspect("cnc-07", part, Instant.EPOCH.plusSeconds(part), 0.95);
            assertEquals(String.format("cnc-07-%05d", part), i.partId());
            defective += i.defective() ? 1 : 0;
            caught += i.defective() && i.flagged() ? 1 : 0;
            falseRejects += !i.defective() && i.flagged() ? 1 : 0;
            if (i.heatMap() != null) {
                heatMaps++;
                assertTrue(i.flagged() && Files.size(i.heatMap()) > 1000);
            }
        }
        // A third of the parts of a worn tool are defective; nearly all are caught, few good ones rejected.
        assertTrue(defective >= 8 && defective <= 35, "defective " + defective);
        assertTrue(caught >= defective - 2, caught + " of " + defective + " caught");
        assertTrue(falseRejects <= 4, "false rejects " + falseRejects);
        assertEquals(Math.min(3, caught + falseRejects), heatMaps, "heat maps are capped");
    }
}
