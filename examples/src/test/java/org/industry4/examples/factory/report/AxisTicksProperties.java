package org.industry4.examples.factory.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class AxisTicksProperties {

    private static final Set<Long> TIME_STEPS = Set.of(1L, 2L, 5L, 10L, 20L, 50L, 100L, 200L, 500L, 1_000L, 2_000L,
            5_000L, 10_000L, 15_000L, 30_000L, 60_000L, 120_000L, 300_000L, 600_000L, 900_000L, 1_800_000L,
            3_600_000L, 7_200_000L, 10_800_000L, 21_600_000L, 43_200_000L, 86_400_000L, 172_800_000L, 604_800_000L,
            1_209_600_000L);

    @Property(tries = 500)
    void niceTicksAreOneTwoFiveStepsCoveringTheRange(@ForAll @DoubleRange(min = -1e9, max = 1e9) double a,
            @ForAll @DoubleRange(min = 0, max = 1e9) double width, @ForAll @IntRange(min = -9, max = 3) int scale,
            @ForAll @IntRange(min = 2, max = 12) int target) {
        double min = a * Math.pow(10, scale);
        double max = min + width * Math.pow(10, scale);
        AxisTicks.Ticks ticks = AxisTicks.nice(min, max, target);
        double step = ticks.step();
        double exponent = Math.floor(Math.log10(step) + 1e-9);
        double mantissa = step / Math.pow(10, exponent);
        assertTrue(Math.abs(mantissa - 1) < 1e-9 || Math.abs(mantissa - 2) < 1e-9 || Math.abs(mantissa - 5) < 1e-9,
                "step " + step);
        double[] v = ticks.values();
        assertTrue(v[0] <= min && v[v.length - 1] >= max, "ticks cover [" + min + ", " + max + "]");
        assertTrue(v.length >= 2 && v.length <= 3 * target + 2, v.length + " ticks for target " + target);
        for (int i = 0; i < v.length; i++) {
            double k = v[i] / step;
            assertEquals(Math.rint(k), k, 1e-9 + Math.abs(k) * 1e-12, "tick " + v[i] + " is a multiple of " + step);
            if (i > 0) {
                assertEquals(step, v[i] - v[i - 1], step * 1e-6 + 4 * Math.ulp(v[i]));
            }
        }
        if (min < max) { // an empty range is widened on purpose; otherwise at most one step is wasted per end
            // a tick value is only as exact as the doubles near it: ulps of the range's magnitude count too
            double slack = step * (1 + 1e-9) + 4 * Math.ulp(Math.max(Math.abs(min), Math.abs(max)));
            assertTrue(min - v[0] <= slack && v[v.length - 1] - max <= slack, "axis " + v[0] + ".." + v[v.length - 1]
                    + " for [" + min + ", " + max + "], step " + step);
        }
    }

    @Property(tries = 300)
    void timeTicksUseCalendarStepsCoveringTheRange(@ForAll @LongRange(min = 0, max = 4_000_000_000_000L) long start,
            @ForAll @LongRange(min = 0, max = 400L * 86_400_000) long span, @ForAll @IntRange(min = 2, max = 10) int target) {
        AxisTicks.Ticks ticks = AxisTicks.time(start, start + span, target);
        long step = (long) ticks.step();
        assertTrue(TIME_STEPS.contains(step) || step % 86_400_000L == 0, "step " + step);
        double[] v = ticks.values();
        assertTrue(v[0] <= start && v[v.length - 1] >= start + span);
        for (double t : v) {
            assertEquals(0, (long) t % step, "tick " + (long) t + " on a whole step " + step);
        }
        assertEquals(v.length, AxisTicks.timeLabels(ticks).length);
    }

    @Example
    void aRangeTinyAgainstItsValuesWastesNoMoreThanAStepAtEitherEnd() {
        // found by the property above: no double times the step lands on -1.0, so the axis starts a
        // step below it, give or take the rounding of that tick
        AxisTicks.Ticks ticks = AxisTicks.nice(-1.0, -0.99999999999, 2);
        double[] v = ticks.values();
        assertTrue(v[0] <= -1.0 && v[v.length - 1] >= -0.99999999999);
        double slack = ticks.step() + 4 * Math.ulp(1.0);
        assertTrue(-1.0 - v[0] <= slack && v[v.length - 1] + 0.99999999999 <= slack,
                v[0] + ".." + v[v.length - 1] + " step " + ticks.step());
    }

    @Example
    void labelsHaveAsManyDecimalsAsTheStep() {
        AxisTicks.Ticks ticks = AxisTicks.nice(0.12, 0.38, 6);
        assertEquals(0.05, ticks.step(), 1e-12);
        assertArrayEquals(new String[] {"0.10", "0.15", "0.20", "0.25", "0.30", "0.35", "0.40"},
                AxisTicks.numberLabels(ticks));
        assertArrayEquals(new String[] {"-2", "0", "2", "4"}, AxisTicks.numberLabels(AxisTicks.nice(-1.5, 3.2, 3)));
    }
}
