package org.industry4.examples.twin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpindleTwinPlannerTest {

    @Test
    void plansASpeedTheRealSpindleToleratesAndFlagsTheFault() {
        SpindleTwinPlanner.Result r = SpindleTwinPlanner.run(1);
        assertTrue(r.speed() > 1000 && r.speed() < 12000, "speed " + r.speed());
        assertTrue(r.realPeak() <= r.tolerance(), "the machine grew " + r.realPeak() + " um");
        assertTrue(r.realPeak() > r.tolerance() - 6, "the plan left " + (r.tolerance() - r.realPeak()) + " um unused");
        assertEquals(0, r.falseAlarms());
        assertTrue(r.detectionDelaySeconds() >= 0 && r.detectionDelaySeconds() <= 60,
                "detected after " + r.detectionDelaySeconds() + " s");
    }
}
