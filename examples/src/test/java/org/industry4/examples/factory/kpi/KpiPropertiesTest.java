package org.industry4.examples.factory.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.industry4.opcua.sim.MachineState;
import org.industry4.opcua.store.DuckDbSink;

class KpiPropertiesTest {

    private static final Instant FROM = History.T0;
    private static final Instant TO = History.T0.plus(Duration.ofHours(1));

    /** One state sample: seconds after the previous one, the state, parts made and current since. */
    record Step(int seconds, MachineState state, int parts, double amperes) {}

    @Provide
    Arbitrary<List<Step>> machine() {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.integers().between(0, 900),
                Arbitraries.of(MachineState.class),
                Arbitraries.integers().between(0, 60),
                Arbitraries.doubles().between(0, 40)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(12);
    }

    /** Writes a machine's steps, starting {@code startSeconds} from the window start (may be before). */
    private static void write(History h, String id, int startSeconds, List<Step> steps) {
        Instant t = FROM.plusSeconds(startSeconds);
        long count = 0;
        for (Step s : steps) {
            t = t.plusSeconds(s.seconds());
            count += s.parts();
            h.state(id, t, s.state()).parts(id, t, count).current(id, t, s.amperes())
                    .current(id, t.plusSeconds(1), s.amperes());
        }
    }

    private static KpiCalculator calculator(History h, DuckDbSink sink) {
        h.writeTo(sink);
        return KpiCalculator.of(sink, new KpiOptions());
    }

    private static void assertRatios(MachineKpis m) {
        for (double r : new double[] {m.availability(), m.performance(), m.quality(), m.oee(), m.fpy()}) {
            assertTrue(r >= 0 && r <= 1, "ratio out of [0, 1]: " + m);
        }
        assertTrue(m.energyKwh() >= 0);
    }

    @Property(tries = 60)
    void everyRatioIsInZeroOneAndTheWindowSplitsIntoPlannedStopsAndNoData(
            @ForAll("machine") List<Step> steps, @ForAll @IntRange(min = -1800, max = 1800) int start,
            @ForAll @IntRange(min = 0, max = 20) int defective) {
        History h = new History();
        write(h, "cnc-01", start, steps);
        try (DuckDbSink sink = DuckDbSink.openInMemory(); KpiCalculator kpi = calculator(h, sink)) {
            if (kpi.machineIds(TO).isEmpty()) {
                return; // every sample after the window
            }
            long parts = kpi.machine("cnc-01", FROM, TO, List.of()).partsTotal();
            List<PartResult> results = new ArrayList<>();
            for (int i = 0; i < Math.min(parts, defective); i++) {
                results.add(new PartResult("cnc-01", FROM.plusSeconds(i), true));
            }
            MachineKpis m = kpi.machine("cnc-01", FROM, TO, results);
            assertRatios(m);
            assertEquals(Duration.ofHours(1), m.planned().plus(m.operatorStops()).plus(m.noData()));
            assertEquals(m.planned(), m.runTime().plus(m.unplannedDowntime()));
        }
    }

    @Property(tries = 40)
    void thePlantTimesAndCountsAreTheSumsOfTheMachinesAndOeeIsTheProduct(
            @ForAll @Size(min = 1, max = 4) List<@net.jqwik.api.From("machine") List<Step>> machines,
            @ForAll @IntRange(min = -1800, max = 600) int start) {
        History h = new History();
        for (int i = 0; i < machines.size(); i++) {
            write(h, String.format("cnc-%02d", i + 1), start + 60 * i, machines.get(i));
        }
        try (DuckDbSink sink = DuckDbSink.openInMemory(); KpiCalculator kpi = calculator(h, sink)) {
            if (kpi.machineIds(TO).isEmpty()) {
                return;
            }
            PlantKpis plant = kpi.plant(FROM, TO, List.of());
            Duration planned = Duration.ZERO;
            Duration run = Duration.ZERO;
            Duration down = Duration.ZERO;
            Duration stops = Duration.ZERO;
            long parts = 0;
            int failures = 0;
            double energy = 0;
            for (MachineKpis m : plant.machines()) {
                assertRatios(m);
                assertEquals(m.availability() * m.performance() * m.quality(), m.oee(), 0.0);
                planned = planned.plus(m.planned());
                run = run.plus(m.runTime());
                down = down.plus(m.unplannedDowntime());
                stops = stops.plus(m.operatorStops());
                parts += m.partsTotal();
                failures += m.failures();
                energy += m.energyKwh();
            }
            MachineKpis p = plant.plant();
            assertRatios(p);
            assertEquals(p.availability() * p.performance() * p.quality(), p.oee(), 0.0);
            assertEquals(planned, p.planned());
            assertEquals(run, p.runTime());
            assertEquals(down, p.unplannedDowntime());
            assertEquals(stops, p.operatorStops());
            assertEquals(parts, p.partsTotal());
            assertEquals(failures, p.failures());
            assertEquals(energy, p.energyKwh(), 1e-9 * Math.max(1, energy));
        }
    }
}
