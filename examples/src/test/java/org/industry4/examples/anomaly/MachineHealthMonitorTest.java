package org.industry4.examples.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import org.industry4.opcua.sim.FaultKind;
import org.junit.jupiter.api.Test;

class MachineHealthMonitorTest {

    @Test
    void aBearingDefectIsDetectedFromVibrationWithoutFalseAlarmsBeforeIt() throws Exception {
        // 6 s of normal cutting and idling, then the defect; the run stops a second after the
        // detection. 25 s is a generous bound: a defect injected just before the 4 s load/unload
        // pause is scored only once the spindle is back at speed, about 12 s later at worst.
        MachineHealthMonitor.Options options = new MachineHealthMonitor.Options(FaultKind.BEARING_DEFECT,
                Duration.ofSeconds(31), Duration.ofSeconds(6), 1, 42, true);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        MachineHealthMonitor.Report report = MachineHealthMonitor.run(options,
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String printed = bytes.toString(StandardCharsets.UTF_8);

        assertTrue(report.trainingFrames() > 10_000,
                "trained on 30 min of history, mostly cutting: " + report.trainingFrames() + "\n" + printed);
        assertEquals(0, report.alarmsBeforeFault(), "no false alarm before the fault:\n" + printed);
        assertTrue(report.fault().isPresent(), printed);
        assertEquals(FaultKind.BEARING_DEFECT, report.fault().get().kind());
        assertTrue(report.detectionDelay().isPresent(), "the defect is detected:\n" + printed);
        Duration delay = report.detectionDelay().get();
        assertFalse(delay.isNegative(), "an alarm after the fault: " + delay);
        assertTrue(delay.compareTo(Duration.ofSeconds(25)) <= 0, "detected within 25 s: " + delay + "\n" + printed);
        String top = report.detection().orElseThrow().topContributor();
        assertTrue(Set.of("cnc-01/vibration", "cnc-01/bearing_temp").contains(top),
                "a bearing defect shows in vibration or bearing temperature, got " + top + "\n" + printed);
        assertTrue(report.framesScored() > 0 && report.framesAligned() >= report.framesScored()
                + report.framesNotCutting() + report.framesUnscorable());
        assertTrue(printed.contains("ALARM started"), printed);
    }

    @Test
    void optionsAreParsedAndBadOnesNamed() {
        MachineHealthMonitor.Options o = MachineHealthMonitor.parse(new String[] {"--fault", "overheating",
                "--seconds", "60", "--fault-after", "20", "--seed", "7", "--machines", "3"});
        assertEquals(FaultKind.OVERHEATING, o.fault());
        assertEquals(Duration.ofSeconds(60), o.duration());
        assertEquals(Duration.ofSeconds(20), o.faultAfter());
        assertEquals(7, o.seed());
        assertEquals(3, o.machines());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MachineHealthMonitor.parse(new String[] {"--fault", "squeak"}));
        assertEquals("--fault must be bearing or overheating, got \"squeak\"", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> MachineHealthMonitor.parse(new String[] {"--seconds", "10", "--fault-after", "10"}));
        assertEquals("faultAfter must be in [0, duration = PT10S), got PT10S", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MachineHealthMonitor.Options(
                FaultKind.TOOL_BREAKAGE, Duration.ofSeconds(10), Duration.ofSeconds(5), 1, 1, false));
        assertEquals("fault must be BEARING_DEFECT or OVERHEATING, got TOOL_BREAKAGE", e.getMessage());
    }
}
