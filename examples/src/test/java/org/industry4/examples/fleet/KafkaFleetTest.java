package org.industry4.examples.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.industry4.opcua.sim.FaultKind;
import org.junit.jupiter.api.Test;

class KafkaFleetTest {

    @Test
    void theFleetIsScoredExactlyOnceOnKafkaAndTheOverheatingMachineRaisesAnAlarm() throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        KafkaFleet.Result r = KafkaFleet.run(new KafkaFleet.Options(6, 12, 42, null),
                new PrintStream(text, true, StandardCharsets.UTF_8));
        String printed = text.toString(StandardCharsets.UTF_8);
        assertEquals(6 * 12 * 60, r.frames());
        assertEquals(r.frames(), r.scored(), "every frame counted once");
        assertEquals(0, r.deadLetters());
        assertEquals(3, r.faults().size(), r.faults().toString());
        assertTrue(r.faults().stream().filter(f -> f.kind() == FaultKind.OVERHEATING).allMatch(f ->
                r.alarms().stream().anyMatch(a -> a.machine().equals(f.machineId()) && a.event().equals("start")
                        && !a.time().isBefore(f.wallTime()))), printed);
        assertTrue(r.detected() >= 1, printed);
        assertTrue(r.alarms().stream().anyMatch(a -> a.modelVersion() == 1), "alarms under the rolled-out model: "
                + printed);
        assertTrue(printed.contains("frames scored exactly once"), printed);
    }

    @Test
    void badOptionsAreRefusedNamingTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KafkaFleet.Options.parse(new String[] {"--machines", "2"}));
        assertEquals("--machines must be in 3..999, got 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> KafkaFleet.Options.parse(new String[] {"--fast", "1"}));
        assertEquals("unknown option --fast", e.getMessage());
    }
}
