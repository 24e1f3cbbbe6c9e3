package org.industry4.twin.dynamics;

import java.util.List;

/** {@code tau dx/dt = gain u - x}, output {@code y = 2 x}: the analytic test system. */
record FirstOrderLag(double tau, double gain) implements StateSpaceModel {

    @Override
    public List<String> stateNames() {
        return List.of("x");
    }

    @Override
    public List<String> inputNames() {
        return List.of("u");
    }

    @Override
    public List<String> outputNames() {
        return List.of("y");
    }

    @Override
    public void derivative(double t, double[] x, double[] u, double[] dxdt) {
        dxdt[0] = (gain * u[0] - x[0]) / tau;
    }

    @Override
    public void output(double t, double[] x, double[] u, double[] y) {
        y[0] = 2 * x[0];
    }

    /** The exact state at {@code t} after {@code t0} from {@code x0} under constant {@code u}. */
    double exact(double x0, double u, double dt) {
        double ss = gain * u;
        return ss + (x0 - ss) * Math.exp(-dt / tau);
    }
}
