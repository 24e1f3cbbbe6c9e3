package org.industry4.anomaly.autoencoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.industry4.core.FeatureSchema;
import org.junit.jupiter.api.Test;

class SlidingWindowsTest {

    private static final double[][] SERIES = {{1, 10}, {2, 20}, {3, 30}, {4, 40}};

    @Test
    void windowFeaturesAreNamedByStepOldestFirst() {
        FeatureSchema schema = SlidingWindows.schema(FeatureSchema.of("flow", "pressure"), 3);
        assertEquals(List.of("flow[t-2]", "pressure[t-2]", "flow[t-1]", "pressure[t-1]", "flow[t]", "pressure[t]"),
                schema.names());
    }

    @Test
    void windowsHoldConsecutiveSamplesOldestFirst() {
        double[][] rows = SlidingWindows.windows(SERIES, 3);
        assertEquals(2, rows.length);
        assertArrayEquals(new double[] {1, 10, 2, 20, 3, 30}, rows[0]);
        assertArrayEquals(new double[] {2, 20, 3, 30, 4, 40}, rows[1]);
        assertArrayEquals(rows[1], SlidingWindows.window(SERIES, 3, 3));
        assertArrayEquals(new double[] {4, 40}, SlidingWindows.window(SERIES, 3, 1));
        assertEquals(4, SlidingWindows.windows(SERIES, 1).length);
    }

    @Test
    void perSensorSumsEachSensorOverTheSteps() {
        assertArrayEquals(new double[] {1 + 3 + 5, 2 + 4 + 6},
                SlidingWindows.perSensor(new double[] {1, 2, 3, 4, 5, 6}, 2));
    }

    @Test
    void impossibleWindowsAreRefusedNamingTheSizes() {
        assertEquals("window must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> SlidingWindows.windows(SERIES, 0)).getMessage());
        assertEquals("a series of 4 samples has no window of 5", assertThrows(IllegalArgumentException.class,
                () -> SlidingWindows.windows(SERIES, 5)).getMessage());
        assertEquals("a window of 3 samples cannot end at sample 1 of a series of 4",
                assertThrows(IllegalArgumentException.class, () -> SlidingWindows.window(SERIES, 1, 3)).getMessage());
        assertEquals("sample 1 has 1 values, sample 2 has 2", assertThrows(IllegalArgumentException.class,
                () -> SlidingWindows.window(new double[][] {{1, 2}, {3}, {5, 6}}, 2, 3)).getMessage());
        assertEquals("contributions of length 5 do not split into 2 sensors",
                assertThrows(IllegalArgumentException.class,
                        () -> SlidingWindows.perSensor(new double[5], 2)).getMessage());
    }
}
