package org.industry4.anomaly.autoencoder;

import java.util.Objects;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.industry4.anomaly.scale.Scaler;
import org.industry4.core.FeatureSchema;
import org.industry4.core.Scorer;

/**
 * A trained dense autoencoder of normal operation: rows it reconstructs badly are anomalous. Made
 * by {@link AutoencoderTrainer}, saved and loaded by {@link AutoencoderFile}.
 *
 * <h2>Score</h2>
 * An observation {@code x} is scaled with the scaler fitted on the training rows,
 * {@code z_j = (x_j - center_j) / scale_j}, and passed through the network, giving the
 * reconstruction {@code r}. The score is the mean squared reconstruction error in the scaled space,
 * <pre>
 * score(x) = (1/p) sum_j (z_j - r_j)^2
 * </pre>
 * 0 or more, in units of squared standard deviations (or squared interquartile ranges with the
 * robust scaler). {@link #isAnomaly} compares it with {@link #threshold()}, chosen from the
 * validation rows by the {@link ThresholdRule}.
 *
 * <h2>Contributions</h2>
 * {@link #contributions} gives each feature's share {@code (z_j - r_j)^2 / p}, in schema order;
 * they are never negative and sum to the score. {@link #topContributor} names the feature with the
 * largest share: the sensor an operator checks first. A fault on one sensor also disturbs the
 * reconstruction of the sensors the network predicts from it, so the top contributor points at the
 * likely sensor rather than proving it.
 *
 * <h2>Threads and native memory</h2>
 * The network lives in ND4J's native (off-heap) memory, and DL4J's {@code output} is not safe to
 * call from two threads on one network. Every method that runs the network synchronises on the
 * model, so one model may be shared by many threads, which then take turns: a single-row score
 * costs one native call (tens of microseconds for a small network), and throughput does not grow
 * with threads. For parallel scoring, load one model per thread from its file (each holds its own
 * copy of the parameters), or score many rows at once with {@link #scoreAll}, which makes one
 * native call per {@value Networks#SCORING_BLOCK} rows.
 *
 * <p>{@link #close()} frees the native memory; it is idempotent. After it, every method that needs
 * the network throws {@link IllegalStateException}; {@link #schema()}, {@link #threshold()},
 * {@link #options()} and {@link #history()} still answer. A model that is never closed keeps its
 * native memory until the JVM exits when JavaCPP's pointer GC is off
 * ({@code -Dorg.bytedeco.javacpp.nopointergc=true}, recommended for speed).
 */
public final class AutoencoderModel implements Scorer, AutoCloseable {

    private final FeatureSchema schema;
    private final Scaler scaler;
    private final MultiLayerNetwork network;
    private final double threshold;
    private final AutoencoderOptions options;
    private final TrainingHistory history;
    private boolean closed;

    AutoencoderModel(FeatureSchema schema, Scaler scaler, MultiLayerNetwork network, double threshold,
                     AutoencoderOptions options, TrainingHistory history) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.scaler = Objects.requireNonNull(scaler, "scaler");
        this.network = Objects.requireNonNull(network, "network");
        this.options = Objects.requireNonNull(options, "options");
        this.history = Objects.requireNonNull(history, "history");
        if (!(threshold >= 0 && Double.isFinite(threshold))) {
            throw new IllegalArgumentException("threshold must be finite and >= 0, got " + threshold);
        }
        if (!scaler.schema().equals(schema)) {
            throw new IllegalArgumentException("the scaler's schema " + scaler.schema().names()
                    + " differs from the model's " + schema.names());
        }
        this.threshold = threshold;
    }

    @Override
    public FeatureSchema schema() {
        return schema;
    }

    /** The alarm threshold: {@link #isAnomaly} is {@code score(x) > threshold()}. */
    public double threshold() {
        return threshold;
    }

    /** The options the model was trained with. */
    public AutoencoderOptions options() {
        return options;
    }

    /** The bottleneck width the network has. */
    public int latentSize() {
        return options.latentSizeFor(schema.size());
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
     * The mean squared reconstruction error of {@code x} in the scaled space (see the class
     * documentation).
     *
     * @throws IllegalArgumentException if {@code x} does not fit the schema or is not finite
     * @throws IllegalStateException    after {@link #close()}
     */
    @Override
    public double score(double[] x) {
        double[] z = scaled(x);
        return Networks.meanSquaredError(z, reconstructScaled(z));
    }

    /**
     * Scores every row with one native call per {@value Networks#SCORING_BLOCK} rows. The result
     * equals scoring each row with {@link #score} up to the last bits (BLAS picks other kernels for
     * other matrix shapes; the tests hold it to a relative 1e-9).
     *
     * @throws IllegalArgumentException naming the first row that does not fit the schema or is not finite
     * @throws IllegalStateException    after {@link #close()}
     */
    @Override
    public double[] scoreAll(double[][] rows) {
        Objects.requireNonNull(rows, "rows");
        double[][] z = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            Rows.require(schema, rows[r], r);
            z[r] = scaler.transform(rows[r]);
        }
        if (rows.length == 0) {
            return new double[0];
        }
        synchronized (this) {
            requireOpen();
            return Networks.meanSquaredErrors(network, z);
        }
    }

    /**
     * Whether {@code x} is anomalous: {@code score(x) > threshold()}.
     *
     * @throws IllegalArgumentException if {@code x} does not fit the schema or is not finite
     * @throws IllegalStateException    after {@link #close()}
     */
    public boolean isAnomaly(double[] x) {
        return score(x) > threshold;
    }

    /**
     * Each feature's share of the score, {@code (z_j - r_j)^2 / p}, in schema order; they sum to
     * {@code score(x)} (up to rounding).
     *
     * @throws IllegalArgumentException if {@code x} does not fit the schema or is not finite
     * @throws IllegalStateException    after {@link #close()}
     */
    public double[] contributions(double[] x) {
        double[] z = scaled(x);
        double[] r = reconstructScaled(z);
        double[] c = new double[z.length];
        for (int j = 0; j < z.length; j++) {
            double e = z[j] - r[j];
            c[j] = e * e / z.length;
        }
        return c;
    }

    /**
     * The name of the feature with the largest contribution to the score of {@code x} (the first
     * one on a tie).
     *
     * @throws IllegalArgumentException if {@code x} does not fit the schema or is not finite
     * @throws IllegalStateException    after {@link #close()}
     */
    public String topContributor(double[] x) {
        double[] c = contributions(x);
        int best = 0;
        for (int j = 1; j < c.length; j++) {
            if (c[j] > c[best]) {
                best = j;
            }
        }
        return schema.names().get(best);
    }

    /**
     * The network's reconstruction of {@code x}, in the original units: what the model expected
     * each sensor to read given the others.
     *
     * @throws IllegalArgumentException if {@code x} does not fit the schema or is not finite
     * @throws IllegalStateException    after {@link #close()}
     */
    public double[] reconstruct(double[] x) {
        return scaler.inverse(reconstructScaled(scaled(x)));
    }

    /** Whether {@link #close()} has been called. */
    public synchronized boolean isClosed() {
        return closed;
    }

    /** Frees the network's native memory. Idempotent; never throws. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            network.close();
        }
    }

    /** The network, for {@link AutoencoderFile}; the caller holds the model's lock. */
    MultiLayerNetwork network() {
        requireOpen();
        return network;
    }

    @Override
    public String toString() {
        StringBuilder layers = new StringBuilder().append(schema.size());
        for (int size : options.encoderSizes()) {
            layers.append('-').append(size);
        }
        layers.append('-').append(latentSize());
        for (int i = options.encoderSizes().size() - 1; i >= 0; i--) {
            layers.append('-').append(options.encoderSizes().get(i));
        }
        layers.append('-').append(schema.size());
        return "AutoencoderModel[features=" + schema.size() + ", layers=" + layers + ", activation="
                + options.activation() + ", threshold=" + threshold + " (" + options.threshold() + "), epochs="
                + history.epochs().size() + ", bestEpoch=" + history.bestEpoch() + "]";
    }

    private double[] scaled(double[] x) {
        Scorer.requireFinite(schema, x);
        return scaler.transform(x);
    }

    private synchronized double[] reconstructScaled(double[] z) {
        requireOpen();
        return Networks.output(network, new double[][] {z}, 0, 1)[0];
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this autoencoder model is closed");
        }
    }
}
