package org.industry4.twin.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

class IntegratorProperties {

    /** Two coupled stable lags with a nonlinear term, under a three-segment schedule. */
    private record TwoLags(double tau1, double tau2, double coupling) implements StateSpaceModel {
        public java.util.List<String> stateNames() { return java.util.List.of("a", "b"); }
        public java.util.List<String> inputNames() { return java.util.List.of("u"); }
        public java.util.List<String> outputNames() { return java.util.List.of("y"); }
        public void derivative(double t, double[] x, double[] u, double[] d) {
            d[0] = (u[0] - x[0]) / tau1;
            d[1] = (coupling * x[0] - x[1] - 0.01 * x[1] * Math.abs(x[1])) / tau2;
        }
        public void output(double t, double[] x, double[] u, double[] y) { y[0] = x[0] + x[1]; }
    }

    /** RK4 at dt = 0.1 is accurate to ~1e-9 for time constants of 5 s and more. */
    @Property(tries = 40)
    void adaptiveAndRk4Agree(@ForAll @DoubleRange(min = 5, max = 100) double tau1,
                             @ForAll @DoubleRange(min = 5, max = 100) double tau2,
                             @ForAll @DoubleRange(min = -2, max = 2) double coupling,
                             @ForAll @DoubleRange(min = -5, max = 5) double u1,
                             @ForAll @DoubleRange(min = -5, max = 5) double u2,
                             @ForAll @DoubleRange(min = 1, max = 199) double switchAt) {
        TwoLags model = new TwoLags(tau1, tau2, coupling);
        SetpointSchedule s = SetpointSchedule.builder().at(0, Map.of("u", u1)).at(switchAt, Map.of("u", u2))
                .until(200).build();
        double[] x0 = {0.5, -0.5};
        Simulator sim = new Simulator();
        Trajectory rk = sim.simulate(model, x0, s, 0.1, new RungeKutta4());
        Trajectory ad = sim.simulate(model, x0, s, 0.1, new Adaptive(1e-10, 1e-10, 1e-9, 1e9));
        double[] y1 = rk.output("y");
        double[] y2 = ad.output("y");
        for (int k = 0; k < y1.length; k += 50) {
            assertEquals(y2[k], y1[k], 1e-6, "t=" + rk.time(k));
        }
    }
}
