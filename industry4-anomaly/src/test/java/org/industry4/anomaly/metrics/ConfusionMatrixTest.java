package org.industry4.anomaly.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {

    private static final List<String> LABELS = List.of("normal", "bearing", "imbalance", "unknown");

    private static List<String> repeat(String s, int n) {
        return Collections.nCopies(n, s);
    }

    private static ConfusionMatrix example() {
        List<String> actual = new ArrayList<>();
        actual.addAll(repeat("normal", 5));
        actual.addAll(repeat("bearing", 4));
        actual.addAll(repeat("imbalance", 3));
        List<String> predicted = List.of("normal", "normal", "normal", "normal", "bearing",
                "bearing", "bearing", "unknown", "normal",
                "imbalance", "imbalance", "bearing");
        return ConfusionMatrix.of(LABELS, actual, predicted);
    }

    @Test
    void countsActualAgainstPredictedWithHandComputedRates() {
        ConfusionMatrix m = example();
        assertArrayEquals(new long[][] {{4, 1, 0, 0}, {1, 2, 0, 1}, {0, 1, 2, 0}, {0, 0, 0, 0}}, m.counts());
        assertEquals(12, m.total());
        assertEquals(8.0 / 12, m.accuracy());
        assertEquals(1, m.count("bearing", "unknown"));
        assertEquals(4, m.support("bearing"));
        assertEquals(4, m.predictedCount("bearing"));
        assertEquals(4.0 / 5, m.precision("normal"));
        assertEquals(2.0 / 4, m.precision("bearing"));
        assertEquals(1.0, m.precision("imbalance"));
        assertEquals(0.0, m.precision("unknown"), "predicted once, never right");
        assertEquals(4.0 / 5, m.recall("normal"));
        assertEquals(2.0 / 4, m.recall("bearing"));
        assertEquals(2.0 / 3, m.recall("imbalance"));
        assertEquals(0.0, m.recall("unknown"), "no actual samples: 0, never NaN");
        assertEquals(0.8, m.f1("imbalance"), 1e-15);
        assertEquals(0.0, m.f1("unknown"));
        assertEquals(m, ConfusionMatrix.ofIndices(LABELS,
                new int[] {0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2}, new int[] {0, 0, 0, 0, 1, 1, 1, 3, 0, 2, 2, 1}));
    }

    @Test
    void printsAReadableTable() {
        assertEquals(""
                + "actual \\ predicted    normal   bearing imbalance   unknown | recall\n"
                + "normal                     4         1         0         0 |  0.800\n"
                + "bearing                    1         2         0         1 |  0.500\n"
                + "imbalance                  0         1         2         0 |  0.667\n"
                + "unknown                    0         0         0         0 |  0.000\n"
                + "precision              0.800     0.500     1.000     0.000 | accuracy 0.667\n",
                example().toTable());
    }

    @Test
    void isImmutable() {
        long[][] counts = {{1, 2}, {3, 4}};
        ConfusionMatrix m = new ConfusionMatrix(List.of("a", "b"), counts);
        counts[0][0] = 99;
        m.counts()[0][1] = 99;
        assertArrayEquals(new long[][] {{1, 2}, {3, 4}}, m.counts());
    }

    @Test
    void badInputIsRefusedNamingTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(LABELS, List.of("normal", "crack"), List.of("normal", "normal")));
        assertEquals("actual label \"crack\" at index 1 is not one of [normal, bearing, imbalance, unknown]",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(LABELS, List.of("normal"), List.of("normal", "normal")));
        assertEquals("predictions and labels must have the same length, got 2 and 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(LABELS, List.of(), List.of()));
        assertEquals("predictions and labels must not be empty", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.ofIndices(List.of("a", "b"), new int[] {0, 1}, new int[] {0, 2}));
        assertEquals("predicted class at index 1 must be in [0, 2), got 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ConfusionMatrix(List.of("a", "a"), new long[2][2]));
        assertEquals("label \"a\" appears twice, at index 0 and 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ConfusionMatrix(List.of("a", "b"), new long[][] {{1, 2}, {3}}));
        assertEquals("row 1 (b) must have 2 counts, got 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> example().recall("crack"));
        assertEquals("\"crack\" is not one of [normal, bearing, imbalance, unknown]", e.getMessage());
    }
}
