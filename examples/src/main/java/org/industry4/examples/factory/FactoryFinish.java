package org.industry4.examples.factory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.industry4.examples.factory.kpi.DetectionScorecard;
import org.industry4.examples.factory.kpi.FaultOutcome;
import org.industry4.examples.factory.kpi.KpiCalculator;
import org.industry4.examples.factory.kpi.KpiOptions;
import org.industry4.examples.factory.kpi.MachineKpis;
import org.industry4.examples.factory.kpi.PartResult;
import org.industry4.examples.factory.kpi.PlantKpis;
import org.industry4.examples.factory.kpi.RaisedAlarm;
import org.industry4.examples.factory.kpi.Repair;
import org.industry4.examples.factory.kpi.ScorecardOptions;
import org.industry4.examples.factory.kpi.ScorecardResult;
import org.industry4.opcua.sim.FaultEvent;
import org.industry4.opcua.store.DuckDbSink;
import org.industry4.opcua.store.ParquetExport;

/** The end of a run: KPIs from the stored history, the scorecard, Parquet, the report, the KPI table. */
final class FactoryFinish {

    private FactoryFinish() {
    }

    static FactoryResult finish(ClosedLoopFactory.Options options, RunLog log, List<FaultEvent> truth,
                                List<MaintenancePlanner.Plan> plans, Path database, Instant start, Instant end,
                                List<String> machines, FactoryOutputs outputs, PrintStream out, double wallSeconds)
            throws IOException {
        List<PartResult> parts = log.inspections.stream()
                .map(i -> new PartResult(i.machine(), i.time(), i.flagged())).toList();
        // One opening of the stored history for the KPIs, the sample count and the Parquet export.
        PlantKpis kpis;
        long samplesStored;
        ParquetExport parquet;
        try (DuckDbSink stored = DuckDbSink.open(database)) {
            kpis = KpiCalculator.of(stored, new KpiOptions().withIdealCycleTime(Plant.IDEAL_CYCLE))
                    .plant(start, end, parts);
            samplesStored = stored.sampleCount();
            parquet = stored.exportParquet(options.output().resolve("parquet"));
        }
        outputs.kpis(kpis);

        // Detection is scored from the end of the warm-up: before it no model exists.
        Instant monitoredFrom = start.plus(options.warmUp());
        List<FaultEvent> faults = truth.stream()
                .filter(f -> !f.wallTime().isBefore(monitoredFrom) && f.wallTime().isBefore(end)).toList();
        List<RaisedAlarm> raised = log.alarms.stream().map(a -> new RaisedAlarm(a.machine, a.start, a.end)).toList();
        List<RaisedAlarm> kept = log.alarms.stream().filter(a -> !a.dismissed())
                .map(a -> new RaisedAlarm(a.machine, a.start, a.end)).toList();
        List<Repair> repairs = log.repairs.stream().map(r -> new Repair(r.machine(), r.time())).toList();
        Duration machineTime = Duration.between(monitoredFrom, end).multipliedBy(machines.size());
        DetectionScorecard scorer = new DetectionScorecard(new ScorecardOptions());
        ScorecardResult stage1 = scorer.score(faults, raised, repairs, machineTime);
        ScorecardResult scorecard = scorer.score(faults, kept, repairs, machineTime);

        Path report = FactoryReport.write(options, log, truth, stage1, scorecard, kpis, plans, start, end, machines,
                options.output().resolve("index.html"));

        int defective = (int) log.inspections.stream().filter(QualityStation.Inspection::defective).count();
        int caught = (int) log.inspections.stream().filter(i -> i.defective() && i.flagged()).count();
        int rejected = (int) log.inspections.stream().filter(QualityStation.Inspection::flagged).count();
        FactoryResult result = new FactoryResult(truth, log.alarms.size(), kept.size(),
                (int) log.alarms.stream().filter(a -> a.diagnosis != null).count(), log.writes.size(),
                (int) log.writes.stream().filter(RunLog.SetpointWrite::good).count(), log.repairs.size(),
                log.jobs.size(), plans.size(), log.inspections.size(), rejected, defective, caught, kpis, stage1,
                scorecard, samplesStored, outputs.published(), database, parquet.samples().getParent(), report, wallSeconds);
        print(result, out);
        return result;
    }

    static void print(FactoryResult r, PrintStream out) {
        out.println();
        out.printf(Locale.ROOT, "%-8s %6s %6s %6s %6s %6s %6s %6s %8s %8s %9s %10s%n", "machine", "avail", "perf", "qual",
                "OEE", "FPY", "parts", "fails", "MTBF min", "MTTR min", "down min", "kWh/part");
        List<MachineKpis> rows = new ArrayList<>(r.kpis().machines());
        rows.add(r.kpis().plant());
        for (MachineKpis m : rows) {
            out.printf(Locale.ROOT, "%-8s %6.3f %6.3f %6.3f %6.3f %6.3f %6d %6d %8s %8s %9.1f %10s%n", m.machineId(),
                    m.availability(), m.performance(), m.quality(), m.oee(), m.fpy(), m.partsTotal(), m.failures(),
                    minutes(m.mtbf()), minutes(m.mttr()), m.unplannedDowntime().toSeconds() / 60.0,
                    m.energyPerGoodPartKwh().isPresent()
                            ? String.format(Locale.ROOT, "%.3f", m.energyPerGoodPartKwh().getAsDouble()) : "-");
        }
        ScorecardResult s = r.scorecard();
        ScorecardResult s1 = r.stage1Scorecard();
        out.println();
        out.printf(Locale.ROOT, "detection: %d of %d faults detected (mean delay %s, max %s), %d false alarms "
                        + "(%.2f per machine-hour) after stage 2 dismissed %d alarms it diagnosed as normal; stage 1 "
                        + "alone: %d detected, %d false alarms (%.2f per machine-hour)%n", s.detected(), s.faults(),
                fmt(s.meanDelay()), fmt(s.maxDelay()), s.falseAlarmCount(), s.falseAlarmsPerMachineHour(),
                r.alarms() - r.operatorAlarms(), s1.detected(), s1.falseAlarmCount(), s1.falseAlarmsPerMachineHour());
        for (FaultOutcome o : s.outcomes()) {
            out.printf(Locale.ROOT, "  %-8s %-15s %s%n", o.machineId(), o.kind(),
                    o.detected() ? "detected after " + fmt(o.delay()) : "missed");
        }
        out.printf(Locale.ROOT, "quality: %d parts inspected, %d rejected, %d of %d defective parts caught%n", r.parts(),
                r.rejected(), r.caught(), r.defective());
        out.printf(Locale.ROOT, "closed loop: %d setpoint writes (%d accepted by the server), %d repairs, %d RUL "
                + "maintenance jobs in %d tours%n", r.setpointWrites(), r.goodWrites(), r.repairs(), r.maintenanceJobs(),
                r.tours());
        out.printf(Locale.ROOT, "%,d samples in %s, Parquet in %s, %,d MQTT messages, %.0f s wall clock%n",
                r.samplesStored(), r.database(), r.parquet(), r.mqttPublished(), r.wallSeconds());
    }

    private static String minutes(Optional<Duration> d) {
        return d.map(x -> String.format(Locale.ROOT, "%.1f", x.toSeconds() / 60.0)).orElse("-");
    }

    static String fmt(Optional<Duration> d) {
        return d.map(x -> ClosedLoopFactory.human(x)).orElse("-");
    }
}
