package org.industry4.examples.factory.kpi;

import static org.industry4.examples.factory.kpi.History.min;
import static org.industry4.opcua.sim.MachineState.ALARM;
import static org.industry4.opcua.sim.MachineState.IDLE;
import static org.industry4.opcua.sim.MachineState.RUNNING;
import static org.industry4.opcua.sim.MachineState.STOPPED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.industry4.opcua.store.DuckDbSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KpiCalculatorTest {

    private static final double WATTS_PER_AMPERE = Math.sqrt(3) * 400 * 0.85;
    private static final Instant FROM = min(0);
    private static final Instant TO = min(60);

    @TempDir
    Path dir;

    /** Writes the history to a fresh DuckDB file through the sink, closes it, opens it read-only. */
    private KpiCalculator calculator(History history, KpiOptions options) throws IOException {
        Path file = dir.resolve("factory-" + System.nanoTime() + ".duckdb");
        try (DuckDbSink sink = DuckDbSink.open(file)) {
            history.writeTo(sink);
        }
        return KpiCalculator.open(file, options);
    }

    private KpiCalculator calculator(History history) throws IOException {
        return calculator(history, new KpiOptions().withBaseLoadKw(0));
    }

    @Test
    void anHourWithOneSixMinuteAlarmHasAvailabilityPointNineMttrSixAndMtbfFiftyFourMinutes() throws IOException {
        History h = new History()
                .state("cnc-01", min(0), RUNNING)
                .state("cnc-01", min(30), ALARM)
                .state("cnc-01", min(36), IDLE)
                .state("cnc-01", min(36.1), RUNNING);
        try (KpiCalculator kpi = calculator(h)) {
            MachineKpis m = kpi.machine("cnc-01", FROM, TO, List.of());
            assertEquals(Duration.ofMinutes(60), m.planned());
            assertEquals(Duration.ofMinutes(54), m.runTime());
            assertEquals(Duration.ofMinutes(6), m.unplannedDowntime());
            assertEquals(0.9, m.availability(), 1e-12);
            assertEquals(1, m.failures());
            assertEquals(Optional.of(Duration.ofMinutes(6)), m.mttr());
            assertEquals(Optional.of(Duration.ofMinutes(54)), m.mtbf());
            assertFalse(m.openAlarmAtEnd());
        }
    }

    @Test
    void hundredPartsInFiftyMinutesAtTwentyFourSecondsIdealGivePerformancePointEightAndOeeIsTheProduct()
            throws IOException {
        History h = new History().state("cnc-01", min(0), RUNNING).state("cnc-01", min(50), STOPPED);
        for (int i = 0; i <= 100; i++) {
            h.parts("cnc-01", min(0.5 * i), i); // part i finished at 30 s * i
        }
        List<PartResult> inspections = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            inspections.add(new PartResult("cnc-01", min(0.5 * i), i % 20 == 0)); // 5 defective
        }
        inspections.add(new PartResult("cnc-01", min(61), true)); // after the window: ignored
        inspections.add(new PartResult("cnc-02", min(10), true)); // another machine: ignored
        try (KpiCalculator kpi = calculator(h)) {
            MachineKpis m = kpi.machine("cnc-01", FROM, TO, inspections);
            assertEquals(Duration.ofMinutes(50), m.runTime());
            assertEquals(Duration.ofMinutes(10), m.operatorStops(), "operator stops are planned stops");
            assertEquals(Duration.ofMinutes(50), m.planned(), "and are not planned production time");
            assertEquals(1.0, m.availability(), 1e-12);
            assertEquals(100, m.partsTotal());
            assertEquals(95, m.partsGood());
            assertEquals(0.8, m.performance(), 1e-12);
            assertEquals(0.95, m.quality(), 1e-12);
            assertEquals(0.95, m.fpy(), 1e-12);
            assertEquals(1.0 * 0.8 * 0.95, m.oee(), 1e-12);
            assertEquals(0, m.failures());
            assertTrue(m.mtbf().isEmpty() && m.mttr().isEmpty(), "no failures, no MTBF or MTTR");
        }
    }

    @Test
    void partsWithoutInspectionAreGoodAndPerformanceIsCappedAtOne() throws IOException {
        // 200 parts in 60 min at 24 s ideal would be 1.33: capped
        History h = new History().state("cnc-01", min(0), RUNNING).parts("cnc-01", min(0), 1000)
                .parts("cnc-01", min(59), 1200);
        try (KpiCalculator kpi = calculator(h)) {
            MachineKpis m = kpi.machine("cnc-01", FROM, TO, List.of());
            assertEquals(200, m.partsTotal(), "counted from the window's first counter value");
            assertEquals(200, m.partsGood());
            assertEquals(1.0, m.performance());
            assertEquals(1.0, m.quality());
        }
    }

    @Test
    void aConstantCurrentForAnHourGivesRootThreeUICosPhiPlusTheBaseLoad() throws IOException {
        History h = new History().state("cnc-01", min(0), RUNNING)
                .constantCurrent("cnc-01", min(0), min(60), Duration.ofSeconds(1), 10)
                .parts("cnc-01", min(0), 0).parts("cnc-01", min(30), 100);
        try (KpiCalculator kpi = calculator(h, new KpiOptions())) {
            MachineKpis m = kpi.machine("cnc-01", FROM, TO, List.of());
            double expected = WATTS_PER_AMPERE * 10 / 1000 + 1.5; // kW over 1 h
            assertEquals(expected, m.energyKwh(), 1e-9);
            assertEquals(expected / 100, m.energyPerGoodPartKwh().getAsDouble(), 1e-11);
        }
    }

    @Test
    void aGapLongerThanTheMaxHoldIsNotIntegratedAndAShorterOneIs() throws IOException {
        History h = new History().state("cnc-01", min(0), STOPPED) // no base load
                .constantCurrent("cnc-01", min(0), min(10), Duration.ofSeconds(1), 10)
                // 10 minutes without a sample
                .constantCurrent("cnc-01", min(20), min(40), Duration.ofSeconds(1), 10)
                // 4 s apart: within the 5 s hold
                .constantCurrent("cnc-01", min(40), min(60), Duration.ofSeconds(4), 10);
        try (KpiCalculator kpi = calculator(h, new KpiOptions())) {
            MachineKpis m = kpi.machine("cnc-01", FROM, TO, List.of());
            assertEquals(WATTS_PER_AMPERE * 10 / 1000 * 50 / 60, m.energyKwh(), 1e-9);
            assertTrue(m.energyPerGoodPartKwh().isEmpty(), "no good part, no energy per part");
        }
    }

    @Test
    void aBadSampleEndsTheHoldOfTheValueBeforeIt() throws IOException {
        History h = new History().state("cnc-01", min(0), STOPPED)
                .current("cnc-01", min(0), 10)
                .badCurrent("cnc-01", min(0).plusSeconds(2))
                .current("cnc-01", min(0).plusSeconds(4), 10)
                .current("cnc-01", min(0).plusSeconds(6), 10);
        try (KpiCalculator kpi = calculator(h, new KpiOptions())) {
            MachineKpis m = kpi.machine("cnc-01", FROM, TO, List.of());
            assertEquals(WATTS_PER_AMPERE * 10 * 4 / 3.6e6, m.energyKwh(), 1e-12, "0-2 s and 4-6 s only");
        }
    }

    @Test
    void energyIsClippedToTheWindow() throws IOException {
        History h = new History().state("cnc-01", min(0), STOPPED)
                .current("cnc-01", min(0).minusSeconds(3), 10) // holds 2 s into the window
                .current("cnc-01", min(0).plusSeconds(2), 20)
                .current("cnc-01", min(60).minusSeconds(1), 30) // holds 1 s of 4 inside
                .current("cnc-01", min(60).plusSeconds(3), 30);
        try (KpiCalculator kpi = calculator(h, new KpiOptions())) {
            MachineKpis m = kpi.machine("cnc-01", FROM, TO, List.of());
            // 10 A x 2 s + 30 A x 1 s; 20 A from 2 s holds ~60 min: a gap, not integrated
            assertEquals(WATTS_PER_AMPERE * (10 * 2 + 30 * 1) / 3.6e6, m.energyKwh(), 1e-12);
        }
    }

    @Test
    void theStateBeforeTheWindowHoldsUntilTheFirstSampleInIt() throws IOException {
        History h = new History()
                .state("cnc-01", min(-10), ALARM) // broke before the window
                .state("cnc-01", min(5), IDLE)
                .state("cnc-01", min(6), RUNNING)
                .state("cnc-02", min(-120), RUNNING); // nothing since
        try (KpiCalculator kpi = calculator(h)) {
            MachineKpis m = kpi.machine("cnc-01", FROM, TO, List.of());
            assertEquals(Duration.ofMinutes(5), m.unplannedDowntime());
            assertEquals(Duration.ofMinutes(55), m.runTime());
            assertEquals(0, m.failures(), "the alarm began before the window");
            assertTrue(m.mttr().isEmpty());
            assertEquals(Duration.ZERO, m.noData());

            MachineKpis quiet = kpi.machine("cnc-02", FROM, TO, List.of());
            assertEquals(Duration.ofMinutes(60), quiet.runTime());
            assertEquals(1.0, quiet.availability());
            assertEquals(0.0, quiet.performance(), "run time but no part");
            assertEquals(0.0, quiet.oee());
        }
    }

    @Test
    void timeBeforeTheFirstStateSampleIsNoDataAndNotPlanned() throws IOException {
        History h = new History().state("cnc-01", min(15), RUNNING);
        try (KpiCalculator kpi = calculator(h)) {
            MachineKpis m = kpi.machine("cnc-01", FROM, TO, List.of());
            assertEquals(Duration.ofMinutes(15), m.noData());
            assertEquals(Duration.ofMinutes(45), m.planned());
            assertEquals(1.0, m.availability());
        }
    }

    @Test
    void anAlarmStillOpenAtTheWindowEndCountsUpToTheEndAndIsFlagged() throws IOException {
        History h = new History().state("cnc-01", min(0), RUNNING).state("cnc-01", min(50), ALARM)
                .state("cnc-01", min(70), IDLE);
        try (KpiCalculator kpi = calculator(h)) {
            MachineKpis m = kpi.machine("cnc-01", FROM, TO, List.of());
            assertEquals(1, m.failures());
            assertEquals(Optional.of(Duration.ofMinutes(10)), m.mttr());
            assertTrue(m.openAlarmAtEnd());
            assertEquals(Optional.of(Duration.ofMinutes(50)), m.mtbf());
        }
    }

    @Test
    void repeatedAlarmSamplesAreOneEpisode() throws IOException {
        History h = new History().state("cnc-01", min(0), RUNNING).state("cnc-01", min(10), ALARM)
                .state("cnc-01", min(12), ALARM).state("cnc-01", min(14), IDLE)
                .state("cnc-01", min(40), ALARM).state("cnc-01", min(48), RUNNING);
        try (KpiCalculator kpi = calculator(h)) {
            MachineKpis m = kpi.machine("cnc-01", FROM, TO, List.of());
            assertEquals(2, m.failures());
            assertEquals(Optional.of(Duration.ofMinutes(6)), m.mttr(), "(4 + 8) / 2 minutes");
            assertEquals(Optional.of(Duration.ofMinutes(24)), m.mtbf(), "48 minutes run / 2");
        }
    }

    @Test
    void aCounterResetCountsTheNewValueAsParts() throws IOException {
        History h = new History().state("cnc-01", min(0), RUNNING).parts("cnc-01", min(-1), 40)
                .parts("cnc-01", min(10), 50).parts("cnc-01", min(20), 3).parts("cnc-01", min(30), 5);
        try (KpiCalculator kpi = calculator(h)) {
            assertEquals(10 + 3 + 2, kpi.machine("cnc-01", FROM, TO, List.of()).partsTotal());
        }
    }

    @Test
    void thePlantSumsTimesAndPartsInsteadOfAveragingRatios() throws IOException {
        History h = new History()
                .state("cnc-01", min(0), RUNNING).state("cnc-01", min(30), ALARM).state("cnc-01", min(36), RUNNING)
                .parts("cnc-01", min(0), 0).parts("cnc-01", min(59), 90)
                .state("cnc-02", min(0), RUNNING).state("cnc-02", min(30), STOPPED)
                .parts("cnc-02", min(0), 0).parts("cnc-02", min(29), 60);
        try (KpiCalculator kpi = calculator(h)) {
            List<PartResult> results = List.of(new PartResult("cnc-02", min(5), true));
            PlantKpis plant = kpi.plant(FROM, TO, results);
            assertEquals(List.of("cnc-01", "cnc-02"), plant.machines().stream().map(MachineKpis::machineId).toList());
            MachineKpis a = plant.machine("cnc-01");
            MachineKpis b = plant.machine("cnc-02");
            assertEquals(0.9, a.availability(), 1e-12);
            assertEquals(1.0, b.availability(), 1e-12);
            MachineKpis p = plant.plant();
            assertEquals(PlantKpis.PLANT_ID, p.machineId());
            assertEquals(Duration.ofMinutes(90), p.planned());
            assertEquals(Duration.ofMinutes(84), p.runTime());
            assertEquals(84.0 / 90, p.availability(), 1e-12, "not (0.9 + 1) / 2");
            assertEquals(150 * 24.0 / (84 * 60), p.performance(), 1e-12);
            assertEquals(149.0 / 150, p.quality(), 1e-12);
            assertEquals(p.availability() * p.performance() * p.quality(), p.oee(), 1e-15);
            assertEquals(1, p.failures());
            assertEquals(Optional.of(Duration.ofMinutes(84)), p.mtbf());
            assertEquals(Optional.of(Duration.ofMinutes(6)), p.mttr());
            assertThrows(IllegalArgumentException.class, () -> plant.machine("cnc-09"));
        }
    }

    @Test
    void theCalculatorAlsoWorksOnALiveSinkAndOnAnOpenConnection() throws Exception {
        History h = new History().state("cnc-01", min(0), RUNNING).state("cnc-01", min(54), ALARM);
        Path file = dir.resolve("live.duckdb");
        try (DuckDbSink sink = DuckDbSink.open(file)) {
            h.writeTo(sink);
            KpiCalculator live = KpiCalculator.of(sink, new KpiOptions());
            assertEquals(0.9, live.machine("cnc-01", FROM, TO, List.of()).availability(), 1e-12);
            live.close();
            int one = sink.query("SELECT 1", rs -> rs.next() ? rs.getInt(1) : 0);
            assertEquals(1, one, "the sink stays open");
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file)) {
            try (KpiCalculator kpi = KpiCalculator.of(c, new KpiOptions())) {
                assertEquals(List.of("cnc-01"), kpi.machineIds(TO));
                assertEquals(0.9, kpi.machine("cnc-01", FROM, TO, List.of()).availability(), 1e-12);
            }
            assertFalse(c.isClosed(), "the caller owns the connection");
        }
    }

    @Test
    void badArgumentsAreRejectedWithTheValueInTheMessage() throws IOException {
        History h = new History().state("cnc-01", min(0), RUNNING).parts("cnc-01", min(0), 0)
                .parts("cnc-01", min(1), 2).state("cnc-03", min(90), RUNNING);
        KpiCalculator kpi = calculator(h);
        IllegalArgumentException window = assertThrows(IllegalArgumentException.class,
                () -> kpi.machine("cnc-01", TO, FROM, List.of()));
        assertTrue(window.getMessage().contains("window end") && window.getMessage().contains(FROM.toString()),
                window.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> kpi.machine("cnc-07", FROM, TO, List.of()));
        assertTrue(unknown.getMessage().contains("'cnc-07'") && unknown.getMessage().contains("[cnc-01]"),
                unknown.getMessage());
        IllegalArgumentException late = assertThrows(IllegalArgumentException.class,
                () -> kpi.machine("cnc-03", FROM, TO, List.of()));
        assertTrue(late.getMessage().contains("'cnc-03'"), "data only after the window: " + late.getMessage());
        List<PartResult> tooMany = List.of(new PartResult("cnc-01", min(1), true),
                new PartResult("cnc-01", min(2), true), new PartResult("cnc-01", min(3), true));
        IllegalArgumentException defects = assertThrows(IllegalArgumentException.class,
                () -> kpi.machine("cnc-01", FROM, TO, tooMany));
        assertTrue(defects.getMessage().contains("3 defective") && defects.getMessage().contains("counted 2"),
                defects.getMessage());
        kpi.close();
        kpi.close();
        assertThrows(IllegalStateException.class, () -> kpi.machine("cnc-01", FROM, TO, List.of()));
        assertThrows(NoSuchFileException.class, () -> KpiCalculator.open(dir.resolve("none.duckdb"), new KpiOptions()));
    }

    @Test
    void optionsRejectValuesOutOfRangeNamingTheField() {
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> new KpiOptions(Duration.ofSeconds(24), Double.NaN, 0.85, 1.5, Duration.ofSeconds(5)));
        assertTrue(nan.getMessage().contains("lineVoltage") && nan.getMessage().contains("NaN"), nan.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new KpiOptions(Duration.ZERO, 400, 0.85, 1.5, Duration.ofSeconds(5)));
        IllegalArgumentException pf = assertThrows(IllegalArgumentException.class,
                () -> new KpiOptions(Duration.ofSeconds(24), 400, 1.2, 1.5, Duration.ofSeconds(5)));
        assertTrue(pf.getMessage().contains("powerFactor") && pf.getMessage().contains("1.2"), pf.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new KpiOptions().withBaseLoadKw(-1));
        assertThrows(IllegalArgumentException.class, () -> new KpiOptions().withMaxHold(Duration.ofSeconds(-1)));
        assertEquals(Math.sqrt(3) * 400 * 0.85, new KpiOptions().wattsPerAmpere(), 1e-12);
    }
}
