package org.industry4.twin.dynamics;

/**
 * Explicit (forward) Euler: {@code x += h f(t, x, u)}, first order, one step per interval.
 * Stable on a decaying mode {@code exp(-t/tau)} only for {@code h < 2 tau}.
 *
 * <p>Stability check: when, for 3 steps in a row under the same input, the dynamics contract
 * along the step at a rate {@code lambda} (estimated from the change of the derivative over the
 * step) with {@code h lambda > 2}, while the state increment grows,
 * the step is unstable and {@link Integrator.Stepper#advance} throws an
 * {@link IllegalStateException} naming the step size, the time and the largest stable step
 * estimated from the local stiffness; a non-finite state, or one beyond {@code stateBound}, too.
 * The check never turns a stable run into an error on a physically unstable model (growth
 * along expanding dynamics is the model's, not the method's).
 *
 * @param stateBound a state magnitude beyond which the integration is declared divergent; &gt; 0
 */
public record ExplicitEuler(double stateBound) implements Integrator {

    /** The default bound on any state's magnitude. */
    public static final double DEFAULT_STATE_BOUND = 1e12;

    public ExplicitEuler {
        if (!(stateBound > 0)) {
            throw new IllegalArgumentException("stateBound must be > 0, got " + stateBound);
        }
    }

    /** Euler with a state bound of {@value #DEFAULT_STATE_BOUND}. */
    public ExplicitEuler() {
        this(DEFAULT_STATE_BOUND);
    }

    @Override
    public String name() {
        return "Euler";
    }

    @Override
    public Stepper start(StateSpaceModel model) {
        return new FixedStepper(name(), 2.0, stateBound, model) {
            @Override
            protected void step(double t, double[] x, double h, double[] u) {
                for (int i = 0; i < n; i++) {
                    x[i] += h * f0[i];
                }
            }
        };
    }
}
