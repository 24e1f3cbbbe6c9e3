package org.industry4.examples.factory.kpi;

import static org.industry4.examples.factory.kpi.History.min;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.industry4.opcua.sim.FaultEvent;
import org.industry4.opcua.sim.FaultKind;
import org.junit.jupiter.api.Test;

class DetectionScorecardTest {

    private static final Duration TWO_MACHINE_HOURS = Duration.ofHours(2);

    private static FaultEvent fault(String machine, FaultKind kind, double minute) {
        return new FaultEvent(machine, kind, "", (long) (minute * 600), min(minute));
    }

    private static RaisedAlarm alarm(String machine, double startMinute, double endMinute) {
        return new RaisedAlarm(machine, min(startMinute), min(endMinute));
    }

    @Test
    void eachFaultIsMatchedToTheFirstAlarmOnItsMachineWithinTheMaximumDelay() {
        List<FaultEvent> faults = List.of(
                fault("cnc-01", FaultKind.BEARING_DEFECT, 10),
                fault("cnc-02", FaultKind.OVERHEATING, 20));
        List<RaisedAlarm> alarms = List.of(
                alarm("cnc-02", 18, 19),   // before the fault: false
                alarm("cnc-01", 14, 15),   // detects the bearing defect after 4 min
                alarm("cnc-01", 16, 17),   // a second alarm in the aftermath: covered
                alarm("cnc-02", 21.5, 25)); // detects overheating after 1.5 min
        ScorecardResult r = new DetectionScorecard().score(faults, alarms, TWO_MACHINE_HOURS);
        assertEquals(2, r.faults());
        assertEquals(2, r.detected());
        assertEquals(0, r.missed());
        FaultOutcome bearing = r.outcomes().get(0);
        assertEquals("cnc-01", bearing.machineId());
        assertEquals(FaultKind.BEARING_DEFECT, bearing.kind());
        assertEquals(min(10), bearing.time());
        assertTrue(bearing.detected());
        assertEquals(Optional.of(Duration.ofMinutes(4)), bearing.delay());
        assertEquals(Optional.of(alarms.get(1)), bearing.alarm());
        assertEquals(Optional.of(Duration.ofSeconds(90)), r.outcomes().get(1).delay());
        assertEquals(Optional.of(Duration.ofSeconds(165)), r.meanDelay());
        assertEquals(Optional.of(Duration.ofMinutes(4)), r.maxDelay());
        assertEquals(List.of(alarms.get(0)), r.falseAlarms());
        assertEquals(1, r.coveredAlarms());
        assertEquals(0.5, r.falseAlarmsPerMachineHour(), 1e-12, "1 false alarm in 2 machine-hours");
    }

    @Test
    void aFaultWithoutAnAlarmInTimeIsMissedAndTheLateAlarmIsFalseAfterTheGrace() {
        List<FaultEvent> faults = List.of(fault("cnc-01", FaultKind.TOOL_BREAKAGE, 0));
        // default: 10 min delay, 1 min grace
        List<RaisedAlarm> alarms = List.of(
                alarm("cnc-02", 1, 2),        // other machine: false
                alarm("cnc-01", 10.5, 11),    // after the delay, within grace: covered
                alarm("cnc-01", 11.5, 12));   // after delay + grace, repairs unknown: false
        ScorecardResult r = new DetectionScorecard().score(faults, alarms, TWO_MACHINE_HOURS);
        assertEquals(1, r.missed());
        assertFalse(r.outcomes().get(0).detected());
        assertTrue(r.outcomes().get(0).delay().isEmpty());
        assertTrue(r.meanDelay().isEmpty() && r.maxDelay().isEmpty());
        assertEquals(List.of(alarms.get(0), alarms.get(2)), r.falseAlarms());
        assertEquals(1, r.coveredAlarms());
    }

    @Test
    void anAlarmDuringAnUnrepairedFaultsAftermathIsNotFalseButAfterTheRepairItIs() {
        List<FaultEvent> faults = List.of(fault("cnc-01", FaultKind.STUCK_SENSOR, 0));
        List<RaisedAlarm> alarms = List.of(
                alarm("cnc-01", 2, 3),     // detects
                alarm("cnc-01", 30, 31),   // still broken: repaired at 40
                alarm("cnc-01", 45, 46));  // after the repair: false
        DetectionScorecard scorecard = new DetectionScorecard();
        ScorecardResult repaired = scorecard.score(faults, alarms, List.of(new Repair("cnc-01", min(40))),
                TWO_MACHINE_HOURS);
        assertEquals(1, repaired.detected());
        assertEquals(List.of(alarms.get(2)), repaired.falseAlarms());
        assertEquals(1, repaired.coveredAlarms());

        ScorecardResult neverRepaired = scorecard.score(faults, alarms, List.of(new Repair("cnc-02", min(5))),
                TWO_MACHINE_HOURS);
        assertEquals(0, neverRepaired.falseAlarmCount(), "a repair of another machine does not count");

        ScorecardResult unknown = scorecard.score(faults, alarms, TWO_MACHINE_HOURS);
        assertEquals(2, unknown.falseAlarmCount(), "without repairs the aftermath is delay + grace");
    }

    @Test
    void anAlarmThatBeganBeforeTheFaultDoesNotDetectItAndOneAlarmDetectsOneFault() {
        List<FaultEvent> faults = List.of(
                fault("cnc-01", FaultKind.BEARING_DEFECT, 10),
                fault("cnc-01", FaultKind.OVERHEATING, 11));
        List<RaisedAlarm> alarms = List.of(
                RaisedAlarm.active("cnc-01", min(9)),  // active across both faults: false alarm
                alarm("cnc-01", 12, 13));
        ScorecardResult r = new DetectionScorecard().score(faults, alarms, TWO_MACHINE_HOURS);
        assertEquals(1, r.detected());
        assertTrue(r.outcomes().get(0).detected(), "the earlier fault takes the alarm");
        assertFalse(r.outcomes().get(1).detected());
        assertEquals(List.of(alarms.get(0)), r.falseAlarms());
    }

    @Test
    void sensorDropoutsAreNotCountedUnlessAskedForAndGiveNoCover() {
        List<FaultEvent> faults = List.of(new FaultEvent("cnc-01", FaultKind.SENSOR_DROPOUT, "vibration", 0, min(0)));
        List<RaisedAlarm> alarms = List.of(alarm("cnc-01", 0.1, 0.2));
        ScorecardResult byDefault = new DetectionScorecard().score(faults, alarms, TWO_MACHINE_HOURS);
        assertEquals(0, byDefault.faults());
        assertEquals(1, byDefault.falseAlarmCount());

        ScorecardOptions all = new ScorecardOptions().withCountedKinds(EnumSet.allOf(FaultKind.class));
        ScorecardResult counted = new DetectionScorecard(all).score(faults, alarms, TWO_MACHINE_HOURS);
        assertEquals(1, counted.detected());
        assertEquals(0, counted.falseAlarmCount());
    }

    @Test
    void theMaximumDelayIsAnOption() {
        List<FaultEvent> faults = List.of(fault("cnc-01", FaultKind.BEARING_DEFECT, 0));
        List<RaisedAlarm> alarms = List.of(alarm("cnc-01", 3, 4));
        ScorecardOptions tight = new ScorecardOptions(Duration.ofMinutes(2), Duration.ZERO,
                EnumSet.of(FaultKind.BEARING_DEFECT));
        ScorecardResult r = new DetectionScorecard(tight).score(faults, alarms, TWO_MACHINE_HOURS);
        assertEquals(1, r.missed());
        assertEquals(1, r.falseAlarmCount());
        assertEquals(1, new DetectionScorecard().score(faults, alarms, TWO_MACHINE_HOURS).detected());
    }

    @Test
    void badArgumentsNameTheValue() {
        IllegalArgumentException time = assertThrows(IllegalArgumentException.class,
                () -> new DetectionScorecard().score(List.of(), List.of(), Duration.ZERO));
        assertTrue(time.getMessage().contains("machineTime") && time.getMessage().contains("PT0S"), time.getMessage());
        IllegalArgumentException kinds = assertThrows(IllegalArgumentException.class,
                () -> new ScorecardOptions().withCountedKinds(Set.of()));
        assertTrue(kinds.getMessage().contains("countedKinds"), kinds.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new ScorecardOptions(Duration.ofMinutes(-1), Duration.ZERO, EnumSet.allOf(FaultKind.class)));
        IllegalArgumentException end = assertThrows(IllegalArgumentException.class, () -> alarm("cnc-01", 5, 4));
        assertTrue(end.getMessage().contains("alarm end"), end.getMessage());
    }
}
