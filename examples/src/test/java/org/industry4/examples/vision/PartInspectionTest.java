package org.industry4.examples.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.industry4.vision.PatchCoreModelFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartInspectionTest {

    @Test
    void defectivePartsAreCaughtWithFewFalseAlarmsAndDrawn(@TempDir Path dir) throws Exception {
        PartInspection.Result r = PartInspection.run(dir, 1);
        assertEquals(60, r.inspected());
        assertEquals(12, r.defective());
        assertTrue(r.auroc() >= 0.95, r.toString());
        assertTrue(r.caught() >= 10, r.toString());
        assertTrue(r.falseAlarms() <= 2, r.toString());
        assertEquals(r.caught() + r.falseAlarms(), r.heatMaps().size());
        for (Path png : r.heatMaps()) {
            BufferedImage image = ImageIO.read(png.toFile());
            assertEquals(PartInspection.SIZE, image.getWidth());
        }
        assertTrue(Files.exists(r.model()));
        assertEquals(r.threshold(), new PatchCoreModelFile().read(r.model()).threshold().getAsDouble());
    }
}
