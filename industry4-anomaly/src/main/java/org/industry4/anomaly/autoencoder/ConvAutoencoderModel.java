package org.industry4.anomaly.autoencoder;

import java.util.Objects;
import org.industry4.anomaly.scale.Scaler;
import org.industry4.core.FeatureSchema;
import org.industry4.core.Scorer;

/**
 * A trained 1-D convolutional autoencoder of normal operation over windows of consecutive rows
 * (SKAB's Conv-AE). Made by {@link ConvAutoencoderTrainer}, saved and loaded by
 * {@link ConvAutoencoderFile}.
 *
 * <h2>Input</h2>
 * A scored vector is a window row as {@link SlidingWindows} makes it: {@code w * p} values, oldest
 * step first, each step's sensors in schema order; {@link #schema()} is
 * {@code SlidingWindows.schema(sensors, w)}, so the model plugs in wherever a dense windowed
 * {@link AutoencoderModel} does. {@link #scoreSeries} scores every window of a series at once.
 *
 * <h2>Score</h2>
 * Each step is scaled with the scaler fitted on the training rows, the network reconstructs the
 * window {@code z} as {@code r}, and the score is SKAB's residual, in scaled units (standard
 * deviations, or interquartile ranges with the robust scaler):
 * <pre>
 * score = sum over sensors j of (1/w) sum over steps t of |z[j][t] - r[j][t]|
 * </pre>
 * {@link #contributions} gives each sensor's term (its mean absolute error over the window), in
 * sensor order; they sum to the score. {@link #isAnomaly} compares the score with
 * {@link #threshold()}.
 *
 * <h2>Threads and cost</h2>
 * Immutable and plain Java (the weights were copied out of DL4J, see {@link ConvNetwork}): any
 * number of threads may score at once, no native memory is held, nothing needs closing. A score of
 * SKAB's network on 8 sensors costs about 0.5 million multiply-adds and allocates the activations
 * of each layer.
 */
public final class ConvAutoencoderModel implements Scorer {

    private final FeatureSchema sensors;
    private final FeatureSchema schema;
    private final Scaler scaler;
    private final ConvNetwork network;
    private final double threshold;
    private final ConvAutoencoderOptions options;
    private final TrainingHistory history;

    ConvAutoencoderModel(FeatureSchema sensors, Scaler scaler, ConvNetwork network, double threshold,
                         ConvAutoencoderOptions options, TrainingHistory history) {
        this.sensors = Objects.requireNonNull(sensors, "sensors");
        this.scaler = Objects.requireNonNull(scaler, "scaler");
        this.network = Objects.requireNonNull(network, "network");
        this.options = Objects.requireNonNull(options, "options");
        this.history = Objects.requireNonNull(history, "history");
        this.threshold = Rows.requireThreshold(threshold);
        if (!scaler.schema().equals(sensors)) {
            throw new IllegalArgumentException("the scaler's schema " + scaler.schema().names()
                    + " differs from the sensors " + sensors.names());
        }
        if (!network.matches(options, sensors.size())) {
            throw new IllegalArgumentException("the network's layers do not match the options' encoder "
                    + options.encoder() + " for " + sensors.size() + " sensors");
        }
        this.schema = SlidingWindows.schema(sensors, options.window());
    }

    /** The window schema, {@code SlidingWindows.schema(sensors(), window())}. */
    @Override
    public FeatureSchema schema() {
        return schema;
    }

    /** The sensors (the network's channels). */
    public FeatureSchema sensors() {
        return sensors;
    }

    /** Rows per window. */
    public int window() {
        return options.window();
    }

    /** The alarm threshold: {@link #isAnomaly} is {@code score(x) > threshold()}. */
    public double threshold() {
        return threshold;
    }

    /** The options the model was trained with. */
    public ConvAutoencoderOptions options() {
        return options;
    }

    /** The per-epoch losses of the training that made this model. */
    public TrainingHistory history() {
        return history;
    }

    /** The scaler fitted on the training rows (immutable). */
    public Scaler scaler() {
        return scaler;
    }

    /**
     * SKAB's residual of the window {@code x} (see the class documentation).
     *
     * @throws IllegalArgumentException if {@code x} does not fit the schema or is not finite
     */
    @Override
    public double score(double[] x) {
        double[][] z = scaled(x);
        return residual(z, network.forward(z));
    }

    /**
     * Scores every window row; the same as {@link #score} on each, bit for bit.
     *
     * @throws IllegalArgumentException naming the first row that does not fit the schema or is not finite
     */
    @Override
    public double[] scoreAll(double[][] rows) {
        Objects.requireNonNull(rows, "rows");
        Rows.requireAll(schema, rows);
        double[] out = new double[rows.length];
        for (int r = 0; r < rows.length; r++) {
            out[r] = score(rows[r]);
        }
        return out;
    }

    /**
     * The score of every window of {@code series}: element {@code k} is the window of rows
     * {@code k .. k + window() - 1}, equal to {@code score(SlidingWindows.window(series, k + window() - 1, window()))}.
     *
     * @param series rows in time order, each in sensor order, at least {@code window()} of them
     * @throws IllegalArgumentException if the series is shorter than the window, or a row does not
     *                                  fit the sensors or is not finite (row named)
     */
    public double[] scoreSeries(double[][] series) {
        Objects.requireNonNull(series, "series");
        int w = options.window();
        if (series.length < w) {
            throw new IllegalArgumentException("a series of " + series.length + " rows has no window of " + w);
        }
        double[][] scaled = new double[series.length][];
        for (int r = 0; r < series.length; r++) {
            Rows.require(sensors, series[r], r);
            scaled[r] = scaler.transform(series[r]);
        }
        double[] out = new double[series.length - w + 1];
        for (int k = 0; k < out.length; k++) {
            double[][] z = channels(scaled, k, w);
            out[k] = residual(z, network.forward(z));
        }
        return out;
    }

    /**
     * Whether the window {@code x} is anomalous: {@code score(x) > threshold()}.
     *
     * @throws IllegalArgumentException if {@code x} does not fit the schema or is not finite
     */
    public boolean isAnomaly(double[] x) {
        return score(x) > threshold;
    }

    /**
     * Each sensor's mean absolute reconstruction error over the window, in sensor order; they sum
     * to {@code score(x)} (up to rounding).
     *
     * @throws IllegalArgumentException if {@code x} does not fit the schema or is not finite
     */
    public double[] contributions(double[] x) {
        double[][] z = scaled(x);
        double[][] r = network.forward(z);
        double[] out = new double[z.length];
        for (int c = 0; c < z.length; c++) {
            out[c] = meanAbsolute(z[c], r[c]);
        }
        return out;
    }

    /**
     * The sensor with the largest contribution to the score of {@code x} (the first on a tie).
     *
     * @throws IllegalArgumentException if {@code x} does not fit the schema or is not finite
     */
    public String topContributor(double[] x) {
        return Rows.topContributor(contributions(x), sensors);
    }

    /** The network, for {@link ConvAutoencoderFile}. */
    ConvNetwork network() {
        return network;
    }

    @Override
    public String toString() {
        return "ConvAutoencoderModel[sensors=" + sensors.size() + ", window=" + options.window() + ", encoder="
                + options.encoder() + ", threshold=" + threshold + ", epochs=" + history.epochs().size()
                + ", bestEpoch=" + history.bestEpoch() + "]";
    }

    private double[][] scaled(double[] x) {
        Scorer.requireFinite(schema, x);
        int p = sensors.size();
        int w = options.window();
        double[][] z = new double[p][w];
        double[] step = new double[p];
        for (int t = 0; t < w; t++) {
            System.arraycopy(x, t * p, step, 0, p);
            scaler.transform(step, step);
            for (int c = 0; c < p; c++) {
                z[c][t] = step[c];
            }
        }
        return z;
    }

    /** Rows {@code from .. from + w - 1} of {@code rows} as {@code [sensor][step]}. */
    static double[][] channels(double[][] rows, int from, int w) {
        int p = rows[from].length;
        double[][] z = new double[p][w];
        for (int t = 0; t < w; t++) {
            double[] row = rows[from + t];
            for (int c = 0; c < p; c++) {
                z[c][t] = row[c];
            }
        }
        return z;
    }

    /** SKAB's residual: the sum over channels of the mean absolute error over steps. */
    static double residual(double[][] z, double[][] r) {
        double sum = 0;
        for (int c = 0; c < z.length; c++) {
            sum += meanAbsolute(z[c], r[c]);
        }
        return sum;
    }

    private static double meanAbsolute(double[] z, double[] r) {
        double sum = 0;
        for (int t = 0; t < z.length; t++) {
            sum += Math.abs(z[t] - r[t]);
        }
        return sum / z.length;
    }
}
