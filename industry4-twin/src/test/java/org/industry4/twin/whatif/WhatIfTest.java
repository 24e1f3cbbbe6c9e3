package org.industry4.twin.whatif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.industry4.twin.dynamics.SetpointSchedule;
import org.industry4.twin.sim.SpindleThermalPhysics;
import org.industry4.twin.sim.SpindleThermalTruth;
import org.junit.jupiter.api.Test;

class WhatIfTest {

    @Test
    void violationsInterpolateCrossingsBetweenSamples() {
        Violations v = Violations.of(new double[] {0, 1, 2, 3, 4}, new double[] {0, 2, 4, 2, 0},
                Tolerance.atMost("y", 3));
        assertEquals(1.5, v.firstViolation().getAsDouble(), 1e-12);
        assertEquals(1.0, v.maxExcess(), 1e-12);
        assertEquals(1.0, v.durationOutside(), 1e-12);
        assertEquals(1, v.violatingSamples());
        Violations none = Violations.of(new double[] {0, 1}, new double[] {0, 1}, Tolerance.within("y", 2));
        assertFalse(none.violated());
        assertEquals(0.0, none.durationOutside());
        Violations below = Violations.of(new double[] {0, 1, 2}, new double[] {-3, -1, -1}, Tolerance.within("y", 2));
        assertEquals(0.0, below.firstViolation().getAsDouble());
        assertEquals(0.5, below.durationOutside(), 1e-12);
    }

    @Test
    void runReportsWhenTheSpindleGrowthLeavesTolerance() {
        SpindleThermalTruth truth = new SpindleThermalTruth();
        SetpointSchedule s = SetpointSchedule.builder()
                .at(0, Map.of(SpindleThermalPhysics.SPEED, 4000.0, SpindleThermalPhysics.LOAD, 0.5,
                        SpindleThermalPhysics.AMBIENT, 20.0, SpindleThermalPhysics.COOLANT, 0.0))
                .at(1800, Map.of(SpindleThermalPhysics.SPEED, 10000.0))
                .at(3600, Map.of(SpindleThermalPhysics.COOLANT, 1.0))
                .until(7200).build();
        WhatIfResult r = WhatIf.run(truth, new double[] {20}, s, Tolerance.atMost(SpindleThermalPhysics.GROWTH, 50));
        Violations v = r.violations();
        assertTrue(v.violated());
        assertTrue(v.firstViolation().getAsDouble() > 1800 && v.firstViolation().getAsDouble() < 3600,
                "first violation " + v.firstViolation());
        assertTrue(v.maxExcess() > 5, "max excess " + v.maxExcess());
        assertTrue(v.durationOutside() > 0 && v.durationOutside() < 7200 - 1800);
        assertEquals(50 + v.maxExcess(), r.peak(), 1e-9);
    }

    @Test
    void toleranceOnAnUnknownOutputIsNamed() {
        SetpointSchedule s = SetpointSchedule.constant(Map.of(SpindleThermalPhysics.SPEED, 4000.0,
                SpindleThermalPhysics.LOAD, 0.5, SpindleThermalPhysics.AMBIENT, 20.0,
                SpindleThermalPhysics.COOLANT, 0.0), 0, 100);
        String msg = assertThrows(IllegalArgumentException.class, () -> WhatIf.run(new SpindleThermalPhysics(),
                new double[] {20}, s, Tolerance.atMost("growth", 1))).getMessage();
        assertEquals("tolerance output \"growth\" is not a model output; the model has [growth_um]", msg);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Tolerance("y", 2, 1)).getMessage()
                .contains("[2.0, 1.0]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new WhatIfOptions().withSamples(0))
                .getMessage().contains("samples must be in 1 .. 10,000,000, got 0"));
    }
}
