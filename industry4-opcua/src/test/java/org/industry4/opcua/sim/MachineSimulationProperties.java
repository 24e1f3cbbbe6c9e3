package org.industry4.opcua.sim;

import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Assertions;

class MachineSimulationProperties {

  private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

  @Property(tries = 30)
  void sameSeedAndCallsGiveIdenticalValues(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int machines,
      @ForAll @IntRange(min = 0, max = 20) int extra, @ForAll @IntRange(min = 1, max = 300) int steps,
      @ForAll @IntRange(min = 0, max = 299) int faultAt) {
    var options = new SimulationOptions(machines, extra, Duration.ofMillis(100), seed);
    var a = new MachineSimulation(options, START);
    var b = new MachineSimulation(options, START);
    for (int i = 0; i < steps; i++) {
      if (i == faultAt) {
        a.injectFault("cnc-01", FaultKind.SENSOR_DROPOUT);
        b.injectFault("cnc-01", FaultKind.SENSOR_DROPOUT);
        a.setFeedOverride("cnc-01", 120);
        b.setFeedOverride("cnc-01", 120);
      }
      a.step();
      b.step();
    }
    for (String id : a.machineIds()) {
      for (MachineSignal s : MachineSignal.values()) {
        Assertions.assertEquals(
            Double.doubleToRawLongBits(a.value(id, s)), Double.doubleToRawLongBits(b.value(id, s)),
            id + "/" + s.path());
        Assertions.assertEquals(a.isGood(id, s), b.isGood(id, s));
      }
      for (int j = 0; j < extra; j++) {
        Assertions.assertEquals(a.extraValue(id, j), b.extraValue(id, j));
      }
    }
    Assertions.assertEquals(a.groundTruth(), b.groundTruth());
  }

  @Property(tries = 30)
  void valuesStayWithinTheirEngineeringRanges(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 2000) int steps) {
    var sim = new MachineSimulation(new SimulationOptions(2, 3, Duration.ofMillis(500), seed), START);
    for (int i = 0; i < steps; i++) {
      sim.step();
      for (String id : sim.machineIds()) {
        for (MachineSignal s : MachineSignal.values()) {
          double v = sim.value(id, s);
          Assertions.assertTrue(Double.isFinite(v), id + "/" + s.path() + " = " + v);
          if (s.isAnalog()) {
            Assertions.assertTrue(
                v >= s.euLow() && v <= s.euHigh(), id + "/" + s.path() + " = " + v);
          }
        }
        for (int j = 0; j < 3; j++) {
          double v = sim.extraValue(id, j);
          Assertions.assertTrue(v >= 0 && v <= 100, "extra " + j + " = " + v);
        }
      }
    }
  }

  @Property(tries = 20)
  void everyExtraTagChangesOnEveryTick(@ForAll long seed) {
    var sim = new MachineSimulation(new SimulationOptions(1, 50, Duration.ofMillis(100), seed), START);
    double[] previous = new double[50];
    for (int j = 0; j < 50; j++) {
      previous[j] = sim.extraValue("cnc-01", j);
    }
    for (int i = 0; i < 100; i++) {
      sim.step();
      for (int j = 0; j < 50; j++) {
        double v = sim.extraValue("cnc-01", j);
        Assertions.assertNotEquals(previous[j], v, "tag " + j + " at tick " + sim.tick());
        previous[j] = v;
      }
    }
  }

  @Property(tries = 20)
  void differentSeedsGiveDifferentNoise(@ForAll long seed) {
    var a = new MachineSimulation(new SimulationOptions(1, 0, Duration.ofMillis(100), seed), START);
    var b =
        new MachineSimulation(new SimulationOptions(1, 0, Duration.ofMillis(100), seed + 1), START);
    a.step();
    b.step();
    Assertions.assertNotEquals(
        a.value("cnc-01", MachineSignal.SPINDLE_TEMP), b.value("cnc-01", MachineSignal.SPINDLE_TEMP));
  }
}
