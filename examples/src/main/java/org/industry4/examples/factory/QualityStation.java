package org.industry4.examples.factory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.SplittableRandom;
import org.industry4.vision.AnomalyMap;
import org.industry4.vision.PatchCoreModel;
import org.industry4.vision.data.SyntheticParts;
import org.industry4.vision.data.SyntheticParts.Defect;
import org.industry4.vision.data.SyntheticParts.Part;
import org.industry4.vision.features.FeatureExtractor;
import org.industry4.vision.image.HeatMaps;
import org.industry4.vision.image.Preprocessing;

/**
 * The camera at the end of the line: every finished part is photographed (a generated part image)
 * and scored by PatchCore; a flagged part gets a heat map. Defects become likelier as the tool
 * wears: 3 % with a fresh tool, rising to 33 % as the wear goes from 0.6 to 0.9 of the tool's life
 * (the simulator changes the tool at 0.9), so quality follows the process. Not thread-safe.
 */
final class QualityStation {

    /**
     * One inspected part.
     *
     * @param partId     {@code <machine>-<part number>}
     * @param machine    the machine that made it
     * @param time       when it was finished (simulated time)
     * @param score      its PatchCore image score
     * @param threshold  the model's threshold
     * @param flagged    whether inspection rejected it
     * @param defect     what the part truly has (the generator's ground truth)
     * @param heatMap    the heat map written for a flagged part, or null (none written, or over the limit)
     */
    record Inspection(String partId, String machine, Instant time, double score, double threshold, boolean flagged,
                      Defect defect, Path heatMap) {
        boolean defective() {
            return defect != Defect.NONE;
        }
    }

    private final PatchCoreModel model;
    private final FeatureExtractor extractor;
    private final Preprocessing preprocessing;
    private final Path heatMapDirectory;
    private final int maxHeatMaps;
    private final long seed;
    private int heatMaps;

    QualityStation(PatchCoreModel model, FeatureExtractor extractor, Preprocessing preprocessing,
                   Path heatMapDirectory, int maxHeatMaps, long seed) {
        this.model = model;
        this.extractor = extractor;
        this.preprocessing = preprocessing;
        this.heatMapDirectory = heatMapDirectory;
        this.maxHeatMaps = maxHeatMaps;
        this.seed = seed;
    }

    static double defectProbability(double toolWear) {
        double worn = Math.min(1, Math.max(0, (toolWear - 0.6) / 0.3));
        return 0.03 + 0.3 * worn;
    }

    Inspection inspect(String machine, long partNumber, Instant time, double toolWear) throws IOException {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + machine.hashCode() * 65_537L + partNumber);
        Defect defect = random.nextDouble() < defectProbability(toolWear)
                ? (random.nextBoolean() ? Defect.SCRATCH : Defect.BLOB) : Defect.NONE;
        Part part = SyntheticParts.generate(OfflineTraining.PART_SIZE, OfflineTraining.PART_SIZE, defect,
                random.nextLong());
        AnomalyMap map = model.score(extractor, part.image());
        boolean flagged = model.isDefective(map);
        String id = String.format(Locale.ROOT, "%s-%05d", machine, partNumber);
        Path heatMap = null;
        if (flagged && heatMaps < maxHeatMaps) {
            Files.createDirectories(heatMapDirectory);
            heatMap = heatMapDirectory.resolve(id + ".png");
            HeatMaps.writeOverlay(heatMap, preprocessing.view(part.image()), map.values(), model.threshold().getAsDouble(),
                    Math.max(map.max(), model.threshold().getAsDouble() * 1.5), preprocessing.apply(part.mask()));
            heatMaps++;
        }
        return new Inspection(id, machine, time, map.score(), model.threshold().getAsDouble(), flagged, defect, heatMap);
    }
}
