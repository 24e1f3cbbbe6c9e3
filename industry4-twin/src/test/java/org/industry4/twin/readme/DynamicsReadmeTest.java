package org.industry4.twin.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.industry4.core.TelemetryFrame;
import org.industry4.twin.dynamics.Adaptive;
import org.industry4.twin.dynamics.RungeKutta4;
import org.industry4.twin.dynamics.SetpointSchedule;
import org.industry4.twin.dynamics.Simulator;
import org.industry4.twin.dynamics.Trajectory;
import org.industry4.twin.online.FollowerOptions;
import org.industry4.twin.online.Residual;
import org.industry4.twin.online.ResidualScorer;
import org.industry4.twin.online.TwinFollower;
import org.industry4.twin.online.TwinMapping;
import org.industry4.twin.sim.MeasuredRun;
import org.industry4.twin.sim.OperatingRange;
import org.industry4.twin.sim.SpindleThermalPhysics;
import org.industry4.twin.sim.SpindleThermalTruth;
import org.industry4.twin.sim.TrainingRows;
import org.industry4.twin.whatif.OptimisationResult;
import org.industry4.twin.whatif.SetpointOptimiser;
import org.industry4.twin.whatif.Tolerance;
import org.industry4.twin.whatif.WhatIf;
import org.industry4.twin.whatif.WhatIfResult;
import org.junit.jupiter.api.Test;

/** The snippets of the README sections on dynamics, what-if and online following, as written there. */
class DynamicsReadmeTest {

    @Test
    void dynamicsAndSimulation() {
        // --- README: Dynamics and simulation ---
        SpindleThermalTruth truth = new SpindleThermalTruth();            // documented default constants
        SpindleThermalPhysics physics = truth.physics();                  // same law without friction heat and drift

        SetpointSchedule schedule = SetpointSchedule.builder()
                .at(0, Map.of("spindle_speed", 6000.0, "load", 0.5, "ambient_temp", 20.0, "coolant", 0.0))
                .at(1800, Map.of("spindle_speed", 8000.0))                // other inputs keep their values
                .until(3600)
                .build();

        Trajectory predicted = new Simulator().simulate(physics, new double[] {20.0}, schedule, 1.0,
                new RungeKutta4());                                       // or new ExplicitEuler(), new Adaptive()
        double[] growth = predicted.output("growth_um");

        MeasuredRun measured = truth.run(schedule, 20.0, 10.0, 42L);      // truth + seeded measurement noise
        TrainingRows train = truth.trainingRows(OperatingRange.training(), 20, 3600, 10, 1L);   // <= 8000 rpm, 18-24 C
        TrainingRows test = truth.trainingRows(OperatingRange.outOfRange(), 5, 3600, 10, 2L);   // 8000-12000 rpm, 30 C
        double[] dTdt = train.column("d_spindle_temp_dt");                // finite-difference target
        // --- end ---
        assertEquals(3601, growth.length);
        assertEquals(361, measured.truth().size());
        assertEquals(20 * 360, train.size());
        assertEquals(5 * 360, test.size());
        assertEquals(train.size(), dTdt.length);
        assertTrue(new Adaptive().relativeTolerance() > 0);
    }

    @Test
    void whatIfAndOptimisation() {
        SpindleThermalTruth truth = new SpindleThermalTruth();
        SetpointSchedule schedule = SetpointSchedule.builder()
                .at(0, Map.of("spindle_speed", 6000.0, "load", 0.5, "ambient_temp", 20.0, "coolant", 0.0))
                .at(1800, Map.of("spindle_speed", 8000.0))
                .until(3600)
                .build();
        // --- README: What-if and setpoint optimisation ---
        Tolerance tolerance = Tolerance.atMost("growth_um", 50.0);
        WhatIfResult r = WhatIf.run(truth, new double[] {20.0}, schedule, tolerance);
        if (r.violations().violated()) {
            System.out.printf("growth leaves tolerance at t=%.0f s, by up to %.1f um, for %.0f s%n",
                    r.violations().firstViolation().getAsDouble(), r.violations().maxExcess(),
                    r.violations().durationOutside());
        }

        OptimisationResult best = new SetpointOptimiser().maximise(truth, new double[] {20.0},
                schedule.withEnd(7200), "spindle_speed", 1000, 12000, tolerance);
        if (best.feasible()) {
            double speed = best.setpoint().getAsDouble();              // highest speed within tolerance
            Trajectory atBest = best.prediction().trajectory();
        } else {
            System.out.println("even 1000 rpm exceeds the tolerance");
        }
        // --- end ---
        assertTrue(best.feasible());
        assertTrue(best.setpoint().getAsDouble() > 6000 && best.setpoint().getAsDouble() < 7000);
    }

    @Test
    void onlineFollowing() {
        SpindleThermalTruth truth = new SpindleThermalTruth();
        MeasuredRun run = truth.run(OperatingRange.training().schedule(3600, 3), 20, 10, 4);
        List<TelemetryFrame> normalFrames = new ArrayList<>();
        org.industry4.core.FeatureSchema fs = org.industry4.core.FeatureSchema.of("cnc-01/speed", "cnc-01/load",
                "hall/ambient", "cnc-01/coolant", "cnc-01/spindle_temp", "cnc-01/growth");
        for (int k = 0; k < run.truth().size(); k++) {
            double[] u = run.truth().inputs()[k];
            org.industry4.core.Quality[] q = new org.industry4.core.Quality[6];
            java.util.Arrays.fill(q, org.industry4.core.Quality.GOOD);
            normalFrames.add(new TelemetryFrame(java.time.Instant.EPOCH.plusSeconds(10L * k), fs,
                    new double[] {u[0], u[1], u[2], u[3], run.measuredStates()[k][0], run.measuredOutputs()[k][0]}, q));
        }
        // --- README: Online following ---
        TwinMapping mapping = new TwinMapping(
                Map.of("spindle_speed", "cnc-01/speed", "load", "cnc-01/load",
                        "ambient_temp", "hall/ambient", "coolant", "cnc-01/coolant"),   // every model input
                Map.of("spindle_temp", "cnc-01/spindle_temp"),                          // measured states
                Map.of("growth_um", "cnc-01/growth"));                                  // measured outputs
        TwinFollower follower = new TwinFollower(truth, mapping, new double[] {20.0},
                new FollowerOptions().withStateGain(0.5));

        List<List<Residual>> normal = new ArrayList<>();
        for (TelemetryFrame frame : normalFrames) {
            normal.add(follower.accept(frame));                  // [spindle_temp, growth_um] residuals
        }
        ResidualScorer scorer = ResidualScorer.fit(follower.residualNames(), normal);
        double score = scorer.score(normal.get(normal.size() - 1));   // in std of normal residuals
        // --- end ---
        assertTrue(score < 6, "score " + score);
        assertEquals(0, follower.skippedFrames());
    }
}
