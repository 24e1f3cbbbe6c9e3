package org.industry4.anomaly.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FaultClassifierOptionsTest {

    @Test
    void defaultsAreAHundredDeepTreesWithSqrtFeaturesAndBothUnknownChecks() {
        FaultClassifierOptions o = new FaultClassifierOptions();
        assertEquals(new FaultClassifierOptions(100, 30, 1, 0, 0.5, 0.25, 1L), o);
        assertEquals(7, o.featuresPerSplit(48), "round(sqrt(48)) = 7");
        assertEquals(1, o.featuresPerSplit(1));
        assertEquals(2, o.featuresPerSplit(4));
        assertEquals(5, o.withFeaturesPerSplit(5).featuresPerSplit(48));
    }

    @Test
    void copiesChangeOneValueEach() {
        FaultClassifierOptions o = new FaultClassifierOptions().withTrees(7).withMaxDepth(3).withMinLeaf(2)
                .withFeaturesPerSplit(4).withUnknownThreshold(0.8).withRangeMargin(Double.POSITIVE_INFINITY)
                .withSeed(-9);
        assertEquals(new FaultClassifierOptions(7, 3, 2, 4, 0.8, Double.POSITIVE_INFINITY, -9), o);
    }

    @Test
    void valuesOutsideTheirRangeAreRefusedNamingTheValue() {
        assertEquals("trees must be in [1, 100000], got 0", message(() -> new FaultClassifierOptions().withTrees(0)));
        assertEquals("maxDepth must be in [1, 1000], got 0", message(() -> new FaultClassifierOptions().withMaxDepth(0)));
        assertEquals("minLeaf must be >= 1, got 0", message(() -> new FaultClassifierOptions().withMinLeaf(0)));
        assertEquals("featuresPerSplit must be >= 0 (0: sqrt of the feature count), got -1",
                message(() -> new FaultClassifierOptions().withFeaturesPerSplit(-1)));
        assertEquals("unknownThreshold must be in [0, 1], got 1.2",
                message(() -> new FaultClassifierOptions().withUnknownThreshold(1.2)));
        assertEquals("unknownThreshold must be in [0, 1], got -0.1",
                message(() -> new FaultClassifierOptions().withUnknownThreshold(-0.1)));
        assertEquals("unknownThreshold must be in [0, 1], got NaN",
                message(() -> new FaultClassifierOptions().withUnknownThreshold(Double.NaN)));
        assertEquals("rangeMargin must be >= 0 (Infinity: no range check), got -0.5",
                message(() -> new FaultClassifierOptions().withRangeMargin(-0.5)));
    }

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }
}
