package org.industry4.rul.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Invariants of {@link Windows} on engines whose values encode engine and row. */
class WindowsProperties {

    /** Value {@code f} of row {@code r} of engine {@code e} is {@code 1000 e + r + f / 10}. */
    private static List<double[][]> engines(List<Integer> lengths, int features) {
        List<double[][]> out = new ArrayList<>();
        for (int e = 0; e < lengths.size(); e++) {
            double[][] rows = new double[lengths.get(e)][features];
            for (int r = 0; r < rows.length; r++) {
                for (int f = 0; f < features; f++) {
                    rows[r][f] = 1000 * e + r + f / 10.0;
                }
            }
            out.add(rows);
        }
        return out;
    }

    @Property(tries = 200)
    void windowsNeverMixEnginesAndAreConsecutiveRowsEndingAtTheirTarget(
            @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 1, max = 40) Integer> lengths,
            @ForAll @IntRange(min = 1, max = 30) int length, @ForAll @IntRange(min = 1, max = 4) int features) {
        List<double[][]> engines = engines(lengths, features);
        List<double[]> targets = new ArrayList<>();
        for (int e = 0; e < lengths.size(); e++) {
            double[] y = new double[lengths.get(e)];
            for (int r = 0; r < y.length; r++) {
                y[r] = 1000 * e + r; // the target names the end row
            }
            targets.add(y);
        }
        WindowSet s = Windows.training(engines, targets, length);
        int expected = 0;
        for (int n : lengths) {
            expected += Math.max(1, n - length + 1);
        }
        assertEquals(expected, s.count());
        assertEquals(length, s.length());
        assertEquals(features, s.features());
        for (int w = 0; w < s.count(); w++) {
            int e = s.engine()[w];
            int end = Math.round(s.targets()[w]) - 1000 * e;
            int n = lengths.get(e);
            assertTrue(end >= Math.min(length, n) - 1 && end < n, "window " + w + " ends at row " + end);
            if (w > 0 && s.engine()[w - 1] == e) {
                assertEquals(Math.round(s.targets()[w - 1]) + 1, Math.round(s.targets()[w]), "windows in row order");
            }
            for (int t = 0; t < length; t++) {
                int row = Math.max(0, end - length + 1 + t);
                for (int f = 0; f < features; f++) {
                    float v = s.value(w, t, f);
                    assertEquals(e, (int) (v / 1000), "window " + w + " mixes engines");
                    assertEquals((float) (1000 * e + row + f / 10.0), v, "window " + w + " step " + t);
                }
            }
        }
    }

    @Property(tries = 200)
    void lastEqualsTheLastTrainingWindowOfAnEngine(
            @ForAll @Size(min = 1, max = 5) List<@IntRange(min = 1, max = 40) Integer> lengths,
            @ForAll @IntRange(min = 1, max = 30) int length, @ForAll @IntRange(min = 1, max = 4) int features) {
        List<double[][]> engines = engines(lengths, features);
        List<double[]> targets = new ArrayList<>();
        for (int n : lengths) {
            targets.add(new double[n]);
        }
        WindowSet s = Windows.training(engines, targets, length);
        int w = -1;
        for (int e = 0; e < engines.size(); e++) {
            w += Math.max(1, lengths.get(e) - length + 1);
            assertEquals(e, s.engine()[w]);
            double[][] last = Windows.last(engines.get(e), length);
            double[][] window = s.window(w);
            for (int t = 0; t < length; t++) {
                for (int f = 0; f < features; f++) {
                    assertEquals((float) last[t][f], (float) window[t][f]);
                }
            }
            float[] buffer = new float[3 + length * features];
            Windows.last(engines.get(e), length, buffer, 3);
            float[] expected = new float[length * features];
            System.arraycopy(s.data(), w * length * features, expected, 0, expected.length);
            assertArrayEquals(expected, java.util.Arrays.copyOfRange(buffer, 3, buffer.length));
        }
    }
}
