package org.industry4.opcua.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SimulationOptionsTest {

  @Test
  void defaultIsThreeMachinesNoExtraTagsHundredMillisecondsSeed42() {
    var o = new SimulationOptions();
    assertEquals(3, o.machines());
    assertEquals(0, o.extraTagsPerMachine());
    assertEquals(Duration.ofMillis(100), o.tick());
    assertEquals(42, o.seed());
    assertEquals(SimulationOptions.DEFAULT_FAILURE_HORIZON, o.failureHorizon());
    assertEquals(33, o.totalTags());
  }

  @Test
  void invalidOptionsAreRejectedNamingTheValue() {
    Duration t = Duration.ofMillis(100);
    assertEquals("machines must be in 1..999, got 0",
        assertThrows(IllegalArgumentException.class, () -> new SimulationOptions(0, 0, t, 1))
            .getMessage());
    assertEquals("extraTagsPerMachine must be in 0..100000, got -1",
        assertThrows(IllegalArgumentException.class, () -> new SimulationOptions(1, -1, t, 1))
            .getMessage());
    assertEquals("machines * extraTagsPerMachine must be <= 1000000, got 1100000",
        assertThrows(IllegalArgumentException.class,
            () -> new SimulationOptions(11, 100_000, t, 1)).getMessage());
    assertEquals("tick must be in 1 ms .. 1 min, got PT0S",
        assertThrows(IllegalArgumentException.class,
            () -> new SimulationOptions(1, 0, Duration.ZERO, 1)).getMessage());
    assertEquals("failureHorizon must be at least ten ticks (PT1S), got PT0.5S",
        assertThrows(IllegalArgumentException.class,
            () -> new SimulationOptions(1, 0, t, 1, Duration.ofMillis(500))).getMessage());
    assertThrows(NullPointerException.class, () -> new SimulationOptions(1, 0, null, 1));
  }
}
