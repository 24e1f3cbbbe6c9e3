package org.industry4.examples.factory.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class DownsamplerProperties {

    @Property(tries = 200)
    void keepsTheGlobalMinimumAndMaximumAndBoundsThePointCount(@ForAll @IntRange(min = 1, max = 20_000) int n,
            @ForAll @IntRange(min = 1, max = 1_200) int columns, @ForAll @DoubleRange(min = 0, max = 0.3) double gaps,
            @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[n];
        double[] y = new double[n];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double t = random.nextDouble(-1e6, 1e6);
        for (int i = 0; i < n; i++) {
            t += random.nextInt(4) == 0 ? 0 : random.nextDouble(0, 10); // ties in x too
            x[i] = t;
            y[i] = random.nextDouble() < gaps ? Double.NaN : random.nextGaussian() * 100;
            if (!Double.isNaN(y[i])) {
                min = Math.min(min, y[i]);
                max = Math.max(max, y[i]);
            }
        }
        List<Downsampler.Segment> segments = Downsampler.line(x, y, x[0], x[n - 1], columns);
        int points = 0;
        double keptMin = Double.POSITIVE_INFINITY;
        double keptMax = Double.NEGATIVE_INFINITY;
        double previousX = Double.NEGATIVE_INFINITY;
        for (Downsampler.Segment s : segments) {
            assertTrue(s.size() > 0);
            for (int i = 0; i < s.size(); i++) {
                assertTrue(s.x()[i] >= previousX, "x stays in order");
                previousX = s.x()[i];
                keptMin = Math.min(keptMin, s.low()[i]);
                keptMax = Math.max(keptMax, s.low()[i]);
                assertTrue(Double.isFinite(s.low()[i]));
            }
            points += s.size();
        }
        assertTrue(points <= Math.min(n, 4 * columns), "points " + points + " for n " + n + ", columns " + columns);
        if (min <= max) {
            assertEquals(min, keptMin);
            assertEquals(max, keptMax);
        } else {
            assertEquals(0, points);
        }
    }

    @Property(tries = 100)
    void aBandStillContainsEveryOriginalInterval(@ForAll @IntRange(min = 1, max = 5_000) int n,
            @ForAll @IntRange(min = 1, max = 300) int columns, @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            lo[i] = random.nextGaussian();
            hi[i] = lo[i] + random.nextDouble() * 3;
        }
        List<Downsampler.Segment> segments = Downsampler.band(x, lo, hi, 0, Math.max(1, n - 1), columns);
        assertEquals(1, segments.size());
        Downsampler.Segment s = segments.get(0);
        assertTrue(s.size() <= Math.min(n, 4 * columns));
        // every original point lies inside the drawn band: x are distinct, so the last drawn x at or
        // before a point's x belongs to the point's own column, whose edges enclose all of the column
        int j = 0;
        for (int i = 0; i < n; i++) {
            while (j + 1 < s.size() && s.x()[j + 1] <= x[i]) {
                j++;
            }
            assertTrue(s.low()[j] <= lo[i] && hi[i] <= s.high()[j], "point " + i);
        }
    }
}
