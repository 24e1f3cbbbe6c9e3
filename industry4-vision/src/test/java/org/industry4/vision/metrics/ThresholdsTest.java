package org.industry4.vision.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ThresholdsTest {

    @Test
    void percentileInterpolatesLikeNumpy() {
        double[] scores = {4, 1, 3, 2}; // unsorted on purpose
        assertEquals(2.5, Thresholds.percentile(scores, 50));
        assertEquals(1.0, Thresholds.percentile(scores, 0));
        assertEquals(4.0, Thresholds.percentile(scores, 100));
        assertEquals(1.75, Thresholds.percentile(scores, 25)); // h = 0.75
        // numpy.percentile(range(1, 11), 90) == 9.1
        assertEquals(9.1, Thresholds.percentile(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 90), 1e-12);
        assertEquals(7.0, Thresholds.percentile(new double[] {7}, 37));
        assertEquals(4.0, scores[0], "the input is not sorted in place");
    }

    @Test
    void percentileRejectsBadInput() {
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> Thresholds.percentile(new double[] {1}, 100.5));
        assertTrue(range.getMessage().contains("100.5"), range.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Thresholds.percentile(new double[] {1}, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Thresholds.percentile(new double[0], 50));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> Thresholds.percentile(new double[] {1, Double.NaN}, 50));
        assertTrue(nan.getMessage().contains("index 1"), nan.getMessage());
    }

    @Test
    void f1OptimalFlagsScoresAtOrAboveTheThreshold() {
        // Sweep: >=0.9 F1 2/4; >=0.8 4/5; >=0.7 4/6; >=0.6 6/7 (best); >=0.5 6/8.
        F1Threshold best = Thresholds.f1Optimal(new double[] {0.5, 0.9, 0.7, 0.6, 0.8},
                new boolean[] {false, true, false, true, true});
        assertEquals(0.6, best.threshold());
        assertEquals(6.0 / 7, best.f1(), 1e-12);
        assertEquals(0.75, best.precision(), 1e-12);
        assertEquals(1.0, best.recall());
    }

    @Test
    void tiedScoresAreFlaggedTogetherAndEqualF1KeepsTheHigherThreshold() {
        F1Threshold tied = Thresholds.f1Optimal(new double[] {1, 1, 0}, new boolean[] {true, false, false});
        assertEquals(1.0, tied.threshold());
        assertEquals(0.5, tied.precision());
        assertEquals(2.0 / 3, tied.f1(), 1e-12);
        // P = 3: >=16 gives 2/(1+3) = 0.5; >=12 gives 4/(5+3) = 0.5 as well; the rest are lower.
        double[] scores = new double[16];
        boolean[] positive = new boolean[16];
        for (int i = 0; i < 16; i++) {
            scores[i] = 16 - i;
        }
        positive[0] = true;
        positive[4] = true;
        positive[15] = true;
        F1Threshold best = Thresholds.f1Optimal(scores, positive);
        assertEquals(16.0, best.threshold());
        assertEquals(0.5, best.f1(), 1e-12);
    }

    @Test
    void f1OptimalRejectsBadInput() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> Thresholds.f1Optimal(new double[] {1, 2}, new boolean[2]));
        assertTrue(none.getMessage().contains("positive"), none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Thresholds.f1Optimal(new double[2], new boolean[3]));
        IllegalArgumentException inf = assertThrows(IllegalArgumentException.class,
                () -> Thresholds.f1Optimal(new double[] {1, Double.NEGATIVE_INFINITY}, new boolean[] {true, false}));
        assertTrue(inf.getMessage().contains("index 1"), inf.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new F1Threshold(0, 1.5, 1, 1));
    }
}
