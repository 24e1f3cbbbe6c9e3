package org.industry4.anomaly.autoencoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ThresholdRuleTest {

    private static double[] oneTo(int n) {
        return IntStream.rangeClosed(1, n).asDoubleStream().toArray();
    }

    @Test
    void percentilesInterpolateBetweenOrderStatisticsAsNumPyDoes() {
        // numpy.percentile(range(1, 101), 99) == 99.01; numpy.percentile([1, 2, 3, 4], 50) == 2.5
        assertEquals(99.01, ThresholdRule.percentile(99).threshold(oneTo(100)), 1e-12);
        assertEquals(2.5, ThresholdRule.percentile(50).threshold(new double[] {4, 1, 3, 2}), 1e-12);
        assertEquals(4.0, ThresholdRule.percentile(100).threshold(new double[] {4, 1, 3, 2}));
        assertEquals(7.0, ThresholdRule.percentile(99).threshold(new double[] {7}));
    }

    @Test
    void theFalseAlarmRuleTakesTheConformalRank() {
        // m = 99 errors, rate 0.01: rank ceil(100 * 0.99) = 99, the largest.
        assertEquals(99.0, ThresholdRule.falseAlarmRate(0.01).threshold(oneTo(99)));
        // m = 199: rank ceil(200 * 0.99) = 198, so 1 of 199 validation errors lies above.
        assertEquals(198.0, ThresholdRule.falseAlarmRate(0.01).threshold(oneTo(199)));
        // m = 1000, rate 0.05: rank ceil(1001 * 0.95) = 951.
        assertEquals(951.0, ThresholdRule.falseAlarmRate(0.05).threshold(oneTo(1000)));
        // Too few errors for the rank: the largest.
        assertEquals(50.0, ThresholdRule.falseAlarmRate(0.01).threshold(oneTo(50)));
    }

    @Test
    void badRulesAndErrorsAreRefusedNamingTheValue() {
        assertEquals("percentile must be in (0, 100], got 0.0",
                assertThrows(IllegalArgumentException.class, () -> ThresholdRule.percentile(0)).getMessage());
        assertEquals("percentile must be in (0, 100], got 101.0",
                assertThrows(IllegalArgumentException.class, () -> ThresholdRule.percentile(101)).getMessage());
        assertEquals("false-alarm rate must be in (0, 0.5], got 0.7",
                assertThrows(IllegalArgumentException.class, () -> ThresholdRule.falseAlarmRate(0.7)).getMessage());
        assertEquals("false-alarm rate must be in (0, 0.5], got NaN",
                assertThrows(IllegalArgumentException.class,
                        () -> ThresholdRule.falseAlarmRate(Double.NaN)).getMessage());
        assertEquals("a threshold needs at least 1 validation error, got 0",
                assertThrows(IllegalArgumentException.class,
                        () -> ThresholdRule.percentile(99).threshold(new double[0])).getMessage());
        assertEquals("validation error at index 1 is NaN",
                assertThrows(IllegalArgumentException.class,
                        () -> ThresholdRule.percentile(99).threshold(new double[] {1, Double.NaN})).getMessage());
    }
}
