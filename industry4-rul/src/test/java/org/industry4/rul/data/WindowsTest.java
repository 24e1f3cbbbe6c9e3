package org.industry4.rul.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class WindowsTest {

    /** Rows {@code {10 e + r, -r}} for r = 0..n-1. */
    static double[][] engine(int e, int n) {
        double[][] rows = new double[n][];
        for (int r = 0; r < n; r++) {
            rows[r] = new double[] {10 * e + r, -r};
        }
        return rows;
    }

    static double[] targets(int n) {
        return RulTargets.piecewiseLinear(n, 0, Double.POSITIVE_INFINITY);
    }

    @Test
    void slidesOneWindowPerEndRowWithTheTargetOfThatRow() {
        WindowSet s = Windows.training(List.<double[][]>of(engine(0, 4)), List.of(targets(4)), 3);
        assertEquals(2, s.count());
        assertEquals(3, s.length());
        assertEquals(2, s.features());
        assertArrayEquals(new float[] {0, 0, 1, -1, 2, -2, 1, -1, 2, -2, 3, -3}, s.data());
        assertArrayEquals(new float[] {1, 0}, s.targets());
        assertArrayEquals(new int[] {0, 0}, s.engine());
        assertEquals(3f, s.value(1, 2, 0));
        assertArrayEquals(new double[][] {{1, -1}, {2, -2}, {3, -3}}, s.window(1));
    }

    @Test
    void aShortEngineGivesOneWindowPaddedWithItsFirstRow() {
        WindowSet s = Windows.training(List.<double[][]>of(engine(1, 2), engine(2, 3)), List.of(targets(2), targets(3)), 4);
        assertEquals(2, s.count());
        assertArrayEquals(new double[][] {{10, 0}, {10, 0}, {10, 0}, {11, -1}}, s.window(0));
        assertArrayEquals(new double[][] {{20, 0}, {20, 0}, {21, -1}, {22, -2}}, s.window(1));
        assertArrayEquals(new float[] {0, 0}, s.targets());
        assertArrayEquals(new int[] {0, 1}, s.engine());
    }

    @Test
    void lastIsTheWindowEndingAtTheLastRow() {
        assertArrayEquals(new double[][] {{3, -3}, {4, -4}}, Windows.last(engine(0, 5), 2));
        assertArrayEquals(new double[][] {{0, 0}, {0, 0}, {1, -1}}, Windows.last(engine(0, 2), 3));
        float[] out = new float[1 + 6];
        Windows.last(engine(0, 2), 3, out, 1);
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 1, -1}, out);
    }

    @Test
    void lastReadsOnlyTheRowsOfTheWindow() {
        double[][] rows = engine(0, 5);
        rows[0] = new double[7]; // outside the window of 3: not read
        assertArrayEquals(new double[][] {{2, -2}, {3, -3}, {4, -4}}, Windows.last(rows, 3));
    }

    @Test
    void refusesBadInputNamingEngineAndSizes() {
        assertEquals("window length must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> Windows.training(List.<double[][]>of(engine(0, 2)), List.of(targets(2)), 0)).getMessage());
        assertEquals("engines are empty", assertThrows(IllegalArgumentException.class,
                () -> Windows.training(List.<double[][]>of(), List.of(), 2)).getMessage());
        assertEquals("expected targets for 1 engines, got 2", assertThrows(IllegalArgumentException.class,
                () -> Windows.training(List.<double[][]>of(engine(0, 2)), List.of(targets(2), targets(2)), 2)).getMessage());
        assertEquals("engine 1 has 3 rows but 2 targets", assertThrows(IllegalArgumentException.class,
                () -> Windows.training(List.<double[][]>of(engine(0, 2), engine(1, 3)), List.of(targets(2), targets(2)), 2))
                .getMessage());
        assertEquals("engine 1 row 0: expected 2 features, got 1", assertThrows(IllegalArgumentException.class,
                () -> Windows.training(List.<double[][]>of(engine(0, 2), new double[][] {{1}}), List.of(targets(2), targets(1)), 2))
                .getMessage());
        assertEquals("engine 0 has no rows", assertThrows(IllegalArgumentException.class,
                () -> Windows.training(List.<double[][]>of(new double[0][]), List.of(new double[0]), 2)).getMessage());
        assertEquals("engine 0 target 1 is not finite: NaN", assertThrows(IllegalArgumentException.class,
                () -> Windows.training(List.<double[][]>of(engine(0, 2)), List.of(new double[] {1, Double.NaN}), 2)).getMessage());
        assertEquals("rows are empty", assertThrows(IllegalArgumentException.class,
                () -> Windows.last(new double[0][], 2)).getMessage());
        assertEquals("a window of 3 x 2 values at offset 2 does not fit in 7 values",
                assertThrows(IllegalArgumentException.class, () -> Windows.last(engine(0, 4), 3, new float[7], 2))
                        .getMessage());
    }

    @Test
    void windowSetChecksSizes() {
        assertEquals("expected 12 data values (2 x 3 x 2), got 11", assertThrows(IllegalArgumentException.class,
                () -> new WindowSet(new float[11], new float[2], new int[2], 2, 3, 2)).getMessage());
        assertEquals("expected 2 targets, got 1", assertThrows(IllegalArgumentException.class,
                () -> new WindowSet(new float[12], new float[1], new int[2], 2, 3, 2)).getMessage());
        assertEquals("expected 2 engine indices, got 3", assertThrows(IllegalArgumentException.class,
                () -> new WindowSet(new float[12], new float[2], new int[3], 2, 3, 2)).getMessage());
        assertEquals("engine index of window 1 must be >= 0, got -1", assertThrows(IllegalArgumentException.class,
                () -> new WindowSet(new float[12], new float[2], new int[] {0, -1}, 2, 3, 2)).getMessage());
        assertEquals("length must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> new WindowSet(new float[0], new float[0], new int[0], 0, 0, 2)).getMessage());
        assertEquals(0, new WindowSet(new float[0], new float[0], new int[0], 0, 3, 2).count());
    }
}
