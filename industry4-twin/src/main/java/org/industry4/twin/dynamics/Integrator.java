package org.industry4.twin.dynamics;

/**
 * Advances the state of a {@link StateSpaceModel} over an interval with the input held constant.
 *
 * <p>An integrator is an immutable description (a method and its settings); {@link #start}
 * creates a {@link Stepper} with the work arrays and history of one simulation, so one integrator
 * can serve many simulations and threads at once. Implementations: {@link ExplicitEuler} and
 * {@link RungeKutta4} (one fixed step per call, with a stability check) and {@link Adaptive}
 * (commons-math3 Dormand-Prince 8(5,3) with error control).
 */
public interface Integrator {

    /** A stepper for one simulation of {@code model}. */
    Stepper start(StateSpaceModel model);

    /** A short name for logs and messages, e.g. "RK4". */
    String name();

    /** The state of one simulation run by an integrator. Not thread-safe. */
    interface Stepper {

        /**
         * Advances {@code x} in place from time {@code t} to {@code tEnd > t}, with input {@code u}
         * held constant over the interval.
         *
         * @throws IllegalStateException if the integration fails: a non-finite or diverging state,
         *                               an unstable fixed step, or an adaptive step below its minimum.
         *                               The message names the step size and the time
         */
        void advance(double t, double[] x, double tEnd, double[] u);
    }

    /** Explicit Euler, one step per call. */
    static Integrator explicitEuler() {
        return new ExplicitEuler();
    }

    /** Classical fourth-order Runge-Kutta, one step per call. */
    static Integrator rungeKutta4() {
        return new RungeKutta4();
    }

    /** Dormand-Prince 8(5,3) with the default tolerances of {@link Adaptive#Adaptive()}. */
    static Integrator adaptive() {
        return new Adaptive();
    }
}
