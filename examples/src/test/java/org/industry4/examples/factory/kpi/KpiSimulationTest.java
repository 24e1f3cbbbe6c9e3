package org.industry4.examples.factory.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.industry4.core.SignalId;
import org.industry4.core.TelemetrySample;
import org.industry4.opcua.sim.FaultEvent;
import org.industry4.opcua.sim.FaultKind;
import org.industry4.opcua.sim.MachineSignal;
import org.industry4.opcua.sim.MachineSimulation;
import org.industry4.opcua.sim.MachineState;
import org.industry4.opcua.sim.SimulationOptions;
import org.industry4.opcua.store.DuckDbSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The KPIs of the real simulator, stepped without a server, stored the way the server publishes. */
class KpiSimulationTest {

    private static final String M = "cnc-01";
    private static final Duration TICK = Duration.ofMillis(100);

    @TempDir
    Path dir;

    /** Steps the simulation, storing motor current every tick and state and part count on change. */
    private static final class Recorder {
        final MachineSimulation sim;
        final DuckDbSink sink;
        final List<TelemetrySample> batch = new ArrayList<>();
        final List<RaisedAlarm> machineAlarms = new ArrayList<>();
        double lastState = Double.NaN;
        double lastCount = Double.NaN;
        Instant alarmSince;

        Recorder(MachineSimulation sim, DuckDbSink sink) {
            this.sim = sim;
            this.sink = sink;
            publish(); // the first value of every signal at subscription
        }

        void run(Duration d) {
            for (long i = d.dividedBy(TICK); i > 0; i--) {
                sim.step();
                publish();
            }
        }

        void publish() {
            Instant t = sim.time();
            batch.add(TelemetrySample.good(SignalId.of(M + "/motor_current"), t,
                    sim.value(M, MachineSignal.MOTOR_CURRENT)));
            double state = sim.value(M, MachineSignal.STATE);
            if (state != lastState) {
                batch.add(TelemetrySample.good(SignalId.of(M + "/state"), t, state));
                boolean alarm = state == MachineState.ALARM.code();
                if (alarm && alarmSince == null) {
                    alarmSince = t;
                } else if (!alarm && alarmSince != null) {
                    machineAlarms.add(new RaisedAlarm(M, alarmSince, t));
                    alarmSince = null;
                }
                lastState = state;
            }
            double count = sim.value(M, MachineSignal.PART_COUNT);
            if (count != lastCount) {
                batch.add(TelemetrySample.good(SignalId.of(M + "/part_count"), t, count));
                lastCount = count;
            }
            if (batch.size() >= 5_000) {
                flush();
            }
        }

        void flush() {
            sink.accept(List.copyOf(batch));
            batch.clear();
        }
    }

    @Test
    void aToolBreakageRepairedAfterFiveMinutesIsOneFailureWithAFiveMinuteRepairAndTheSimulatorsPartCount()
            throws Exception {
        Instant start = Instant.parse("2024-03-04T06:00:00Z");
        MachineSimulation sim = new MachineSimulation(new SimulationOptions(1, 0, TICK, 42L), start);
        Path file = dir.resolve("factory.duckdb");
        Instant injected;
        Instant repaired;
        Recorder rec;
        try (DuckDbSink sink = DuckDbSink.open(file)) {
            rec = new Recorder(sim, sink);
            rec.run(Duration.ofMinutes(10));
            sim.injectFault(M, FaultKind.TOOL_BREAKAGE);
            injected = sim.time();
            rec.run(Duration.ofMinutes(5));
            assertEquals(MachineState.ALARM, sim.state(M), "a broken tool stops the machine until repaired");
            sim.repair(M);
            repaired = sim.time();
            rec.run(Duration.ofMinutes(10));
            rec.flush();
        }
        Instant end = sim.time().plus(TICK);
        long parts = sim.partCount(M);
        assertTrue(parts > 30, "25 minutes of 24+ s cycles, got " + parts);

        try (KpiCalculator kpi = KpiCalculator.open(file, new KpiOptions())) {
            MachineKpis m = kpi.machine(M, start, end, List.of());
            assertEquals(1, m.failures());
            Duration mttr = m.mttr().orElseThrow();
            assertTrue(mttr.minus(Duration.ofMinutes(5)).abs().compareTo(Duration.ofSeconds(2)) <= 0,
                    "MTTR about 5 min, got " + mttr);
            assertFalse(m.openAlarmAtEnd());
            assertEquals(parts, m.partsTotal(), "parts counted from the stored counter");
            assertEquals(parts, m.partsGood());
            assertEquals(m.unplannedDowntime(), mttr, "the only downtime is the one alarm");
            assertEquals(20.0 / 25, m.availability(), 0.002);
            assertTrue(m.performance() > 0.75 && m.performance() <= 1,
                    "spin-up and tool changes make cycles a bit slower than 24 s: " + m.performance());
            assertTrue(m.energyKwh() > 0.5 * new KpiOptions().baseLoadKw() * 20 / 60, "energy " + m.energyKwh());
            assertEquals(m.energyKwh() / parts, m.energyPerGoodPartKwh().getAsDouble(), 1e-12);
        }

        List<FaultEvent> truth = sim.groundTruth();
        assertEquals(1, truth.size());
        assertEquals(injected, truth.get(0).wallTime());
        ScorecardResult score = new DetectionScorecard().score(truth, rec.machineAlarms,
                List.of(new Repair(M, repaired)), Duration.between(start, end));
        assertEquals(1, score.detected(), "the machine's own alarm detects the breakage");
        assertTrue(score.maxDelay().orElseThrow().compareTo(Duration.ofSeconds(1)) <= 0,
                "the spike lasts 0.5 s: " + score.maxDelay());
        assertEquals(0, score.falseAlarmCount());
    }
}
