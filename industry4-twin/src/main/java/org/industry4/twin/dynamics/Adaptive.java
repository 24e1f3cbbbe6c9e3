package org.industry4.twin.dynamics;

import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.exception.NumberIsTooSmallException;
import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.apache.commons.math3.ode.nonstiff.DormandPrince853Integrator;

/**
 * An adaptive-step integrator: commons-math3's {@link DormandPrince853Integrator} (an explicit
 * Runge-Kutta 8(5,3) pair with local error control). Each {@link Stepper#advance} call integrates
 * one interval with its own step-size control; the {@link Simulator} makes the intervals end at
 * every schedule switch, so a discontinuous input never falls inside a step.
 *
 * @param absoluteTolerance the allowed absolute local error per state; &gt; 0
 * @param relativeTolerance the allowed relative local error; &gt;= 0
 * @param minStep           the smallest step; a step below it means the problem is too stiff or
 *                          singular and raises an {@link IllegalStateException}; &gt; 0
 * @param maxStep           the largest step; &gt;= minStep (an interval longer than it is split)
 */
public record Adaptive(double absoluteTolerance, double relativeTolerance, double minStep, double maxStep)
        implements Integrator {

    public Adaptive {
        if (!(absoluteTolerance > 0) || !Double.isFinite(absoluteTolerance)) {
            throw new IllegalArgumentException("absoluteTolerance must be finite and > 0, got " + absoluteTolerance);
        }
        if (!(relativeTolerance >= 0) || !Double.isFinite(relativeTolerance)) {
            throw new IllegalArgumentException("relativeTolerance must be finite and >= 0, got " + relativeTolerance);
        }
        if (!(minStep > 0)) {
            throw new IllegalArgumentException("minStep must be > 0, got " + minStep);
        }
        if (!(maxStep >= minStep)) {
            throw new IllegalArgumentException("maxStep must be >= minStep " + minStep + ", got " + maxStep);
        }
    }

    /** Tolerances 1e-9 absolute and 1e-9 relative, steps from 1e-9 s to 1e9 s. */
    public Adaptive() {
        this(1e-9, 1e-9, 1e-9, 1e9);
    }

    /** A copy with these tolerances. */
    public Adaptive withTolerances(double absoluteTolerance, double relativeTolerance) {
        return new Adaptive(absoluteTolerance, relativeTolerance, minStep, maxStep);
    }

    @Override
    public String name() {
        return "DormandPrince853";
    }

    @Override
    public Stepper start(StateSpaceModel model) {
        return new AdaptiveStepper(model);
    }

    private final class AdaptiveStepper implements Stepper, FirstOrderDifferentialEquations {
        private final StateSpaceModel model;
        private final int n;
        private final DormandPrince853Integrator integrator;
        private double[] u;

        AdaptiveStepper(StateSpaceModel model) {
            this.model = model;
            this.n = model.stateNames().size();
            this.integrator = new DormandPrince853Integrator(minStep, maxStep, absoluteTolerance, relativeTolerance);
        }

        @Override
        public int getDimension() {
            return n;
        }

        @Override
        public void computeDerivatives(double t, double[] y, double[] yDot) {
            model.derivative(t, y, u, yDot);
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(yDot[i])) {
                    throw new IllegalStateException("derivative of state " + model.stateNames().get(i) + " at t=" + t
                            + " is " + yDot[i] + " (state " + java.util.Arrays.toString(y) + ")");
                }
            }
        }

        @Override
        public void advance(double t, double[] x, double tEnd, double[] input) {
            if (!(tEnd > t)) {
                throw new IllegalArgumentException("step must be > 0, got tEnd - t = " + (tEnd - t) + " at t=" + t);
            }
            this.u = input;
            if (tEnd - t < minStep) {
                // shorter than the smallest allowed step (e.g. a rounding-error sliver before a
                // switch): one explicit midpoint step, exact to O(h^3)
                double h = tEnd - t;
                double[] k1 = new double[n];
                double[] mid = new double[n];
                computeDerivatives(t, x, k1);
                for (int i = 0; i < n; i++) {
                    mid[i] = x[i] + 0.5 * h * k1[i];
                }
                computeDerivatives(t + 0.5 * h, mid, k1);
                for (int i = 0; i < n; i++) {
                    x[i] += h * k1[i];
                }
                return;
            }
            try {
                integrator.integrate(this, t, x, tEnd, x);
            } catch (NumberIsTooSmallException e) {
                throw new IllegalStateException(name() + " step fell below minStep=" + minStep + " in [" + t + ", "
                        + tEnd + "] (step " + e.getArgument() + "): the model is too stiff or singular there", e);
            } catch (MathIllegalStateException e) {
                throw new IllegalStateException(name() + " failed in [" + t + ", " + tEnd + "]: " + e.getMessage(), e);
            }
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(x[i])) {
                    throw new IllegalStateException(name() + " gave state " + model.stateNames().get(i) + "=" + x[i]
                            + " at t=" + tEnd + " (interval dt=" + (tEnd - t) + ")");
                }
            }
        }
    }
}
