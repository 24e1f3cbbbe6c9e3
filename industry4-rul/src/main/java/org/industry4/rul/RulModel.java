package org.industry4.rul;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.industry4.core.FeatureSchema;
import org.industry4.rul.data.Preprocessor;
import org.industry4.rul.data.Trajectory;
import org.industry4.rul.data.Windows;

/**
 * A trained remaining-useful-life model: the preprocessing fitted on the training engines, the
 * network (plain Java, copied out of DL4J), the cap, and the half-width of the split-conformal
 * interval. Immutable and thread-safe; owns no native memory. Made by {@link RulTrainer}, saved
 * by {@link RulModelFile}, followed online by {@link OnlineRulEstimator}.
 *
 * <p>A prediction reads the window of the last {@link #window()} rows of a history (front-padded
 * with copies of the first row when the history is shorter), as the C-MAPSS literature scores
 * the last window of each test engine.
 */
public final class RulModel {

    private final Preprocessor preprocessor;
    private final RulNetwork network;
    private final RulOptions options;
    private final double halfWidth;
    private final int calibrationPoints;
    private final TrainingHistory history;

    RulModel(Preprocessor preprocessor, RulNetwork network, RulOptions options, double halfWidth,
             int calibrationPoints, TrainingHistory history) {
        this.preprocessor = Objects.requireNonNull(preprocessor, "preprocessor");
        this.network = Objects.requireNonNull(network, "network");
        this.options = Objects.requireNonNull(options, "options");
        this.history = Objects.requireNonNull(history, "history");
        if (network.features() != preprocessor.outputSchema().size() || network.window() != options.window()) {
            throw new IllegalArgumentException("the network takes " + network.window() + " x " + network.features()
                    + " windows but the preprocessing gives " + preprocessor.outputSchema().size()
                    + " features and the options a window of " + options.window());
        }
        if (!(halfWidth >= 0 && Double.isFinite(halfWidth))) {
            throw new IllegalArgumentException("halfWidth must be finite and >= 0, got " + halfWidth);
        }
        if (calibrationPoints < 1) {
            throw new IllegalArgumentException("calibrationPoints must be > 0, got " + calibrationPoints);
        }
        this.halfWidth = halfWidth;
        this.calibrationPoints = calibrationPoints;
    }

    /** The columns a history must have (the training data's schema). */
    public FeatureSchema inputSchema() {
        return preprocessor.inputSchema();
    }

    /** The fitted preprocessing. */
    public Preprocessor preprocessor() {
        return preprocessor;
    }

    /** The options the model was trained with. */
    public RulOptions options() {
        return options;
    }

    /** Rows per window. */
    public int window() {
        return options.window();
    }

    /** The target's cap: the largest RUL the model predicts. */
    public double cap() {
        return options.cap();
    }

    /** Half the width of every prediction interval, in cycles, from the calibration engines. */
    public double halfWidth() {
        return halfWidth;
    }

    /** The number of calibration residuals the half-width is the conformal quantile of. */
    public int calibrationPoints() {
        return calibrationPoints;
    }

    /** How training went. */
    public TrainingHistory history() {
        return history;
    }

    /** The network architecture. */
    public RulOptions.Architecture architecture() {
        return options.architecture();
    }

    RulNetwork network() {
        return network;
    }

    /**
     * The RUL after the last row of {@code history}.
     *
     * @throws IllegalArgumentException if its schema is not {@link #inputSchema()}
     */
    public RulEstimate predict(Trajectory history) {
        Objects.requireNonNull(history, "history");
        if (!history.schema().equals(preprocessor.inputSchema())) {
            throw new IllegalArgumentException("history " + history.assetId() + " has columns " + history.schema().names()
                    + " but the model reads " + preprocessor.inputSchema().names());
        }
        // only the rows of the last window are read: the work does not grow with the history
        int from = Math.max(0, history.cycles() - options.window());
        double[][] scaled = new double[history.cycles() - from][network.features()];
        for (int i = 0; i < scaled.length; i++) {
            preprocessor.transform(history.row(from + i), scaled[i]);
        }
        float[] window = new float[options.window() * network.features()];
        Windows.last(scaled, options.window(), window, 0);
        return estimate(window, 0);
    }

    /** {@link #predict} of each history, in order. */
    public List<RulEstimate> predictAll(List<Trajectory> histories) {
        List<RulEstimate> estimates = new ArrayList<>(histories.size());
        for (Trajectory t : histories) {
            estimates.add(predict(t));
        }
        return estimates;
    }

    /** The estimate for one preprocessed window at {@code data[offset ..]} (layout {@code [t][f]}). */
    RulEstimate estimate(float[] data, int offset) {
        double rul = clip(network.output(data, offset));
        return new RulEstimate(rul, Math.max(0, rul - halfWidth), rul + halfWidth, options.coverage());
    }

    /** The network output, scaled back to cycles and clipped to {@code [0, cap]}. */
    double clip(double output) {
        return Math.max(0, Math.min(options.cap(), output * options.cap()));
    }

    @Override
    public String toString() {
        return "RulModel[" + options.architecture() + " " + options.layers() + ", window " + options.window()
                + ", " + preprocessor.outputSchema().size() + " features, cap " + options.cap() + ", interval +-"
                + String.format("%.1f", halfWidth) + " at " + options.coverage() + "]";
    }
}
