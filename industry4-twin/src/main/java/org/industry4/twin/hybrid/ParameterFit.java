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
 * A full-batch Levenberg-Marquardt fit of the physical parameters (in their unbounded raw form)
 * with the correction network held fixed (or absent): the same objective as the trainer's, data
 * error in units of the target's spread plus the physics penalties (the correction penalty does
 * not depend on the parameters). Minibatch Adam jitters a handful of parameters by about 1 % and
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
     * The raw parameters minimising the objective on {@code rows}, starting from {@code startRaw}.
     *
     * @param network the fixed correction network, or null for the physics alone
     * @param yScale  the target's spread that the data error is measured in
     */
    static double[] fit(HybridSpec spec, HybridOptions options, Mlp network, double[] startRaw, double[][] x,
                        double[] y, int[] rows, double yScale) {
        List<PhysicalParameter> parameters = spec.parameters();
        int p = parameters.size();
        int penaltyPoints = spec.penalties().stream().mapToInt(Penalty::points).sum();
        int m = rows.length + penaltyPoints;
        double dataWeight = 1.0 / (yScale * Math.sqrt(rows.length));
        // The correction at every row is fixed: compute it once.
        HybridModel frozen = model(spec, options, network, parameters, startRaw);
        double[] correction = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            correction[i] = frozen.correction(x[rows[i]]);
        }
        Expr.Compiled physics = spec.physics().compile(spec.binding());
        java.util.function.Function<double[], double[]> residuals = raw -> {
            double[] values = new double[p];
            for (int k = 0; k < p; k++) {
                values[k] = parameters.get(k).value(raw[k]);
            }
            double[] r = new double[m];
            for (int i = 0; i < rows.length; i++) {
                int row = rows[i];
                r[i] = (physics.evaluate(x[row], values) + correction[i] - y[row]) * dataWeight;
            }
            int at = rows.length;
            if (penaltyPoints > 0) {
                HybridModel model = new HybridModel(spec, options, values, network, SCRATCH);
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
        LeastSquaresBuilder problem = new LeastSquaresBuilder()
                .start(startRaw.clone())
                .target(new double[m])
                .maxEvaluations(10 * MAX_ITERATIONS)
                .maxIterations(MAX_ITERATIONS)
                .model(point -> {
                    double[] raw = point.toArray();
                    double[] value = residuals.apply(raw);
                    double[][] jacobian = new double[m][p];
                    for (int k = 0; k < p; k++) {
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
        try {
            LeastSquaresOptimizer.Optimum optimum = new LevenbergMarquardtOptimizer().optimize(problem.build());
            double[] raw = optimum.getPoint().toArray();
            for (double v : raw) {
                if (!Double.isFinite(v)) {
                    return startRaw.clone();
                }
            }
            return raw;
        } catch (org.apache.commons.math3.exception.TooManyEvaluationsException
                 | org.apache.commons.math3.exception.TooManyIterationsException e) {
            return startRaw.clone();
        }
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
