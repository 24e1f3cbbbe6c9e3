/**
 * State-space dynamics: {@link org.industry4.twin.dynamics.StateSpaceModel} ({@code dx/dt = f(t, x, u)},
 * {@code y = g(t, x, u)} with named states, inputs and outputs), piecewise-constant
 * {@link org.industry4.twin.dynamics.SetpointSchedule}s, and the
 * {@link org.industry4.twin.dynamics.Simulator} with three integrators:
 * {@link org.industry4.twin.dynamics.ExplicitEuler} and {@link org.industry4.twin.dynamics.RungeKutta4}
 * (fixed step, with a stability check that stops an unstable step with an error naming the step
 * size and time, never a NaN trajectory) and {@link org.industry4.twin.dynamics.Adaptive}
 * (commons-math3 Dormand-Prince 8(5,3) with error tolerances). The simulator cuts the integration at
 * every schedule switch, so inputs are constant inside each step. Pure Java and commons-math3.
 */
package org.industry4.twin.dynamics;
