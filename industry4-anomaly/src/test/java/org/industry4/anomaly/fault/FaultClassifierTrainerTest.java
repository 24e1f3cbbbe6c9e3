package org.industry4.anomaly.fault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.industry4.core.FeatureSchema;
import org.junit.jupiter.api.Test;

class FaultClassifierTrainerTest {

    private static final FaultClassifierOptions SMALL = new FaultClassifierOptions().withTrees(50);
    /** The forest alone, without the range check. */
    private static final FaultClassifierOptions FOREST = SMALL.withRangeMargin(Double.POSITIVE_INFINITY);

    private static FaultClassifierModel fit(FaultClassifierOptions options, FaultTestData.Labelled data) {
        return new FaultClassifierTrainer(options).fit(data.x(), data.labels(), FaultTestData.SCHEMA);
    }

    @Test
    void separableClassesAreClassifiedPerfectlyWithConfidence() {
        FaultClassifierModel model = fit(FOREST, FaultTestData.sample(3, 100, 0.5, 1));
        assertEquals(List.of("bearing", "normal", "overheating"), model.classes(), "classes are sorted");
        FaultTestData.Labelled fresh = FaultTestData.sample(3, 200, 0.5, 2);
        List<Diagnosis> diagnoses = model.classifyAll(fresh.x());
        double confidence = 0;
        for (int i = 0; i < diagnoses.size(); i++) {
            Diagnosis d = diagnoses.get(i);
            assertEquals(fresh.labels()[i], d.label(), "row " + i + ": " + d);
            assertEquals(model.classes().indexOf(d.label()), d.classIndex());
            assertFalse(d.unknown());
            assertEquals("", d.outOfRange());
            confidence += d.confidence() / diagnoses.size();
        }
        // A row 3.5 standard deviations out lies where the bootstraps' thresholds differ; most are certain.
        assertTrue(confidence > 0.98, "mean confidence " + confidence);
    }

    @Test
    void anUnseenClassBetweenTwoTrainedOnesComesOutUnknown() {
        // "seized" sits at (6, 6): beyond "bearing" along x and beyond "overheating" along y. The
        // trees split on one or the other and disagree, so no class is confident.
        FaultClassifierModel model = fit(FOREST.withUnknownThreshold(0.75), FaultTestData.sample(3, 150, 0.7, 3));
        SplittableRandom random = new SplittableRandom(4);
        int unknown = 0;
        int n = 400;
        for (int i = 0; i < n; i++) {
            Diagnosis d = model.classify(FaultTestData.row(3, 0.7, random));
            if (d.unknown()) {
                unknown++;
                assertEquals(FaultClassifierModel.UNKNOWN, d.label());
                assertTrue(d.confidence() < 0.75);
            }
        }
        assertTrue(unknown >= 0.9 * n, "unseen class answered unknown " + unknown + " of " + n);

        FaultTestData.Labelled known = FaultTestData.sample(3, 200, 0.7, 5);
        int knownUnknown = 0;
        int correct = 0;
        for (int i = 0; i < known.x().length; i++) {
            Diagnosis d = model.classify(known.x()[i]);
            knownUnknown += d.unknown() ? 1 : 0;
            correct += d.label().equals(known.labels()[i]) ? 1 : 0;
        }
        assertTrue(knownUnknown <= 0.02 * known.x().length, "known classes answered unknown " + knownUnknown);
        assertTrue(correct >= 0.97 * known.x().length, "known classes right " + correct);

        // Threshold 0 never answers unknown; the nearest class is one of the two neighbours.
        FaultClassifierModel never = model.withUnknownThreshold(0);
        Diagnosis d = never.classify(new double[] {6, 6, 0, 1.5});
        assertFalse(d.unknown());
        assertTrue(List.of("bearing", "overheating").contains(d.label()), d.toString());
        assertEquals(model.classify(new double[] {6, 6, 0, 1.5}).probabilities()[0], d.probabilities()[0]);

        // The range check also catches it: "seized" lies beyond the y range of "bearing" and the x range of
        // "overheating", whichever the forest prefers.
        FaultClassifierModel checked = never.withRangeMargin(FaultClassifierOptions.DEFAULT_RANGE_MARGIN);
        random = new SplittableRandom(14);
        for (int i = 0; i < n; i++) {
            Diagnosis c = checked.classify(FaultTestData.row(3, 0.7, random));
            assertTrue(c.unknown(), c.toString());
            assertEquals(c.classIndex() == 0 ? "y" : "x", c.outOfRange(), c.toString());
        }
    }

    @Test
    void aVectorBeyondItsClassAlongOneFeatureIsUnknownByTheRangeCheck() {
        FaultTestData.Labelled data = FaultTestData.sample(3, 150, 0.7, 15);
        FaultClassifierModel model = fit(SMALL, data);
        assertEquals(FaultClassifierOptions.DEFAULT_RANGE_MARGIN, model.rangeMargin());
        // Far beyond "bearing" along x, the feature that sets bearing apart: the forest is sure, the range check is not.
        double[] far = {30, 0, 0, 1.5};
        Diagnosis d = model.classify(far);
        assertTrue(d.unknown(), d.toString());
        assertEquals("x", d.outOfRange());
        assertEquals("bearing", model.classes().get(d.classIndex()));
        assertTrue(d.confidence() > 0.9, d.toString());
        Diagnosis unchecked = model.withRangeMargin(Double.POSITIVE_INFINITY).classify(far);
        assertEquals("bearing", unchecked.label());
        assertEquals("", unchecked.outOfRange());
        assertArrayEquals(d.probabilities(), unchecked.probabilities());

        // The furthest feature in units of its range is named: noise2 (uniform in [0, 3]) by 10 ranges, x by 4.
        Diagnosis two = model.classify(new double[] {6 + 4 * rangeOf(model, "bearing", 0) + 3, 0, 0, 33});
        assertEquals("noise2", two.outOfRange(), two.toString());

        // The ranges are the training rows' minimum and maximum of the class.
        double[] min = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
                Double.POSITIVE_INFINITY};
        double[] max = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.NEGATIVE_INFINITY};
        for (int i = 0; i < data.x().length; i++) {
            if (data.labels()[i].equals("normal")) {
                for (int j = 0; j < 4; j++) {
                    min[j] = Math.min(min[j], data.x()[i][j]);
                    max[j] = Math.max(max[j], data.x()[i][j]);
                }
            }
        }
        assertArrayEquals(min, model.trainingMinimum("normal"));
        assertArrayEquals(max, model.trainingMaximum("normal"));
        // Just inside the widened range is fine, just outside is not.
        double[] edge = {0, 0, max[2] + 0.25 * (max[2] - min[2]), 1.5};
        assertEquals("normal", model.classify(edge).label());
        edge[2] = Math.nextUp(edge[2]) + 1e-9;
        assertEquals("noise1", model.classify(edge).outOfRange());

        // Fresh rows of the trained classes: few fall outside the widened ranges of four features.
        FaultTestData.Labelled fresh = FaultTestData.sample(3, 300, 0.7, 16);
        long unknown = model.classifyAll(fresh.x()).stream().filter(Diagnosis::unknown).count();
        assertTrue(unknown <= 0.02 * fresh.x().length, unknown + " of " + fresh.x().length);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.trainingMinimum("seized"));
        assertEquals("\"seized\" is not one of the classes [bearing, normal, overheating]", e.getMessage());
    }

    private static double rangeOf(FaultClassifierModel model, String c, int j) {
        return model.trainingMaximum(c)[j] - model.trainingMinimum(c)[j];
    }

    @Test
    void aFeatureConstantInAClassAllowsOnlyThatValue() {
        // Windows of normal operation never miss a reading: one that does is new, whatever the margin.
        FaultTestData.Labelled data = FaultTestData.sample(2, 50, 0.5, 17);
        double[][] x = new double[data.x().length][];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[] {data.x()[i][0], data.labels()[i].equals("normal") ? 0 : 0.1 * (i % 5)};
        }
        FaultClassifierModel model = new FaultClassifierTrainer(SMALL.withRangeMargin(1e6))
                .fit(x, data.labels(), FeatureSchema.of("x", "missing"));
        assertEquals("normal", model.classify(new double[] {0, 0}).label());
        Diagnosis d = model.classify(new double[] {0, 0.02});
        assertEquals(FaultClassifierModel.UNKNOWN, d.label(), d.toString());
        assertEquals("missing", d.outOfRange());
        assertEquals("bearing", model.classify(new double[] {6, 0.02}).label());
    }

    @Test
    void probabilitiesAreInClassOrderAndSumToOne() {
        FaultClassifierModel model = fit(FOREST, FaultTestData.sample(3, 60, 2.0, 6));
        SplittableRandom random = new SplittableRandom(7);
        double[] buffer = new double[3];
        for (int i = 0; i < 200; i++) {
            double[] x = FaultTestData.row(i % 4, 2.0, random);
            double[] p = model.probabilities(x);
            double sum = 0;
            for (double v : p) {
                assertTrue(v >= 0 && v <= 1, Arrays.toString(p));
                sum += v;
            }
            assertEquals(1, sum, 1e-12);
            model.probabilities(x, buffer);
            assertArrayEquals(p, buffer);
            Diagnosis d = model.classify(x);
            assertArrayEquals(p, d.probabilities());
            assertEquals(Arrays.stream(p).max().orElseThrow(), d.confidence());
        }
    }

    @Test
    void theSameSeedGivesTheSameModelOnOneAndFourThreads() {
        FaultTestData.Labelled data = FaultTestData.sample(3, 80, 1.5, 8);
        FaultClassifierTrainer trainer = new FaultClassifierTrainer(SMALL.withSeed(42));
        byte[] single = FaultClassifierFile.toEnvelope(trainer.fit(data.x(), data.labels(), FaultTestData.SCHEMA))
                .payload();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            byte[] parallel = FaultClassifierFile.toEnvelope(
                    trainer.fit(data.x(), data.labels(), FaultTestData.SCHEMA, pool)).payload();
            assertArrayEquals(single, parallel);
        } finally {
            pool.shutdownNow();
        }
        byte[] otherSeed = FaultClassifierFile.toEnvelope(
                new FaultClassifierTrainer(SMALL.withSeed(43)).fit(data.x(), data.labels(), FaultTestData.SCHEMA))
                .payload();
        assertFalse(Arrays.equals(single, otherSeed), "another seed grows other trees");
    }

    @Test
    void theInformativeFeaturesMatterMost() {
        FaultClassifierModel model = fit(SMALL, FaultTestData.sample(3, 100, 1.0, 9));
        double[] importance = model.featureImportances();
        assertEquals(1, Arrays.stream(importance).sum(), 1e-12);
        assertTrue(Math.min(importance[0], importance[1]) > 4 * Math.max(importance[2], importance[3]),
                Arrays.toString(importance));
    }

    @Test
    void depthAndLeafLimitsBoundTheTrees() {
        FaultTestData.Labelled data = FaultTestData.sample(3, 50, 1.5, 10);
        FaultClassifierModel stumps = fit(SMALL.withMaxDepth(1), data);
        assertTrue(stumps.nodes() <= 3 * stumps.trees(), stumps.toString());
        FaultClassifierModel leaves = fit(SMALL.withMinLeaf(100), data);
        assertEquals(leaves.trees(), leaves.nodes(), "no split leaves two children of 100 of 150 draws");
        double[] p = leaves.probabilities(data.x()[0]);
        for (double v : p) {
            assertEquals(1.0 / 3, v, 0.1, "a single leaf holds the bootstrap's class shares");
        }
        FaultClassifierModel full = fit(SMALL.withFeaturesPerSplit(4), data);
        assertEquals(50, full.trees());
    }

    @Test
    void constantFeaturesAreSkippedRatherThanEndingTheTree() {
        // Three constant features and one informative one: with one feature per split a tree still
        // finds the informative one (drawing goes on while every feature drawn was constant).
        FaultTestData.Labelled data = FaultTestData.sample(2, 50, 0.5, 11);
        double[][] x = new double[data.x().length][];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[] {1, 2, data.x()[i][0], 3};
        }
        FaultClassifierModel model = new FaultClassifierTrainer(SMALL.withFeaturesPerSplit(1))
                .fit(x, data.labels(), FeatureSchema.of("a", "b", "x", "c"));
        assertEquals("bearing", model.classify(new double[] {1, 2, 6, 3}).label());
        assertEquals("normal", model.classify(new double[] {1, 2, 0, 3}).label());
    }

    @Test
    void badTrainingDataIsRefusedNamingTheProblem() {
        FaultTestData.Labelled data = FaultTestData.sample(3, 10, 1, 12);
        FaultClassifierTrainer trainer = new FaultClassifierTrainer(SMALL);
        FeatureSchema schema = FaultTestData.SCHEMA;

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer.fit(data.x(), Arrays.copyOf(data.labels(), 29), schema));
        assertEquals("expected 30 labels, one per row, got 29", e.getMessage());

        String[] one = new String[30];
        Arrays.fill(one, "normal");
        e = assertThrows(IllegalArgumentException.class, () -> trainer.fit(data.x(), one, schema));
        assertEquals("training data must hold at least 2 classes, got 1 (\"normal\" x 30): "
                + "a classifier needs something to tell apart", e.getMessage());

        double[][] nan = copy(data.x());
        nan[7][2] = Double.NaN;
        e = assertThrows(IllegalArgumentException.class, () -> trainer.fit(nan, data.labels(), schema));
        assertEquals("row 7: feature noise1 (index 2) must be finite, got NaN", e.getMessage());

        double[][] narrow = copy(data.x());
        narrow[3] = new double[3];
        e = assertThrows(IllegalArgumentException.class, () -> trainer.fit(narrow, data.labels(), schema));
        assertEquals("row 3: expected 4 features, got 3", e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> trainer.fit(new double[1][4], new String[] {"normal"}, schema));
        assertEquals("training data must have at least 2 rows, got 1", e.getMessage());

        String[] reserved = data.labels().clone();
        reserved[4] = "unknown";
        e = assertThrows(IllegalArgumentException.class, () -> trainer.fit(data.x(), reserved, schema));
        assertEquals("label of row 4 is \"unknown\", the answer for no confident class; give the class another name",
                e.getMessage());

        String[] blank = data.labels().clone();
        blank[5] = " ";
        e = assertThrows(IllegalArgumentException.class, () -> trainer.fit(data.x(), blank, schema));
        assertEquals("label of row 5 is blank", e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> new FaultClassifierTrainer(SMALL.withFeaturesPerSplit(5))
                .fit(data.x(), data.labels(), schema));
        assertEquals("featuresPerSplit must be at most the feature count 4, got 5", e.getMessage());
    }

    @Test
    void badVectorsAreRefusedWhenClassifying() {
        FaultClassifierModel model = fit(SMALL.withTrees(5), FaultTestData.sample(2, 20, 1, 13));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.classify(new double[3]));
        assertEquals("expected 4 features, got 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> model.probabilities(new double[] {0, Double.POSITIVE_INFINITY, 0, 0}));
        assertEquals("feature y (index 1) must be finite, got Infinity", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> model.classifyAll(new double[][] {{0, 0, 0, 0}, {0, 0, Double.NaN, 0}}));
        assertEquals("row 1: feature noise1 (index 2) must be finite, got NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> model.probabilities(new double[4], new double[3]));
        assertEquals("out must have 2 slots, one per class, got 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> model.withUnknownThreshold(1.5));
        assertEquals("unknownThreshold must be in [0, 1], got 1.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> model.withRangeMargin(Double.NaN));
        assertEquals("rangeMargin must be >= 0 (Infinity: no range check), got NaN", e.getMessage());
    }

    static double[][] copy(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i].clone();
        }
        return out;
    }
}
