package org.industry4.anomaly.iforest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.industry4.core.FeatureSchema;
import org.junit.jupiter.api.Test;

class IsolationForestTest {

    private static final FeatureSchema XYZ = TestData.schema(3);

    @Test
    void obviousOutliersScoreAboveEveryInlierInBothVariants() {
        double[][] inliers = TestData.blob(1000, 3, 1);
        double[][] outliers = TestData.far(8, 3, 8.0, 2);
        double[][] rows = TestData.concat(inliers, outliers);
        for (int level : new int[] {0, 1, 2}) {
            IsolationForestModel model = new IsolationForestTrainer(new IsolationForestOptions()
                    .withExtensionLevel(level)).fit(rows, XYZ);
            double[] in = model.scoreAll(inliers);
            double[] out = model.scoreAll(outliers);
            assertTrue(TestData.min(out) > TestData.max(in), "extension level " + level + ": lowest outlier "
                    + TestData.min(out) + " <= highest inlier " + TestData.max(in));
            assertTrue(TestData.min(out) > 0.65, "far points score clearly anomalous: " + TestData.min(out));
            assertTrue(TestData.mean(in) < 0.5, "a dense blob scores normal on average: " + TestData.mean(in));
        }
    }

    @Test
    void theThresholdFlagsTheContaminationShareOfTheTrainingRows() {
        double[][] rows = TestData.blob(2000, 3, 3);
        IsolationForestModel model = new IsolationForestTrainer(new IsolationForestOptions()
                .withContamination(0.05)).fit(rows, XYZ);
        double[] scores = model.scoreAll(rows);
        long flagged = Arrays.stream(rows).filter(model::isAnomaly).count();
        // The 0.95 quantile with interpolation: 5 % of 2000 rows lie strictly above it, give or take a tie.
        assertEquals(100, flagged, 1);
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        double expected = sorted[1899] + (sorted[1900] - sorted[1899]) * (0.95 * 1999 - 1899);
        assertEquals(expected, model.threshold(), 0.0);
        for (int i = 0; i < 50; i++) {
            double[] x = rows[i];
            assertEquals(model.threshold() - model.score(x), model.decisionFunction(x), 0.0);
            assertEquals(model.decisionFunction(x) < 0, model.isAnomaly(x));
        }
    }

    @Test
    void twoRowsGiveTheHandComputedScoreOneHalfEverywhere() {
        // psi = 2: height limit 1, every tree is a root split into two leaves of one row at depth 1,
        // so h(x) = 1 = c(2) and s(x) = 2^-1 for any x.
        double[][] rows = {{0.0, 1.0}, {2.0, 5.0}};
        IsolationForestModel model = new IsolationForestTrainer(new IsolationForestOptions().withTrees(7))
                .fit(rows, TestData.schema(2));
        assertEquals(2, model.sampleSize());
        assertEquals(1, model.height());
        for (double[] x : new double[][] {{0, 1}, {2, 5}, {100, -100}, {1, 3}}) {
            assertEquals(0.5, model.score(x), 0.0);
        }
    }

    @Test
    void averagePathLengthMatchesTheFormulaOfTheIsolationForestPaper() {
        assertEquals(0.0, IsolationForestModel.averagePathLength(0));
        assertEquals(0.0, IsolationForestModel.averagePathLength(1));
        assertEquals(1.0, IsolationForestModel.averagePathLength(2));
        // c(3) = 2 (ln 2 + gamma) - 4/3; c(256) = 2 (ln 255 + gamma) - 510/256
        assertEquals(2 * (Math.log(2) + 0.5772156649015329) - 4.0 / 3, IsolationForestModel.averagePathLength(3), 1e-15);
        // NumPy: 2.0 * (np.log(255.0) + np.euler_gamma) - 2.0 * 255.0 / 256.0, as scikit-learn computes it
        assertEquals(10.244770920119917, IsolationForestModel.averagePathLength(256), 1e-13);
    }

    @Test
    void theSubSampleIsCappedAtTheRowCountAndTreesStayWithinTheHeightLimit() {
        double[][] rows = TestData.blob(100, 3, 4);
        IsolationForestModel model = new IsolationForestTrainer().fit(rows, XYZ);
        assertEquals(100, model.sampleSize());
        assertEquals(100, model.trees());
        // Every path is at least 1 long (the root is never a leaf here), so no score exceeds
        // 2^(-1 / c(psi)), with psi = 100, not 256.
        double bound = Math.pow(2.0, -1.0 / IsolationForestModel.averagePathLength(100));
        for (double[] x : TestData.far(20, 3, 1000.0, 5)) {
            double s = model.score(x);
            assertTrue(s <= bound && s > 0.5, "score " + s);
        }
    }

    @Test
    void constantTrainingDataGivesOneScoreForAllPoints() {
        double[][] rows = new double[50][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {1.0, 2.0, 3.0};
        }
        IsolationForestModel model = new IsolationForestTrainer().fit(rows, XYZ);
        // Every tree is a single leaf of 50 rows: h = c(50), so s = 2^-1 everywhere.
        assertEquals(0.5, model.score(new double[] {1, 2, 3}), 1e-15);
        assertEquals(0.5, model.score(new double[] {-7, 20, 3}), 1e-15);
        assertEquals(0.5, model.threshold(), 1e-15);
        assertFalse(model.isAnomaly(new double[] {1, 2, 3}));
    }

    @Test
    void theSameSeedGivesTheSameModelOnOneAndFourThreads() throws Exception {
        double[][] rows = TestData.concat(TestData.blob(3000, 3, 6), TestData.far(10, 3, 6, 7));
        double[][] probe = TestData.blob(500, 3, 8);
        for (int level : new int[] {0, 2}) {
            IsolationForestOptions options = new IsolationForestOptions().withExtensionLevel(level).withSeed(11);
            IsolationForestModel single = new IsolationForestTrainer(options).fit(rows, XYZ);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                IsolationForestModel parallel = new IsolationForestTrainer(options).fit(rows, XYZ, pool);
                assertArrayEquals(single.scoreAll(probe), parallel.scoreAll(probe));
                assertArrayEquals(single.scoreAll(probe), parallel.scoreAll(probe, pool));
                assertEquals(single.threshold(), parallel.threshold());
                IsolationForestFile file = new IsolationForestFile();
                assertEquals(file.envelope(single), file.envelope(parallel), "the saved bytes are identical");
            } finally {
                pool.shutdown();
                assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void differentSeedsGiveDifferentForests() {
        double[][] rows = TestData.blob(1000, 3, 9);
        double[][] probe = TestData.blob(100, 3, 10);
        double[] a = new IsolationForestTrainer(new IsolationForestOptions().withSeed(1)).fit(rows, XYZ).scoreAll(probe);
        double[] b = new IsolationForestTrainer(new IsolationForestOptions().withSeed(2)).fit(rows, XYZ).scoreAll(probe);
        int differing = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                differing++;
            }
        }
        assertTrue(differing > 90, differing + " of 100 scores differ");
    }

    @Test
    void batchScoringEqualsSingleScoringBitForBit() {
        double[][] rows = TestData.blob(700, 3, 12);
        double[][] probe = TestData.concat(TestData.blob(1000, 3, 13), TestData.far(5, 3, 5, 14));
        for (int level : new int[] {0, 2}) {
            IsolationForestModel model = new IsolationForestTrainer(new IsolationForestOptions()
                    .withExtensionLevel(level)).fit(rows, XYZ);
            double[] batch = model.scoreAll(probe);
            for (int i = 0; i < probe.length; i++) {
                assertEquals(model.score(probe[i]), batch[i], 0.0);
            }
        }
    }

    @Test
    void maxFeaturesRestrictsEachTreeToAFeatureSubset() {
        // Feature 0 separates the outliers; with one feature per tree, only trees that drew it see them.
        SplittableRandom random = new SplittableRandom(15);
        double[][] rows = new double[1000][4];
        for (double[] row : rows) {
            for (int j = 0; j < 4; j++) {
                row[j] = random.nextGaussian();
            }
        }
        IsolationForestModel model = new IsolationForestTrainer(new IsolationForestOptions()
                .withMaxFeatures(0.25)).fit(rows, TestData.schema(4));
        IsolationForestModel all = new IsolationForestTrainer().fit(rows, TestData.schema(4));
        double[] outlier = {50.0, 0.0, 0.0, 0.0};
        // About a quarter of the single-feature trees split on x0, so the outlier is isolated less often.
        assertTrue(model.score(outlier) < all.score(outlier), model.score(outlier) + " vs " + all.score(outlier));
        assertTrue(model.score(outlier) > model.score(new double[] {0, 0, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> new IsolationForestTrainer(new IsolationForestOptions()
                .withMaxFeatures(0.5).withExtensionLevel(2)).fit(rows, TestData.schema(4)));
    }

    @Test
    void theExtendedForestRemovesTheAxisParallelArtefactsAroundARing() {
        // Points on a thin ring of radius 1. On a circle of radius 1.5 just outside it, a standard
        // forest scores the diagonals lower than the axes (there the point lies inside the ring's
        // bounding box in both coordinates); hyperplane splits have no preferred direction. The
        // empty centre is an anomaly that axis-parallel cuts can hardly isolate.
        SplittableRandom random = new SplittableRandom(31);
        double[][] ring = new double[1000][];
        for (int i = 0; i < ring.length; i++) {
            double a = random.nextDouble() * 2 * Math.PI;
            double r = 1 + 0.05 * random.nextGaussian();
            ring[i] = new double[] {r * Math.cos(a), r * Math.sin(a)};
        }
        FeatureSchema xy = TestData.schema(2);
        IsolationForestOptions options = new IsolationForestOptions().withTrees(500).withSeed(1);
        IsolationForestModel standard = new IsolationForestTrainer(options).fit(ring, xy);
        IsolationForestModel extended = new IsolationForestTrainer(options.withExtensionLevel(1)).fit(ring, xy);

        double[][] around = TestData.circle(72, 1.5);
        double spreadStandard = TestData.std(standard.scoreAll(around));
        double spreadExtended = TestData.std(extended.scoreAll(around));
        assertTrue(spreadExtended < 0.9 * spreadStandard,
                "score spread around the ring: extended " + spreadExtended + ", standard " + spreadStandard);

        double[] centre = {0.0, 0.0};
        assertTrue(extended.score(centre) > TestData.max(extended.scoreAll(ring)),
                "the extended forest ranks the empty centre above every ring point");

        // Both find far points off the diagonals; near an axis (-3, 0.5) only x-splits can isolate a
        // point, which a standard forest does less often: only the extended one is asserted there.
        double[][] diagonal = {{3, 3}, {-2.5, -2.5}, {2.5, -2.5}, {-3, 3}};
        for (IsolationForestModel model : new IsolationForestModel[] {standard, extended}) {
            assertTrue(TestData.min(model.scoreAll(diagonal)) > TestData.max(model.scoreAll(ring)), model.toString());
        }
        double[][] nearAxes = {{-3, 0.5}, {0, -3.5}, {0.3, 3}};
        assertTrue(TestData.min(extended.scoreAll(nearAxes)) > TestData.max(extended.scoreAll(ring)));
    }

    @Test
    void badTrainingDataIsRefusedWithMessagesNamingRowFeatureAndValue() {
        IsolationForestTrainer trainer = new IsolationForestTrainer();
        assertMessage("training data must have at least 2 rows, got 0", () -> trainer.fit(new double[0][], XYZ));
        assertMessage("training data must have at least 2 rows, got 1",
                () -> trainer.fit(new double[][] {{1, 2, 3}}, XYZ));
        assertMessage("row 1: expected 3 features, got 2",
                () -> trainer.fit(new double[][] {{1, 2, 3}, {1, 2}}, XYZ));
        assertMessage("row 2: feature x1 (index 1) must be finite, got NaN",
                () -> trainer.fit(new double[][] {{1, 2, 3}, {1, 2, 3}, {1, Double.NaN, 3}}, XYZ));
        assertMessage("row 0: feature x2 (index 2) must be finite, got -Infinity",
                () -> trainer.fit(new double[][] {{1, 2, Double.NEGATIVE_INFINITY}, {1, 2, 3}}, XYZ));
        assertMessage("row 1 is null", () -> trainer.fit(new double[][] {{1, 2, 3}, null}, XYZ));
        assertMessage("extensionLevel must be <= 2 (features per tree - 1) for 3 features and maxFeatures 1.0, got 3",
                () -> new IsolationForestTrainer(new IsolationForestOptions().withExtensionLevel(3))
                        .fit(TestData.blob(10, 3, 1), XYZ));
    }

    @Test
    void badSamplesAreRefusedWhenScoring() {
        IsolationForestModel model = new IsolationForestTrainer(new IsolationForestOptions().withTrees(5))
                .fit(TestData.blob(50, 3, 1), XYZ);
        assertMessage("expected 3 features, got 2", () -> model.score(new double[] {1, 2}));
        assertMessage("feature x0 (index 0) must be finite, got NaN", () -> model.score(new double[] {Double.NaN, 0, 0}));
        assertMessage("row 1: feature x2 (index 2) must be finite, got Infinity",
                () -> model.scoreAll(new double[][] {{0, 0, 0}, {0, 0, Double.POSITIVE_INFINITY}}));
        assertMessage("row 0: expected 3 features, got 4", () -> model.scoreAll(new double[][] {{0, 0, 0, 0}}));
    }

    @Test
    void badOptionsAreRefusedWithMessagesNamingTheValue() {
        IsolationForestOptions d = new IsolationForestOptions();
        assertMessage("contamination must be in (0, 0.5], got 0.7", () -> d.withContamination(0.7));
        assertMessage("contamination must be in (0, 0.5], got 0.0", () -> d.withContamination(0.0));
        assertMessage("contamination must be in (0, 0.5], got NaN", () -> d.withContamination(Double.NaN));
        assertMessage("trees must be >= 1, got 0", () -> d.withTrees(0));
        assertMessage("sampleSize must be >= 2, got 1", () -> d.withSampleSize(1));
        assertMessage("maxFeatures must be in (0, 1], got 1.5", () -> d.withMaxFeatures(1.5));
        assertMessage("maxFeatures must be in (0, 1], got 0.0", () -> d.withMaxFeatures(0));
        assertMessage("extensionLevel must be >= 0, got -1", () -> d.withExtensionLevel(-1));
        assertEquals(new IsolationForestOptions(100, 256, 1.0, 0.1, 0, 42L), d);
        assertNotEquals(d, d.withSeed(43));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expected, e.getMessage());
    }
}
