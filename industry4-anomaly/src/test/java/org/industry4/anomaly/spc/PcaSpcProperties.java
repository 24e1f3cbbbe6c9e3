package org.industry4.anomaly.spc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.industry4.core.ModelEnvelope;

/** Invariants of PCA process control, each on a model fitted to data generated from the seed. */
class PcaSpcProperties {

    private static PcaSpcModel fit(long seed, int rows, double confidence) {
        return new PcaSpcTrainer(new PcaSpcOptions().withConfidence(confidence))
                .fit(SpcTestData.normal(rows, seed), SpcTestData.SCHEMA);
    }

    /** Observations far outside and inside the training range. */
    private static double[][] probes(long seed, double spread) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        double[][] out = new double[20][];
        for (int r = 0; r < out.length; r++) {
            double[] x = SpcTestData.normalRow(random);
            for (int j = 0; j < x.length; j++) {
                x[j] += spread * SpcTestData.sd(j) * SpcTestData.gaussian(random);
            }
            out[r] = x;
        }
        return out;
    }

    @Property(tries = 100)
    void statisticsAreFiniteAndNonNegativeAndScoreIsTheirLargerRatio(@ForAll long seed,
            @ForAll @IntRange(min = 10, max = 400) int rows,
            @ForAll @DoubleRange(min = 0.5, max = 0.9999) @Scale(4) double confidence,
            @ForAll @DoubleRange(min = 0, max = 1e6) double spread) {
        PcaSpcModel model = fit(seed, rows, confidence);
        for (double[] x : probes(seed, spread)) {
            SpcStatistics s = model.statistics(x);
            assertTrue(s.t2() >= 0 && Double.isFinite(s.t2()), "t2 " + s.t2());
            assertTrue(s.q() >= 0 && Double.isFinite(s.q()), "q " + s.q());
            double score = model.score(x);
            assertEquals(s.score(), score);
            assertEquals(score > 1, s.outOfControl());
        }
    }

    @Property(tries = 100)
    void batchScoringEqualsSingleScoring(@ForAll long seed, @ForAll @IntRange(min = 10, max = 400) int rows) {
        PcaSpcModel model = fit(seed, rows, 0.99);
        double[][] xs = probes(seed, 2);
        double[] batch = model.scoreAll(xs);
        for (int i = 0; i < xs.length; i++) {
            assertEquals(model.score(xs[i]), batch[i]);
        }
    }

    @Property(tries = 100)
    void contributionsSumToTheStatistics(@ForAll long seed, @ForAll @DoubleRange(min = 0, max = 100) double spread) {
        PcaSpcModel model = fit(seed, 200, 0.99);
        for (double[] x : probes(seed, spread)) {
            SpcStatistics s = model.statistics(x);
            double t2 = 0;
            for (double c : model.t2Contributions(x)) {
                t2 += c;
            }
            double q = 0;
            for (double c : model.qContributions(x)) {
                q += c;
            }
            assertEquals(s.t2(), t2, 1e-9 * (1 + s.t2()));
            assertEquals(s.q(), q, 1e-9 * (1 + s.q()));
        }
    }

    @Property(tries = 50)
    void standardisedStatisticsDoNotDependOnUnitsOrOffsets(@ForAll long seed,
            @ForAll @DoubleRange(min = 1e-3, max = 1e3) @Scale(4) double factor,
            @ForAll @DoubleRange(min = -1e3, max = 1e3) double offset,
            @ForAll boolean negate) {
        // The same affine change of every feature's units in training and test data: z-scores and so T2
        // and Q are unchanged (a sign flip flips the loadings, not the statistics).
        double[][] train = SpcTestData.normal(300, seed);
        double[] a = new double[5];
        double[] b = new double[5];
        for (int j = 0; j < 5; j++) {
            a[j] = (negate && j % 2 == 0 ? -1 : 1) * factor * (j + 1);
            b[j] = offset * (j - 2);
        }
        PcaSpcModel model = new PcaSpcTrainer().fit(train, SpcTestData.SCHEMA);
        PcaSpcModel changed = new PcaSpcTrainer().fit(transform(train, a, b), SpcTestData.SCHEMA);
        assertEquals(model.components(), changed.components());
        assertEquals(model.t2Limit(), changed.t2Limit(), 1e-9 * model.t2Limit());
        assertEquals(model.qLimit(), changed.qLimit(), 1e-6 * model.qLimit());
        for (double[] x : probes(seed, 3)) {
            SpcStatistics s = model.statistics(x);
            SpcStatistics c = changed.statistics(transform(new double[][] {x}, a, b)[0]);
            assertEquals(s.t2(), c.t2(), 1e-6 * (1 + s.t2()));
            assertEquals(s.q(), c.q(), 1e-6 * (1 + s.q()));
        }
    }

    private static double[][] transform(double[][] rows, double[] a, double[] b) {
        double[][] out = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            out[r] = new double[rows[r].length];
            for (int j = 0; j < rows[r].length; j++) {
                out[r][j] = a[j] * rows[r][j] + b[j];
            }
        }
        return out;
    }

    @Property(tries = 50)
    void saveAndLoadGiveIdenticalStatistics(@ForAll long seed, @ForAll @IntRange(min = 10, max = 400) int rows,
            @ForAll boolean standardise) throws IOException {
        PcaSpcModel model = new PcaSpcTrainer(new PcaSpcOptions().withStandardise(standardise))
                .fit(SpcTestData.normal(rows, seed), SpcTestData.SCHEMA);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PcaSpcFile.toEnvelope(model).writeTo(bytes);
        PcaSpcModel loaded = PcaSpcFile.fromEnvelope(
                ModelEnvelope.readFrom(new ByteArrayInputStream(bytes.toByteArray()), "memory"), "memory");
        for (double[] x : probes(seed, 5)) {
            assertEquals(model.statistics(x), loaded.statistics(x));
            assertEquals(model.score(x), loaded.score(x));
        }
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        PcaSpcFile.toEnvelope(loaded).writeTo(again);
        assertArrayEquals(bytes.toByteArray(), again.toByteArray());
    }

    @Property(tries = 30)
    void theSameDataGiveTheSameModel(@ForAll long seed) {
        double[][] rows = SpcTestData.normal(200, seed);
        assertArrayEquals(PcaSpcFile.toEnvelope(new PcaSpcTrainer().fit(rows, SpcTestData.SCHEMA)).payload(),
                PcaSpcFile.toEnvelope(new PcaSpcTrainer().fit(PcaSpcTrainerTest.copy(rows), SpcTestData.SCHEMA))
                        .payload());
    }
}
