package org.industry4.anomaly.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.industry4.core.FeatureSchema;

/**
 * Turns a window of readings (rows are time steps, columns the signals of a {@link FeatureSchema})
 * into one fixed-length feature vector, the input of a {@link FaultClassifierModel}.
 *
 * <h2>Features</h2>
 * For each signal, in schema order, these statistics of its readings in the window (names as in
 * {@link #schema()}, e.g. {@code vibration.mean}):
 * <table>
 *   <caption>per-signal statistics</caption>
 *   <tr><th>name</th><th>what</th></tr>
 *   <tr><td>{@code mean}</td><td>arithmetic mean</td></tr>
 *   <tr><td>{@code std}</td><td>population standard deviation (divisor n); 0 for a frozen sensor</td></tr>
 *   <tr><td>{@code min}, {@code max}</td><td>smallest and largest reading</td></tr>
 *   <tr><td>{@code slope}</td><td>least-squares slope against the row index, units per row (per tick);
 *       a drift such as a temperature running away</td></tr>
 *   <tr><td>{@code diff_mean_abs}</td><td>mean absolute difference of successive readings: how much the
 *       signal moves from tick to tick; 0 for a frozen sensor</td></tr>
 *   <tr><td>{@code diff_max_abs}</td><td>largest absolute difference of successive readings: a step or a
 *       spike</td></tr>
 *   <tr><td>{@code missing}</td><td>only with {@link MissingValues#COUNT}: the fraction of readings
 *       that are missing (NaN)</td></tr>
 * </table>
 * The feature vector is signal-major: the statistics of signal 0, then of signal 1, and so on, so
 * feature {@code s * featuresPerSignal() + i} is statistic {@code i} of signal {@code s}.
 *
 * <h2>Missing readings</h2>
 * With {@link MissingValues#REFUSE} (the default of {@link #of}) a NaN is an error. With {@link
 * MissingValues#COUNT} a NaN marks a missing reading (write a BAD-quality reading as NaN): the
 * statistics are computed over the readings present, successive differences join each present
 * reading to the previous present one, the slope uses the present readings' row indices, and a
 * signal with no reading in the window gets 0 for each statistic but {@code missing}, which is 1.
 * An infinite reading is always an error.
 *
 * <p>Immutable and thread-safe. {@link #features(double[][], int, int, double[])} allocates
 * nothing, so a sliding window over a long series costs no garbage.
 */
public final class WindowFeatures {

    /** The statistics computed for every signal, in order (without {@code missing}). */
    public static final List<String> STATISTICS =
            List.of("mean", "std", "min", "max", "slope", "diff_mean_abs", "diff_max_abs");
    /** The name of the extra statistic of {@link MissingValues#COUNT}. */
    public static final String MISSING = "missing";
    /** The fewest rows a window may have. */
    public static final int MIN_ROWS = 2;

    private final FeatureSchema signals;
    private final MissingValues missingValues;
    private final FeatureSchema schema;
    private final int perSignal;

    /**
     * Features of windows of these signals.
     *
     * @param signals       the columns of a window, in order
     * @param missingValues what a NaN in a window means
     */
    public WindowFeatures(FeatureSchema signals, MissingValues missingValues) {
        this.signals = Objects.requireNonNull(signals, "signals");
        this.missingValues = Objects.requireNonNull(missingValues, "missingValues");
        this.perSignal = STATISTICS.size() + (missingValues == MissingValues.COUNT ? 1 : 0);
        List<String> names = new ArrayList<>(signals.size() * perSignal);
        for (String signal : signals.names()) {
            for (String statistic : STATISTICS) {
                names.add(signal + "." + statistic);
            }
            if (missingValues == MissingValues.COUNT) {
                names.add(signal + "." + MISSING);
            }
        }
        this.schema = new FeatureSchema(names);
    }

    /** Features of windows of these signals that refuse NaN ({@link MissingValues#REFUSE}). */
    public static WindowFeatures of(FeatureSchema signals) {
        return new WindowFeatures(signals, MissingValues.REFUSE);
    }

    /** The columns a window holds. */
    public FeatureSchema signals() {
        return signals;
    }

    /** What a NaN in a window means. */
    public MissingValues missingValues() {
        return missingValues;
    }

    /** The names of the features, e.g. {@code vibration.mean}, in the order of {@link #features}. */
    public FeatureSchema schema() {
        return schema;
    }

    /** Features per signal: 7, or 8 with {@link MissingValues#COUNT}. */
    public int featuresPerSignal() {
        return perSignal;
    }

    /**
     * The features of a whole window.
     *
     * @param window rows of readings, oldest first, each of {@link #signals()}' width
     * @return a new vector of {@link #schema()}'s size
     * @throws IllegalArgumentException for fewer than {@value #MIN_ROWS} rows, a row of the wrong
     *                                  width, an infinite reading, or a NaN when refused (naming
     *                                  the row and the signal)
     */
    public double[] features(double[][] window) {
        Objects.requireNonNull(window, "window");
        double[] out = new double[schema.size()];
        features(window, 0, window.length, out);
        return out;
    }

    /**
     * The features of rows {@code from .. from + length - 1} of {@code rows}, into {@code out};
     * allocates nothing.
     *
     * @param rows   readings, oldest first, each of {@link #signals()}' width
     * @param from   the window's first row
     * @param length the window's row count, at least {@value #MIN_ROWS}
     * @param out    receives {@link #schema()}'s size of features
     * @throws IllegalArgumentException as {@link #features(double[][])}, or if the range lies
     *                                  outside {@code rows} or {@code out} has the wrong size
     */
    public void features(double[][] rows, int from, int length, double[] out) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(out, "out");
        if (length < MIN_ROWS) {
            throw new IllegalArgumentException("a window must have at least " + MIN_ROWS + " rows, got " + length);
        }
        if (from < 0 || from > rows.length - length) {
            throw new IllegalArgumentException("window of " + length + " rows from row " + from
                    + " does not fit in " + rows.length + " rows");
        }
        if (out.length != schema.size()) {
            throw new IllegalArgumentException("out must have " + schema.size() + " features, got " + out.length);
        }
        int d = signals.size();
        int end = from + length;
        for (int r = from; r < end; r++) {
            double[] row = rows[r];
            if (row == null) {
                throw new IllegalArgumentException("row " + r + " is null");
            }
            if (row.length != d) {
                throw new IllegalArgumentException("row " + r + ": expected " + d + " signals, got " + row.length);
            }
        }
        for (int s = 0; s < d; s++) {
            signal(rows, from, end, s, out, s * perSignal);
        }
    }

    /** The statistics of column {@code s} of rows {@code from..end-1} into {@code out[at..]}. */
    private void signal(double[][] rows, int from, int end, int s, double[] out, int at) {
        int n = 0;
        double sum = 0;
        double tSum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double diffSum = 0;
        double diffMax = 0;
        double previous = Double.NaN;
        for (int r = from; r < end; r++) {
            double v = rows[r][s];
            if (Double.isNaN(v)) {
                if (missingValues == MissingValues.REFUSE) {
                    throw new IllegalArgumentException("row " + r + ": signal " + signals.names().get(s) + " (index " + s
                            + ") must be finite, got NaN; use MissingValues.COUNT for windows with missing readings");
                }
                continue;
            }
            if (Double.isInfinite(v)) {
                throw new IllegalArgumentException("row " + r + ": signal " + signals.names().get(s) + " (index " + s
                        + ") must be finite or NaN (missing), got " + v);
            }
            if (n > 0) {
                double diff = Math.abs(v - previous);
                diffSum += diff;
                diffMax = Math.max(diffMax, diff);
            }
            previous = v;
            n++;
            sum += v;
            tSum += r - from;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        int length = end - from;
        if (n == 0) {
            for (int i = 0; i < STATISTICS.size(); i++) {
                out[at + i] = 0;
            }
            out[at + STATISTICS.size()] = 1;
            return;
        }
        double mean = sum / n;
        double tMean = tSum / n;
        double dSum = 0;
        double dSquares = 0;
        double txSum = 0;
        double ttSum = 0;
        for (int r = from; r < end; r++) {
            double v = rows[r][s];
            if (Double.isNaN(v)) {
                continue;
            }
            double dv = v - mean;
            double dt = r - from - tMean;
            dSum += dv;
            dSquares += dv * dv;
            txSum += dt * dv;
            ttSum += dt * dt;
        }
        double variance = Math.max(0, (dSquares - dSum * dSum / n) / n);
        out[at] = mean + dSum / n;
        out[at + 1] = Math.sqrt(variance);
        out[at + 2] = min;
        out[at + 3] = max;
        out[at + 4] = ttSum > 0 ? txSum / ttSum : 0;
        out[at + 5] = n > 1 ? diffSum / (n - 1) : 0;
        out[at + 6] = diffMax;
        if (missingValues == MissingValues.COUNT) {
            out[at + 7] = (double) (length - n) / length;
        }
    }

    /**
     * The features of each window, one row per window.
     *
     * @throws IllegalArgumentException as {@link #features(double[][])}, naming the window
     */
    public double[][] featuresAll(List<double[][]> windows) {
        Objects.requireNonNull(windows, "windows");
        double[][] out = new double[windows.size()][];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = features(windows.get(i));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("window " + i + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "WindowFeatures[" + signals.size() + " signals x " + perSignal + " = " + schema.size() + " features, "
                + missingValues + "]";
    }
}
