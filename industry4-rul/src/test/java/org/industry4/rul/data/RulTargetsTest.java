package org.industry4.rul.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.industry4.core.FeatureSchema;
import org.junit.jupiter.api.Test;

class RulTargetsTest {

    @Test
    void capsEarlyLifeAndFallsLinearlyToRulAtEnd() {
        assertArrayEquals(new double[] {3, 3, 3, 2, 1, 0}, RulTargets.piecewiseLinear(6, 0, 3));
        assertArrayEquals(new double[] {4, 4, 3, 2}, RulTargets.piecewiseLinear(4, 2, 4));
        assertArrayEquals(new double[] {7, 6, 5}, RulTargets.piecewiseLinear(3, 5, Double.POSITIVE_INFINITY));
        assertArrayEquals(new double[] {0.5}, RulTargets.piecewiseLinear(1, 1, 0.5));
        assertEquals(125, RulTargets.DEFAULT_CAP);
        double[] fd001Engine1 = RulTargets.piecewiseLinear(192, 0, RulTargets.DEFAULT_CAP);
        assertEquals(125, fd001Engine1[0]);
        assertEquals(125, fd001Engine1[191 - 125]);
        assertEquals(124, fd001Engine1[191 - 124]);
        assertEquals(0, fd001Engine1[191]);
    }

    @Test
    void takesTheRulOfATrajectory() {
        Trajectory t = new Trajectory("a/1", FeatureSchema.of("x"), new double[][] {{1}, {2}}, 10);
        assertArrayEquals(new double[] {11, 10}, RulTargets.piecewiseLinear(t, 200));
        Trajectory live = new Trajectory("a/2", FeatureSchema.of("x"), new double[][] {{1}}, Trajectory.UNKNOWN);
        assertEquals("trajectory a/2 has no known RUL",
                assertThrows(IllegalArgumentException.class, () -> RulTargets.piecewiseLinear(live, 1)).getMessage());
    }

    @Test
    void refusesBadArgumentsNamingThem() {
        assertEquals("cycles must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> RulTargets.piecewiseLinear(0, 0, 1)).getMessage());
        assertEquals("rulAtEnd must be >= 0, got -1",
                assertThrows(IllegalArgumentException.class, () -> RulTargets.piecewiseLinear(3, -1, 1)).getMessage());
        assertEquals("cap must be > 0, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> RulTargets.piecewiseLinear(3, 0, 0)).getMessage());
        assertEquals("cap must be > 0, got NaN",
                assertThrows(IllegalArgumentException.class, () -> RulTargets.piecewiseLinear(3, 0, Double.NaN)).getMessage());
    }
}
