package org.industry4.twin.whatif;

import static org.industry4.twin.sim.SpindleThermalPhysics.AMBIENT;
import static org.industry4.twin.sim.SpindleThermalPhysics.COOLANT;
import static org.industry4.twin.sim.SpindleThermalPhysics.GROWTH;
import static org.industry4.twin.sim.SpindleThermalPhysics.LOAD;
import static org.industry4.twin.sim.SpindleThermalPhysics.SPEED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.industry4.twin.dynamics.SetpointSchedule;
import org.industry4.twin.dynamics.StateSpaceModel;
import org.industry4.twin.sim.SpindleThermalTruth;
import org.junit.jupiter.api.Test;

class SetpointOptimiserTest {

    private final SpindleThermalTruth truth = new SpindleThermalTruth();
    private final SetpointSchedule base = SetpointSchedule.constant(
            Map.of(SPEED, 1000.0, LOAD, 0.5, AMBIENT, 22.0, COOLANT, 0.0), 0, 7200);
    private final Tolerance tolerance = Tolerance.atMost(GROWTH, 50);
    private final SetpointOptimiser optimiser = new SetpointOptimiser(
            new OptimiserOptions().withWhatIf(new WhatIfOptions().withSamples(720)));

    private double truthPeak(double speed) {
        // re-simulate on the truth simulator itself (noise-free trajectory)
        double[] g = truth.run(base.withConstant(SPEED, speed), 22, 10, 1).truth().output(GROWTH);
        return java.util.Arrays.stream(g).max().orElseThrow();
    }

    @Test
    void chosenSpeedKeepsTheTruthWithinToleranceAndASlightlyHigherOneViolates() {
        OptimisationResult r = optimiser.maximise(truth, new double[] {22}, base, SPEED, 1000, 12000, tolerance);
        assertEquals(OptimisationResult.Status.BOUNDARY, r.status());
        assertTrue(r.monotoneOnGrid());
        double speed = r.setpoint().getAsDouble();
        // analytic steady state: 0.02 n + 1.5e-6 n^2 = 10 W/K * ((50 - 3 um drift) / 2.3 - 2) K  ->  about 6260 rpm
        assertTrue(speed > 6000 && speed < 6500, "speed " + speed);
        assertTrue(r.prediction().withinTolerance());
        assertEquals(speed, r.prediction().trajectory().input(SPEED)[0]);
        assertTrue(truthPeak(speed) <= 50 + 1e-6, "truth peak at chosen speed " + truthPeak(speed));
        assertTrue(truthPeak(speed + 0.01 * 11000) > 50, "1 % of the range higher must violate");
        assertTrue(r.evaluations() < 30, "evaluations " + r.evaluations());
    }

    @Test
    void evenTheMinimumViolatingIsAClearInfeasibleResult() {
        OptimisationResult r = optimiser.maximise(truth, new double[] {22}, base, SPEED, 1000, 12000,
                Tolerance.atMost(GROWTH, 5));
        assertEquals(OptimisationResult.Status.INFEASIBLE, r.status());
        assertFalse(r.feasible());
        assertTrue(r.setpoint().isEmpty());
        assertEquals(1000.0, r.prediction().trajectory().input(SPEED)[0]);
        assertTrue(r.prediction().violations().violated());
    }

    @Test
    void maximumReturnedWhenItFits() {
        OptimisationResult r = optimiser.maximise(truth, new double[] {22}, base, SPEED, 1000, 12000,
                Tolerance.atMost(GROWTH, 500));
        assertEquals(OptimisationResult.Status.MAXIMUM_FEASIBLE, r.status());
        assertEquals(12000.0, r.setpoint().getAsDouble());
    }

    @Test
    void nonMonotoneResponseIsReported() {
        // y = u (10 - u): the feasible set for y <= 16 is [0, 2] and [8, 10], not a prefix
        StateSpaceModel hump = new StateSpaceModel() {
            public List<String> stateNames() { return List.of("x"); }
            public List<String> inputNames() { return List.of("u"); }
            public List<String> outputNames() { return List.of("y"); }
            public void derivative(double t, double[] x, double[] u, double[] d) { d[0] = u[0] * (10 - u[0]) - x[0]; }
            public void output(double t, double[] x, double[] u, double[] y) { y[0] = x[0]; }
        };
        SetpointSchedule s = SetpointSchedule.constant(Map.of("u", 0.0), 0, 20);
        OptimisationResult r = new SetpointOptimiser().maximise(hump, new double[] {0}, s, "u", 0, 10,
                Tolerance.atMost("y", 16));
        assertFalse(r.monotoneOnGrid());
        assertEquals(OptimisationResult.Status.MAXIMUM_FEASIBLE, r.status());
    }

    @Test
    void badArgumentsAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> optimiser.maximise(truth, new double[] {22},
                base, SPEED, 5000, 5000, tolerance)).getMessage()
                .contains("setpoint range must be finite with min < max, got [5000.0, 5000.0]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> optimiser.maximise(truth, new double[] {22},
                base, "feed", 0, 1, tolerance)).getMessage().contains("unknown input \"feed\""));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new OptimiserOptions().withGridPoints(1))
                .getMessage().contains("gridPoints must be in 2 .. 1000, got 1"));
    }
}
