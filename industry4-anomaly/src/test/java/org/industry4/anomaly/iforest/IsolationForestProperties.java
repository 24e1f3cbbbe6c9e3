package org.industry4.anomaly.iforest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.industry4.core.ModelEnvelope;

/** Invariants of the Isolation Forest over generated data sets and options. */
class IsolationForestProperties {

    private static ExecutorService pool;

    @BeforeContainer
    static void startPool() {
        pool = Executors.newFixedThreadPool(3);
    }

    @AfterContainer
    static void stopPool() throws InterruptedException {
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }

    /** A data set, the options to fit it with, and points to score. */
    record Case(double[][] rows, double[][] probe, IsolationForestOptions options) {
        int features() {
            return rows[0].length;
        }

        IsolationForestModel fit() {
            return new IsolationForestTrainer(options).fit(rows, TestData.schema(features()));
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        return Combinators.combine(
                Arbitraries.integers().between(2, 300),
                Arbitraries.integers().between(1, 5),
                Arbitraries.longs(),
                Arbitraries.integers().between(1, 20),
                Arbitraries.integers().between(2, 300),
                Arbitraries.of(1.0, 0.5, 0.2),
                Arbitraries.doubles().between(0.01, 0.5),
                Arbitraries.integers().between(0, 4)).as(IsolationForestProperties::makeCase);
    }

    private static Case makeCase(int n, int d, long seed, int trees, int sampleSize, double maxFeatures,
                                 double contamination, int extension) {
        SplittableRandom random = new SplittableRandom(seed);
        // Mixed columns: Gaussian, a few repeated values (ties, constant nodes), and a wide range.
        double[][] rows = new double[n][d];
        for (double[] row : rows) {
            for (int j = 0; j < d; j++) {
                row[j] = switch (j % 3) {
                    case 0 -> random.nextGaussian();
                    case 1 -> random.nextInt(3);
                    default -> random.nextDouble(-1e6, 1e6);
                };
            }
        }
        double[][] probe = new double[40][d];
        for (double[] p : probe) {
            for (int j = 0; j < d; j++) {
                p[j] = random.nextDouble() < 0.2 ? random.nextDouble(-1e9, 1e9) : random.nextGaussian() * 3;
            }
        }
        int perTree = Math.max(1, (int) Math.floor(maxFeatures * d));
        IsolationForestOptions options = new IsolationForestOptions(trees, sampleSize, maxFeatures, contamination,
                Math.min(extension, perTree - 1), seed);
        return new Case(rows, probe, options);
    }

    @Property(tries = 60)
    void scoresLieInZeroToOneAndThresholdAmongThem(@ForAll("cases") Case c) {
        IsolationForestModel model = c.fit();
        for (double[] p : c.probe()) {
            double s = model.score(p);
            assertTrue(s > 0 && s <= 1, "score " + s);
        }
        double[] training = model.scoreAll(c.rows());
        assertTrue(model.threshold() >= TestData.min(training) && model.threshold() <= TestData.max(training));
    }

    @Property(tries = 60)
    void batchScoresEqualSingleScoresInOrderAndOnAnExecutor(@ForAll("cases") Case c) {
        IsolationForestModel model = c.fit();
        double[] batch = model.scoreAll(c.probe());
        for (int i = 0; i < batch.length; i++) {
            assertEquals(model.score(c.probe()[i]), batch[i], 0.0);
        }
        assertArrayEquals(batch, model.scoreAll(c.probe(), pool));
    }

    @Property(tries = 60)
    void saveAndLoadGiveIdenticalScores(@ForAll("cases") Case c) throws IOException {
        IsolationForestModel model = c.fit();
        IsolationForestFile file = new IsolationForestFile();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        file.envelope(model).writeTo(bytes);
        IsolationForestModel loaded = file.fromEnvelope(
                ModelEnvelope.readFrom(new ByteArrayInputStream(bytes.toByteArray()), "memory"), "memory");
        assertArrayEquals(model.scoreAll(c.probe()), loaded.scoreAll(c.probe()));
        assertEquals(model.threshold(), loaded.threshold());
    }

    @Property(tries = 40)
    void theSameSeedGivesTheSameModelOnAnyExecutor(@ForAll("cases") Case c) throws IOException {
        IsolationForestModel first = c.fit();
        IsolationForestModel parallel = new IsolationForestTrainer(c.options())
                .fit(c.rows(), TestData.schema(c.features()), pool);
        IsolationForestFile file = new IsolationForestFile();
        assertEquals(file.envelope(first), file.envelope(parallel));
        assertArrayEquals(first.scoreAll(c.probe()), parallel.scoreAll(c.probe()));
    }
}
