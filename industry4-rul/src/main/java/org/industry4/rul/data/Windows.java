package org.industry4.rul.data;

import java.util.List;
import java.util.Objects;

/**
 * Fixed-length windows of consecutive rows of one engine, never crossing engines.
 *
 * <p>Padding: an engine with fewer rows than the window length gives one window ending at its last
 * row whose missing rows at the front are copies of its first row (repeat-first padding). The same
 * rule applies to {@link #last}, so the window used online for a young asset equals the one trained on.
 */
public final class Windows {

    private Windows() {
    }

    /**
     * One window ending at every row {@code r >= length - 1} of each engine (rows {@code r - length + 1 .. r}),
     * with target {@code targets.get(e)[r]}; an engine shorter than {@code length} gives exactly one
     * front-padded window ending at its last row. So engine {@code e} with {@code n} rows gives
     * {@code max(1, n - length + 1)} windows, in row order, engines in list order.
     *
     * @param engines rows of each engine, {@code [row][feature]}, all with the same number of features
     * @param targets one target per row of each engine, finite
     * @param length  window length, {@code >= 1}
     * @throws IllegalArgumentException for empty or mismatched input, naming the engine and sizes
     */
    public static WindowSet training(List<double[][]> engines, List<double[]> targets, int length) {
        Objects.requireNonNull(engines, "engines");
        Objects.requireNonNull(targets, "targets");
        requireLength(length);
        if (engines.isEmpty()) {
            throw new IllegalArgumentException("engines are empty");
        }
        if (engines.size() != targets.size()) {
            throw new IllegalArgumentException("expected targets for " + engines.size() + " engines, got "
                    + targets.size());
        }
        int features = -1;
        long count = 0;
        for (int e = 0; e < engines.size(); e++) {
            double[][] rows = engines.get(e);
            double[] y = targets.get(e);
            if (rows == null || rows.length == 0) {
                throw new IllegalArgumentException("engine " + e + " has no rows");
            }
            if (y == null || y.length != rows.length) {
                throw new IllegalArgumentException("engine " + e + " has " + rows.length + " rows but "
                        + (y == null ? "no" : String.valueOf(y.length)) + " targets");
            }
            for (int r = 0; r < rows.length; r++) {
                if (rows[r] == null) {
                    throw new IllegalArgumentException("engine " + e + " row " + r + " is null");
                }
                if (features < 0) {
                    features = rows[r].length;
                    if (features == 0) {
                        throw new IllegalArgumentException("engine 0 row 0 has no features");
                    }
                } else if (rows[r].length != features) {
                    throw new IllegalArgumentException("engine " + e + " row " + r + ": expected " + features
                            + " features, got " + rows[r].length);
                }
                if (!Double.isFinite(y[r])) {
                    throw new IllegalArgumentException("engine " + e + " target " + r + " is not finite: " + y[r]);
                }
            }
            count += Math.max(1, rows.length - length + 1);
        }
        if (count * length * features > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(count + " windows x " + length + " x " + features
                    + " values do not fit in one array");
        }
        int n = (int) count;
        float[] data = new float[n * length * features];
        float[] out = new float[n];
        int[] engine = new int[n];
        int w = 0;
        for (int e = 0; e < engines.size(); e++) {
            double[][] rows = engines.get(e);
            double[] y = targets.get(e);
            for (int end = Math.min(length, rows.length) - 1; end < rows.length; end++) {
                fill(rows, end, length, features, data, w * length * features);
                out[w] = (float) y[end];
                engine[w] = e;
                w++;
            }
        }
        return new WindowSet(data, out, engine, n, length, features);
    }

    /**
     * The window ending at the last row, {@code [step][feature]}, front-padded with the first row when
     * {@code rows.length < length}.
     */
    public static double[][] last(double[][] rows, int length) {
        int features = check(rows, length);
        double[][] out = new double[length][];
        for (int t = 0; t < length; t++) {
            out[t] = rows[Math.max(0, rows.length - length + t)].clone();
        }
        return out;
    }

    /**
     * {@link #last(double[][], int)} written into {@code out} from {@code offset} in the
     * {@link WindowSet} layout ({@code length * features} values), without allocating.
     */
    public static void last(double[][] rows, int length, float[] out, int offset) {
        int features = check(rows, length);
        Objects.requireNonNull(out, "out");
        if (offset < 0 || (long) offset + (long) length * features > out.length) {
            throw new IllegalArgumentException("a window of " + length + " x " + features + " values at offset "
                    + offset + " does not fit in " + out.length + " values");
        }
        fill(rows, rows.length - 1, length, features, out, offset);
    }

    private static void fill(double[][] rows, int end, int length, int features, float[] out, int offset) {
        int first = end - length + 1;
        for (int t = 0; t < length; t++) {
            double[] row = rows[Math.max(0, first + t)];
            int base = offset + t * features;
            for (int f = 0; f < features; f++) {
                out[base + f] = (float) row[f];
            }
        }
    }

    private static int check(double[][] rows, int length) {
        Objects.requireNonNull(rows, "rows");
        requireLength(length);
        if (rows.length == 0) {
            throw new IllegalArgumentException("rows are empty");
        }
        int features = -1;
        // only the rows the window reads: a long history costs nothing online
        for (int r = Math.max(0, rows.length - length); r < rows.length; r++) {
            if (rows[r] == null) {
                throw new IllegalArgumentException("row " + r + " is null");
            }
            if (features < 0) {
                features = rows[r].length;
            } else if (rows[r].length != features) {
                throw new IllegalArgumentException("row " + r + ": expected " + features + " features, got "
                        + rows[r].length);
            }
        }
        if (features == 0) {
            throw new IllegalArgumentException("rows have no features");
        }
        return features;
    }

    private static void requireLength(int length) {
        if (length < 1) {
            throw new IllegalArgumentException("window length must be >= 1, got " + length);
        }
    }
}
