package org.industry4.twin.dynamics;

/**
 * The shared part of the explicit fixed-step integrators: one step per {@link #advance} call
 * and a stability check after each step.
 *
 * <p>Stability check. Explicit methods are stable on a linear mode {@code dx/dt = lambda x} only
 * while {@code h * |lambda|} stays inside their stability region (on the negative real axis
 * {@code h |lambda| < 2} for Euler, {@code < 2.785} for RK4). Beyond it the numerical state grows
 * although the dynamics contract, until it overflows to infinity and NaN. Each step compares the
 * derivative at the new state with the one at the previous state; {@code lambda = -(f_k - f_{k-1})
 * . (x_k - x_{k-1}) / |x_k - x_{k-1}|^2} estimates the contraction rate along the step (exactly
 * {@code 1/tau} on a first-order lag). When {@code h lambda} exceeds the method's real-axis
 * stability limit while the state increment grows ({@code |x_k - x_{k-1}| > |x_{k-1} - x_{k-2}|})
 * for {@value #UNSTABLE_STEPS} steps in a row under the same input, the step is declared unstable. A physically unstable model
 * (growth with expanding dynamics) is not flagged by this rule; any non-finite state, or a state
 * beyond {@code stateBound} in magnitude, is.
 */
abstract class FixedStepper implements Integrator.Stepper {

    static final int UNSTABLE_STEPS = 3;

    private final String method;
    private final double stability;
    private final double stateBound;
    protected final StateSpaceModel model;
    protected final int n;
    protected final double[] f0;
    private final double[] prevF;
    private final double[] prevX;
    private final double[] prevU;
    private double prevStep = Double.NaN;
    private boolean havePrev;
    private int growing;

    FixedStepper(String method, double stability, double stateBound, StateSpaceModel model) {
        this.method = method;
        this.stability = stability;
        this.stateBound = stateBound;
        this.model = model;
        this.n = model.stateNames().size();
        this.f0 = new double[n];
        this.prevF = new double[n];
        this.prevX = new double[n];
        this.prevU = new double[model.inputNames().size()];
    }

    @Override
    public final void advance(double t, double[] x, double tEnd, double[] u) {
        double h = tEnd - t;
        if (!(h > 0)) {
            throw new IllegalArgumentException("step must be > 0, got tEnd - t = " + h + " at t=" + t);
        }
        model.derivative(t, x, u, f0);
        checkStability(t, x, u, h);
        System.arraycopy(x, 0, prevX, 0, n);
        System.arraycopy(f0, 0, prevF, 0, n);
        System.arraycopy(u, 0, prevU, 0, u.length);
        havePrev = true;
        step(t, x, h, u);
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(x[i]) || Math.abs(x[i]) > stateBound) {
                throw new IllegalStateException(method + " step dt=" + h + " at t=" + t + " gave state "
                        + model.stateNames().get(i) + "=" + x[i] + (Double.isFinite(x[i]) ? " beyond the bound "
                        + stateBound : "") + "; the step is unstable or the model diverges: use a smaller dt"
                        + " or the adaptive integrator");
            }
        }
    }

    private void checkStability(double t, double[] x, double[] u, double h) {
        if (!havePrev || !java.util.Arrays.equals(u, prevU)) {
            growing = 0;
            prevStep = Double.NaN;
            return;
        }
        double dot = 0;
        double dx2 = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - prevX[i];
            dot += (f0[i] - prevF[i]) * dx;
            dx2 += dx * dx;
        }
        double step = Math.sqrt(dx2);
        double lambda = dx2 > 0 ? -dot / dx2 : 0;
        if (dot < 0 && step > prevStep && h * lambda > stability) {
            growing++;
        } else {
            growing = 0;
        }
        prevStep = step;
        if (growing >= UNSTABLE_STEPS) {
            throw new IllegalStateException(method + " step dt=" + h + " is unstable at t=" + t
                    + ": the state grows while the dynamics contract (stiffness estimate dt*|lambda| = "
                    + (float) (h * lambda) + ", " + method + " needs < " + stability
                    + "); use dt < " + (float) (stability / lambda) + " or the adaptive integrator");
        }
    }

    /** One step of size {@code h} from {@code (t, x)}; {@link #f0} holds {@code f(t, x, u)}. */
    protected abstract void step(double t, double[] x, double h, double[] u);
}
