package org.industry4.examples.vision;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.industry4.vision.AnomalyMap;
import org.industry4.vision.PatchCoreModel;
import org.industry4.vision.PatchCoreModelFile;
import org.industry4.vision.PatchCoreOptions;
import org.industry4.vision.PatchCoreTrainer;
import org.industry4.vision.data.SyntheticParts;
import org.industry4.vision.data.SyntheticParts.Defect;
import org.industry4.vision.data.SyntheticParts.Part;
import org.industry4.vision.features.FeatureExtractor;
import org.industry4.vision.features.FilterBankExtractor;
import org.industry4.vision.image.HeatMaps;
import org.industry4.vision.image.ImageTensor;
import org.industry4.vision.image.Preprocessing;
import org.industry4.vision.metrics.Auroc;
import org.industry4.vision.metrics.Thresholds;

/**
 * Visual inspection at the end of a line, trained on good parts only: PatchCore learns 40 good
 * parts (generated machined-metal textures), takes its threshold from 60 more good parts (the
 * 99th percentile of their scores), then inspects a stream of 60 parts of which every fifth has a
 * scratch or a blob. Flagged parts get a heat-map overlay with the true defect outlined, written
 * as PNG, because people look at defects, not numbers. Uses the weights-free filter bank, so it
 * runs anywhere; with a pretrained backbone ({@code OnnxFeatureExtractor}) the same code handles
 * real textures.
 *
 * <pre>mvn -q -pl examples exec:java -Dexec.mainClass=org.industry4.examples.vision.PartInspection</pre>
 */
public final class PartInspection {

    static final int SIZE = 128;

    /**
     * What the run found.
     *
     * @param inspected   parts in the stream
     * @param defective   of which truly defective
     * @param caught      defective parts flagged
     * @param falseAlarms good parts flagged
     * @param auroc       image AUROC of the stream's scores
     * @param threshold   the image-score threshold
     * @param heatMaps    the overlays written, one per flagged part
     * @param model       the saved model file
     */
    public record Result(int inspected, int defective, int caught, int falseAlarms, double auroc, double threshold,
                         List<Path> heatMaps, Path model) {
    }

    private PartInspection() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "target/part-inspection");
        Result r = run(out, 1);
        System.out.printf(Locale.ROOT, "inspected %d parts (%d defective): caught %d, %d false alarms, image AUROC %.3f"
                        + " (threshold %.3f)%n", r.inspected(), r.defective(), r.caught(), r.falseAlarms(), r.auroc(),
                r.threshold());
        System.out.printf(Locale.ROOT, "%d heat maps in %s; model saved to %s%n", r.heatMaps().size(), out, r.model());
    }

    public static Result run(Path out, long seed) throws IOException {
        Files.createDirectories(out);
        Preprocessing preprocessing = new Preprocessing().withResize(SIZE, SIZE);
        try (FeatureExtractor extractor = new FilterBankExtractor()) {
            // 1. Learn "good" from good parts only.
            List<ImageTensor> good = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                good.add(SyntheticParts.generate(SIZE, SIZE, Defect.NONE, seed * 1000 + i).image());
            }
            PatchCoreModel model = new PatchCoreTrainer(new PatchCoreOptions().withCoresetRatio(0.1))
                    .fit(extractor, preprocessing, good);

            // 2. A threshold from more good parts: flag what scores above 99 % of them.
            double[] validation = new double[60];
            for (int i = 0; i < validation.length; i++) {
                ImageTensor part = SyntheticParts.generate(SIZE, SIZE, Defect.NONE, seed * 1000 + 500 + i).image();
                validation[i] = model.score(extractor, part).score();
            }
            model = model.withThreshold(Thresholds.percentile(validation, 99));
            Path modelFile = out.resolve("patchcore.i4");
            new PatchCoreModelFile().write(model, modelFile);

            // 3. Inspect the stream; draw what is flagged.
            int n = 60;
            double[] scores = new double[n];
            boolean[] truth = new boolean[n];
            int caught = 0;
            int falseAlarms = 0;
            List<Path> heatMaps = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Defect kind = i % 5 != 4 ? Defect.NONE : (i % 10 == 4 ? Defect.SCRATCH : Defect.BLOB);
                Part part = SyntheticParts.generate(SIZE, SIZE, kind, seed * 1000 + 700 + i);
                AnomalyMap map = model.score(extractor, part.image());
                scores[i] = map.score();
                truth[i] = kind != Defect.NONE;
                if (model.isDefective(map)) {
                    if (truth[i]) {
                        caught++;
                    } else {
                        falseAlarms++;
                    }
                    Path png = out.resolve(String.format(Locale.ROOT, "part-%02d-%s.png", i, kind.name().toLowerCase()));
                    HeatMaps.writeOverlay(png, preprocessing.view(part.image()), map.values(),
                            map.max() * 0.5, map.max(), preprocessing.apply(part.mask()));
                    heatMaps.add(png);
                }
            }
            int defective = 0;
            for (boolean t : truth) {
                defective += t ? 1 : 0;
            }
            return new Result(n, defective, caught, falseAlarms, Auroc.of(scores, truth),
                    model.threshold().getAsDouble(), heatMaps, modelFile);
        }
    }
}
