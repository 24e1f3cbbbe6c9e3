package org.industry4.anomaly.autoencoder;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.industry4.core.FeatureSchema;

/**
 * Turns a multivariate series into rows of its last {@code w} samples, so that a dense autoencoder
 * sees time: it then learns how the sensors move together over {@code w} steps, not only how they
 * relate at one instant (SKAB's convolutional autoencoder sees its data the same way).
 *
 * <p>A window row holds {@code w * p} values, oldest sample first, each sample's sensors in schema
 * order: value {@code k * p + j} is sensor {@code j} at {@code w - 1 - k} steps before the last
 * sample. Its features are named {@code "sensor[t-3]"} .. {@code "sensor[t]"}. Contributions of a
 * window model fold back to one value per sensor with {@link #perSensor}.
 *
 * <pre>{@code
 * FeatureSchema windowed = SlidingWindows.schema(sensors, 30);
 * AutoencoderModel model = new AutoencoderTrainer(options).fit(SlidingWindows.windows(normal, 30), windowed);
 * double score = model.score(SlidingWindows.window(series, t, 30));       // the window ending at sample t
 * double[] bySensor = SlidingWindows.perSensor(model.contributions(...), sensors.size());
 * }</pre>
 */
public final class SlidingWindows {

    private SlidingWindows() {
    }

    /**
     * The schema of window rows: for each step from {@code t-(w-1)} to {@code t}, every sensor.
     *
     * @throws IllegalArgumentException if {@code window < 1}
     */
    public static FeatureSchema schema(FeatureSchema sensors, int window) {
        Objects.requireNonNull(sensors, "sensors");
        requireWindow(window);
        List<String> names = new ArrayList<>(window * sensors.size());
        for (int k = 0; k < window; k++) {
            int lag = window - 1 - k;
            for (String sensor : sensors.names()) {
                names.add(sensor + (lag == 0 ? "[t]" : "[t-" + lag + "]"));
            }
        }
        return new FeatureSchema(names);
    }

    /**
     * Every window of {@code window} consecutive samples: {@code series.length - window + 1} rows,
     * row {@code i} covering samples {@code i .. i + window - 1}. The series is not checked for
     * NaN here (the model checks the rows it scores); rows of unequal width are refused.
     *
     * @throws IllegalArgumentException if the series is shorter than the window, or its rows differ in width
     */
    public static double[][] windows(double[][] series, int window) {
        Objects.requireNonNull(series, "series");
        requireWindow(window);
        if (series.length < window) {
            throw new IllegalArgumentException("a series of " + series.length + " samples has no window of "
                    + window);
        }
        double[][] rows = new double[series.length - window + 1][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = window(series, i + window - 1, window);
        }
        return rows;
    }

    /**
     * The window of {@code window} samples ending at sample {@code end} (inclusive).
     *
     * @throws IllegalArgumentException if fewer than {@code window} samples end at {@code end}, or
     *                                  the rows differ in width
     */
    public static double[] window(double[][] series, int end, int window) {
        Objects.requireNonNull(series, "series");
        requireWindow(window);
        if (end < window - 1 || end >= series.length) {
            throw new IllegalArgumentException("a window of " + window + " samples cannot end at sample " + end
                    + " of a series of " + series.length);
        }
        int p = series[end].length;
        double[] row = new double[window * p];
        for (int k = 0; k < window; k++) {
            double[] sample = series[end - window + 1 + k];
            if (sample.length != p) {
                throw new IllegalArgumentException("sample " + (end - window + 1 + k) + " has " + sample.length
                        + " values, sample " + end + " has " + p);
            }
            System.arraycopy(sample, 0, row, k * p, p);
        }
        return row;
    }

    /**
     * Sums window contributions per sensor over the steps of the window: element {@code j} is the
     * share of sensor {@code j}, in the sensor schema's order.
     *
     * @throws IllegalArgumentException if the length is not a multiple of {@code sensors}
     */
    public static double[] perSensor(double[] contributions, int sensors) {
        Objects.requireNonNull(contributions, "contributions");
        if (sensors < 1 || contributions.length % sensors != 0 || contributions.length == 0) {
            throw new IllegalArgumentException("contributions of length " + contributions.length
                    + " do not split into " + sensors + " sensors");
        }
        double[] out = new double[sensors];
        for (int i = 0; i < contributions.length; i++) {
            out[i % sensors] += contributions[i];
        }
        return out;
    }

    private static void requireWindow(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1, got " + window);
        }
    }
}
