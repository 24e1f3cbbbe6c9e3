package org.industry4.opcua.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MachineSimulationTest {

    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final String M = "cnc-01";

    private static MachineSimulation sim(long seed) {
        return new MachineSimulation(new SimulationOptions(1, 0, Duration.ofMillis(100), seed), START);
    }

    private static void run(MachineSimulation sim, double seconds) {
        long n = Math.round(seconds * 10);
        for (long i = 0; i < n; i++) {
            sim.step();
        }
    }

    /** Mean of a signal over the next {@code seconds}, sampled every tick. */
    private static double mean(MachineSimulation sim, MachineSignal s, double seconds) {
        long n = Math.round(seconds * 10);
        double sum = 0;
        for (long i = 0; i < n; i++) {
            sim.step();
            sum += sim.value(M, s);
        }
        return sum / n;
    }

    @Test
    void machinesAreNamedCncWithTwoDigits() {
        var sim = new MachineSimulation(new SimulationOptions(12, 0, Duration.ofMillis(100), 1));
        assertEquals("cnc-01", sim.machineIds().get(0));
        assertEquals("cnc-12", sim.machineIds().get(11));
        assertEquals(12, sim.machineIds().size());
    }

    @Test
    void stepAdvancesTickAndClock() {
        var sim = sim(1);
        run(sim, 1);
        assertEquals(10, sim.tick());
        assertEquals(START.plusSeconds(1), sim.time());
        Instant wall = Instant.parse("2030-01-01T00:00:00Z");
        sim.step(wall);
        assertEquals(wall, sim.time());
    }

    @Test
    void spindleSpeedTracksItsSetpointWithLag() {
        var sim = sim(2);
        sim.setSpindleSpeedSetpoint(M, 9000);
        double max = 0;
        for (int i = 0; i < 600; i++) {
            sim.step();
            max = Math.max(max, sim.value(M, MachineSignal.SPINDLE_SPEED));
        }
        assertEquals(9000, max, 9000 * 0.01, "peak speed over a minute of part cycles");
        // one tick after the spindle starts it has not reached the setpoint: first-order lag
        sim.setSpindleSpeedSetpoint(M, 0);
        run(sim, 30);
        assertEquals(MachineState.STOPPED, sim.state(M));
        assertTrue(sim.value(M, MachineSignal.SPINDLE_SPEED) < 5);
        sim.setSpindleSpeedSetpoint(M, 9000);
        for (int i = 0; i < 200 && sim.state(M) != MachineState.RUNNING; i++) {
            sim.step();
        }
        sim.step();
        double early = sim.value(M, MachineSignal.SPINDLE_SPEED);
        assertTrue(early > 100 && early < 2000, "speed one tick into the ramp: " + early);
    }

    @Test
    void temperaturesRiseUnderLoadTowardEquilibrium() {
        var sim = sim(3);
        double startSpindle = sim.value(M, MachineSignal.SPINDLE_TEMP);
        double startBearing = sim.value(M, MachineSignal.BEARING_TEMP);
        assertTrue(startSpindle < MachineSimulation.AMBIENT_C + 2, "cold start: " + startSpindle);
        double minute5 = mean(sim, MachineSignal.SPINDLE_TEMP, 60);
        run(sim, 15 * 60);
        double minute20 = mean(sim, MachineSignal.SPINDLE_TEMP, 60);
        run(sim, 10 * 60);
        double minute31 = mean(sim, MachineSignal.SPINDLE_TEMP, 60);
        assertTrue(minute5 > startSpindle + 1, startSpindle + " -> " + minute5);
        assertTrue(minute20 > minute5 + 5, minute5 + " -> " + minute20);
        // approaching equilibrium: the later rise is smaller than the earlier one
        assertTrue(Math.abs(minute31 - minute20) < (minute20 - minute5) / 3,
                minute5 + " -> " + minute20 + " -> " + minute31);
        assertTrue(minute31 < MachineSimulation.SPINDLE_TEMP_TRIP_C, "healthy machine stays below trip");
        assertTrue(sim.value(M, MachineSignal.BEARING_TEMP) > startBearing + 3);
    }

    @Test
    void stoppedMachineStaysCold() {
        var sim = sim(4);
        sim.setSpindleSpeedSetpoint(M, 0);
        run(sim, 600);
        assertEquals(MachineState.STOPPED, sim.state(M));
        assertTrue(sim.value(M, MachineSignal.SPINDLE_TEMP) < MachineSimulation.AMBIENT_C + 2);
        assertEquals(0, sim.partCount(M));
    }

    @Test
    void coolantOffRunsHotterThanCoolantOn() {
        var on = sim(5);
        var off = sim(5);
        off.setCoolantOn(M, false);
        run(on, 900);
        run(off, 900);
        double tOn = on.value(M, MachineSignal.SPINDLE_TEMP);
        double tOff = off.value(M, MachineSignal.SPINDLE_TEMP);
        assertTrue(tOff > tOn + 10, "coolant on " + tOn + " C, off " + tOff + " C");
    }

    @Test
    void motorCurrentFollowsFeed() {
        var slow = sim(6);
        var fast = sim(6);
        slow.setFeedOverride(M, 50);
        fast.setFeedOverride(M, 150);
        double iSlow = mean(slow, MachineSignal.MOTOR_CURRENT, 120);
        double iFast = mean(fast, MachineSignal.MOTOR_CURRENT, 120);
        assertTrue(iFast > iSlow * 1.3, "feed 50 %: " + iSlow + " A, feed 150 %: " + iFast + " A");
    }

    @Test
    void partsAreCountedAndToolIsChangedWhenWorn() {
        var sim = sim(7);
        long parts = 0;
        boolean toolChanged = false;
        double previousWear = sim.value(M, MachineSignal.TOOL_WEAR);
        for (int i = 0; i < 20 * 60 * 10; i++) {
            sim.step();
            double wear = sim.value(M, MachineSignal.TOOL_WEAR);
            if (wear < previousWear) {
                toolChanged = true;
                assertEquals(0, wear);
                assertTrue(previousWear >= MachineSimulation.TOOL_CHANGE_AT, "changed at " + previousWear);
            }
            previousWear = wear;
            long p = sim.partCount(M);
            assertTrue(p == parts || p == parts + 1, "one part at a time");
            parts = p;
        }
        assertTrue(parts > 20 && parts < 60, "parts in 20 minutes: " + parts);
        assertEquals(parts, (long) sim.value(M, MachineSignal.PART_COUNT));
        assertTrue(toolChanged, "a tool change in 20 minutes");
    }

    @Test
    void bearingDefectRaisesVibrationAndBearingTempProgressivelyUntilAlarm() {
        var sim = sim(8);
        var twin = sim(8); // same seed, no fault: the counterfactual
        run(sim, 300);
        run(twin, 300);
        long tick = sim.tick();
        sim.injectFault(M, FaultKind.BEARING_DEFECT);
        assertEquals(
                List.of(new FaultEvent(M, FaultKind.BEARING_DEFECT, "", tick, sim.time())),
                sim.groundTruth());
        double excess1 = mean(sim, MachineSignal.VIBRATION, 30) - mean(twin, MachineSignal.VIBRATION, 30);
        double excess2 = mean(sim, MachineSignal.VIBRATION, 30) - mean(twin, MachineSignal.VIBRATION, 30);
        assertTrue(excess1 > 0.1, "vibration excess after 30 s: " + excess1);
        assertTrue(excess2 > excess1 + 0.1, "growing: " + excess1 + " -> " + excess2);
        double bearingExcess =
                sim.value(M, MachineSignal.BEARING_TEMP) - twin.value(M, MachineSignal.BEARING_TEMP);
        assertTrue(bearingExcess > 1, "bearing temperature excess after 60 s: " + bearingExcess);
        for (int i = 0; i < 3000 && sim.state(M) != MachineState.ALARM; i++) {
            sim.step();
        }
        assertEquals(MachineState.ALARM, sim.state(M));
    }

    @Test
    void aMachineTrippedByOverheatingCoolsDownAndRunsAgainAfterARepair() {
        var sim = sim(9);
        run(sim, 600);
        sim.injectFault(M, FaultKind.OVERHEATING);
        for (int i = 0; i < 15 * 600 && sim.state(M) != MachineState.ALARM; i++) {
            sim.step();
        }
        assertEquals(MachineState.ALARM, sim.state(M));
        run(sim, 15 * 60); // the crew comes after 15 minutes
        double cooled = sim.value(M, MachineSignal.SPINDLE_TEMP);
        assertTrue(cooled < MachineSimulation.SPINDLE_TEMP_TRIP_C - 20, "still at " + cooled + " C after 15 min");
        sim.repair(M);
        run(sim, 60);
        assertTrue(sim.state(M) == MachineState.RUNNING || sim.state(M) == MachineState.IDLE, sim.state(M).toString());
    }

    @Test
    void overheatingRunsTheSpindleTemperatureAwayUntilThermalTrip() {
        var sim = sim(9);
        run(sim, 600);
        double before = sim.value(M, MachineSignal.SPINDLE_TEMP);
        sim.injectFault(M, FaultKind.OVERHEATING);
        double max = before;
        for (int i = 0; i < 15 * 600 && sim.state(M) != MachineState.ALARM; i++) {
            sim.step();
            max = Math.max(max, sim.value(M, MachineSignal.SPINDLE_TEMP));
        }
        assertEquals(MachineState.ALARM, sim.state(M));
        assertTrue(max > MachineSimulation.SPINDLE_TEMP_TRIP_C, "peak " + max + " C");
        assertEquals(FaultKind.OVERHEATING, sim.groundTruth().get(0).kind());
    }

    @Test
    void toolBreakageSpikesCurrentThenStopsInAlarm() {
        var sim = sim(10);
        // wait until cutting
        for (int i = 0; i < 600 && sim.value(M, MachineSignal.MOTOR_CURRENT) < 15; i++) {
            sim.step();
        }
        double cutting = sim.value(M, MachineSignal.MOTOR_CURRENT);
        assertTrue(cutting >= 15, "cutting current " + cutting);
        sim.injectFault(M, FaultKind.TOOL_BREAKAGE);
        sim.step();
        double spike = sim.value(M, MachineSignal.MOTOR_CURRENT);
        assertTrue(spike > 2 * cutting, "spike " + spike + " A after " + cutting + " A");
        run(sim, 10);
        assertEquals(MachineState.ALARM, sim.state(M));
        assertEquals(2, (int) sim.value(M, MachineSignal.STATE));
        assertTrue(sim.value(M, MachineSignal.MOTOR_CURRENT) < 5, "current drops with the spindle");
        sim.repair(M);
        run(sim, 60);
        assertNotEquals(MachineState.ALARM, sim.state(M));
    }

    @Test
    void sensorDropoutMakesTheSignalBadForAWhile() {
        var sim = sim(11);
        run(sim, 10);
        sim.injectFault(M, FaultKind.SENSOR_DROPOUT, MachineSignal.VIBRATION);
        assertEquals("vibration", sim.groundTruth().get(0).signal());
        sim.step();
        assertFalse(sim.isGood(M, MachineSignal.VIBRATION));
        assertTrue(sim.isGood(M, MachineSignal.SPINDLE_TEMP));
        run(sim, MachineSimulation.DROPOUT_S - 0.2);
        assertFalse(sim.isGood(M, MachineSignal.VIBRATION));
        run(sim, 0.2);
        assertTrue(sim.isGood(M, MachineSignal.VIBRATION));
    }

    @Test
    void randomSensorFaultPicksAnAnalogSignalAndLogsIt() {
        var sim = sim(12);
        sim.injectFault(M, FaultKind.SENSOR_DROPOUT);
        FaultEvent e = sim.groundTruth().get(0);
        MachineSignal s = MachineSignal.fromPath(e.signal());
        assertTrue(s.isAnalog() && !s.isSetpoint(), e.toString());
        sim.step();
        assertFalse(sim.isGood(M, s));
    }

    @Test
    void stuckSensorHoldsItsValueWhileTheTruthMoves() {
        var sim = sim(13);
        run(sim, 30);
        sim.injectFault(M, FaultKind.STUCK_SENSOR, MachineSignal.SPINDLE_TEMP);
        double frozen = sim.value(M, MachineSignal.SPINDLE_TEMP);
        double truthBefore = sim.trueValue(M, MachineSignal.SPINDLE_TEMP);
        for (int i = 0; i < 1000; i++) {
            sim.step();
            assertEquals(frozen, sim.value(M, MachineSignal.SPINDLE_TEMP));
            assertTrue(sim.isGood(M, MachineSignal.SPINDLE_TEMP));
        }
        assertNotEquals(truthBefore, sim.trueValue(M, MachineSignal.SPINDLE_TEMP));
        sim.repair(M);
        sim.step();
        assertNotEquals(frozen, sim.value(M, MachineSignal.SPINDLE_TEMP));
    }

    @Test
    void runToFailureLogsDefectOnsetAndEndsInAlarmNearTheHorizon() {
        Duration horizon = Duration.ofMinutes(20);
        var sim =
                new MachineSimulation(
                        new SimulationOptions(1, 0, Duration.ofMillis(500), 14, horizon), START);
        double previousWear = sim.bearingWear(M);
        double vibrationEarly = 0;
        long ticks = 0;
        while (sim.state(M) != MachineState.ALARM && ticks < 8 * 3600 * 2) {
            sim.step();
            ticks++;
            double wear = sim.bearingWear(M);
            assertTrue(wear >= previousWear, "wear never decreases");
            previousWear = wear;
            if (ticks == 600) {
                vibrationEarly = sim.trueValue(M, MachineSignal.VIBRATION);
            }
        }
        assertEquals(MachineState.ALARM, sim.state(M));
        double hours = ticks * 0.5 / 3600;
        // part cycles keep the spindle below rated speed and off between parts: life > horizon
        assertTrue(hours > horizon.toMinutes() / 60.0 * 0.5 && hours < horizon.toMinutes() / 60.0 * 6,
                "failed after " + hours + " h");
        List<FaultEvent> truth = sim.groundTruth();
        assertEquals(1, truth.size(), truth.toString());
        assertEquals(FaultKind.BEARING_DEFECT, truth.get(0).kind());
        assertTrue(truth.get(0).tick() < ticks);
        assertTrue(sim.value(M, MachineSignal.VIBRATION) > vibrationEarly || sim.bearingWear(M) >= 1);
    }

    @Test
    void groundTruthRecordsTickAndTimeOfEachFaultInOrder() {
        var sim = new MachineSimulation(new SimulationOptions(2, 0, Duration.ofMillis(100), 15), START);
        run(sim, 1);
        sim.injectFault("cnc-02", FaultKind.STUCK_SENSOR, MachineSignal.MOTOR_CURRENT);
        run(sim, 1);
        sim.injectFault("cnc-01", FaultKind.OVERHEATING);
        assertEquals(
                List.of(
                        new FaultEvent("cnc-02", FaultKind.STUCK_SENSOR, "motor_current", 10,
                                START.plusSeconds(1)),
                        new FaultEvent("cnc-01", FaultKind.OVERHEATING, "", 20, START.plusSeconds(2))),
                sim.groundTruth());
    }

    @Test
    void setpointsAreValidatedWithClearMessages() {
        var sim = sim(16);
        var e = assertThrows(IllegalArgumentException.class, () -> sim.setFeedOverride(M, 151));
        assertEquals("setpoint/feed_override must be in 0..150 %, got 151.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> sim.setSpindleSpeedSetpoint(M, Double.NaN));
        assertEquals("setpoint/spindle_speed must be in 0..24000 rpm, got NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> sim.value("cnc-09", MachineSignal.STATE));
        assertEquals("unknown machine 'cnc-09', known: [cnc-01]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> sim.injectFault(M, FaultKind.STUCK_SENSOR, MachineSignal.COOLANT_ON_SETPOINT));
        assertEquals("a sensor fault needs a measured signal, got setpoint setpoint/coolant_on",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> sim.extraValue(M, 0));
        assertEquals("tag must be in 0..-1, got 0", e.getMessage());
        sim.setFeedOverride(M, 150);
        assertEquals(150, sim.value(M, MachineSignal.FEED_OVERRIDE_SETPOINT));
        sim.setCoolantOn(M, false);
        assertEquals(0, sim.value(M, MachineSignal.COOLANT_ON_SETPOINT));
    }
}
