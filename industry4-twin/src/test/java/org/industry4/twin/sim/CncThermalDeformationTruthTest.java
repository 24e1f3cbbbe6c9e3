package org.industry4.twin.sim;

import static org.industry4.twin.sim.CncThermalPhysics.GROWTH;
import static org.industry4.twin.sim.CncThermalPhysics.TEMP_RISE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.industry4.twin.dynamics.Adaptive;
import org.industry4.twin.dynamics.SetpointSchedule;
import org.industry4.twin.dynamics.Simulator;
import org.industry4.twin.dynamics.Trajectory;
import org.junit.jupiter.api.Test;

class CncThermalDeformationTruthTest {

    private static final SetpointSchedule STEP_10K = SetpointSchedule.constant(Map.of(TEMP_RISE, 10.0), 0, 7200);

    @Test
    void physicsFollowsTheClosedFormExponentialGrowth() {
        CncThermalPhysics physics = new CncThermalPhysics();
        Trajectory tr = new Simulator().simulate(physics, new double[] {0}, STEP_10K, 60, new Adaptive());
        double[] g = tr.output(GROWTH);
        for (int k = 0; k < tr.size(); k += 10) {
            assertEquals(physics.parameters().analyticGrowth(10, tr.time(k)), g[k], 1e-6);
        }
        assertEquals(57.5, physics.parameters().analyticGrowth(10, 1e9), 1e-9);
    }

    @Test
    void truthExceedsThePhysicsByTheNonlinearExpansionAndDrift() {
        CncThermalDeformationTruth truth = new CncThermalDeformationTruth();
        MeasuredRun run = truth.run(STEP_10K, 0, 60, 5);
        double end = run.truth().output(GROWTH)[run.truth().size() - 1];
        double physicsEnd = truth.physics().parameters().analyticGrowth(10, 7200);
        double theta = 10 * (1 - Math.exp(-6.0));
        // alpha L theta (1 + 0.02 theta) + 1 um/h * 2 h
        assertEquals(physicsEnd * (1 + 0.02 * theta) + 2.0, end, 1e-6);
        assertTrue(end - physicsEnd > 12, "unmodelled part " + (end - physicsEnd));
        CncThermalDeformationTruth plain = new CncThermalDeformationTruth(
                CncThermalDeformationTruth.Constants.defaults().withoutUnmodelledEffects());
        assertEquals(physicsEnd, plain.run(STEP_10K, 0, 60, 5).truth().output(GROWTH)[120], 1e-6);
    }
}
