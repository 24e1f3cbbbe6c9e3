package org.industry4.twin.hybrid;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A trained hybrid model: {@code predict(x) = physics(x) + correction(x)}, where the correction is
 * the network's output times the spec's {@link HybridSpec#correctionFactor()}, with the physics
 * {@link Expr} at the learned parameter values and the correction network's weights held as Java
 * arrays. Prediction uses no native library and allocates nothing native. Immutable and
 * thread-safe.
 */
public final class HybridModel {

    private final HybridSpec spec;
    private final HybridOptions options;
    private final double[] params;
    private final Mlp network;           // null: no correction
    private final TrainingHistory history;
    private final Expr.Compiled physics;
    private final Expr.Compiled factor;
    private final int[] correctionColumns;

    HybridModel(HybridSpec spec, HybridOptions options, double[] params, Mlp network, TrainingHistory history) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.options = Objects.requireNonNull(options, "options");
        this.history = Objects.requireNonNull(history, "history");
        this.params = params.clone();
        if (this.params.length != spec.parameters().size()) {
            throw new IllegalArgumentException("expected " + spec.parameters().size() + " parameter values, got "
                    + this.params.length);
        }
        for (int i = 0; i < this.params.length; i++) {
            PhysicalParameter p = spec.parameters().get(i);
            if (!(this.params[i] >= p.lower() && this.params[i] <= p.upper())) {
                throw new IllegalArgumentException("parameter " + p.name() + " = " + this.params[i]
                        + " is outside [" + p.lower() + ", " + p.upper() + "]");
            }
        }
        this.network = network;
        this.physics = spec.physics().compile(spec.binding());
        this.factor = spec.correctionFactor().compile(spec.binding());
        this.correctionColumns = spec.correctionInputs().stream().mapToInt(spec.inputNames()::indexOf).toArray();
        if (network != null && network.inputs() != correctionColumns.length) {
            throw new IllegalArgumentException("the network reads " + network.inputs() + " inputs, the spec names "
                    + correctionColumns.length + " correction inputs");
        }
    }

    /** What this model is. */
    public HybridSpec spec() {
        return spec;
    }

    /** The options it was trained with. */
    public HybridOptions options() {
        return options;
    }

    /** How training went. */
    public TrainingHistory history() {
        return history;
    }

    /** Whether this model has a neural correction ({@code false}: physics only). */
    public boolean hasCorrection() {
        return network != null;
    }

    /**
     * The prediction for one row, {@code physics(x) + correction(x)}.
     *
     * @param x the inputs, in the order of {@link HybridSpec#inputNames()}
     * @throws IllegalArgumentException if {@code x} has the wrong length or holds NaN or an infinity
     *                                  (the message names the column)
     */
    public double predict(double[] x) {
        check(x);
        return physics.evaluate(x, params) + correctionOf(x);
    }

    /** {@link #predict} of every row. */
    public double[] predictAll(double[][] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = predict(rows[i]);
        }
        return out;
    }

    /** The physics part of the prediction for {@code x} (same checks as {@link #predict}). */
    public double physics(double[] x) {
        check(x);
        return physics.evaluate(x, params);
    }

    /**
     * The correction part of the prediction for {@code x}, the network's output times the
     * correction factor; 0 without a correction.
     */
    public double correction(double[] x) {
        check(x);
        return correctionOf(x);
    }

    private double correctionOf(double[] x) {
        return network == null ? 0.0
                : factor.evaluate(x, params) * network.correction(network.standardise(x, correctionColumns));
    }

    /**
     * The network's raw output for {@code x} (before the target scale and the factor), what the
     * trainer's correction penalty measures; 0 without a correction. Not checked.
     */
    double networkOutput(double[] x) {
        return network == null ? 0.0 : network.raw(network.standardise(x, correctionColumns));
    }

    private void check(double[] x) {
        Objects.requireNonNull(x, "x");
        if (x.length != spec.inputNames().size()) {
            throw new IllegalArgumentException("expected " + spec.inputNames().size() + " inputs "
                    + spec.inputNames() + ", got " + x.length);
        }
        for (int j = 0; j < x.length; j++) {
            if (!Double.isFinite(x[j])) {
                throw new IllegalArgumentException("input " + spec.inputNames().get(j) + " (column " + j + ") is "
                        + x[j]);
            }
        }
    }

    /**
     * The learned value of parameter {@code name}.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public double parameter(String name) {
        int i = spec.parameterNames().indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("unknown parameter \"" + name + "\"; parameters are "
                    + spec.parameterNames());
        }
        return params[i];
    }

    /** All learned parameter values by name, in the spec's order. */
    public Map<String, Double> parameters() {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < params.length; i++) {
            map.put(spec.parameters().get(i).name(), params[i]);
        }
        return Collections.unmodifiableMap(map);
    }

    /**
     * The residuals of penalty {@code name} at its collocation points under this model (the
     * constraint {@code residual <= 0} of an inequality holds where the value is {@code <= 0}).
     */
    public double[] penaltyResiduals(String name) {
        for (Penalty penalty : spec.penalties()) {
            if (penalty.name().equals(name)) {
                return residuals(penalty);
            }
        }
        throw new IllegalArgumentException("unknown penalty \"" + name + "\"; penalties are "
                + spec.penalties().stream().map(Penalty::name).toList());
    }

    double[] residuals(Penalty penalty) {
        Expr.Compiled residual = penalty.residual().compile(spec.penaltyBinding());
        double[] out = new double[penalty.points()];
        int n = spec.inputNames().size();
        for (int i = 0; i < out.length; i++) {
            double[] row = Arrays.copyOf(penalty.row(i), n + 1);
            row[n] = physics.evaluate(row, params) + correctionOf(row);
            out[i] = residual.evaluate(row, params);
        }
        return out;
    }

    /** This model without its correction: the physics part only, same parameters and history. */
    public HybridModel withoutCorrection() {
        return new HybridModel(spec, options, params, null, history);
    }

    double[] parameterArray() {
        return params.clone();
    }

    Mlp network() {
        return network;
    }

    @Override
    public String toString() {
        return "HybridModel[" + spec.outputName() + " = " + spec.physics() + (network == null ? ""
                : " + " + (spec.hasCorrectionFactor() ? spec.correctionFactor() + " * " : "") + "correction"
                + spec.correctionInputs()) + ", parameters " + parameters() + "]";
    }
}
