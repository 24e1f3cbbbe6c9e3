package org.industry4.twin.hybrid;

import java.util.List;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;

/**
 * A full-batch Levenberg-Marquardt fit of the physical parameters (in their unbounded raw form),
 * with the correction network held fixed or absent ({@link #fit}), or together with the network's
 * output layer ({@link #fitWithOutputLayer}): the same objective as the trainer's, data error in
 * units of the target's spread plus the physics penalties, plus the correction penalty when the
 * output layer is fitted (with the whole network fixed it does not change). Minibatch Adam jitters a handful of parameters by about 1 % and
 * crawls along poorly conditioned directions; the physics has few parameters, so a second-order
 * least-squares fit on all training rows finds their optimum exactly. The Jacobian is taken by
 * central differences in raw space.
 */
final class ParameterFit {

    private static final double STEP = 1e-6;
    /** The history of the scratch models built while fitting (never returned). */
    private static final TrainingHistory SCRATCH = new TrainingHistory(
            List.of(new TrainingHistory.EpochLoss(1, 0, 0)), 1, TrainingHistory.StopReason.MAX_EPOCHS, 0, 1, 1);
    private static final int MAX_ITERATIONS = 200;

    private ParameterFit() {
    }

    /**
     * The raw parameters minimising the objective on {@code rows}, starting from {@code startRaw},
     * with the network (if any) held fixed.
     *
     * @param network the fixed correction network, or null for the physics alone
     * @param yScale  the target's spread that the data error is measured in
     */
    static double[] fit(HybridSpec spec, HybridOptions options, Mlp network, double[] startRaw, double[][] x,
                        double[] y, int[] rows, double yScale) {
        return solve(spec, options, network, false, startRaw, x, y, rows, yScale, 0).raw();
    }

    /** The outcome of {@link #fitWithOutputLayer}: the raw parameters and the network with its new output layer. */
    record Polished(double[] raw, Mlp network) {
    }

    /**
     * The raw parameters and the network's output layer minimising the objective on {@code rows}
     * (the correction penalty included, as it now depends on what is fitted), with the hidden
     * layers held fixed. Given the hidden layers the correction is linear in the output layer, so
     * this is the least-squares optimum of the physics and of the network's last step together:
     * gradient descent stopped early on a noisy validation loss leaves the network short of it,
     * and the parameters then make up for the difference.
     *
     * @param network the correction network (not null)
     * @param ridge   weight of {@code sum((w - w_trained)^2)} over the output layer's values, added to
     *                the objective so that the polish moves the output layer only along what the rows
     *                determine; 0 for none
     */
    static Polished fitWithOutputLayer(HybridSpec spec, HybridOptions options, Mlp network, double[] startRaw,
                                       double[][] x, double[] y, int[] rows, double yScale, double ridge) {
        return solve(spec, options, network, true, startRaw, x, y, rows, yScale, ridge);
    }

    private static Polished solve(HybridSpec spec, HybridOptions options, Mlp network, boolean outputLayer,
                                  double[] startRaw, double[][] x, double[] y, int[] rows, double yScale,
                                  double ridge) {
        List<PhysicalParameter> parameters = spec.parameters();
        int p = parameters.size();
        int penaltyPoints = spec.penalties().stream().mapToInt(Penalty::points).sum();
        // With the output layer free, the correction penalty depends on what is fitted: one row each.
        int shrinkRows = outputLayer && options.correctionPenalty() > 0 ? rows.length : 0;
        int k0 = outputLayer ? network.outputLayer().length : 0;
        // With a ridge, one row per output-layer value ties it to the trained one.
        int ridgeRows = outputLayer && ridge > 0 ? k0 : 0;
        double ridgeWeight = Math.sqrt(ridge);
        int m = rows.length + shrinkRows + penaltyPoints + ridgeRows;
        double dataWeight = 1.0 / (yScale * Math.sqrt(rows.length));
        double correctionWeight = Math.sqrt(options.correctionPenalty() / rows.length);
        // What the fixed part of the network gives at every row: the correction itself when the
        // whole network is fixed; the last hidden layer and the correction factor otherwise.
        double[] correction = new double[rows.length];
        double[][] hidden = new double[outputLayer ? rows.length : 0][];
        double[] factor = new double[rows.length];
        int[] columns = spec.correctionInputs().stream().mapToInt(spec.inputNames()::indexOf).toArray();
        Expr.Compiled factorOf = spec.correctionFactor().compile(spec.binding());
        double[] noParameters = new double[p];     // the factor reads inputs only
        HybridModel frozen = outputLayer ? null : model(spec, options, network, parameters, startRaw);
        for (int i = 0; i < rows.length; i++) {
            double[] row = x[rows[i]];
            if (outputLayer) {
                hidden[i] = network.lastHidden(network.standardise(row, columns));
                factor[i] = factorOf.evaluate(row, noParameters) * network.outputScale();
            } else {
                correction[i] = frozen.correction(row);
            }
        }
        double[] start = new double[p + k0];
        System.arraycopy(startRaw, 0, start, 0, p);
        if (outputLayer) {
            System.arraycopy(network.outputLayer(), 0, start, p, k0);
        }
        Expr.Compiled physics = spec.physics().compile(spec.binding());
        java.util.function.Function<double[], double[]> residuals = point -> {
            double[] values = new double[p];
            for (int k = 0; k < p; k++) {
                values[k] = parameters.get(k).value(point[k]);
            }
            double[] r = new double[m];
            for (int i = 0; i < rows.length; i++) {
                int row = rows[i];
                double c = correction[i];
                if (outputLayer) {
                    double net = point[p + k0 - 1];
                    for (int j = 0; j < k0 - 1; j++) {
                        net += hidden[i][j] * point[p + j];
                    }
                    c = factor[i] * net;
                    if (shrinkRows > 0) {
                        r[rows.length + i] = correctionWeight * net;
                    }
                }
                r[i] = (physics.evaluate(x[row], values) + c - y[row]) * dataWeight;
            }
            int at = rows.length + shrinkRows;
            for (int j = 0; j < ridgeRows; j++) {
                r[at++] = ridgeWeight * (point[p + j] - start[p + j]);
            }
            if (penaltyPoints > 0) {
                Mlp net = outputLayer ? network.withOutputLayer(java.util.Arrays.copyOfRange(point, p, p + k0)) : network;
                HybridModel model = new HybridModel(spec, options, values, net, SCRATCH);
                for (Penalty penalty : spec.penalties()) {
                    double[] res = model.residuals(penalty);
                    double w = Math.sqrt(penalty.weight() / penalty.points());
                    for (double v : res) {
                        r[at++] = w * (penalty.kind() == Penalty.Kind.EQUALITY ? v : Math.max(0, v));
                    }
                }
            }
            return r;
        };
        int unknowns = start.length;
        LeastSquaresBuilder problem = new LeastSquaresBuilder()
                .start(start.clone())
                .target(new double[m])
                .maxEvaluations(10 * MAX_ITERATIONS)
                .maxIterations(MAX_ITERATIONS)
                .model(point -> {
                    double[] raw = point.toArray();
                    double[] value = residuals.apply(raw);
                    double[][] jacobian = new double[m][unknowns];
                    for (int k = 0; k < unknowns; k++) {
                        double saved = raw[k];
                        raw[k] = saved + STEP;
                        double[] up = residuals.apply(raw);
                        raw[k] = saved - STEP;
                        double[] down = residuals.apply(raw);
                        raw[k] = saved;
                        for (int i = 0; i < m; i++) {
                            jacobian[i][k] = (up[i] - down[i]) / (2 * STEP);
                        }
                    }
                    return new Pair<RealVector, org.apache.commons.math3.linear.RealMatrix>(
                            new ArrayRealVector(value, false), new Array2DRowRealMatrix(jacobian, false));
                });
        double[] solution = start.clone();
        try {
            LeastSquaresOptimizer.Optimum optimum = new LevenbergMarquardtOptimizer().optimize(problem.build());
            double[] found = optimum.getPoint().toArray();
            boolean finite = true;
            for (double v : found) {
                finite &= Double.isFinite(v);
            }
            if (finite) {
                solution = found;
            }
        } catch (org.apache.commons.math3.exception.TooManyEvaluationsException
                 | org.apache.commons.math3.exception.TooManyIterationsException e) {
            // keep the start
        }
        double[] raw = java.util.Arrays.copyOf(solution, p);
        Mlp fitted = outputLayer ? network.withOutputLayer(java.util.Arrays.copyOfRange(solution, p, p + k0)) : network;
        return new Polished(raw, fitted);
    }

    private static HybridModel model(HybridSpec spec, HybridOptions options, Mlp network,
                                     List<PhysicalParameter> parameters, double[] raw) {
        double[] values = new double[raw.length];
        for (int k = 0; k < raw.length; k++) {
            values[k] = parameters.get(k).value(raw[k]);
        }
        return new HybridModel(spec, options, values, network, SCRATCH);
    }
}
