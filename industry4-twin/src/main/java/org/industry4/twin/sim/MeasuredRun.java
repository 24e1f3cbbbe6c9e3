package org.industry4.twin.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.industry4.twin.dynamics.StateSpaceModel;
import org.industry4.twin.dynamics.Trajectory;

/**
 * A ground-truth simulation and its noisy measurements.
 *
 * @param truth            the noise-free trajectory of the truth model
 * @param trueDerivatives  {@code dx/dt} of the truth at each sample
 * @param measuredStates   the states plus Gaussian measurement noise, one row per sample
 * @param measuredOutputs  the outputs plus Gaussian measurement noise, one row per sample
 */
public record MeasuredRun(Trajectory truth, double[][] trueDerivatives, double[][] measuredStates,
                          double[][] measuredOutputs) {

    public MeasuredRun {
        Objects.requireNonNull(truth, "truth");
        trueDerivatives = copy(trueDerivatives, truth.size(), "trueDerivatives");
        measuredStates = copy(measuredStates, truth.size(), "measuredStates");
        measuredOutputs = copy(measuredOutputs, truth.size(), "measuredOutputs");
    }

    /**
     * Measures {@code truth} (simulated from {@code model}) with independent Gaussian noise of the
     * given standard deviation per state and per output, seeded.
     */
    public static MeasuredRun measure(StateSpaceModel model, Trajectory truth, double[] stateNoise,
                                      double[] outputNoise, long seed) {
        int ns = truth.stateNames().size();
        int no = truth.outputNames().size();
        if (stateNoise.length != ns || outputNoise.length != no) {
            throw new IllegalArgumentException("expected " + ns + " state and " + no + " output noise levels, got "
                    + stateNoise.length + " and " + outputNoise.length);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] x = truth.states();
        double[][] u = truth.inputs();
        double[][] y = truth.outputs();
        double[][] d = new double[x.length][ns];
        for (int k = 0; k < x.length; k++) {
            model.derivative(truth.time(k), x[k], u[k], d[k]);
            for (int i = 0; i < ns; i++) {
                x[k][i] += stateNoise[i] * gaussian(rnd);
            }
            for (int i = 0; i < no; i++) {
                y[k][i] += outputNoise[i] * gaussian(rnd);
            }
        }
        return new MeasuredRun(truth, d, x, y);
    }

    private static double gaussian(SplittableRandom rnd) {
        // Box-Muller; one value per call keeps the stream simple and reproducible.
        double u1 = 1.0 - rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static double[][] copy(double[][] a, int rows, String what) {
        Objects.requireNonNull(a, what);
        if (a.length != rows) {
            throw new IllegalArgumentException("expected " + rows + " rows of " + what + ", got " + a.length);
        }
        double[][] out = new double[rows][];
        for (int k = 0; k < rows; k++) {
            out[k] = a[k].clone();
        }
        return out;
    }

    @Override
    public double[][] trueDerivatives() {
        return copy(trueDerivatives, trueDerivatives.length, "trueDerivatives");
    }

    @Override
    public double[][] measuredStates() {
        return copy(measuredStates, measuredStates.length, "measuredStates");
    }

    @Override
    public double[][] measuredOutputs() {
        return copy(measuredOutputs, measuredOutputs.length, "measuredOutputs");
    }

    /** The measured series of the named state. */
    public double[] measuredState(String name) {
        return column(measuredStates, index(truth.stateNames(), name));
    }

    /** The measured series of the named output. */
    public double[] measuredOutput(String name) {
        return column(measuredOutputs, index(truth.outputNames(), name));
    }

    private static int index(List<String> names, String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("unknown name \"" + name + "\"; have " + names);
        }
        return i;
    }

    private static double[] column(double[][] a, int c) {
        double[] out = new double[a.length];
        for (int k = 0; k < a.length; k++) {
            out[k] = a[k][c];
        }
        return out;
    }

    /**
     * One row per sample except the last (which has no successor). Columns, in order:
     * <ul>
     *   <li>{@code time} (s), {@code dt} (s, to the next sample), then every input by name;</li>
     *   <li>per state {@code s}: {@code s} (measured), {@code s_next} (measured at the next sample),
     *       {@code d_s_dt} (finite difference of the measurements, {@code (s_next - s) / dt}),
     *       {@code s_true} and {@code d_s_dt_true} (the noise-free state and derivative);</li>
     *   <li>per output {@code o}: {@code o} (measured) and {@code o_true}.</li>
     * </ul>
     * The inputs are those in force at {@code time} (piecewise constant); a switch inside
     * {@code (time, time + dt)} is possible, so one-step targets near a switch mix two inputs.
     */
    public TrainingRows rows() {
        List<String> cols = new ArrayList<>(List.of("time", "dt"));
        cols.addAll(truth.inputNames());
        for (String s : truth.stateNames()) {
            cols.addAll(List.of(s, s + "_next", "d_" + s + "_dt", s + "_true", "d_" + s + "_dt_true"));
        }
        for (String o : truth.outputNames()) {
            cols.addAll(List.of(o, o + "_true"));
        }
        int n = truth.size() - 1;
        double[][] rows = new double[Math.max(n, 0)][];
        double[][] xs = truth.states();
        double[][] us = truth.inputs();
        double[][] ys = truth.outputs();
        for (int k = 0; k < n; k++) {
            double[] r = new double[cols.size()];
            int c = 0;
            double dt = truth.time(k + 1) - truth.time(k);
            r[c++] = truth.time(k);
            r[c++] = dt;
            for (double v : us[k]) {
                r[c++] = v;
            }
            for (int i = 0; i < xs[k].length; i++) {
                r[c++] = measuredStates[k][i];
                r[c++] = measuredStates[k + 1][i];
                r[c++] = (measuredStates[k + 1][i] - measuredStates[k][i]) / dt;
                r[c++] = xs[k][i];
                r[c++] = trueDerivatives[k][i];
            }
            for (int i = 0; i < ys[k].length; i++) {
                r[c++] = measuredOutputs[k][i];
                r[c++] = ys[k][i];
            }
            rows[k] = r;
        }
        return new TrainingRows(cols, rows);
    }
}
