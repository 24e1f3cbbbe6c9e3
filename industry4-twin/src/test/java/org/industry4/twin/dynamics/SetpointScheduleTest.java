package org.industry4.twin.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SetpointScheduleTest {

    private final SetpointSchedule schedule = SetpointSchedule.builder()
            .at(0, Map.of("speed", 6000.0, "coolant", 0.0))
            .at(100, "speed", 8000.0)
            .at(250, Map.of("coolant", 1.0))
            .until(400)
            .build();

    @Test
    void valuesArePiecewiseConstantAndHeldUntilChanged() {
        assertEquals(List.of("coolant", "speed"), schedule.inputNames());
        assertEquals(6000.0, schedule.valueAt(0, "speed"));
        assertEquals(6000.0, schedule.valueAt(99.999, "speed"));
        assertEquals(8000.0, schedule.valueAt(100, "speed"));
        assertEquals(8000.0, schedule.valueAt(300, "speed"));
        assertEquals(1.0, schedule.valueAt(400, "coolant"));
        assertArrayEquals(new double[] {8000.0, 0.0}, schedule.valuesAt(200, List.of("speed", "coolant")));
        assertArrayEquals(new double[] {0, 100, 250}, schedule.switchTimes());
    }

    @Test
    void withConstantAndWithEnd() {
        SetpointSchedule s = schedule.withConstant("speed", 5000);
        assertEquals(5000.0, s.valueAt(300, "speed"));
        assertEquals(1.0, s.valueAt(300, "coolant"));
        SetpointSchedule shorter = schedule.withEnd(200);
        assertEquals(2, shorter.segmentCount());
        assertEquals(200.0, shorter.endTime());
    }

    @Test
    void nanValueIsRejectedNamingInputAndTime() {
        String msg = assertThrows(IllegalArgumentException.class,
                () -> SetpointSchedule.builder().at(0, Map.of("speed", Double.NaN))).getMessage();
        assertEquals("value of input speed at t=0.0 must be finite, got NaN", msg);
    }

    @Test
    void inputNotSetAtTheStartIsRejected() {
        String msg = assertThrows(IllegalArgumentException.class, () -> SetpointSchedule.builder()
                .at(0, Map.of("speed", 1.0)).at(5, Map.of("feed", 1.0))).getMessage();
        assertTrue(msg.contains("input \"feed\" set at t=5.0 was not set at the start"), msg);
    }

    @Test
    void timesMustIncreaseAndEndFollowTheLastSwitch() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SetpointSchedule.builder()
                .at(10, Map.of("a", 1.0)).at(5, Map.of("a", 2.0))).getMessage()
                .contains("switch times must increase: 5.0 follows 10.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SetpointSchedule.builder()
                .at(10, Map.of("a", 1.0)).until(10).build()).getMessage()
                .contains("end time must be finite and after the last switch time 10.0, got 10.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SetpointSchedule.builder().build())
                .getMessage().contains("at least one switch"));
    }

    @Test
    void requireInputsNamesMissingAndUnknown() {
        String msg = assertThrows(IllegalArgumentException.class,
                () -> schedule.requireInputs(List.of("speed", "load"))).getMessage();
        assertTrue(msg.contains("missing [load]"), msg);
        assertTrue(msg.contains("unknown [coolant]"), msg);
        schedule.requireInputs(List.of("coolant", "speed"));
    }

    @Test
    void timeOutsideTheHorizonIsRejected() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> schedule.valueAt(401, "speed"))
                .getMessage().contains("time 401.0 is outside the schedule [0.0, 400.0]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> schedule.valueAt(1, "feed"))
                .getMessage().contains("unknown input \"feed\""));
    }
}
