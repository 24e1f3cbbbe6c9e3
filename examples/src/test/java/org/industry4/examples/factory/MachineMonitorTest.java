package org.industry4.examples.factory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.industry4.anomaly.fault.Diagnosis;
import org.industry4.anomaly.fault.FaultClassifierModel;
import org.industry4.anomaly.fault.WindowFeatures;
import org.industry4.anomaly.spc.PcaSpcModel;
import org.industry4.core.FeatureSchema;
import org.industry4.core.Quality;
import org.industry4.core.SignalId;
import org.industry4.core.TelemetryFrame;
import org.industry4.opcua.sim.MachineState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One machine's analytics on frames the test makes: quiet on normal running, an alarm when a sensor falls silent. */
class MachineMonitorTest {

    private static final String M = "cnc-09";
    private static final FeatureSchema SCHEMA = FeatureSchema.ofSignals(Plant.ANALOG.stream()
            .map(s -> SignalId.of(M + "/" + s.path())).toList());
    private static WindowFeatures features;
    private static FaultClassifierModel classifier;

    @BeforeAll
    static void trainAClassifier() {
        features = OfflineTraining.windowFeatures();
        classifier = OfflineTraining.faultClassifier(features, 2, 1, 3, Runnable::run);
    }

    /** Records what the monitor reports. */
    private static final class Recorder implements MachineMonitor.Listener {
        final List<String> started = new ArrayList<>();
        final List<String> ended = new ArrayList<>();
        int minutes;

        @Override
        public void alarmStarted(String machine, Instant time, double score, String chart, String top) {
            started.add(chart + " " + top);
        }

        @Override
        public void alarmEnded(String machine, Instant time, Instant start, double peak, String reason) {
            ended.add(reason);
        }

        @Override
        public void diagnosed(String machine, Instant alarmStart, Instant time, Diagnosis diagnosis) {
        }

        @Override
        public void minute(String machine, Instant time, MinuteStats minute, double feed, boolean running,
                           double maxScore) {
            minutes++;
        }

        @Override
        public void modelTrained(String machine, Instant time, int rows, PcaSpcModel model) {
        }
    }

    private final SplittableRandom random = new SplittableRandom(11);
    private Instant time = Instant.parse("2026-11-23T06:00:00Z");

    private TelemetryFrame frame(int badSignal) {
        double load = random.nextGaussian(); // one common cause, as in a machine: signals move together
        double[] v = {8_000 + 20 * random.nextGaussian(), 1.0 + 0.05 * load + 0.01 * random.nextGaussian(),
            30 + 0.2 * load + 0.05 * random.nextGaussian(), 45 + 0.4 * load + 0.05 * random.nextGaussian(),
            20 + 0.6 * load + 0.1 * random.nextGaussian(), 0.4 + 0.01 * random.nextGaussian()};
        Quality[] q = new Quality[v.length];
        Arrays.fill(q, Quality.GOOD);
        if (badSignal >= 0) {
            v[badSignal] = Double.NaN;
            q[badSignal] = Quality.BAD;
        }
        time = time.plusSeconds(1);
        return new TelemetryFrame(time, SCHEMA, v, q);
    }

    private MachineMonitor monitoring(Recorder recorder) {
        MachineMonitor monitor = new MachineMonitor(M, MachineMonitor.modelSchema(M), MachineMonitor.Timeline.defaults(),
                features, classifier, 8_000, 100, recorder);
        monitor.state(MachineState.RUNNING);
        for (int i = 0; i < 600; i++) {
            monitor.accept(frame(-1));
        }
        monitor.endWarmUp(time);
        assertEquals(MachineMonitor.Phase.MONITORING, monitor.phase());
        return monitor;
    }

    @Test
    void aSensorThatFallsSilentWhileTheMachineProducesRaisesAnAlarmNamingIt() {
        Recorder recorder = new Recorder();
        MachineMonitor monitor = monitoring(recorder);
        for (int i = 0; i < 120; i++) {
            monitor.accept(frame(-1));
        }
        assertEquals(List.of(), recorder.started, "normal running raised an alarm");
        for (int i = 0; i < MachineMonitor.SILENT_FRAMES + 8; i++) {
            monitor.accept(frame(Plant.VIBRATION));
        }
        assertEquals(List.of("silent " + M + "/vibration"), recorder.started);
        assertTrue(monitor.alarmActive());
        assertEquals(12, recorder.minutes, "one minute row per 60 frames");
    }

    @Test
    void aDropoutOfAFewSecondsAndAStoppedMachineRaiseNothing() {
        Recorder recorder = new Recorder();
        MachineMonitor monitor = monitoring(recorder);
        for (int i = 0; i < 5; i++) {
            monitor.accept(frame(Plant.BEARING_TEMP)); // a dropout: a few seconds of bad readings
        }
        for (int i = 0; i < 60; i++) {
            monitor.accept(frame(-1));
        }
        monitor.state(MachineState.STOPPED);
        for (int i = 0; i < 3 * MachineMonitor.SILENT_FRAMES; i++) {
            monitor.accept(frame(Plant.SPINDLE_TEMP)); // stopped: silence is expected, nothing is scored
        }
        assertEquals(List.of(), recorder.started);
    }
}
