package org.industry4.anomaly.scale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.industry4.core.FeatureSchema;
import org.junit.jupiter.api.Test;

class RobustScalerTest {

    private static final FeatureSchema SCHEMA = FeatureSchema.of("a", "b");

    @Test
    void fitsTheMedianAndTheInterquartileRangeOfType7Quantiles() {
        // a: 1..5 -> Q(.25) = 2, median 3, Q(.75) = 4; b sorted 1, 2, 3, 4, 100 -> 2, 3, 4
        double[][] rows = {{5, 100}, {1, 2}, {4, 1}, {2, 4}, {3, 3}};
        RobustScaler scaler = RobustScaler.fit(rows, SCHEMA);
        assertArrayEquals(new double[] {3, 3}, scaler.center(), 0);
        assertArrayEquals(new double[] {2, 2}, scaler.scale(), 0);
        assertArrayEquals(new double[] {0.5, 48.5}, scaler.transform(new double[] {4, 100}), 0);
        assertEquals("RobustScaler[2 features]", scaler.toString());
    }

    @Test
    void interpolatesBetweenOrderStatisticsAsNumPyPercentileDoes() {
        // numpy.percentile([0, 10, 20, 30], [25, 50, 75]) == [7.5, 15, 22.5]
        double[] sorted = {0, 10, 20, 30};
        assertEquals(7.5, RobustScaler.quantile(sorted, 0.25));
        assertEquals(15, RobustScaler.quantile(sorted, 0.5));
        assertEquals(22.5, RobustScaler.quantile(sorted, 0.75));
        assertEquals(0, RobustScaler.quantile(sorted, 0));
        assertEquals(30, RobustScaler.quantile(sorted, 1));
        assertEquals(0, RobustScaler.quantile(new double[] {-Double.MAX_VALUE, Double.MAX_VALUE}, 0.5));
    }

    @Test
    void aConstantColumnIsRefusedNamingTheFeatureAndItsValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RobustScaler.fit(new double[][] {{1, -2}, {2, -2}, {3, -2}}, SCHEMA));
        assertEquals("feature b (index 1) is constant (-2.0) in the training data; drop it from the schema or"
                + " train on data in which it varies", e.getMessage());
    }

    @Test
    void aColumnWhoseQuartilesCoincideIsRefusedSuggestingTheStandardScaler() {
        // a valve that is open (1) most of the time: the IQR is 0 though the column is not constant
        double[][] rows = {{1, 0}, {2, 1}, {3, 1}, {4, 1}, {5, 1}, {6, 1}, {7, 1}, {8, 1}, {9, 0}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RobustScaler.fit(rows, SCHEMA));
        assertEquals("feature b (index 1) has an interquartile range of 0 in the training data (its 25th and 75th"
                + " percentiles are both 1.0: at least half of its values are equal); drop it from the schema or"
                + " use StandardScaler", e.getMessage());
        assertEquals(7.0 / 9, StandardScaler.fit(rows, SCHEMA).center()[1], 1e-15);
    }

    @Test
    void badTrainingDataIsRefusedNamingRowAndFeature() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RobustScaler.fit(new double[0][], SCHEMA));
        assertEquals("training data must have at least 2 rows, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RobustScaler.fit(new double[][] {{1, 2}, {3, 4, 5}}, SCHEMA));
        assertEquals("row 1: expected 2 features, got 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RobustScaler.fit(new double[][] {{1, 2}, {3, 4}, {Double.NaN, 4}}, SCHEMA));
        assertEquals("row 2: feature a (index 0) must be finite, got NaN", e.getMessage());
    }

    @Test
    void oneHugeOutlierInTheTrainingDataMovesTheStandardScalerButHardlyTheRobustOne() {
        int n = 101;
        double[][] clean = new double[n][];
        for (int i = 0; i < n; i++) {
            clean[i] = new double[] {i, (i * 37) % n};
        }
        double[][] dirty = java.util.Arrays.copyOf(clean, n + 1);
        dirty[n] = new double[] {1e9, 1e9};
        RobustScaler robustClean = RobustScaler.fit(clean, SCHEMA);
        RobustScaler robustDirty = RobustScaler.fit(dirty, SCHEMA);
        StandardScaler standardClean = StandardScaler.fit(clean, SCHEMA);
        StandardScaler standardDirty = StandardScaler.fit(dirty, SCHEMA);
        for (int j = 0; j < 2; j++) {
            assertEquals(robustClean.center()[j], robustDirty.center()[j], 0.5);
            assertEquals(robustClean.scale()[j], robustDirty.scale()[j], 1.0);
            assertTrue(standardDirty.center()[j] - standardClean.center()[j] > 1e6);
            assertTrue(standardDirty.scale()[j] > 1000 * standardClean.scale()[j]);
        }
    }
}
