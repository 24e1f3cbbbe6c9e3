package org.industry4.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.industry4.vision.data.SyntheticParts;
import org.industry4.vision.data.SyntheticParts.Defect;
import org.industry4.vision.data.SyntheticParts.Part;
import org.industry4.vision.features.FeatureExtractor;
import org.industry4.vision.features.FilterBankExtractor;
import org.industry4.vision.image.ImageTensor;
import org.industry4.vision.image.Images;
import org.industry4.vision.image.Preprocessing;
import org.industry4.vision.metrics.Auroc;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatchCoreTest {

    static final int SIZE = 96;
    static final Preprocessing PREP = new Preprocessing().withResize(SIZE, SIZE);
    static final FeatureExtractor EXTRACTOR = new FilterBankExtractor();
    static List<ImageTensor> train;
    static PatchCoreModel model;

    static List<ImageTensor> good(int n, long seed) {
        List<ImageTensor> images = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            images.add(SyntheticParts.generate(SIZE, SIZE, Defect.NONE, seed + i).image());
        }
        return images;
    }

    @BeforeAll
    static void train() {
        train = good(24, 1000);
        model = new PatchCoreTrainer(new PatchCoreOptions().withCoresetRatio(0.25)).fit(EXTRACTOR, PREP, train);
    }

    @Test
    void defectivePartsScoreAboveGoodParts() {
        List<Double> scores = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            for (Defect d : Defect.values()) {
                Part part = SyntheticParts.generate(SIZE, SIZE, d, 5000 + i * 3L + d.ordinal());
                scores.add(model.score(EXTRACTOR, part.image()).score());
                labels.add(d != Defect.NONE);
            }
        }
        double[] s = scores.stream().mapToDouble(Double::doubleValue).toArray();
        boolean[] l = new boolean[labels.size()];
        for (int i = 0; i < l.length; i++) {
            l[i] = labels.get(i);
        }
        double auroc = Auroc.of(s, l);
        assertTrue(auroc >= 0.95, "image AUROC " + auroc);
    }

    @Test
    void theAnomalyMapPeaksInsideTheDefect() {
        int inside = 0;
        int n = 0;
        for (int i = 0; i < 10; i++) {
            for (Defect d : List.of(Defect.SCRATCH, Defect.BLOB)) {
                Part part = SyntheticParts.generate(SIZE, SIZE, d, 7000 + i * 2L + d.ordinal());
                AnomalyMap map = model.score(EXTRACTOR, part.image());
                assertEquals(SIZE, map.height());
                assertEquals(SIZE, map.width());
                int peak = 0;
                for (int p = 1; p < map.values().length; p++) {
                    if (map.values()[p] > map.values()[peak]) {
                        peak = p;
                    }
                }
                // within one stride-8 cell of a defect pixel
                if (nearMask(part, peak / SIZE, peak % SIZE, 8)) {
                    inside++;
                }
                n++;
            }
        }
        assertTrue(inside >= n * 0.9, inside + " of " + n + " maps peak at the defect");
    }

    private static boolean nearMask(Part part, int y, int x, int radius) {
        for (int yy = Math.max(0, y - radius); yy <= Math.min(SIZE - 1, y + radius); yy++) {
            for (int xx = Math.max(0, x - radius); xx <= Math.min(SIZE - 1, x + radius); xx++) {
                if (part.mask().isDefect(yy, xx)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void aCoresetOfRatioOneIsTheWholeBankInTrainingOrder() {
        List<ImageTensor> images = train.subList(0, 5);
        PatchCoreModel full = new PatchCoreTrainer(new PatchCoreOptions().withCoresetRatio(1.0))
                .fit(EXTRACTOR, PREP, images);
        List<Float> expected = new ArrayList<>();
        for (ImageTensor image : images) {
            PatchFeatures f = PatchFeatures.of(EXTRACTOR.extract(PREP.apply(image)), 3);
            for (float v : f.rows) {
                expected.add(v);
            }
        }
        float[] bank = full.memoryBank();
        assertEquals(expected.size(), bank.length);
        for (int i = 0; i < bank.length; i++) {
            assertEquals(expected.get(i), bank[i], "bank value " + i);
        }
        assertEquals(full.summary().patches(), full.bankSize());
        assertEquals(5 * 12 * 12, full.bankSize());
        // each training patch is its own nearest neighbour: a training image scores (almost) zero
        assertEquals(0, full.score(EXTRACTOR, images.get(2)).maxPatch(), 1e-3);
    }

    @Test
    void theCoresetKeepsTheRequestedShareAndSmallerBanksScoreHigher() {
        assertEquals((int) Math.ceil(0.25 * 24 * 144), model.bankSize());
        PatchCoreModel tiny = new PatchCoreTrainer(new PatchCoreOptions().withCoresetRatio(0.01))
                .fit(EXTRACTOR, PREP, train);
        assertEquals((int) Math.ceil(0.01 * 24 * 144), tiny.bankSize());
        ImageTensor probe = SyntheticParts.generate(SIZE, SIZE, Defect.NONE, 99).image();
        assertTrue(tiny.score(EXTRACTOR, probe).maxPatch() >= model.score(EXTRACTOR, probe).maxPatch());
    }

    @Test
    void theModelDoesNotDependOnFileOrderOrThreadCount(@TempDir Path dir) throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Path file = dir.resolve(String.format("good-%02d.png", i));
            Images.writePng(file, train.get(i));
            files.add(file);
        }
        PatchCoreTrainer trainer = new PatchCoreTrainer(new PatchCoreOptions().withCoresetRatio(0.2));
        PatchCoreModel inOrder = trainer.fit(EXTRACTOR, PREP, files, Runnable::run);
        List<Path> shuffled = new ArrayList<>(files);
        Collections.shuffle(shuffled, new Random(3));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            PatchCoreModel other = trainer.fit(EXTRACTOR, PREP, shuffled, pool);
            assertArrayEquals(inOrder.memoryBank(), other.memoryBank());
            ImageTensor probe = SyntheticParts.generate(SIZE, SIZE, Defect.BLOB, 4).image();
            assertEquals(inOrder.score(EXTRACTOR, probe).score(), other.score(EXTRACTOR, probe).score());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aMissingOrCorruptTrainingImageIsAnIoErrorNamingIt(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.png");
        Images.writePng(good, train.get(0));
        Path missing = dir.resolve("missing.png");
        PatchCoreTrainer trainer = new PatchCoreTrainer();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            java.nio.file.NoSuchFileException none = assertThrows(java.nio.file.NoSuchFileException.class,
                    () -> trainer.fit(EXTRACTOR, PREP, List.of(good, missing), pool));
            assertTrue(none.getMessage().contains("missing.png"), none.getMessage());
            Path corrupt = dir.resolve("corrupt.png");
            Files.write(corrupt, new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
            org.industry4.vision.image.ImageReadException bad = assertThrows(
                    org.industry4.vision.image.ImageReadException.class,
                    () -> trainer.fit(EXTRACTOR, PREP, List.of(good, corrupt), Runnable::run));
            assertTrue(bad.getMessage().contains("corrupt.png"), bad.getMessage());
        } finally {
            pool.shutdown();
        }
    }


    @Test
    void theSeedChoosesTheCoreset() {
        List<ImageTensor> images = train.subList(0, 6);
        PatchCoreTrainer a = new PatchCoreTrainer(new PatchCoreOptions().withCoresetRatio(0.1).withSeed(1));
        PatchCoreTrainer b = new PatchCoreTrainer(new PatchCoreOptions().withCoresetRatio(0.1).withSeed(2));
        assertArrayEquals(a.fit(EXTRACTOR, PREP, images).memoryBank(), a.fit(EXTRACTOR, PREP, images).memoryBank());
        assertFalse(java.util.Arrays.equals(a.fit(EXTRACTOR, PREP, images).memoryBank(),
                b.fit(EXTRACTOR, PREP, images).memoryBank()));
    }

    @Test
    void scoringFromManyThreadsGivesTheSameAnswers() throws Exception {
        List<ImageTensor> probes = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            probes.add(SyntheticParts.generate(SIZE, SIZE, Defect.values()[i % 3], 300 + i).image());
        }
        double[] expected = probes.stream().mapToDouble(p -> model.score(EXTRACTOR, p).score()).toArray();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Double>> futures = new ArrayList<>();
            for (ImageTensor p : probes) {
                futures.add(pool.submit(() -> model.score(EXTRACTOR, p).score()));
            }
            for (int i = 0; i < probes.size(); i++) {
                assertEquals(expected[i], futures.get(i).get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void reweightingLowersTheScoreOfPatchesNearDenseBankRegionsOnly() {
        PatchCoreModel plain = new PatchCoreTrainer(new PatchCoreOptions().withCoresetRatio(0.25)
                .withReweightNeighbours(1)).fit(EXTRACTOR, PREP, train);
        ImageTensor probe = SyntheticParts.generate(SIZE, SIZE, Defect.SCRATCH, 12).image();
        AnomalyMap weighted = model.score(EXTRACTOR, probe);
        AnomalyMap unweighted = plain.score(EXTRACTOR, probe);
        assertEquals(unweighted.maxPatch(), unweighted.score(), 1e-12);
        assertEquals(unweighted.maxPatch(), weighted.maxPatch(), 1e-6);
        assertTrue(weighted.score() > 0 && weighted.score() < weighted.maxPatch(),
                weighted.score() + " vs " + weighted.maxPatch());
    }

    @Test
    void thresholdsDecideAndAreRequiredToDecide() {
        AnomalyMap map = model.score(EXTRACTOR, train.get(0));
        assertThrows(IllegalStateException.class, () -> model.isDefective(map));
        assertTrue(model.withThreshold(map.score()).isDefective(map));
        assertFalse(model.withThreshold(map.score() + 1).isDefective(map));
        assertTrue(model.threshold().isEmpty());
        assertEquals(2.5, model.withThreshold(2.5).threshold().getAsDouble());
        assertThrows(IllegalArgumentException.class, () -> model.withThreshold(Double.NaN));
    }

    @Test
    void badInputIsRefusedNamingTheValue() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> new PatchCoreTrainer().fit(EXTRACTOR, PREP, List.of()));
        assertTrue(none.getMessage().contains("at least one good image"), none.getMessage());
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> model.score(new CellStatsExtractor(), train.get(0)));
        assertTrue(other.getMessage().contains("8 values per patch") && other.getMessage().contains("filter"),
                other.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new PatchCoreOptions().withCoresetRatio(0))
                .getMessage().contains("coresetRatio must be in (0, 1], got 0.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new PatchCoreOptions().withNeighbourhood(2))
                .getMessage().contains("neighbourhood must be odd"));
        assertThrows(IllegalArgumentException.class, () -> new PatchCoreOptions().withSmoothingSigma(Double.NaN));
    }
}
