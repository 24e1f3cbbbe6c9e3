package org.industry4.anomaly.autoencoder;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
 * <h2>Threads and cost</h2>
 * The model is immutable and plain Java: the trainer copies the network's weights out of DL4J, and
 * scoring runs the forward pass on {@code double} arrays. Any number of threads may score at once,
 * nothing is locked, no native memory is held (nothing to close), and loading a saved model needs
 * no native library. A score costs {@code O(sum of in x out over the layers)} multiply-adds (1,600
 * for the default network on 8 sensors: about 1.5 microseconds) and allocates the scaled row
 * and two work arrays of the widest layer. DL4J's own {@code output} would cost about 130
 * microseconds per call, needs a lock (it is not thread-safe on one network), and with
 * {@code -Dorg.bytedeco.javacpp.nopointergc=true} leaves about 7 KB of native memory unfreed per
 * call; the tests check that the Java forward pass equals DL4J's output to 1e-12.
 */
public final class AutoencoderModel implements Scorer {

    private final FeatureSchema schema;
    private final Scaler scaler;
    private final DenseNetwork network;
    private final double threshold;
    private final AutoencoderOptions options;
    private final TrainingHistory history;

    AutoencoderModel(FeatureSchema schema, Scaler scaler, DenseNetwork network, double threshold,
                     AutoencoderOptions options, TrainingHistory history) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.scaler = Objects.requireNonNull(scaler, "scaler");
        this.network = Objects.requireNonNull(network, "network");
        this.options = Objects.requireNonNull(options, "options");
        this.history = Objects.requireNonNull(history, "history");
        this.threshold = Rows.requireThreshold(threshold);
        if (!scaler.schema().equals(schema)) {
            throw new IllegalArgumentException("the scaler's schema " + scaler.schema().names()
                    + " differs from the model's " + schema.names());
        }
        List<Integer> widths = new ArrayList<>(options.encoderSizes());
        widths.add(options.latentSizeFor(schema.size()));
        for (int i = options.encoderSizes().size() - 1; i >= 0; i--) {
            widths.add(options.encoderSizes().get(i));
        }
        widths.add(schema.size());
        if (network.inputs() != schema.size() || !network.widths().equals(widths)) {
            throw new IllegalArgumentException("a network of layer widths " + network.widths() + " for "
                    + network.inputs() + " inputs does not match the options' " + widths + " for " + schema.size()
                    + " features");
        }
        DenseNetwork.Function hidden = DenseNetwork.Function.of(options.activation());
        List<DenseNetwork.Dense> layers = network.layers();
        for (int l = 0; l < layers.size(); l++) {
            DenseNetwork.Function expected = l == layers.size() - 1 ? DenseNetwork.Function.IDENTITY : hidden;
            if (layers.get(l).function() != expected) {
                throw new IllegalArgumentException("layer " + l + " has activation " + layers.get(l).function()
                        + ", the options say " + expected);
            }
        }
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
     */
    @Override
    public double score(double[] x) {
        return network.meanSquaredError(scaled(x));
    }

    /**
     * Scores every row; the same as calling {@link #score} on each (bit for bit).
     *
     * @throws IllegalArgumentException naming the first row that does not fit the schema or is not finite
     */
    @Override
    public double[] scoreAll(double[][] rows) {
        Objects.requireNonNull(rows, "rows");
        Rows.requireAll(schema, rows);
        double[] out = new double[rows.length];
        for (int r = 0; r < rows.length; r++) {
            out[r] = network.meanSquaredError(scaler.transform(rows[r]));
        }
        return out;
    }

    /**
     * Whether {@code x} is anomalous: {@code score(x) > threshold()}.
     *
     * @throws IllegalArgumentException if {@code x} does not fit the schema or is not finite
     */
    public boolean isAnomaly(double[] x) {
        return score(x) > threshold;
    }

    /**
     * Each feature's share of the score, {@code (z_j - r_j)^2 / p}, in schema order; they sum to
     * {@code score(x)} (up to rounding).
     *
     * @throws IllegalArgumentException if {@code x} does not fit the schema or is not finite
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
     */
    public String topContributor(double[] x) {
        return Rows.topContributor(contributions(x), schema);
    }

    /**
     * The network's reconstruction of {@code x}, in the original units: what the model expected
     * each sensor to read given the others.
     *
     * @throws IllegalArgumentException if {@code x} does not fit the schema or is not finite
     */
    public double[] reconstruct(double[] x) {
        return scaler.inverse(reconstructScaled(scaled(x)));
    }

    /** The network, for {@link AutoencoderFile}. */
    DenseNetwork network() {
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

    private double[] reconstructScaled(double[] z) {
        return network.forward(z);
    }
}
