package org.industry4.rul.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RulMetricsTest {

    @Test
    void handComputedRmseMaeAndPhm08() {
        // errors d = predicted - truth: -13, +10, 0
        RulMetrics m = RulMetrics.of(new double[] {50, 20, 7}, new double[] {37, 30, 7});
        assertEquals(3, m.count());
        assertEquals(Math.sqrt((169 + 100 + 0) / 3.0), m.rmse(), 1e-12);
        assertEquals(23 / 3.0, m.mae(), 1e-12);
        assertEquals((Math.E - 1) + (Math.E - 1) + 0, m.phm08(), 1e-12);
    }

    @Test
    void latePredictionsCostMoreThanEarlyOnes() {
        double late = RulMetrics.of(new double[] {50}, new double[] {70}).phm08();
        double early = RulMetrics.of(new double[] {50}, new double[] {30}).phm08();
        assertEquals(Math.exp(2) - 1, late, 1e-12);
        assertEquals(Math.exp(20 / 13.0) - 1, early, 1e-12);
        assertEquals(true, late > early);
        assertEquals(0, RulMetrics.phm08(0));
    }

    @Test
    void hugeLateErrorsGiveAnInfiniteScoreNotNaN() {
        RulMetrics m = RulMetrics.of(new double[] {0}, new double[] {10_000});
        assertEquals(Double.POSITIVE_INFINITY, m.phm08());
        assertEquals(10_000, m.rmse());
    }

    @Test
    void coverageCountsTruthsInsideClosedIntervals() {
        double[] truth = {10, 20, 30, 40};
        double[] lower = {5, 20, 31, 0};
        double[] upper = {15, 25, 35, 39.9};
        assertEquals(0.5, RulMetrics.coverage(truth, lower, upper));
        assertEquals(1.0, RulMetrics.coverage(new double[] {3}, new double[] {3}, new double[] {3}));
    }

    @Test
    void refusesBadInputNamingIt() {
        assertEquals("truth is empty", assertThrows(IllegalArgumentException.class,
                () -> RulMetrics.of(new double[0], new double[0])).getMessage());
        assertEquals("expected 2 predicted values, got 1", assertThrows(IllegalArgumentException.class,
                () -> RulMetrics.of(new double[2], new double[1])).getMessage());
        assertEquals("predicted 1 is not finite: NaN", assertThrows(IllegalArgumentException.class,
                () -> RulMetrics.of(new double[2], new double[] {0, Double.NaN})).getMessage());
        assertEquals("truth 0 is not finite: Infinity", assertThrows(IllegalArgumentException.class,
                () -> RulMetrics.of(new double[] {Double.POSITIVE_INFINITY}, new double[1])).getMessage());
        assertEquals("expected 1 upper values, got 2", assertThrows(IllegalArgumentException.class,
                () -> RulMetrics.coverage(new double[1], new double[1], new double[2])).getMessage());
        assertEquals("interval 0 has lower 2.0 > upper 1.0", assertThrows(IllegalArgumentException.class,
                () -> RulMetrics.coverage(new double[1], new double[] {2}, new double[] {1})).getMessage());
        assertEquals("count must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> new RulMetrics(0, 0, 0, 0)).getMessage());
        assertEquals("rmse must be finite and >= 0, got NaN", assertThrows(IllegalArgumentException.class,
                () -> new RulMetrics(1, Double.NaN, 0, 0)).getMessage());
    }
}
