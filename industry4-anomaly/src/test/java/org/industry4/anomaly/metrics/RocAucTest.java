package org.industry4.anomaly.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class RocAucTest {

    @Test
    void perfectReversedAndAllTiedRankingsGiveOneZeroAndOneHalf() {
        boolean[] labels = {false, false, true, true};
        assertEquals(1.0, RocAuc.of(new double[] {0.1, 0.2, 0.8, 0.9}, labels));
        assertEquals(0.0, RocAuc.of(new double[] {0.9, 0.8, 0.2, 0.1}, labels));
        assertEquals(0.5, RocAuc.of(new double[] {0.3, 0.3, 0.3, 0.3}, labels));
    }

    @Test
    void handComputedCasesWithAndWithoutTies() {
        // 4 pairs, 3 ordered correctly (0.35 < 0.4 is the miss): 3/4 (scikit-learn's roc_auc_score example).
        assertEquals(0.75, RocAuc.of(new double[] {0.1, 0.4, 0.35, 0.8}, new int[] {0, 0, 1, 1}));
        // Positives 2 and 3 against negatives 1 and 2: 1 + 1/2 + 1 + 1 = 3.5 of 4 pairs.
        assertEquals(0.875, RocAuc.of(new double[] {1, 2, 2, 3}, new int[] {0, 1, 0, 1}));
        // Positive 5 against negatives 5, 5, 1: 1/2 + 1/2 + 1 = 2 of 3; positive 0 beats none: 2 of 6.
        assertEquals(2.0 / 6, RocAuc.of(new double[] {5, 0, 5, 5, 1}, new int[] {1, 1, 0, 0, 0}), 1e-15);
        // -0.0 and 0.0 are the same score, so they tie.
        assertEquals(0.5, RocAuc.of(new double[] {-0.0, 0.0}, new boolean[] {true, false}));
        // Infinite scores rank like any others.
        assertEquals(1.0, RocAuc.of(new double[] {Double.NEGATIVE_INFINITY, 0, Double.POSITIVE_INFINITY},
                new int[] {0, 0, 1}));
    }

    @Test
    void missingClassesMismatchedLengthsNaNAndBadLabelsAreRefused() {
        assertMessage("ROC AUC needs both classes, got 0 positives and 3 negatives",
                () -> RocAuc.of(new double[] {1, 2, 3}, new boolean[3]));
        assertMessage("ROC AUC needs both classes, got 2 positives and 0 negatives",
                () -> RocAuc.of(new double[] {1, 2}, new int[] {1, 1}));
        assertMessage("scores and labels differ in length: 3 scores, 2 labels",
                () -> RocAuc.of(new double[] {1, 2, 3}, new boolean[] {true, false}));
        assertMessage("score at index 1 is NaN",
                () -> RocAuc.of(new double[] {1, Double.NaN}, new boolean[] {true, false}));
        assertMessage("label at index 2 must be 0 or 1, got -1",
                () -> RocAuc.of(new double[] {1, 2, 3}, new int[] {0, 1, -1}));
        assertMessage("ROC AUC needs both classes, got 0 positives and 0 negatives",
                () -> RocAuc.of(new double[0], new boolean[0]));
    }

    private static void assertMessage(String expected, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expected, e.getMessage());
    }
}
