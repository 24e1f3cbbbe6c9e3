package org.industry4.twin.online;

import static org.industry4.twin.sim.SpindleThermalPhysics.AMBIENT;
import static org.industry4.twin.sim.SpindleThermalPhysics.COOLANT;
import static org.industry4.twin.sim.SpindleThermalPhysics.GROWTH;
import static org.industry4.twin.sim.SpindleThermalPhysics.LOAD;
import static org.industry4.twin.sim.SpindleThermalPhysics.SPEED;
import static org.industry4.twin.sim.SpindleThermalPhysics.TEMPERATURE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.industry4.core.FeatureSchema;
import org.industry4.core.Quality;
import org.industry4.core.TelemetryFrame;
import org.industry4.twin.dynamics.SetpointSchedule;
import org.industry4.twin.dynamics.Simulator;
import org.industry4.twin.dynamics.StateSpaceModel;
import org.industry4.twin.dynamics.Trajectory;
import org.industry4.twin.dynamics.Adaptive;
import org.industry4.twin.sim.MeasuredRun;
import org.industry4.twin.sim.OperatingRange;
import org.industry4.twin.sim.SpindleThermalTruth;
import org.junit.jupiter.api.Test;

class TwinFollowerTest {

    private static final Instant T0 = Instant.parse("2026-01-05T06:00:00Z");
    private static final FeatureSchema SCHEMA = FeatureSchema.of("cnc-01/speed", "cnc-01/load", "hall/ambient",
            "cnc-01/coolant", "cnc-01/spindle_temp", "cnc-01/growth");
    private static final TwinMapping MAPPING = new TwinMapping(
            Map.of(SPEED, "cnc-01/speed", LOAD, "cnc-01/load", AMBIENT, "hall/ambient", COOLANT, "cnc-01/coolant"),
            Map.of(TEMPERATURE, "cnc-01/spindle_temp"), Map.of(GROWTH, "cnc-01/growth"));
    private static final double THRESHOLD = 6;

    private final SpindleThermalTruth truth = new SpindleThermalTruth();
    private final SetpointSchedule schedule = OperatingRange.training().schedule(7200, 11);

    /** Frames of a measured run, every 10 s; {@code growthOffset} added to the growth from {@code faultAt} on. */
    private static List<TelemetryFrame> frames(MeasuredRun run, double faultAt, double growthOffset) {
        Trajectory tr = run.truth();
        double[][] u = tr.inputs();
        double[] temp = run.measuredState(TEMPERATURE);
        double[] growth = run.measuredOutput(GROWTH);
        List<TelemetryFrame> out = new ArrayList<>();
        for (int k = 0; k < tr.size(); k++) {
            double g = growth[k] + (tr.time(k) >= faultAt ? growthOffset : 0);
            double[] v = {u[k][0], u[k][1], u[k][2], u[k][3], temp[k], g};
            Quality[] q = new Quality[v.length];
            Arrays.fill(q, Quality.GOOD);
            out.add(new TelemetryFrame(T0.plusMillis(Math.round(tr.time(k) * 1000)), SCHEMA, v, q));
        }
        return out;
    }

    private TwinFollower follower() {
        return new TwinFollower(truth, MAPPING, new double[] {20}, new FollowerOptions());
    }

    /** Scores of every frame after the first, the scorer fitted on the first {@code fitFrames}. */
    private static double[] scores(TwinFollower f, List<TelemetryFrame> frames, int fitFrames) {
        List<List<Residual>> all = new ArrayList<>();
        for (TelemetryFrame fr : frames) {
            all.add(f.accept(fr));
        }
        ResidualScorer scorer = ResidualScorer.fit(f.residualNames(), all.subList(0, fitFrames));
        return all.stream().skip(1).mapToDouble(scorer::score).toArray();
    }

    @Test
    void followingTheTruthWithItsOwnModelGivesNoiseSizedResiduals() {
        MeasuredRun run = truth.run(schedule, schedule.valueAt(0, AMBIENT), 10, 5);
        TwinFollower f = follower();
        List<TelemetryFrame> frames = frames(run, Double.POSITIVE_INFINITY, 0);
        double sumT = 0;
        double sumG = 0;
        int n = 0;
        for (TelemetryFrame fr : frames) {
            List<Residual> r = f.accept(fr);
            if (r.isEmpty()) {
                continue;
            }
            assertEquals(List.of(TEMPERATURE, GROWTH), r.stream().map(Residual::name).toList());
            sumT += r.get(0).value() * r.get(0).value();
            sumG += r.get(1).value() * r.get(1).value();
            n++;
        }
        assertEquals(720, n);
        // noise 0.05 C and 0.3 um; the observer's own estimate error adds a little
        assertTrue(Math.sqrt(sumT / n) < 0.1, "temperature residual rms " + Math.sqrt(sumT / n));
        assertTrue(Math.sqrt(sumG / n) < 0.45, "growth residual rms " + Math.sqrt(sumG / n));
        assertEquals(721, f.acceptedFrames());
        double[] s = scores(follower(), frames, 360);
        assertTrue(Arrays.stream(s).max().orElseThrow() < THRESHOLD, "max normal score "
                + Arrays.stream(s).max().orElseThrow());
    }

    @Test
    void aGrowthOffsetFaultMakesTheResidualAndScoreGrow() {
        MeasuredRun run = truth.run(schedule, schedule.valueAt(0, AMBIENT), 10, 6);
        double[] s = scores(follower(), frames(run, 3600, 5.0), 300);
        double before = Arrays.stream(s, 0, 359).max().orElseThrow();
        long after = Arrays.stream(s, 360, s.length).filter(v -> v > THRESHOLD).count();
        assertTrue(before < THRESHOLD, "max score before the fault " + before);
        assertTrue(after > 0.95 * (s.length - 360), after + " of " + (s.length - 360) + " frames above threshold");
    }

    @Test
    void extraHeatShowsInTheTemperatureInnovation() {
        // the faulty machine: 300 W of extra heat (a failing bearing) from t = 3600 s
        StateSpaceModel faulty = new StateSpaceModel() {
            public List<String> stateNames() { return truth.stateNames(); }
            public List<String> inputNames() { return truth.inputNames(); }
            public List<String> outputNames() { return truth.outputNames(); }
            public void derivative(double t, double[] x, double[] u, double[] d) {
                truth.derivative(t, x, u, d);
                d[0] += t >= 3600 ? 300 / truth.constants().physics().heatCapacity() : 0;
            }
            public void output(double t, double[] x, double[] u, double[] y) { truth.output(t, x, u, y); }
        };
        // a (no-op) switch at the fault time, so the integration is cut where the heat jumps
        SetpointSchedule full = SetpointSchedule.builder().at(0, Map.of(SPEED, 6000.0, LOAD, 0.5, AMBIENT, 20.0,
                COOLANT, 0.0)).at(3600, Map.of(LOAD, 0.5)).until(7200).build();
        Trajectory tr = new Simulator().simulate(faulty, new double[] {20}, full, 10, new Adaptive());
        MeasuredRun run = MeasuredRun.measure(faulty, tr, new double[] {0.05}, new double[] {0.3}, 9);
        TwinFollower f = follower();
        List<List<Residual>> all = new ArrayList<>();
        for (TelemetryFrame fr : frames(run, Double.POSITIVE_INFINITY, 0)) {
            all.add(f.accept(fr));
        }
        ResidualScorer scorer = ResidualScorer.fit(f.residualNames(), all.subList(0, 300));
        double before = all.subList(1, 360).stream().mapToDouble(scorer::score).max().orElseThrow();
        double[] innovation = all.subList(361, all.size()).stream().mapToDouble(r -> r.get(0).value()).toArray();
        double meanInnovation = Arrays.stream(innovation).average().orElseThrow();
        long above = all.subList(361, all.size()).stream().filter(r -> scorer.score(r) > THRESHOLD).count();
        assertTrue(before < THRESHOLD, "max score before the fault " + before);
        // 300 W over 10 s heats by 0.33 K per frame; with gain 0.5 the innovation settles near 0.65 K
        assertTrue(meanInnovation > 0.5, "mean temperature innovation " + meanInnovation);
        assertTrue(above > 0.9 * innovation.length, above + " of " + innovation.length + " above threshold");
    }

    @Test
    void badQualityAndOutOfOrderFramesAreSkippedAndCounted() {
        TwinFollower f = follower();
        Quality[] good = new Quality[6];
        Arrays.fill(good, Quality.GOOD);
        double[] v = {6000, 0.5, 20, 0, 20, 0};
        f.accept(new TelemetryFrame(T0, SCHEMA, v, good));
        Quality[] bad = good.clone();
        bad[0] = Quality.BAD;
        double[] nan = v.clone();
        nan[0] = Double.NaN;
        assertTrue(f.accept(new TelemetryFrame(T0.plusSeconds(10), SCHEMA, nan, bad)).isEmpty());
        assertEquals(1, f.skippedFrames());
        assertTrue(f.accept(new TelemetryFrame(T0, SCHEMA, v, good)).isEmpty());
        assertEquals(1, f.outOfOrderFrames());
        List<Residual> r = f.accept(new TelemetryFrame(T0.plusSeconds(20), SCHEMA, v, good));
        assertEquals(2, r.size());
        assertEquals(T0.plusSeconds(20), f.lastTime().orElseThrow());
        // 20 s of heating bridged over the skipped frame
        assertTrue(r.get(0).predicted() > 20.3, "predicted " + r.get(0).predicted());
        assertTrue(Double.isFinite(f.state()[0]));
    }

    @Test
    void mappingErrorsNameTheMissingNames() {
        TwinMapping noLoad = new TwinMapping(Map.of(SPEED, "s", AMBIENT, "a", COOLANT, "c"),
                Map.of(TEMPERATURE, "t"), Map.of("growth", "g"));
        String msg = assertThrows(IllegalArgumentException.class,
                () -> new TwinFollower(truth, noLoad, new double[] {20}, new FollowerOptions())).getMessage();
        assertTrue(msg.contains("model inputs not mapped to a frame feature: [load]"), msg);
        assertTrue(msg.contains("mapped outputs the model does not have: [growth]"), msg);
        TwinFollower f = follower();
        FeatureSchema partial = FeatureSchema.of("cnc-01/speed", "cnc-01/load", "hall/ambient", "cnc-01/coolant");
        Quality[] q = new Quality[4];
        Arrays.fill(q, Quality.GOOD);
        msg = assertThrows(IllegalArgumentException.class,
                () -> f.accept(new TelemetryFrame(T0, partial, new double[4], q))).getMessage();
        assertTrue(msg.contains("telemetry frame lacks the mapped features [cnc-01/spindle_temp, cnc-01/growth]"), msg);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new FollowerOptions().withStateGain(1.5))
                .getMessage().contains("stateGain must be in [0, 1], got 1.5"));
    }

    @Test
    void scorerIsACoreScorerOverResidualNames() {
        ResidualScorer raw = ResidualScorer.unnormalised(List.of(TEMPERATURE, GROWTH));
        assertEquals(3.0, raw.score(new double[] {0.5, -3}));
        ResidualScorer fitted = ResidualScorer.fit(List.of("a"), new double[][] {{1}, {3}});
        assertEquals(2.0, fitted.mean()[0]);
        assertEquals(Math.sqrt(2), fitted.std()[0], 1e-12);
        assertEquals(2 / Math.sqrt(2), fitted.score(new double[] {4}), 1e-12);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> raw.score(new double[] {Double.NaN, 0}))
                .getMessage().contains("feature spindle_temp (index 0) must be finite, got NaN"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ResidualScorer.fit(List.of("a"), new double[][] {{1}, {1}})).getMessage()
                .contains("residual a has zero spread"));
    }

    @Test
    void aFollowerResumedFromASnapshotAnswersEveryLaterFrameAsTheOriginalDoes() {
        MeasuredRun run = truth.run(schedule, schedule.valueAt(0, AMBIENT), 10, 8);
        List<TelemetryFrame> frames = frames(run, 3600, 4.0);
        TwinFollower original = follower();
        assertEquals(follower().snapshot(), TwinFollower.resume(truth, MAPPING, follower().snapshot(),
                new FollowerOptions()).snapshot(), "a fresh follower resumes as a fresh one");
        TwinFollower resumed = null;
        for (int k = 0; k < frames.size(); k++) {
            if (k == 300) {
                resumed = TwinFollower.resume(truth, MAPPING, original.snapshot(), new FollowerOptions());
            }
            List<Residual> expected = original.accept(frames.get(k));
            if (resumed != null) {
                assertEquals(expected, resumed.accept(frames.get(k)), "frame " + k);
            }
        }
        assertEquals(original.snapshot(), resumed.snapshot());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TwinFollower.resume(truth,
                MAPPING, new TwinFollower.Snapshot(new double[] {20}, T0, T0, new double[] {1, 2}, 1, 0, 0),
                new FollowerOptions()));
        assertTrue(e.getMessage().contains("expected 4 inputs"), e.getMessage());
    }
}
