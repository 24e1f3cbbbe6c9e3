package org.industry4.examples.factory.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Min/max-per-pixel-column reduction of a series for drawing: the x range is cut into {@code columns}
 * equal columns; in each, only the points holding the lowest and the highest value are kept, in their
 * original order, so spikes stay visible and the global minimum and maximum always survive. A series
 * of at most {@code 2 * columns} points is kept whole.
 *
 * <p>Non-finite values are gaps: they split the result into segments. Within one column only the first
 * gap splits (later ones in the same column are narrower than a pixel), so the result never exceeds
 * {@code 4 * columns} points, however the gaps fall.
 */
final class Downsampler {

    /**
     * A run of points without a gap. For a line {@code low} and {@code high} are the same array (the y
     * values); for a band they are its lower and upper edges.
     */
    record Segment(double[] x, double[] low, double[] high) {
        int size() {
            return x.length;
        }
    }

    private Downsampler() {
    }

    /** The segments of line {@code (x, y)} reduced to {@code columns} pixel columns over {@code [xMin, xMax]}. */
    static List<Segment> line(double[] x, double[] y, double xMin, double xMax, int columns) {
        return walk(x, y, y, xMin, xMax, columns, false);
    }

    /**
     * The segments of band {@code (x, lower, upper)}: per column the lowest lower and the highest upper
     * edge, at the column's first and last x, so the drawn band always contains the true one.
     */
    static List<Segment> band(double[] x, double[] lower, double[] upper, double xMin, double xMax, int columns) {
        return walk(x, lower, upper, xMin, xMax, columns, true);
    }

    private static List<Segment> walk(double[] x, double[] low, double[] high, double xMin, double xMax,
            int columns, boolean band) {
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be >= 1, got " + columns);
        }
        boolean reduce = x.length > 2 * columns;
        double scale = xMax > xMin ? columns / (xMax - xMin) : 0; // an empty range is one column
        List<Segment> segments = new ArrayList<>();
        SegmentBuilder current = new SegmentBuilder(band);
        long column = Long.MIN_VALUE;
        boolean gapInColumn = false;
        int first = -1;
        int last = -1;
        int min = -1;
        int max = -1;
        for (int i = 0; i < x.length; i++) {
            long c = reduce ? Math.max(0, Math.min(columns - 1, (long) ((x[i] - xMin) * scale))) : i;
            if (c != column) {
                current.flush(x, low, high, first, last, min, max);
                first = -1;
                column = c;
                gapInColumn = false;
            }
            boolean finite = Double.isFinite(low[i]) && Double.isFinite(high[i]);
            if (!finite) {
                if (!gapInColumn) {
                    current.flush(x, low, high, first, last, min, max);
                    first = -1;
                    current.endInto(segments);
                    gapInColumn = true;
                }
                continue;
            }
            if (first < 0) {
                first = i;
                min = i;
                max = i;
            }
            last = i;
            if (low[i] < low[min]) {
                min = i;
            }
            if (high[i] > high[max]) {
                max = i;
            }
        }
        current.flush(x, low, high, first, last, min, max);
        current.endInto(segments);
        return List.copyOf(segments);
    }

    /** Growable arrays for the segment being built. */
    private static final class SegmentBuilder {
        private final boolean band;
        private double[] x = new double[16];
        private double[] low = new double[16];
        private double[] high = new double[16];
        private int size;

        SegmentBuilder(boolean band) {
            this.band = band;
        }

        /** Appends the kept points of the bucket {@code first..last}; nothing if {@code first < 0}. */
        void flush(double[] xs, double[] lows, double[] highs, int first, int last, int min, int max) {
            if (first < 0) {
                return;
            }
            if (band) {
                add(xs[first], lows[min], highs[max]);
                if (last != first) {
                    add(xs[last], lows[min], highs[max]);
                }
            } else {
                int a = Math.min(min, max);
                int b = Math.max(min, max);
                add(xs[a], lows[a], lows[a]);
                if (b != a) {
                    add(xs[b], lows[b], lows[b]);
                }
            }
        }

        void endInto(List<Segment> segments) {
            if (size == 0) {
                return;
            }
            double[] xs = Arrays.copyOf(x, size);
            double[] lows = Arrays.copyOf(low, size);
            segments.add(new Segment(xs, lows, band ? Arrays.copyOf(high, size) : lows));
            size = 0;
        }

        private void add(double xv, double lowv, double highv) {
            if (size == x.length) {
                x = Arrays.copyOf(x, size * 2);
                low = Arrays.copyOf(low, size * 2);
                high = Arrays.copyOf(high, size * 2);
            }
            x[size] = xv;
            low[size] = lowv;
            high[size] = highv;
            size++;
        }
    }
}
