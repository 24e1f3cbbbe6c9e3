package org.industry4.anomaly.spc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Monitoring behaviour on generated data: 5 sensors, 2 latent factors, fixed seeds. */
class PcaSpcModelTest {

    private static final int FRESH = 5000;
    private static PcaSpcModel model;
    private static double[][] fresh;

    @BeforeAll
    static void fit() {
        model = new PcaSpcTrainer().fit(SpcTestData.normal(1000, 1), SpcTestData.SCHEMA);
        fresh = SpcTestData.normal(FRESH, 2);
    }

    @Test
    void falseAlarmRatesOnFreshNormalDataAreNearOneMinusTheConfidence() {
        int t2 = 0;
        int q = 0;
        int any = 0;
        int scoreAboveOne = 0;
        for (double[] x : fresh) {
            SpcStatistics s = model.statistics(x);
            t2 += s.t2OutOfControl() ? 1 : 0;
            q += s.qOutOfControl() ? 1 : 0;
            any += s.outOfControl() ? 1 : 0;
            scoreAboveOne += model.score(x) > 1 ? 1 : 0;
        }
        assertRate("T2", t2, 0.003, 0.03);
        assertRate("Q", q, 0.003, 0.03);
        // Either chart: at most the sum of both, at least the larger.
        assertRate("T2 or Q", any, 0.005, 0.05);
        assertEquals(any, scoreAboveOne, "score > 1 exactly when out of control");
    }

    @Test
    void falseAlarmRatesFollowAnotherConfidenceLevel() {
        PcaSpcModel loose = new PcaSpcTrainer(new PcaSpcOptions().withConfidence(0.95))
                .fit(SpcTestData.normal(1000, 1), SpcTestData.SCHEMA);
        int t2 = 0;
        int q = 0;
        for (double[] x : fresh) {
            SpcStatistics s = loose.statistics(x);
            t2 += s.t2OutOfControl() ? 1 : 0;
            q += s.qOutOfControl() ? 1 : 0;
        }
        assertRate("T2 at 95 %", t2, 0.03, 0.08);
        assertRate("Q at 95 %", q, 0.03, 0.08);
    }

    @Test
    void aShiftAlongAPrincipalDirectionRaisesT2AndLeavesQUnchanged() {
        double[][] p = model.loadings();
        double[] scale = model.scale();
        double size = 5 * Math.sqrt(model.eigenvalues()[0]);
        int t2Alarms = 0;
        int qAlarms = 0;
        for (double[] x : fresh) {
            double[] shifted = x.clone();
            for (int j = 0; j < shifted.length; j++) {
                shifted[j] += size * p[j][0] * scale[j];
            }
            SpcStatistics before = model.statistics(x);
            SpcStatistics after = model.statistics(shifted);
            assertEquals(before.q(), after.q(), 1e-9 * (1 + before.q()), "the residual does not move");
            t2Alarms += after.t2OutOfControl() ? 1 : 0;
            qAlarms += after.qOutOfControl() ? 1 : 0;
        }
        assertTrue(t2Alarms > 0.95 * FRESH, "T2 alarms " + t2Alarms);
        assertRate("Q after the shift", qAlarms, 0.003, 0.03);
    }

    @Test
    void aBrokenCorrelationRaisesQAndNotT2() {
        // Each sensor in turn loses its link to the latent factors: same mean and spread, drawn independently.
        SplittableRandom random = new SplittableRandom(3);
        for (int j = 0; j < SpcTestData.SCHEMA.size(); j++) {
            int t2Alarms = 0;
            int qAlarms = 0;
            for (double[] x : fresh) {
                double[] broken = x.clone();
                broken[j] = SpcTestData.OFFSET[j] + SpcTestData.sd(j) * SpcTestData.gaussian(random);
                SpcStatistics s = model.statistics(broken);
                t2Alarms += s.t2OutOfControl() ? 1 : 0;
                qAlarms += s.qOutOfControl() ? 1 : 0;
            }
            String name = SpcTestData.SCHEMA.names().get(j);
            assertTrue(qAlarms > 0.3 * FRESH, name + ": Q alarms " + qAlarms);
            assertRate("T2 with " + name + " decoupled", t2Alarms, 0, 0.02);
        }
    }

    @Test
    void qContributionsNameTheSensorThatWasDisturbed() {
        // A step of 4 standard deviations on one sensor alone breaks the correlation: Q alarms, and the
        // largest Q contribution is that sensor's, on every sample here.
        for (int j = 0; j < SpcTestData.SCHEMA.size(); j++) {
            String name = SpcTestData.SCHEMA.names().get(j);
            for (int r = 0; r < 1000; r++) {
                double[] x = fresh[r].clone();
                x[j] += 4 * SpcTestData.sd(j);
                assertTrue(model.statistics(x).qOutOfControl(), name + " row " + r);
                assertEquals(name, model.topContributor(model.qContributions(x)), "row " + r);
            }
        }
    }

    @Test
    void t2ContributionsNameTheSensorOfALargeStep() {
        // T2 contributions smear more (the other sensors' own deviations enter through the
        // correlation): a step of 6 standard deviations is named in at least 95 % of the samples.
        for (int j = 0; j < SpcTestData.SCHEMA.size(); j++) {
            String name = SpcTestData.SCHEMA.names().get(j);
            int named = 0;
            for (int r = 0; r < 1000; r++) {
                double[] x = fresh[r].clone();
                x[j] += 6 * SpcTestData.sd(j);
                named += name.equals(model.topContributor(model.t2Contributions(x))) ? 1 : 0;
            }
            assertTrue(named >= 950, name + " named " + named + " times of 1000");
        }
    }

    @Test
    void contributionsSumToTheirStatistics() {
        for (int r = 0; r < 200; r++) {
            double[] x = fresh[r].clone();
            x[r % 5] += (r % 7) * SpcTestData.sd(r % 5);
            SpcStatistics s = model.statistics(x);
            double t2 = 0;
            for (double c : model.t2Contributions(x)) {
                t2 += c;
            }
            double q = 0;
            for (double c : model.qContributions(x)) {
                assertTrue(c >= 0);
                q += c;
            }
            assertEquals(s.t2(), t2, 1e-9 * (1 + s.t2()));
            assertEquals(s.q(), q, 1e-9 * (1 + s.q()));
        }
    }

    @Test
    void theTrainingMeanIsInControlWithZeroStatistics() {
        SpcStatistics s = model.statistics(model.mean());
        assertEquals(0, s.t2(), 1e-20);
        assertEquals(0, s.q(), 1e-20);
        assertEquals(0, model.score(model.mean()), 1e-20);
    }

    @Test
    void badObservationsAreRefusedWithExactMessages() {
        assertEquals("expected 5 features, got 4",
                assertThrows(IllegalArgumentException.class, () -> model.score(new double[4])).getMessage());
        assertEquals("expected 5 features, got 6",
                assertThrows(IllegalArgumentException.class, () -> model.statistics(new double[6])).getMessage());
        double[] nan = fresh[0].clone();
        nan[3] = Double.NaN;
        assertEquals("feature current (index 3) must be finite, got NaN",
                assertThrows(IllegalArgumentException.class, () -> model.score(nan)).getMessage());
        assertEquals("feature current (index 3) must be finite, got NaN",
                assertThrows(IllegalArgumentException.class, () -> model.t2Contributions(nan)).getMessage());
        assertEquals("feature current (index 3) must be finite, got NaN",
                assertThrows(IllegalArgumentException.class, () -> model.qContributions(nan)).getMessage());
        double[] infinite = fresh[0].clone();
        infinite[0] = Double.POSITIVE_INFINITY;
        assertEquals("feature flow (index 0) must be finite, got Infinity",
                assertThrows(IllegalArgumentException.class, () -> model.statistics(infinite)).getMessage());
        assertEquals("expected 5 features, got 2",
                assertThrows(IllegalArgumentException.class, () -> model.topContributor(new double[2])).getMessage());
    }

    private static void assertRate(String what, int count, double low, double high) {
        double rate = (double) count / FRESH;
        assertTrue(rate >= low && rate <= high, what + " rate " + rate + " outside [" + low + ", " + high + "]");
    }
}
