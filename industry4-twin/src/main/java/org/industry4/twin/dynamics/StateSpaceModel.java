package org.industry4.twin.dynamics;

import java.util.List;

/**
 * A continuous-time dynamic model in state-space form: {@code dx/dt = f(t, x, u)} and
 * {@code y = g(t, x, u)}, with named states {@code x}, inputs {@code u} and outputs {@code y}.
 *
 * <p>Arrays are in the order of the name lists. Implementations write into the given output
 * array and keep no state between calls, so one model may serve many simulations and threads.
 * Time {@code t} is in seconds from the start of a simulation (or of an online follower).
 */
public interface StateSpaceModel {

    /** The state names, in the order of {@code x}. */
    List<String> stateNames();

    /** The input names, in the order of {@code u}. */
    List<String> inputNames();

    /** The output names, in the order of {@code y}. */
    List<String> outputNames();

    /**
     * Writes {@code f(t, x, u)} into {@code dxdt}.
     *
     * @param t    time in seconds
     * @param x    the state, one value per {@link #stateNames()}
     * @param u    the input, one value per {@link #inputNames()}
     * @param dxdt where the time derivative of the state is written
     */
    void derivative(double t, double[] x, double[] u, double[] dxdt);

    /**
     * Writes {@code g(t, x, u)} into {@code y}.
     *
     * @param t time in seconds
     * @param x the state
     * @param u the input
     * @param y where the outputs are written, one per {@link #outputNames()}
     */
    void output(double t, double[] x, double[] u, double[] y);
}
