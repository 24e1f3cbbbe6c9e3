package org.industry4.twin.whatif;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.industry4.twin.dynamics.SetpointSchedule;
import org.industry4.twin.sim.SpindleThermalPhysics;

class SetpointOptimiserProperties {

    private static final SpindleThermalPhysics PHYSICS = new SpindleThermalPhysics();
    private static final SetpointOptimiser OPTIMISER = new SetpointOptimiser(new OptimiserOptions()
            .withWhatIf(new WhatIfOptions().withSamples(200)));

    /** A boundary answer is feasible and the setpoint two resolutions above it is not. */
    @Property(tries = 15)
    void boundaryIsFeasibleAndTightOnTheSpindle(@ForAll @DoubleRange(min = 10, max = 80) double tolerance,
                                                @ForAll @DoubleRange(min = 18, max = 30) double ambient,
                                                @ForAll @DoubleRange(min = 0, max = 1) double load) {
        SetpointSchedule base = SetpointSchedule.constant(Map.of(SpindleThermalPhysics.SPEED, 0.0,
                SpindleThermalPhysics.LOAD, load, SpindleThermalPhysics.AMBIENT, ambient,
                SpindleThermalPhysics.COOLANT, 0.0), 0, 5400);
        Tolerance tol = Tolerance.atMost(SpindleThermalPhysics.GROWTH, tolerance);
        OptimisationResult r = OPTIMISER.maximise(PHYSICS, new double[] {ambient}, base,
                SpindleThermalPhysics.SPEED, 0, 12000, tol);
        assertTrue(r.monotoneOnGrid());
        if (r.status() == OptimisationResult.Status.BOUNDARY) {
            double s = r.setpoint().getAsDouble();
            WhatIfOptions w = OPTIMISER.options().whatIf();
            double[] x0 = {ambient};
            assertTrue(WhatIf.run(PHYSICS, x0, base.withConstant(SpindleThermalPhysics.SPEED, s), tol, w)
                    .withinTolerance());
            assertFalse(WhatIf.run(PHYSICS, x0, base.withConstant(SpindleThermalPhysics.SPEED, s + 2 * 1e-4 * 12000),
                    tol, w).withinTolerance());
        } else if (r.status() == OptimisationResult.Status.INFEASIBLE) {
            assertTrue(r.prediction().violations().violated());
        } else {
            assertTrue(r.prediction().withinTolerance());
        }
    }
}
