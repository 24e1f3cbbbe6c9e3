package org.industry4.anomaly.fault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.industry4.core.FeatureSchema;
import org.junit.jupiter.api.Test;

class WindowFeaturesTest {

    private static final FeatureSchema SIGNALS = FeatureSchema.of("vibration", "temp");
    private static final double NAN = Double.NaN;

    @Test
    void theDerivedSchemaNamesEveryStatisticOfEverySignalSignalMajor() {
        WindowFeatures features = WindowFeatures.of(SIGNALS);
        assertEquals(List.of("vibration.mean", "vibration.std", "vibration.min", "vibration.max", "vibration.slope",
                "vibration.diff_mean_abs", "vibration.diff_max_abs", "temp.mean", "temp.std", "temp.min", "temp.max",
                "temp.slope", "temp.diff_mean_abs", "temp.diff_max_abs"), features.schema().names());
        assertEquals(7, features.featuresPerSignal());
        WindowFeatures counting = new WindowFeatures(SIGNALS, MissingValues.COUNT);
        assertEquals(16, counting.schema().size());
        assertEquals("vibration.missing", counting.schema().names().get(7));
        assertEquals("temp.missing", counting.schema().names().get(15));
    }

    @Test
    void aRampAndAFrozenSensorGiveTheirExactStatistics() {
        double[][] window = {{1, 5}, {2, 5}, {3, 5}, {4, 5}};
        double[] f = WindowFeatures.of(SIGNALS).features(window);
        assertArrayEquals(new double[] {2.5, Math.sqrt(1.25), 1, 4, 1, 1, 1, 5, 0, 5, 5, 0, 0, 0}, f, 1e-15);
    }

    @Test
    void aSpikeShowsInTheLargestStepAndTheSlopeIsLeastSquares() {
        double[][] window = {{0, 10}, {0, 9}, {8, 8}, {0, 7}, {0, 6}};
        double[] f = WindowFeatures.of(SIGNALS).features(window);
        assertEquals(1.6, f[0], 1e-15);
        assertEquals(Math.sqrt(64 / 5.0 - 1.6 * 1.6), f[1], 1e-14);
        assertEquals(0, f[4], 1e-15, "a spike in the middle has no trend");
        assertEquals(4, f[5], 1e-15, "(0 + 8 + 8 + 0) / 4");
        assertEquals(8, f[6]);
        assertEquals(-1, f[7 + 4], 1e-15, "temp falls one per row");
    }

    @Test
    void aSubRangeGivesTheFeaturesOfThatWindowIntoTheCallersBuffer() {
        double[][] series = new double[30][];
        for (int r = 0; r < series.length; r++) {
            series[r] = new double[] {Math.sin(r), r * r};
        }
        WindowFeatures features = WindowFeatures.of(SIGNALS);
        double[] buffer = new double[14];
        features.features(series, 10, 8, buffer);
        double[][] window = java.util.Arrays.copyOfRange(series, 10, 18);
        assertArrayEquals(features.features(window), buffer);
        assertEquals(2 * 13.5, buffer[7 + 4], 1e-9, "slope of r^2 around r = 13.5");
    }

    @Test
    void countedMissingReadingsAreLeftOutOfTheStatisticsAndCounted() {
        WindowFeatures features = new WindowFeatures(SIGNALS, MissingValues.COUNT);
        double[][] window = {{1, NAN}, {NAN, NAN}, {3, NAN}, {5, NAN}};
        double[] f = features.features(window);
        // vibration present at rows 0, 2, 3: 1, 3, 5
        assertEquals(3, f[0], 1e-15);
        assertEquals(Math.sqrt(8 / 3.0), f[1], 1e-15);
        assertEquals(1, f[2]);
        assertEquals(5, f[3]);
        // least squares of (0,1), (2,3), (3,5): t mean 5/3, slope = sum dt dx / sum dt^2
        assertEquals((-5 / 3.0 * -2 + 1 / 3.0 * 0 + 4 / 3.0 * 2) / (25 / 9.0 + 1 / 9.0 + 16 / 9.0), f[4], 1e-15);
        assertEquals(2, f[5], 1e-15, "differences join present readings: 3 - 1, 5 - 3");
        assertEquals(2, f[6]);
        assertEquals(0.25, f[7]);
        // temp never present: zeros and missing 1
        assertArrayEquals(new double[] {0, 0, 0, 0, 0, 0, 0, 1}, java.util.Arrays.copyOfRange(f, 8, 16));

        double[][] complete = {{1, 2}, {2, 3}, {4, 1}};
        double[] refused = WindowFeatures.of(SIGNALS).features(complete);
        double[] counted = features.features(complete);
        for (int s = 0; s < 2; s++) {
            assertArrayEquals(java.util.Arrays.copyOfRange(refused, 7 * s, 7 * s + 7),
                    java.util.Arrays.copyOfRange(counted, 8 * s, 8 * s + 7));
            assertEquals(0, counted[8 * s + 7]);
        }
    }

    @Test
    void badWindowsAreRefusedNamingTheRowAndSignal() {
        WindowFeatures features = WindowFeatures.of(SIGNALS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> features.features(new double[][] {{1, 2}, {1, NAN}}));
        assertEquals("row 1: signal temp (index 1) must be finite, got NaN; use MissingValues.COUNT for windows "
                + "with missing readings", e.getMessage());
        WindowFeatures counting = new WindowFeatures(SIGNALS, MissingValues.COUNT);
        e = assertThrows(IllegalArgumentException.class,
                () -> counting.features(new double[][] {{1, 2}, {Double.NEGATIVE_INFINITY, 1}}));
        assertEquals("row 1: signal vibration (index 0) must be finite or NaN (missing), got -Infinity",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> features.features(new double[][] {{1, 2}, {1}}));
        assertEquals("row 1: expected 2 signals, got 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> features.features(new double[][] {{1, 2}}));
        assertEquals("a window must have at least 2 rows, got 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> features.features(new double[5][2], 3, 3, new double[14]));
        assertEquals("window of 3 rows from row 3 does not fit in 5 rows", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> features.features(new double[5][2], 0, 3, new double[16]));
        assertEquals("out must have 14 features, got 16", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> features.featuresAll(List.of(new double[3][2], new double[][] {{0, 0}, {0, NAN}})));
        assertEquals("window 1: row 1: signal temp (index 1) must be finite, got NaN; use MissingValues.COUNT "
                + "for windows with missing readings", e.getMessage());
    }
}
