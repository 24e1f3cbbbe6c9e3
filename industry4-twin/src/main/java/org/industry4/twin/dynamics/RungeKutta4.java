package org.industry4.twin.dynamics;

/**
 * The classical fourth-order Runge-Kutta method, one step per interval. Stable on a decaying
 * mode {@code exp(-t/tau)} for {@code h < 2.785 tau}; an unstable step raises an
 * {@link IllegalStateException} naming the step size and time (see {@link Integrator.Stepper#advance}).
 *
 * @param stateBound a state magnitude beyond which the integration is declared divergent; &gt; 0
 */
public record RungeKutta4(double stateBound) implements Integrator {

    public RungeKutta4 {
        if (!(stateBound > 0)) {
            throw new IllegalArgumentException("stateBound must be > 0, got " + stateBound);
        }
    }

    /** RK4 with a state bound of {@value ExplicitEuler#DEFAULT_STATE_BOUND}. */
    public RungeKutta4() {
        this(ExplicitEuler.DEFAULT_STATE_BOUND);
    }

    @Override
    public String name() {
        return "RK4";
    }

    @Override
    public Stepper start(StateSpaceModel model) {
        return new FixedStepper(name(), 2.785, stateBound, model) {
            private final double[] k2 = new double[n];
            private final double[] k3 = new double[n];
            private final double[] k4 = new double[n];
            private final double[] tmp = new double[n];

            @Override
            protected void step(double t, double[] x, double h, double[] u) {
                for (int i = 0; i < n; i++) {
                    tmp[i] = x[i] + 0.5 * h * f0[i];
                }
                model.derivative(t + 0.5 * h, tmp, u, k2);
                for (int i = 0; i < n; i++) {
                    tmp[i] = x[i] + 0.5 * h * k2[i];
                }
                model.derivative(t + 0.5 * h, tmp, u, k3);
                for (int i = 0; i < n; i++) {
                    tmp[i] = x[i] + h * k3[i];
                }
                model.derivative(t + h, tmp, u, k4);
                for (int i = 0; i < n; i++) {
                    x[i] += h / 6.0 * (f0[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
                }
            }
        };
    }
}
