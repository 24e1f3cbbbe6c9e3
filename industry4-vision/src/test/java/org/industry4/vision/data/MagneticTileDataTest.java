package org.industry4.vision.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.industry4.vision.image.ImageTensor;
import org.industry4.vision.image.Images;
import org.industry4.vision.image.Mask;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The real Magnetic Tile data set from {@code ../shared/data/magnetic-tile} (location from the
 * system property {@code industry4.shared.dir}); skipped where the folder is absent, as in a
 * user's clone.
 */
class MagneticTileDataTest {

    private static Path dataDir() {
        String shared = System.getProperty("industry4.shared.dir");
        Path dir = shared == null ? null : Path.of(shared, "data", "magnetic-tile");
        Assumptions.assumeTrue(dir != null && Files.isDirectory(dir),
                "skipped: ../shared/data/magnetic-tile is absent (set -Dindustry4.shared.dir)");
        return dir;
    }

    @Test
    void loadsThePublishedCountsAndEveryDefectHasAMaskOfItsSize() throws IOException {
        // As distributed, three Uneven masks mark no pixel (exp3_num_45042, exp4_num_124690,
        // exp4_num_352527): image-level defects that add only good pixels to a pixel AUROC.
        InspectionDataset data = ImageDatasets.magneticTile(dataDir(), 0.5, 0);
        assertEquals(297, data.trainCount()); // round(0.5 * 593)
        assertEquals(Map.of("good", 296, "Blowhole", 69, "Break", 43, "Crack", 33, "Fray", 16, "Uneven", 65),
                data.labelCounts());
        Map<String, Integer> emptyMasks = new TreeMap<>();
        for (InspectionSample s : data.testDefective()) {
            ImageTensor image = Images.read(s.image());
            Mask mask = Images.readMask(s.mask());
            assertEquals(3, image.channels());
            assertTrue(image.width() >= 103 && image.width() <= 632 && image.height() >= 222 && image.height() <= 403,
                    s.image() + " is " + image);
            assertEquals(image.height(), mask.height(), s.mask().toString());
            assertEquals(image.width(), mask.width(), s.mask().toString());
            if (mask.defectCount() == 0) {
                emptyMasks.merge(s.label(), 1, Integer::sum);
            }
        }
        assertEquals(Map.of("Uneven", 3), emptyMasks);
    }
}
