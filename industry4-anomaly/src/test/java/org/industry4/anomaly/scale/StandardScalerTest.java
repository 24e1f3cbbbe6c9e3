package org.industry4.anomaly.scale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.industry4.core.FeatureSchema;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class StandardScalerTest {

    private static final FeatureSchema SCHEMA = FeatureSchema.of("a", "b");
    private static final double[][] ROWS = {{1, 10}, {2, 10}, {3, 10}, {4, 30}};

    @Test
    void fitsTheMeanAndThePopulationStandardDeviation() {
        StandardScaler scaler = StandardScaler.fit(ROWS, SCHEMA);
        assertArrayEquals(new double[] {2.5, 15}, scaler.center(), 0);
        // population variance: (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25 and (3 x 25 + 225) / 4 = 75
        assertArrayEquals(new double[] {Math.sqrt(1.25), Math.sqrt(75)}, scaler.scale(), 1e-15);
        assertArrayEquals(new double[] {(4 - 2.5) / Math.sqrt(1.25), (0 - 15) / Math.sqrt(75)},
                scaler.transform(new double[] {4, 0}), 1e-12);
        assertSame(SCHEMA, scaler.schema());
        assertEquals("StandardScaler[2 features]", scaler.toString());
    }

    @Test
    void handlesColumnsNearTheEndsOfTheDoubleRange() {
        double[][] rows = {{1e300, 1e-300}, {-1e300, 3e-300}, {3e300, 2e-300}};
        StandardScaler scaler = StandardScaler.fit(rows, SCHEMA);
        assertEquals(1e300, scaler.center()[0], 1e286);
        assertEquals(Math.sqrt(8.0 / 3) * 1e300, scaler.scale()[0], 1e286);
        assertEquals(2e-300, scaler.center()[1], 1e-314);
        assertEquals(Math.sqrt(2.0 / 3) * 1e-300, scaler.scale()[1], 1e-314);
    }

    @Test
    void aConstantColumnIsRefusedNamingTheFeatureAndItsValue() {
        FeatureSchema schema = FeatureSchema.of("flow", "speed", "load", "pump_temp");
        double[][] rows = {{1, 2, 3, 1.25}, {2, 3, 4, 1.25}, {3, 1, 5, 1.25}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StandardScaler.fit(rows, schema));
        assertEquals("feature pump_temp (index 3) is constant (1.25) in the training data; drop it from the"
                + " schema or train on data in which it varies", e.getMessage());
    }

    @Test
    void badTrainingDataIsRefusedNamingRowAndFeature() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StandardScaler.fit(new double[0][], SCHEMA));
        assertEquals("training data must have at least 2 rows, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StandardScaler.fit(new double[][] {{1, 2}}, SCHEMA));
        assertEquals("training data must have at least 2 rows, got 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> StandardScaler.fit(new double[][] {{1, 2}, {3, 4}, {5}}, SCHEMA));
        assertEquals("row 2: expected 2 features, got 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> StandardScaler.fit(new double[][] {{1, 2}, {3, Double.NaN}}, SCHEMA));
        assertEquals("row 1: feature b (index 1) must be finite, got NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> StandardScaler.fit(new double[][] {{Double.NEGATIVE_INFINITY, 2}, {3, 4}}, SCHEMA));
        assertEquals("row 0: feature a (index 0) must be finite, got -Infinity", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> StandardScaler.fit(new double[][] {{1, 2}, null}, SCHEMA));
        assertEquals("row 1 is null", e.getMessage());
    }

    @Test
    void badInputToAFittedScalerIsRefused() {
        StandardScaler scaler = StandardScaler.fit(ROWS, SCHEMA);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> scaler.transform(new double[] {1, 2, 3}));
        assertEquals("expected 2 features, got 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> scaler.transform(new double[] {1, Double.NaN}));
        assertEquals("feature b (index 1) must be finite, got NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> scaler.transform(new double[] {1, 2}, new double[3]));
        assertEquals("output array: expected 2 features, got 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> scaler.transformAll(new double[][] {{1, 2}, {Double.POSITIVE_INFINITY, 2}}));
        assertEquals("row 1: feature a (index 0) must be finite, got Infinity", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> scaler.inverse(new double[] {1}));
        assertEquals("expected 2 features, got 1", e.getMessage());
    }

    @Test
    void centreAndScaleAreCopies() {
        StandardScaler scaler = StandardScaler.fit(ROWS, SCHEMA);
        scaler.center()[0] = 99;
        scaler.scale()[0] = 99;
        assertEquals(2.5, scaler.center()[0]);
        assertEquals(Math.sqrt(1.25), scaler.scale()[0], 1e-15);
    }

    @Test
    void transformIntoAnArrayAllocatesNothing() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean tb
                && tb.isThreadAllocatedMemorySupported() && tb.isThreadAllocatedMemoryEnabled(),
                "this JVM does not measure per-thread allocation");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        StandardScaler scaler = StandardScaler.fit(ROWS, SCHEMA);
        double[] x = {3, 12};
        double[] out = new double[2];
        double sink = 0;
        for (int i = 0; i < 20_000; i++) {
            scaler.transform(x, out);
            sink += out[0];
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 200_000; i++) {
            x[0] = i;
            scaler.transform(x, out);
            sink += out[0];
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        // An allocating transform would take at least 32 bytes a call, 6.4 MB here.
        assertTrue(allocated < 100_000, "allocated " + allocated + " bytes in 200,000 calls");
        assertTrue(sink != 0);
    }
}
