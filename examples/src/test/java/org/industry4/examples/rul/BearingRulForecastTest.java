package org.industry4.examples.rul;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.industry4.rul.data.Trajectory;
import org.junit.jupiter.api.Test;

class BearingRulForecastTest {

    @Test
    void simulatedBearingsRunToFailureWithDifferentLives() {
        List<Trajectory> fleet = BearingRulForecast.runToFailure(6, 3);
        assertEquals(6, fleet.size(), "every machine reaches its alarm");
        int shortest = fleet.stream().mapToInt(Trajectory::cycles).min().orElseThrow();
        int longest = fleet.stream().mapToInt(Trajectory::cycles).max().orElseThrow();
        assertTrue(shortest >= 30, "at least half an hour of history, got " + shortest);
        assertTrue(longest > 1.2 * shortest, "lives differ with spindle speed: " + shortest + ".." + longest);
    }

    @Test
    void theLstmFollowsNewMachinesFarBetterThanAConstantAndCallsMaintenanceInTime() {
        BearingRulForecast.Result r = BearingRulForecast.run(1);
        assertEquals(24, r.trainingMachines());
        assertTrue(r.rmse() < 0.5 * r.constantRmse(), r.toString());
        assertTrue(r.coverage() > 0.7, r.toString());
        assertEquals(4, r.leadMinutes().size());
        for (double lead : r.leadMinutes()) {
            // called on the lower bound: before the trigger time is truly reached, and not absurdly early
            assertTrue(lead >= BearingRulForecast.TRIGGER_MINUTES && lead <= 2 * BearingRulForecast.TRIGGER_MINUTES,
                    "maintenance called " + lead + " min before the failure: " + r);
        }
    }
}
