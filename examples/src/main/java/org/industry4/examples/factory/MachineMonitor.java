package org.industry4.examples.factory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.industry4.anomaly.alarm.AlarmEnded;
import org.industry4.anomaly.alarm.AlarmEvent;
import org.industry4.anomaly.alarm.AlarmFilter;
import org.industry4.anomaly.alarm.AlarmOptions;
import org.industry4.anomaly.alarm.AlarmStarted;
import org.industry4.anomaly.fault.Diagnosis;
import org.industry4.anomaly.fault.FaultClassifierModel;
import org.industry4.anomaly.fault.WindowFeatures;
import org.industry4.anomaly.spc.PcaSpcModel;
import org.industry4.anomaly.spc.PcaSpcOptions;
import org.industry4.anomaly.spc.PcaSpcTrainer;
import org.industry4.anomaly.spc.SpcStatistics;
import org.industry4.core.FeatureSchema;
import org.industry4.core.Quality;
import org.industry4.core.TelemetryFrame;
import org.industry4.opcua.sim.MachineState;

/**
 * The online analytics of one machine, fed one aligned frame per simulated second.
 *
 * <h2>Anomaly detection</h2>
 * A PCA process-control model (Hotelling T² and Q, 99.99 % limits) of vibration, bearing and
 * spindle temperature, motor current and tool wear, scored on frames in which the machine cuts at
 * steady speed (idle, spin-up and spin-down frames are not comparable), debounced by an alarm
 * filter (5 of 8 frames out of control raise; 20 in a row below 0.8 of the limit clear). The model
 * learns the machine's own normal running: first from the warm-up, then again after every change
 * that moves normal (a setpoint write, a repair): {@link #rebaseline} stops scoring for a settling
 * time and trains on the baseline that follows. While monitoring, it is refitted every
 * {@link Timeline#retrainEvery()} on the rows of the last {@link Timeline#retrainWindow()} in
 * which no alarm was active, so slow normal drifts (tool and bearing wear, the hall's heat) are
 * followed; a fault has to show within that time to be seen, as a fast-growing fault does.
 *
 * <p>Next to the model, a silence check: a measured signal that changes on every reading while the
 * machine produces (vibration, temperatures, current) but has been bad for {@link #SILENT_FRAMES}
 * frames in a row (the aligner marks a signal bad once the server has sent nothing new for its hold
 * time, while the other signals keep coming) raises the alarm, chart {@code silent}: a sensor frozen
 * on a server that publishes on change is silence, which the model alone cannot score.
 *
 * <h2>Diagnosis</h2>
 * When an alarm starts, the next {@link OfflineTraining#DIAGNOSIS_WINDOW} seconds of the six analog
 * signals (bad readings as NaN) go to the fault classifier, whose answer (a fault class, {@code
 * normal} or {@code unknown}) follows the alarm. An alarm diagnosed {@code normal} is dismissed:
 * stage 2 recognises normal running that the process-control model had not seen yet (a drift, a
 * tool change), which would otherwise hold the alarm until a technician comes. The rows scored
 * during it join the training rows, nothing is scored for {@link Timeline#settle()} while more are
 * collected, and the model is refitted on the last {@link Timeline#retrainWindow()}.
 *
 * <h2>Minutes</h2>
 * Every simulated minute gives a {@link MinuteStats} row to the listener (RUL, twin, plots).
 *
 * <p>Not thread-safe: one monitor per machine, on the analytics thread.
 */
final class MachineMonitor {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MachineMonitor.class);

    /** What a monitor reports. */
    interface Listener {
        void alarmStarted(String machine, Instant time, double score, String chart, String topContributor);

        void alarmEnded(String machine, Instant time, Instant start, double peak, String reason);

        void diagnosed(String machine, Instant alarmStart, Instant time, Diagnosis diagnosis);

        void minute(String machine, Instant time, MinuteStats minute, double feed, boolean running, double maxScore);

        void modelTrained(String machine, Instant time, int rows, PcaSpcModel model);
    }

    /**
     * The monitor's clock settings.
     *
     * @param settle         after a setpoint write or a repair, how long nothing is scored
     * @param baseline       then how long normal running is collected before the model is refitted
     * @param retrainEvery   how often the model is refitted while monitoring
     * @param retrainWindow  how far back those refits look
     */
    record Timeline(Duration settle, Duration baseline, Duration retrainEvery, Duration retrainWindow) {
        static Timeline defaults() {
            return new Timeline(Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(15),
                    Duration.ofMinutes(40));
        }
    }

    /** Spindle speed, as a fraction of its setpoint, from which a frame counts as steady cutting. */
    static final double STEADY_SPEED_FRACTION = 0.95;
    /** Motor current above which the spindle is cutting, A. */
    static final double CUTTING_CURRENT_A = 10;
    /** The model's columns (indices into {@link Plant#ANALOG}). */
    private static final int[] MODEL_COLUMNS = {Plant.VIBRATION, Plant.BEARING_TEMP, Plant.SPINDLE_TEMP,
        Plant.CURRENT, Plant.TOOL_WEAR};
    private static final AlarmOptions ALARMS = AlarmOptions.threshold(1.0).withDebounce(5, 8).withClear(0.8, 20);
    private static final int MIN_TRAINING_ROWS = 200;
    /**
     * Frames of production in a row in which a measured signal is bad (silent past the aligner's
     * hold, or reported bad) after which it counts as silent. A sensor dropout lasts a few seconds;
     * a sensor frozen on a server that publishes on change goes silent for good.
     */
    static final int SILENT_FRAMES = 10;
    /** The score a silent signal gives each frame: out of control until it speaks again. */
    static final double SILENT_SCORE = 10;

    enum Phase { WARM_UP, SETTLING, BASELINE, MONITORING }

    private final String machine;
    private final FeatureSchema modelSchema;
    private final Timeline timeline;
    private final WindowFeatures windowFeatures;
    private final FaultClassifierModel classifier;
    private final Listener listener;
    private final AlarmFilter alarms = new AlarmFilter(ALARMS);
    private final ArrayDeque<Row> rows = new ArrayDeque<>();
    /** Rows scored while the current alarm is active: normal after all if stage 2 says so. */
    private final List<Row> alarmRows = new ArrayList<>();
    private final MinuteStats minute = new MinuteStats();
    private final double[] analog = new double[Plant.ANALOG.size()];
    private final int[] silentFrames = new int[Plant.ANALOG.size()];
    private Phase phase = Phase.WARM_UP;
    private Instant phaseEnds;
    private Instant nextRetrain;
    private PcaSpcModel model;
    private double speedSetpoint;
    private double feed;
    private MachineState state = MachineState.IDLE;
    private Instant diagnosedAlarm;
    private List<double[]> diagnosisWindow;
    private Instant lastAlarmEnd = Instant.MIN;
    private double minuteMaxScore = Double.NaN;

    private record Row(Instant time, double[] x) {
    }

    MachineMonitor(String machine, FeatureSchema modelSchema, Timeline timeline, WindowFeatures windowFeatures,
                   FaultClassifierModel classifier, double speedSetpoint, double feed, Listener listener) {
        this.machine = machine;
        this.modelSchema = modelSchema;
        this.timeline = timeline;
        this.windowFeatures = windowFeatures;
        this.classifier = classifier;
        this.speedSetpoint = speedSetpoint;
        this.feed = feed;
        this.listener = listener;
    }

    /** Whether a machine in {@code state} at {@code speed} with this speed setpoint cuts (as the simulator decides). */
    static boolean cutting(MachineState state, double speed, double setpoint) {
        return state == MachineState.RUNNING && setpoint > 0 && speed >= 0.8 * setpoint;
    }

    String machine() {
        return machine;
    }

    Phase phase() {
        return phase;
    }

    double feed() {
        return feed;
    }

    double speedSetpoint() {
        return speedSetpoint;
    }

    MachineState state() {
        return state;
    }

    boolean alarmActive() {
        return alarms.isActive();
    }

    Optional<Instant> alarmSince() {
        return alarms.activeSince();
    }

    /** The machine state as the PLC last published it. */
    void state(MachineState state) {
        this.state = state;
    }

    /** Ends the warm-up: trains on what it collected and starts monitoring. */
    void endWarmUp(Instant now) {
        if (phase == Phase.WARM_UP) {
            train(now);
        }
    }

    /**
     * Normal running is about to change (a setpoint write, a repair): ends any alarm, stops scoring
     * for the settling time, then collects a new baseline.
     */
    void rebaseline(Instant now, double speedSetpoint, double feed, String reason) {
        this.speedSetpoint = speedSetpoint;
        this.feed = feed;
        endAlarm(now, reason);
        rows.clear();
        phase = Phase.SETTLING;
        phaseEnds = now.plus(timeline.settle());
    }

    /** Processes the next one-second frame of the six analog signals ({@link Plant#ANALOG} order). */
    void accept(TelemetryFrame frame) {
        Instant t = frame.time();
        for (int i = 0; i < analog.length; i++) {
            analog[i] = frame.quality(i) == Quality.BAD ? Double.NaN : frame.value(i);
        }
        boolean cuttingNow = cutting(state, analog[Plant.SPEED], speedSetpoint);
        minute.add(analog, cuttingNow);
        if (minute.full()) {
            listener.minute(machine, t, minute, feed, state == MachineState.RUNNING || state == MachineState.IDLE,
                    minuteMaxScore);
            minute.reset();
            minuteMaxScore = Double.NaN;
        }
        if (diagnosisWindow != null) {
            diagnosisWindow.add(analog.clone());
            if (diagnosisWindow.size() == OfflineTraining.DIAGNOSIS_WINDOW) {
                Diagnosis d = classifier.classify(windowFeatures.features(diagnosisWindow.toArray(double[][]::new)));
                listener.diagnosed(machine, diagnosedAlarm, t, d);
                diagnosisWindow = null;
                if (FaultClassifierModel.NORMAL.equals(d.label()) && alarms.isActive() && phase == Phase.MONITORING) {
                    // Stage 2 says this is normal running the model had not seen (a drift, a tool
                    // change): dismiss the alarm and learn the new normal from the rows it held.
                    List<Row> held = new ArrayList<>(alarmRows);
                    endAlarm(t, "dismissed: diagnosed normal (probability "
                            + String.format(java.util.Locale.ROOT, "%.2f", d.confidence()) + ")");
                    rows.addAll(held);
                    phase = Phase.BASELINE;
                    phaseEnds = t.plus(timeline.settle());
                }
            }
        }
        boolean steady = cuttingNow && analog[Plant.SPEED] >= STEADY_SPEED_FRACTION * speedSetpoint
                && analog[Plant.CURRENT] > CUTTING_CURRENT_A;
        double[] x = steady ? modelRow() : null;
        trackSilence(frame);
        switch (phase) {
            case WARM_UP, BASELINE -> {
                if (x != null) {
                    rows.addLast(new Row(t, x));
                }
                if (phase == Phase.BASELINE && !t.isBefore(phaseEnds)) {
                    train(t);
                }
            }
            case SETTLING -> {
                if (!t.isBefore(phaseEnds)) {
                    phase = Phase.BASELINE;
                    phaseEnds = t.plus(timeline.baseline());
                }
            }
            case MONITORING -> monitor(t, x);
            default -> throw new IllegalStateException("phase " + phase);
        }
    }

    private void monitor(Instant t, double[] x) {
        int silent = silentSignal();
        if (x != null || silent >= 0) {
            double score = silent >= 0 ? SILENT_SCORE : model.score(x);
            minuteMaxScore = Double.isNaN(minuteMaxScore) ? score : Math.max(minuteMaxScore, score);
            Optional<AlarmEvent> event = alarms.update(t, score);
            if (event.isPresent() && event.get() instanceof AlarmStarted a) {
                String chart;
                String top;
                if (silent >= 0) {
                    chart = "silent";
                    top = machine + "/" + Plant.ANALOG.get(silent).path();
                } else {
                    SpcStatistics st = model.statistics(x);
                    boolean q = st.q() / st.qLimit() >= st.t2() / st.t2Limit();
                    chart = q ? "Q" : "T2";
                    top = model.topContributor(q ? model.qContributions(x) : model.t2Contributions(x));
                }
                diagnosedAlarm = a.time();
                diagnosisWindow = new ArrayList<>(OfflineTraining.DIAGNOSIS_WINDOW);
                listener.alarmStarted(machine, a.time(), a.score(), chart, top);
            } else if (event.isPresent() && event.get() instanceof AlarmEnded e) {
                lastAlarmEnd = e.time();
                alarmRows.clear();
                listener.alarmEnded(machine, e.time(), e.startTime(), e.peakScore(), "back in control");
            }
            if (x == null) {
                // a silent signal's frame: scored, but no training row
            } else if (alarms.isActive()) {
                alarmRows.add(new Row(t, x));
            } else if (t.isAfter(lastAlarmEnd.plus(timeline.settle()))) {
                rows.addLast(new Row(t, x));
            }
        }
        Instant oldest = t.minus(timeline.retrainWindow());
        while (!rows.isEmpty() && rows.peekFirst().time().isBefore(oldest)) {
            rows.removeFirst();
        }
        if (!t.isBefore(nextRetrain) && !alarms.isActive() && rows.size() >= MIN_TRAINING_ROWS) {
            train(t);
        }
    }

    /**
     * Counts, per measured signal that changes on every reading while the machine produces, the
     * frames in a row in which it has been silent: marked bad because the server sent nothing new
     * for the aligner's hold time while the other signals kept coming. Stopped or tripped machines
     * reset the count.
     */
    private void trackSilence(TelemetryFrame frame) {
        boolean producing = state == MachineState.RUNNING || state == MachineState.IDLE;
        for (int i = 0; i < silentFrames.length; i++) {
            boolean watched = i != Plant.TOOL_WEAR && i != Plant.SPEED; // both hold still while loading
            silentFrames[i] = watched && producing && frame.quality(i) == Quality.BAD ? silentFrames[i] + 1 : 0;
        }
    }

    /** A signal silent for {@link #SILENT_FRAMES} frames of production, or -1. */
    private int silentSignal() {
        for (int i = 0; i < silentFrames.length; i++) {
            if (silentFrames[i] >= SILENT_FRAMES) {
                return i;
            }
        }
        return -1;
    }

    private void train(Instant now) {
        if (rows.size() < MIN_TRAINING_ROWS) {
            // Too little steady cutting (a machine stopped most of the time): keep collecting.
            phase = Phase.BASELINE;
            phaseEnds = now.plus(timeline.baseline());
            return;
        }
        double[][] x = new double[rows.size()][];
        Iterator<Row> it = rows.iterator();
        for (int i = 0; i < x.length; i++) {
            x[i] = it.next().x();
        }
        PcaSpcOptions options = new PcaSpcOptions().withConfidence(0.9999);
        try {
            model = new PcaSpcTrainer(options).fit(x, modelSchema);
        } catch (IllegalArgumentException e) {
            // Signals barely correlated in this stretch: 90 % of the variance needs every component and
            // would leave Q nothing to watch. Keep all but one instead.
            LOG.info("{}: {}; fitting {} components instead", machine, e.getMessage(), MODEL_COLUMNS.length - 1);
            model = new PcaSpcTrainer(options.withComponents(MODEL_COLUMNS.length - 1)).fit(x, modelSchema);
        }
        listener.modelTrained(machine, now, x.length, model);
        if (phase != Phase.MONITORING) {
            alarms.reset();
        }
        phase = Phase.MONITORING;
        nextRetrain = now.plus(timeline.retrainEvery());
    }

    private void endAlarm(Instant now, String reason) {
        if (alarms.isActive()) {
            Instant since = alarms.activeSince().orElseThrow();
            alarms.reset();
            lastAlarmEnd = now;
            listener.alarmEnded(machine, now, since, Double.NaN, reason);
        }
        alarmRows.clear();
        diagnosisWindow = null;
    }

    private double[] modelRow() {
        double[] x = new double[MODEL_COLUMNS.length];
        for (int j = 0; j < x.length; j++) {
            x[j] = analog[MODEL_COLUMNS[j]];
            if (Double.isNaN(x[j])) {
                return null; // a bad reading: not scored
            }
        }
        return x;
    }

    static FeatureSchema modelSchema(String machine) {
        String[] names = new String[MODEL_COLUMNS.length];
        for (int j = 0; j < names.length; j++) {
            names[j] = machine + "/" + Plant.ANALOG.get(MODEL_COLUMNS[j]).path();
        }
        return FeatureSchema.of(names);
    }
}
