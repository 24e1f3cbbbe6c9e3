package org.industry4.vision.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AurocTest {

    @Test
    void matchesHandComputedValues() {
        // Pairs (positive, negative): 0.35>0.1, 0.35<0.4, 0.8>0.1, 0.8>0.4 -> 3 of 4.
        assertEquals(0.75, Auroc.of(new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {false, false, true, true}));
        assertEquals(1.0, Auroc.of(new double[] {0, 1}, new boolean[] {false, true}));
        assertEquals(0.0, Auroc.of(new double[] {0, 1}, new boolean[] {true, false}));
    }

    @Test
    void tiesCountOneHalf() {
        assertEquals(0.5, Auroc.of(new double[] {2, 2}, new boolean[] {true, false}));
        // Positives 1, 2; negatives 1, 0, 2: pairs 1:(0.5 + 1 + 0), 2:(1 + 1 + 0.5) -> 4 of 6.
        assertEquals(4.0 / 6, Auroc.of(new double[] {1, 2, 1, 0, 2}, new boolean[] {true, true, false, false, false}),
                1e-15);
        assertEquals(0.5, Auroc.of(new double[] {-0.0, 0.0}, new boolean[] {true, false}), "-0 ties with 0");
    }

    @Test
    void rejectsBadInputNamingIt() {
        IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
                () -> Auroc.of(new double[3], new boolean[2]));
        assertTrue(length.getMessage().contains("3 scores, 2 labels"), length.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> Auroc.of(new double[] {0, 1, Double.NaN}, new boolean[] {true, false, true}));
        assertTrue(nan.getMessage().contains("index 2") && nan.getMessage().contains("NaN"), nan.getMessage());
        IllegalArgumentException inf = assertThrows(IllegalArgumentException.class,
                () -> Auroc.of(new double[] {Double.POSITIVE_INFINITY, 1}, new boolean[] {true, false}));
        assertTrue(inf.getMessage().contains("index 0") && inf.getMessage().contains("Infinity"), inf.getMessage());
        IllegalArgumentException oneClass = assertThrows(IllegalArgumentException.class,
                () -> Auroc.of(new double[] {0, 1}, new boolean[] {true, true}));
        assertTrue(oneClass.getMessage().contains("2 positives and 0 negatives"), oneClass.getMessage());
    }
}
