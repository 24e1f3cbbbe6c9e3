package org.industry4.anomaly.fault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.industry4.core.ModelEnvelope;

/** Invariants of the fault classifier, each on a forest grown from data generated from the seed. */
class FaultClassifierProperties {

    private static FaultClassifierModel fit(long seed, int classes, int perClass, double sd,
            FaultClassifierOptions options) {
        FaultTestData.Labelled data = FaultTestData.sample(classes, perClass, sd, seed);
        return new FaultClassifierTrainer(options.withSeed(seed)).fit(data.x(), data.labels(), FaultTestData.SCHEMA);
    }

    /** Vectors of all four classes, some far out. */
    private static double[][] probes(long seed, double spread) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        double[][] out = new double[30][];
        for (int i = 0; i < out.length; i++) {
            out[i] = FaultTestData.row(i % 4, i % 3 == 0 ? spread : 1, random);
        }
        return out;
    }

    @Property(tries = 60)
    void probabilitiesAreADistributionAndTheLabelFollowsBothChecks(@ForAll long seed,
            @ForAll @IntRange(min = 2, max = 4) int classes, @ForAll @IntRange(min = 2, max = 40) int perClass,
            @ForAll @DoubleRange(min = 0, max = 1) double threshold, @ForAll boolean rangeCheck,
            @ForAll @DoubleRange(min = 0.1, max = 1e4) double spread) {
        FaultClassifierOptions options = new FaultClassifierOptions().withTrees(15).withUnknownThreshold(threshold)
                .withRangeMargin(rangeCheck ? 0.25 : Double.POSITIVE_INFINITY);
        FaultClassifierModel model = fit(seed, classes, perClass, 1.5, options);
        for (double[] x : probes(seed, spread)) {
            Diagnosis d = model.classify(x);
            double[] p = d.probabilities();
            assertEquals(classes, p.length);
            double sum = 0;
            double max = 0;
            for (double v : p) {
                assertTrue(v >= 0 && v <= 1, d.toString());
                sum += v;
                max = Math.max(max, v);
            }
            assertEquals(1, sum, 1e-12);
            assertEquals(max, d.confidence());
            assertEquals(max, p[d.classIndex()]);
            if (!rangeCheck) {
                assertEquals("", d.outOfRange());
            }
            boolean unknown = d.confidence() < threshold || !d.outOfRange().isEmpty();
            assertEquals(unknown, d.unknown(), d.toString());
            if (!unknown) {
                assertEquals(model.classes().get(d.classIndex()), d.label());
            }
        }
    }

    @Property(tries = 40)
    void classifyingABatchEqualsClassifyingEachRow(@ForAll long seed) {
        FaultClassifierModel model = fit(seed, 3, 30, 1.5, new FaultClassifierOptions().withTrees(10));
        double[][] xs = probes(seed, 4);
        List<Diagnosis> batch = model.classifyAll(xs);
        double[] buffer = new double[3];
        for (int i = 0; i < xs.length; i++) {
            assertEquals(model.classify(xs[i]), batch.get(i));
            model.probabilities(xs[i], buffer);
            assertArrayEquals(model.probabilities(xs[i]), buffer);
        }
    }

    @Property(tries = 40)
    void saveAndLoadGiveIdenticalDiagnosesAndBytes(@ForAll long seed, @ForAll @IntRange(min = 2, max = 4) int classes,
            @ForAll @IntRange(min = 1, max = 8) int maxDepth, @ForAll @IntRange(min = 1, max = 5) int minLeaf)
            throws IOException {
        FaultClassifierModel model = fit(seed, classes, 25, 2, new FaultClassifierOptions().withTrees(8)
                .withMaxDepth(maxDepth).withMinLeaf(minLeaf));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FaultClassifierFile.toEnvelope(model).writeTo(bytes);
        FaultClassifierModel loaded = FaultClassifierFile.fromEnvelope(
                ModelEnvelope.readFrom(new ByteArrayInputStream(bytes.toByteArray()), "memory"), "memory");
        for (double[] x : probes(seed, 5)) {
            assertEquals(model.classify(x), loaded.classify(x));
        }
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        FaultClassifierFile.toEnvelope(loaded).writeTo(again);
        assertArrayEquals(bytes.toByteArray(), again.toByteArray());
    }

    @Property(tries = 20)
    void theSameSeedGivesTheSameModelOnAnyThreadCount(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int threads) {
        FaultTestData.Labelled data = FaultTestData.sample(3, 30, 2, seed);
        FaultClassifierTrainer trainer = new FaultClassifierTrainer(new FaultClassifierOptions().withTrees(12)
                .withSeed(seed));
        byte[] calling = FaultClassifierFile.toEnvelope(trainer.fit(data.x(), data.labels(), FaultTestData.SCHEMA))
                .payload();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            byte[] pooled = FaultClassifierFile.toEnvelope(
                    trainer.fit(data.x(), data.labels(), FaultTestData.SCHEMA, pool)).payload();
            assertArrayEquals(calling, pooled);
        } finally {
            pool.shutdownNow();
        }
    }

    @Property(tries = 30)
    void treesRespectTheirDepthLimit(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int maxDepth) {
        FaultClassifierModel model = fit(seed, 4, 30, 3, new FaultClassifierOptions().withTrees(5)
                .withMaxDepth(maxDepth));
        assertTrue(model.nodes() <= model.trees() * ((1 << (maxDepth + 1)) - 1), model.toString());
    }
}
