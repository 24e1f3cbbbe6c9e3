package org.industry4.vision;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.imageio.ImageIO;
import org.industry4.vision.data.ImageDatasets;
import org.industry4.vision.data.InspectionDataset;
import org.industry4.vision.data.InspectionSample;
import org.industry4.vision.data.SyntheticParts;
import org.industry4.vision.data.SyntheticParts.Defect;
import org.industry4.vision.features.FeatureExtractor;
import org.industry4.vision.features.FilterBankExtractor;
import org.industry4.vision.image.HeatMaps;
import org.industry4.vision.image.ImageTensor;
import org.industry4.vision.image.Images;
import org.industry4.vision.image.Preprocessing;
import org.industry4.vision.metrics.Thresholds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "Use" snippet, on a Magnetic-Tile-layout folder of generated parts, with the filter bank. */
class ReadmeUseTest {

    @Test
    void theReadmeSnippetRuns(@TempDir Path dir) throws IOException {
        Path tiles = dir.resolve("magnetic-tile");
        writeFolder(tiles.resolve("MT_Free/Imgs"), Defect.NONE, 24, 0);
        writeFolder(tiles.resolve("MT_Crack/Imgs"), Defect.SCRATCH, 4, 100);
        Path part = tiles.resolve("MT_Crack/Imgs/part-100.jpg");

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (FeatureExtractor extractor = new FilterBankExtractor()) {
            Preprocessing preprocessing = new Preprocessing().withResize(96, 96);
            // --- README ---
            InspectionDataset data = ImageDatasets.magneticTile(tiles, 0.5, 42);
            List<Path> good = data.train().stream().map(InspectionSample::image).toList();
            PatchCoreModel model = new PatchCoreTrainer(new PatchCoreOptions().withCoresetRatio(0.1))
                    .fit(extractor, preprocessing, good, pool);

            List<InspectionSample> heldOut = data.testGood();
            double[] goodScores = new double[heldOut.size()];
            for (int i = 0; i < goodScores.length; i++) {
                goodScores[i] = model.score(extractor, heldOut.get(i).image()).score();
            }
            model = model.withThreshold(Thresholds.percentile(goodScores, 99));
            new PatchCoreModelFile().write(model, dir.resolve("tiles.i4"));

            AnomalyMap result = model.score(extractor, part);
            if (model.isDefective(result)) {
                ImageTensor view = model.preprocessing().view(Images.read(part));
                HeatMaps.writeOverlay(dir.resolve("part-heat.png"), view, result.values(),
                        model.threshold().getAsDouble(), result.max());
            }
            // --- end ---
            assertTrue(model.isDefective(result), "the scratched part is flagged: " + result.score());
            assertTrue(Files.exists(dir.resolve("part-heat.png")));
            assertTrue(Files.exists(dir.resolve("tiles.i4")));
        } finally {
            pool.shutdown();
        }
    }

    private static void writeFolder(Path folder, Defect defect, int count, int seed) throws IOException {
        Files.createDirectories(folder);
        for (int i = 0; i < count; i++) {
            SyntheticParts.Part p = SyntheticParts.generate(96, 96, defect, seed + i);
            BufferedImage image = new BufferedImage(96, 96, BufferedImage.TYPE_BYTE_GRAY);
            BufferedImage mask = new BufferedImage(96, 96, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < 96; y++) {
                for (int x = 0; x < 96; x++) {
                    image.getRaster().setSample(x, y, 0, Math.round(p.image().get(0, y, x) * 255));
                    mask.getRaster().setSample(x, y, 0, p.mask().isDefect(y, x) ? 255 : 0);
                }
            }
            ImageIO.write(image, "jpg", folder.resolve("part-" + (seed + i) + ".jpg").toFile());
            ImageIO.write(mask, "png", folder.resolve("part-" + (seed + i) + ".png").toFile());
        }
    }
}
