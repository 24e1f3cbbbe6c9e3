package org.industry4.anomaly.fault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.industry4.core.FeatureSchema;

/** Invariants of window features on random series generated from the seed. */
class WindowFeaturesProperties {

    private static final FeatureSchema SIGNALS = FeatureSchema.of("speed", "vibration", "temp");

    private static double[][] series(long seed, int rows, double scale) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] out = new double[rows][3];
        for (int r = 0; r < rows; r++) {
            out[r][0] = scale * random.nextGaussian();
            out[r][1] = scale * (r % 7 == 0 ? 5 : 0) + random.nextDouble();
            out[r][2] = 0.1 * r + scale * random.nextGaussian();
        }
        return out;
    }

    @Property(tries = 200)
    void aSubRangeEqualsTheCopiedWindow(@ForAll long seed, @ForAll @IntRange(min = 2, max = 60) int length,
            @ForAll @IntRange(min = 0, max = 40) int from) {
        double[][] rows = series(seed, 100, 3);
        WindowFeatures features = WindowFeatures.of(SIGNALS);
        double[] out = new double[features.schema().size()];
        features.features(rows, from, length, out);
        assertArrayEquals(features.features(Arrays.copyOfRange(rows, from, from + length)), out);
    }

    @Property(tries = 200)
    void anOffsetMovesLevelsAndLeavesSpreadTrendAndStepsAlone(@ForAll long seed,
            @ForAll @IntRange(min = 2, max = 80) int rows, @ForAll @DoubleRange(min = -1e3, max = 1e3) double offset) {
        double[][] window = series(seed, rows, 2);
        double[][] shifted = new double[rows][];
        for (int r = 0; r < rows; r++) {
            shifted[r] = new double[3];
            for (int s = 0; s < 3; s++) {
                shifted[r][s] = window[r][s] + offset;
            }
        }
        WindowFeatures features = WindowFeatures.of(SIGNALS);
        double[] a = features.features(window);
        double[] b = features.features(shifted);
        double tolerance = 1e-9 * (1 + Math.abs(offset));
        for (int s = 0; s < 3; s++) {
            int at = 7 * s;
            for (int level : new int[] {0, 2, 3}) {
                assertEquals(a[at + level] + offset, b[at + level], tolerance, "level " + level);
            }
            for (int shape : new int[] {1, 4, 5, 6}) {
                assertEquals(a[at + shape], b[at + shape], 1e3 * tolerance, "shape " + shape);
            }
            assertTrue(a[at + 2] <= a[at] && a[at] <= a[at + 3], "min <= mean <= max");
            assertTrue(a[at + 1] >= 0 && a[at + 5] >= 0 && a[at + 5] <= a[at + 6]);
        }
    }

    @Property(tries = 200)
    void missingReadingsAreCountedAndEveryFeatureStaysFinite(@ForAll long seed,
            @ForAll @IntRange(min = 2, max = 60) int rows, @ForAll @DoubleRange(min = 0, max = 1) double missingShare) {
        double[][] window = series(seed, rows, 1e3);
        SplittableRandom random = new SplittableRandom(~seed);
        int[] missing = new int[3];
        for (double[] row : window) {
            for (int s = 0; s < 3; s++) {
                if (random.nextDouble() < missingShare) {
                    row[s] = Double.NaN;
                    missing[s]++;
                }
            }
        }
        WindowFeatures features = new WindowFeatures(SIGNALS, MissingValues.COUNT);
        double[] f = features.features(window);
        assertEquals(24, f.length);
        for (double v : f) {
            assertTrue(Double.isFinite(v), Arrays.toString(f));
        }
        for (int s = 0; s < 3; s++) {
            assertEquals((double) missing[s] / rows, f[8 * s + 7]);
        }
    }

    @Property(tries = 100)
    void withoutMissingReadingsCountingAddsOnlyZeros(@ForAll long seed, @ForAll @IntRange(min = 2, max = 60) int rows) {
        double[][] window = series(seed, rows, 5);
        double[] refused = WindowFeatures.of(SIGNALS).features(window);
        double[] counted = new WindowFeatures(SIGNALS, MissingValues.COUNT).features(window);
        for (int s = 0; s < 3; s++) {
            assertArrayEquals(Arrays.copyOfRange(refused, 7 * s, 7 * s + 7), Arrays.copyOfRange(counted, 8 * s, 8 * s + 7));
            assertEquals(0, counted[8 * s + 7]);
        }
    }
}
