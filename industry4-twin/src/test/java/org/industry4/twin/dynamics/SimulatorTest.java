package org.industry4.twin.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatorTest {

    private static final FirstOrderLag LAG = new FirstOrderLag(5.0, 3.0);
    private static final SetpointSchedule STEP = SetpointSchedule.builder()
            .at(0, Map.of("u", 2.0)).at(7.3, Map.of("u", -1.0)).until(20).build();
    private final Simulator simulator = new Simulator();

    /** The exact solution of the lag under {@link #STEP} from x(0) = 1. */
    private static double exact(double t) {
        if (t <= 7.3) {
            return LAG.exact(1.0, 2.0, t);
        }
        return LAG.exact(LAG.exact(1.0, 2.0, 7.3), -1.0, t - 7.3);
    }

    private double maxError(Trajectory tr) {
        double err = 0;
        for (int k = 0; k < tr.size(); k++) {
            err = Math.max(err, Math.abs(tr.states()[k][0] - exact(tr.time(k))));
        }
        return err;
    }

    @Test
    void rungeKutta4MatchesTheAnalyticFirstOrderSolutionAcrossASwitch() {
        Trajectory tr = simulator.simulate(LAG, new double[] {1.0}, STEP, 0.05, new RungeKutta4());
        assertEquals(401, tr.size());
        assertEquals(20.0, tr.time(400));
        assertTrue(maxError(tr) < 1e-6, "max error " + maxError(tr));
        assertEquals(2 * tr.states()[100][0], tr.output("y")[100], 1e-12);
    }

    @Test
    void adaptiveMatchesTheAnalyticSolutionAndRespectsTheSwitchTime() {
        // dt = 1: the switch at 7.3 falls inside a sample interval; the integration is cut there.
        Trajectory tr = simulator.simulate(LAG, new double[] {1.0}, STEP, 1.0, new Adaptive());
        assertEquals(21, tr.size());
        assertTrue(maxError(tr) < 1e-6, "max error " + maxError(tr));
        assertEquals(2.0, tr.input("u")[7]);
        assertEquals(-1.0, tr.input("u")[8]);
    }

    @Test
    void eulerErrorIsFirstOrderInTheStep() {
        double e1 = maxError(simulator.simulate(LAG, new double[] {1.0}, STEP, 0.1, new ExplicitEuler()));
        double e2 = maxError(simulator.simulate(LAG, new double[] {1.0}, STEP, 0.05, new ExplicitEuler()));
        assertTrue(e1 < 0.1, "Euler error at dt=0.1: " + e1);
        double ratio = e1 / e2;
        assertTrue(ratio > 1.7 && ratio < 2.3, "halving dt should halve the error, ratio " + ratio);
    }

    @Test
    void unstableEulerStepThrowsNamingStepAndTimeInsteadOfNaN() {
        FirstOrderLag stiff = new FirstOrderLag(0.1, 1.0);
        SetpointSchedule s = SetpointSchedule.constant(Map.of("u", 1.0), 0, 100);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> simulator.simulate(stiff, new double[] {0.0}, s, 0.25, new ExplicitEuler()));
        assertTrue(e.getMessage().startsWith("Euler step dt=0.25 is unstable at t="), e.getMessage());
        assertTrue(e.getMessage().contains("dt*|lambda| = 2.5"), e.getMessage());
        assertTrue(e.getMessage().contains("at t="), e.getMessage());
        // a stable step on the same system runs
        Trajectory ok = simulator.simulate(stiff, new double[] {0.0}, s, 0.15, new ExplicitEuler());
        assertEquals(1.0, ok.finalState()[0], 1e-9);
    }

    @Test
    void unstableRk4StepThrows() {
        FirstOrderLag stiff = new FirstOrderLag(0.1, 1.0);
        SetpointSchedule s = SetpointSchedule.constant(Map.of("u", 1.0), 0, 100);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> simulator.simulate(stiff, new double[] {0.0}, s, 0.3, new RungeKutta4()));
        assertTrue(e.getMessage().contains("RK4 step dt=0.3"), e.getMessage());
    }

    @Test
    void aPhysicallyUnstableModelIsNotMistakenForAnUnstableStep() {
        // dx/dt = +x / 10: exponential growth is the model's own; Euler follows it until the state bound
        FirstOrderLag growing = new FirstOrderLag(-10.0, 0.0);
        SetpointSchedule s = SetpointSchedule.constant(Map.of("u", 0.0), 0, 100);
        Trajectory tr = simulator.simulate(growing, new double[] {1.0}, s, 0.5, new ExplicitEuler());
        assertEquals(Math.pow(1.05, 200), tr.finalState()[0], 1e-6 * Math.pow(1.05, 200));
        SetpointSchedule longer = SetpointSchedule.constant(Map.of("u", 0.0), 0, 1000);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> simulator.simulate(growing, new double[] {1.0}, longer, 0.5, new ExplicitEuler(1e6)));
        assertTrue(e.getMessage().contains("beyond the bound 1000000.0"), e.getMessage());
    }

    @Test
    void lightlyDampedOscillatorWithAFineStepIsNotFlagged() {
        StateSpaceModel osc = new StateSpaceModel() {
            public java.util.List<String> stateNames() { return java.util.List.of("p", "v"); }
            public java.util.List<String> inputNames() { return java.util.List.of("f"); }
            public java.util.List<String> outputNames() { return java.util.List.of("p"); }
            public void derivative(double t, double[] x, double[] u, double[] d) {
                d[0] = x[1];
                d[1] = -4 * x[0] - 0.01 * x[1] + u[0];
            }
            public void output(double t, double[] x, double[] u, double[] y) { y[0] = x[0]; }
        };
        SetpointSchedule s = SetpointSchedule.constant(Map.of("f", 1.0), 0, 60);
        Trajectory tr = simulator.simulate(osc, new double[] {0, 0}, s, 0.01, new RungeKutta4());
        Trajectory ad = simulator.simulate(osc, new double[] {0, 0}, s, 0.01, new Adaptive());
        assertEquals(ad.finalState()[0], tr.finalState()[0], 1e-6);
    }

    @Test
    void sampleARoundingErrorAwayFromASwitchIsTakenAtTheSwitch() {
        // 12 * 0.1 = 1.2000000000000002: without snapping the adaptive integrator would see a 2e-16 s interval
        SetpointSchedule s = SetpointSchedule.builder().at(0, Map.of("u", 1.0)).at(1.2, Map.of("u", 3.0)).until(2)
                .build();
        Trajectory tr = simulator.simulate(LAG, new double[] {0.0}, s, 0.1, new Adaptive());
        assertEquals(1.2, tr.time(12));
        assertEquals(3.0, tr.input("u")[12]);
        assertEquals(1.0, tr.input("u")[11]);
        assertEquals(LAG.exact(LAG.exact(0, 1, 1.2), 3, 0.8), tr.finalState()[0], 1e-9);
        // a sliver shorter than the adaptive minimum step is bridged, not an error
        Integrator.Stepper stepper = new Adaptive().start(LAG);
        double[] x = {1.0};
        stepper.advance(1.0, x, 1.0 + 1e-12, new double[] {2.0});
        assertEquals(LAG.exact(1.0, 2.0, 1e-12), x[0], 1e-15);
    }

    @Test
    void badArgumentsAreNamed() {
        SetpointSchedule s = SetpointSchedule.constant(Map.of("u", 1.0), 0, 1);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> simulator.simulate(LAG, new double[] {Double.NaN}, s, 0.1, new RungeKutta4()))
                .getMessage().contains("initial state x must be finite, got NaN"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> simulator.simulate(LAG, new double[] {0, 1}, s, 0.1, new RungeKutta4()))
                .getMessage().contains("expected 1 initial states [x], got 2"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> simulator.simulate(LAG, new double[] {0}, s, -1, new RungeKutta4()))
                .getMessage().contains("dt must be finite and > 0, got -1.0"));
        SetpointSchedule wrong = SetpointSchedule.constant(Map.of("speed", 1.0), 0, 1);
        String msg = assertThrows(IllegalArgumentException.class,
                () -> simulator.simulate(LAG, new double[] {0}, wrong, 0.1, new RungeKutta4())).getMessage();
        assertTrue(msg.contains("missing [u]") && msg.contains("unknown [speed]"), msg);
    }

    @Test
    void trajectoryIsACopy() {
        Trajectory tr = simulator.simulate(LAG, new double[] {1.0}, STEP, 1.0, new RungeKutta4());
        tr.states()[0][0] = 99;
        tr.times()[0] = 99;
        assertEquals(1.0, tr.states()[0][0]);
        assertArrayEquals(new double[] {1.0}, tr.states()[0]);
        assertEquals(0.0, tr.time(0));
    }

    @Test
    void adaptiveOptionsAreValidated() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Adaptive(0, 1e-6, 1e-6, 1))
                .getMessage().contains("absoluteTolerance must be finite and > 0, got 0.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Adaptive(1e-6, 1e-6, 1, 0.5))
                .getMessage().contains("maxStep must be >= minStep 1.0, got 0.5"));
    }
}
