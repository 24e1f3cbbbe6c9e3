package org.industry4.examples.factory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.industry4.examples.factory.kpi.FaultOutcome;
import org.industry4.examples.factory.kpi.MachineKpis;
import org.industry4.examples.factory.kpi.PlantKpis;
import org.industry4.examples.factory.kpi.ScorecardResult;
import org.industry4.examples.factory.report.HtmlReport;
import org.industry4.examples.factory.report.PngImage;
import org.industry4.examples.factory.report.TimeSeriesChart;
import org.industry4.opcua.sim.FaultEvent;

/** The run's self-contained HTML page: KPIs, detection, per-machine plots, the closed loop, maintenance, quality. */
final class FactoryReport {

    private static final String RED = "#d62728";
    private static final String BLUE = "#1f77b4";
    private static final String GREEN = "#2ca02c";
    private static final String ORANGE = "#ff7f0e";
    private static final String GREY = "#7f7f7f";
    private static final double SCORE_CLIP = 10;

    private FactoryReport() {
    }

    static Path write(ClosedLoopFactory.Options options, RunLog log, List<FaultEvent> truth, ScorecardResult stage1,
                      ScorecardResult scorecard,
                      PlantKpis kpis, List<MaintenancePlanner.Plan> plans, Instant start, Instant end,
                      List<String> machines, Path file) throws IOException {
        HtmlReport r = HtmlReport.titled("industry4 closed-loop factory")
                .subtitle(String.format(Locale.ROOT, "%d simulated CNC machines, %s of plant time at %.0fx real time, "
                                + "seed %d; times are simulated plant time (UTC)", machines.size(),
                        ClosedLoopFactory.human(options.duration()), options.speedUp(), options.seed()))
                .generatedAt(Instant.now());

        r.section("KPIs");
        r.paragraph("Computed from the stored history (DuckDB) over the whole run. Availability = run time / planned "
                + "time (operator and technician stops are planned); performance = ideal cycle (17.3 s: cutting at "
                + "the highest feed, 150 %, plus loading) x parts / run time; quality = parts passing inspection / parts; OEE = A x P x Q. MTBF and "
                + "MTTR from the machines' ALARM episodes.");
        List<List<String>> rows = new ArrayList<>();
        List<MachineKpis> all = new ArrayList<>(kpis.machines());
        all.add(kpis.plant());
        for (MachineKpis m : all) {
            rows.add(List.of(m.machineId(), f3(m.availability()), f3(m.performance()), f3(m.quality()), f3(m.oee()),
                    f3(m.fpy()), Long.toString(m.partsTotal()), Long.toString(m.failures()),
                    m.mtbf().map(d -> f1(d.toSeconds() / 60.0)).orElse("-"),
                    m.mttr().map(d -> f1(d.toSeconds() / 60.0)).orElse("-"),
                    f1(m.unplannedDowntime().toSeconds() / 60.0), f1(m.energyKwh()),
                    m.energyPerGoodPartKwh().isPresent() ? f3(m.energyPerGoodPartKwh().getAsDouble()) : "-"));
        }
        r.table(List.of("machine", "availability", "performance", "quality", "OEE", "FPY", "parts", "failures",
                "MTBF min", "MTTR min", "unplanned downtime min", "energy kWh", "kWh per good part"), rows);

        r.section("Detection scorecard");
        r.paragraph(String.format(Locale.ROOT, "%d of %d faults detected by the operator alarms (mean delay %s, max %s); "
                        + "%d false alarms, %.2f per machine-hour. Stage 1 (PCA process control) raised %d alarms: %d "
                        + "faults detected, %d false alarms (%.2f per machine-hour); stage 2 (the fault classifier) "
                        + "dismissed those it diagnosed as normal running. Faults are the simulator's ground truth from "
                        + "the end of the warm-up; sensor dropouts are not counted. A fault counts as detected by the "
                        + "first alarm on its machine within 10 minutes of its onset.", scorecard.detected(),
                scorecard.faults(), FactoryFinish.fmt(scorecard.meanDelay()), FactoryFinish.fmt(scorecard.maxDelay()),
                scorecard.falseAlarmCount(), scorecard.falseAlarmsPerMachineHour(), log.alarms.size(), stage1.detected(),
                stage1.falseAlarmCount(), stage1.falseAlarmsPerMachineHour()));
        List<List<String>> faultRows = new ArrayList<>();
        for (FaultOutcome o : scorecard.outcomes()) {
            RunLog.Alarm a = o.alarm().map(x -> log.alarmStartedAt(x.machineId(), x.start())).orElse(null);
            faultRows.add(List.of(o.machineId(), o.kind().name(), at(start, o.time()),
                    o.detected() ? "yes" : "no", FactoryFinish.fmt(o.delay()),
                    a == null ? "-" : a.topContributor, a == null || a.diagnosis == null ? "-"
                            : a.diagnosis + " (" + f2(a.confidence) + ")"));
        }
        r.table(List.of("machine", "fault", "began", "detected", "delay", "top contributor", "diagnosis"), faultRows);
        List<List<String>> alarmRows = new ArrayList<>();
        for (RunLog.Alarm a : log.alarms) {
            alarmRows.add(List.of(a.machine, at(start, a.start), a.end == null ? "-" : at(start, a.end), f2(a.score),
                    a.chart, a.topContributor, a.diagnosis == null ? "-" : a.diagnosis + " (" + f2(a.confidence) + ")",
                    a.endReason == null ? "-" : a.endReason));
        }
        r.paragraph("Every alarm raised:");
        r.table(List.of("machine", "start", "end", "score", "chart", "top contributor", "diagnosis", "ended"), alarmRows);

        for (String m : machines) {
            machineSection(r, m, log, truth, options, start);
        }

        r.section("Closed loop: setpoints written over OPC UA");
        r.paragraph("The twin's what-if optimiser proposes the highest feed override whose predicted spindle growth "
                + "stays within " + f1(options.growthToleranceUm()) + " um over the next two hours; the proposal is "
                + "written to the machine's setpoint node. Technicians stop and restart machines for planned "
                + "replacements through the same path.");
        List<List<String>> writeRows = new ArrayList<>();
        for (RunLog.SetpointWrite w : log.writes) {
            writeRows.add(List.of(w.machine(), at(start, w.time()), w.signal(), f1(w.oldValue()), f1(w.newValue()),
                    w.status(), Double.isFinite(w.predictedPeakGrowth()) ? f1(w.predictedPeakGrowth()) : "-",
                    w.reason()));
        }
        r.table(List.of("machine", "time", "setpoint", "old", "new", "status", "predicted peak um", "why"), writeRows);

        r.section("Maintenance");
        r.paragraph(String.format(Locale.ROOT, "A bearing replacement is asked for when the RUL's 90 %% interval lower "
                + "bound falls below %.0f minutes; pending jobs are planned every %d minutes into technician tours from "
                + "the spare-parts store (0, 0) across the sites, solved by OR-Tools and verified.",
                options.rulHorizonMinutes(), ClosedLoopFactory.PLANNING_EVERY.toMinutes()));
        List<List<String>> visitRows = new ArrayList<>();
        for (MaintenancePlanner.Plan p : plans) {
            for (MaintenancePlanner.Visit v : p.visits()) {
                visitRows.add(List.of(at(start, p.time()), Integer.toString(v.tour()), v.machine(), v.site(),
                        at(start, v.arrival()), at(start, v.done())));
            }
        }
        r.table(List.of("planned at", "tour", "machine", "site", "arrival", "done"), visitRows);
        for (MaintenancePlanner.Plan p : plans) {
            r.svg(p.svg(), String.format(Locale.ROOT, "Tours planned at %s: %d jobs, %.1f km (%s)", at(start, p.time()),
                    p.jobs().size(), p.solution().cost(), p.solver()));
        }
        List<List<String>> repairRows = new ArrayList<>();
        for (RunLog.Repair rep : log.repairs) {
            repairRows.add(List.of(rep.machine(), at(start, rep.time()), rep.reason()));
        }
        r.paragraph("Repairs and replacements:");
        r.table(List.of("machine", "time", "what"), repairRows);

        r.section("Quality inspection");
        long parts = log.inspections.size();
        long rejected = log.inspections.stream().filter(QualityStation.Inspection::flagged).count();
        long defective = log.inspections.stream().filter(QualityStation.Inspection::defective).count();
        long caught = log.inspections.stream().filter(i -> i.flagged() && i.defective()).count();
        r.paragraph(String.format(Locale.ROOT, "%d parts photographed and scored by PatchCore (weights-free filter-bank "
                + "features, trained on 100 good parts, threshold the 99.5th percentile of 200 more): %d rejected, %d of %d "
                + "truly defective parts caught, %d good parts rejected. Heat maps of the first rejects, the true defect "
                + "outlined:", parts, rejected, caught, defective, rejected - caught));
        List<PngImage> images = new ArrayList<>();
        for (QualityStation.Inspection i : log.inspections) {
            if (i.heatMap() != null && images.size() < 24) {
                images.add(PngImage.read(i.heatMap(), i.partId() + " score " + f2(i.score()) + " ("
                        + (i.defective() ? i.defect().name().toLowerCase(Locale.ROOT) : "good") + ")"));
            }
        }
        if (!images.isEmpty()) {
            r.imageGrid(images);
        }

        r.section("Data");
        r.paragraph("Every sample collected is in factory.duckdb (table samples) and in parquet/ next to this page; "
                + "heat maps are in heatmaps/.");
        return r.write(file);
    }

    private static void machineSection(HtmlReport r, String m, RunLog log, List<FaultEvent> truth,
                                       ClosedLoopFactory.Options options, Instant start) {
        RunLog.Series s = log.series(m);
        r.section(m);
        if (s.time.isEmpty()) {
            r.paragraph("No complete minute was collected.");
            return;
        }
        TimeSeriesChart.Builder sensors = TimeSeriesChart.builder(m + ": vibration and temperatures (minute means)")
                .yAxis("value", "g / °C")
                .line("vibration x10 (g)", s.time, scale(s.vibration.toArray(), 10), BLUE)
                .line("bearing temperature (°C)", s.time, s.bearingTemp.toArray(), ORANGE)
                .line("spindle temperature (°C)", s.time, s.spindleTemp.toArray(), RED);
        events(sensors, m, log, truth);
        r.chart(sensors.build());

        double[] scores = s.maxScore.toArray();
        for (int i = 0; i < scores.length; i++) {
            scores[i] = Math.min(scores[i], SCORE_CLIP);
        }
        TimeSeriesChart.Builder score = TimeSeriesChart.builder(m + ": anomaly score (highest per minute, clipped at "
                + f1(SCORE_CLIP) + "; > 1 is out of control; gaps: not scored)").yAxis("score", "x limit")
                .line("PCA T2/Q score", s.time, scores, BLUE)
                .reference(1.0, "control limit", RED);
        events(score, m, log, truth);
        r.chart(score.build());

        if (!s.rulTime.isEmpty()) {
            TimeSeriesChart.Builder rul = TimeSeriesChart.builder(m + ": bearing remaining useful life (LSTM, 90 % "
                    + "interval)").yAxis("RUL", "min")
                    .band("90 % interval", s.rulTime, s.rulLower.toArray(), s.rulUpper.toArray(), BLUE)
                    .line("RUL estimate", s.rulTime, s.rul.toArray(), BLUE)
                    .reference(options.rulHorizonMinutes(), "maintenance horizon", ORANGE);
            for (RunLog.Repair rep : log.repairs) {
                if (rep.machine().equals(m)) {
                    rul.marker(rep.time(), rep.reason(), GREEN);
                }
            }
            r.chart(rul.build());
        }

        TimeSeriesChart.Builder growth = TimeSeriesChart.builder(m + ": spindle thermal growth, measured vs twin "
                + "(one minute ahead)").yAxis("growth", "um")
                .line("measured", s.time, s.growth.toArray(), GREY)
                .line("twin prediction", s.time, s.twinGrowth.toArray(), RED)
                .reference(options.growthToleranceUm(), "tolerance", ORANGE);
        for (RunLog.SetpointWrite w : log.writes) {
            if (w.machine().equals(m)) {
                growth.marker(w.time(), w.signal() + " " + f1(w.oldValue()) + " -> " + f1(w.newValue()), BLUE);
            }
        }
        r.chart(growth.build());
    }

    /** Fault onsets, alarm episodes, repairs and setpoint writes of one machine on a chart. */
    private static void events(TimeSeriesChart.Builder chart, String m, RunLog log, List<FaultEvent> truth) {
        Instant last = log.series(m).time.get(log.series(m).time.size() - 1);
        for (FaultEvent f : truth) {
            if (f.machineId().equals(m)) {
                chart.marker(f.wallTime(), "fault: " + f.kind(), RED);
            }
        }
        for (RunLog.Alarm a : log.alarms) {
            if (a.machine.equals(m)) {
                Instant to = a.end == null ? last : a.end;
                if (to.isAfter(a.start)) {
                    chart.shade(a.start, to, "alarm" + (a.diagnosis == null ? "" : ": " + a.diagnosis));
                }
            }
        }
        for (RunLog.Repair rep : log.repairs) {
            if (rep.machine().equals(m)) {
                chart.marker(rep.time(), rep.reason(), GREEN);
            }
        }
    }

    private static double[] scale(double[] v, double k) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * k;
        }
        return out;
    }

    private static String at(Instant start, Instant t) {
        return ClosedLoopFactory.human(Duration.between(start, t));
    }

    private static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String f3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
