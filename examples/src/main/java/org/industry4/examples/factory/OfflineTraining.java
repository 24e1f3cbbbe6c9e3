package org.industry4.examples.factory;

import static org.industry4.twin.sim.SpindleThermalPhysics.AMBIENT;
import static org.industry4.twin.sim.SpindleThermalPhysics.COOLANT;
import static org.industry4.twin.sim.SpindleThermalPhysics.GROWTH;
import static org.industry4.twin.sim.SpindleThermalPhysics.LOAD;
import static org.industry4.twin.sim.SpindleThermalPhysics.SPEED;
import static org.industry4.twin.sim.SpindleThermalPhysics.TEMPERATURE;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import org.industry4.anomaly.fault.FaultClassifierModel;
import org.industry4.anomaly.fault.FaultClassifierOptions;
import org.industry4.anomaly.fault.FaultClassifierTrainer;
import org.industry4.anomaly.fault.MissingValues;
import org.industry4.anomaly.fault.WindowFeatures;
import org.industry4.core.FeatureSchema;
import org.industry4.opcua.sim.FaultKind;
import org.industry4.opcua.sim.MachineSignal;
import org.industry4.opcua.sim.MachineSimulation;
import org.industry4.opcua.sim.MachineState;
import org.industry4.opcua.sim.SimulationOptions;
import org.industry4.rul.RulModel;
import org.industry4.rul.RulOptions;
import org.industry4.rul.RulTrainer;
import org.industry4.rul.data.PreprocessOptions;
import org.industry4.rul.data.Trajectory;
import org.industry4.twin.hybrid.HybridOptions;
import org.industry4.twin.sim.TrainingRows;
import org.industry4.twin.thermal.SpindleThermalTwin;
import org.industry4.twin.thermal.SpindleThermalTwinTrainer;
import org.industry4.twin.thermal.SpindleTwinOptions;
import org.industry4.vision.PatchCoreModel;
import org.industry4.vision.PatchCoreOptions;
import org.industry4.vision.PatchCoreTrainer;
import org.industry4.vision.data.SyntheticParts;
import org.industry4.vision.data.SyntheticParts.Defect;
import org.industry4.vision.features.FeatureExtractor;
import org.industry4.vision.image.ImageTensor;
import org.industry4.vision.image.Preprocessing;
import org.industry4.vision.metrics.Thresholds;

/**
 * The models the plant is given before it starts, each trained on histories that other simulated
 * machines of the same kind produced (other seeds than the live plant's): what a real plant takes
 * from its historian and its maintenance records. The live plant's own anomaly models are not
 * here: they learn each machine's normal running during the warm-up ({@link MachineMonitor}).
 */
final class OfflineTraining {

    /** The labels of the fault classifier: {@code normal} and each injected kind in lower case. */
    static final List<FaultKind> CLASSIFIED = List.of(FaultKind.BEARING_DEFECT, FaultKind.OVERHEATING,
            FaultKind.TOOL_BREAKAGE, FaultKind.STUCK_SENSOR, FaultKind.SENSOR_DROPOUT);
    /** Seconds of readings the fault classifier looks at, from the alarm's start. */
    static final int DIAGNOSIS_WINDOW = 60;
    /** The latest an alarm is expected after a fault's onset, seconds: training windows start 0..this after it. */
    static final int MAX_DETECTION_DELAY = 180;
    /** The RUL rows' columns, one row per minute. */
    static final FeatureSchema RUL_SCHEMA = FeatureSchema.of("spindle_speed", "vibration", "bearing_temp",
            "spindle_temp", "motor_current");
    /** Side of the inspected part images, pixels. */
    static final int PART_SIZE = 128;

    /** The trained models. */
    record Models(WindowFeatures windowFeatures, FaultClassifierModel faultClassifier, RulModel rul,
                  SpindleThermalTwin twin, Preprocessing partPreprocessing, PatchCoreModel inspection) {
    }

    private OfflineTraining() {
    }

    static String label(FaultKind kind) {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    static WindowFeatures windowFeatures() {
        return new WindowFeatures(new FeatureSchema(Plant.ANALOG.stream().map(MachineSignal::path).toList()),
                MissingValues.COUNT);
    }

    /**
     * Stage 2: a random forest on windows around faults injected into {@code machines} simulated
     * machines, each through rounds of every classified kind (a healthy stretch with a normal
     * window, the fault, a window starting 0..{@link #MAX_DETECTION_DELAY} s after its onset, a
     * repair and a cool-down).
     */
    static FaultClassifierModel faultClassifier(WindowFeatures features, int machines, int rounds, long seed,
                                                Executor executor) {
        MachineSimulation sim = new MachineSimulation(new SimulationOptions(machines, 0, Duration.ofSeconds(1), seed,
                Duration.ofHours(6)));
        SplittableRandom random = new SplittableRandom(seed);
        List<String> ids = sim.machineIds();
        for (String id : ids) {
            // The plant's operating range: its speeds, and any feed the twin may choose.
            sim.setSpindleSpeedSetpoint(id, 7_500 + 3_000 * random.nextDouble());
            sim.setFeedOverride(id, 60 + 90 * random.nextDouble());
        }
        int w = DIAGNOSIS_WINDOW;
        // Per machine: its readings so far (ring of the last window), and its episode plan.
        double[][][] ring = new double[machines][w][Plant.ANALOG.size()];
        int[] phase = new int[machines]; // 0 healthy, 1 faulty (waiting for the window), 2 cooling down
        int[] phaseLeft = new int[machines];
        int[] normalAt = new int[machines];
        int[] episode = new int[machines];
        int[] windowEnd = new int[machines];
        FaultKind[] current = new FaultKind[machines];
        List<double[]> x = new ArrayList<>();
        List<String> y = new ArrayList<>();
        for (int m = 0; m < machines; m++) {
            phase[m] = 2;
            phaseLeft[m] = 900; // warm up
        }
        int episodes = rounds * CLASSIFIED.size();
        int done = 0;
        for (long t = 0; done < machines; t++) {
            sim.step();
            for (int m = 0; m < machines; m++) {
                if (episode[m] >= episodes && phase[m] == 2 && phaseLeft[m] <= 0) {
                    continue;
                }
                String id = ids.get(m);
                double[] row = ring[m][(int) (t % w)];
                for (int s = 0; s < row.length; s++) {
                    MachineSignal signal = Plant.ANALOG.get(s);
                    row[s] = sim.isGood(id, signal) ? sim.value(id, signal) : Double.NaN;
                }
                phaseLeft[m]--;
                switch (phase[m]) {
                    case 0 -> { // healthy: cut a normal window, then inject
                        if (phaseLeft[m] == normalAt[m]) {
                            x.add(features.features(window(ring[m], t, w)));
                            y.add(FaultClassifierModel.NORMAL);
                        }
                        if (phaseLeft[m] <= 0) {
                            current[m] = CLASSIFIED.get(episode[m] % CLASSIFIED.size());
                            if (current[m] == FaultKind.STUCK_SENSOR || current[m] == FaultKind.SENSOR_DROPOUT) {
                                MachineSignal signal = Plant.ANALOG.get(1 + random.nextInt(Plant.ANALOG.size() - 1));
                                sim.injectFault(id, current[m], signal);
                            } else {
                                sim.injectFault(id, current[m]);
                            }
                            int delay = current[m] == FaultKind.SENSOR_DROPOUT ? random.nextInt(3)
                                    : random.nextInt(MAX_DETECTION_DELAY + 1);
                            windowEnd[m] = delay + w;
                            phase[m] = 1;
                            phaseLeft[m] = windowEnd[m];
                        }
                    }
                    case 1 -> { // faulty: cut the fault window when it is full, repair
                        if (phaseLeft[m] <= 0) {
                            x.add(features.features(window(ring[m], t, w)));
                            y.add(label(current[m]));
                            sim.repair(id);
                            episode[m]++;
                            phase[m] = 2;
                            phaseLeft[m] = 300;
                        }
                    }
                    default -> { // cooling down, then a healthy stretch longer than a window
                        if (phaseLeft[m] <= 0) {
                            if (episode[m] >= episodes) {
                                done++;
                                continue;
                            }
                            phase[m] = 0;
                            phaseLeft[m] = w + 60 + random.nextInt(600);
                            normalAt[m] = random.nextInt(phaseLeft[m] - w);
                        }
                    }
                }
            }
        }
        FaultClassifierOptions options = new FaultClassifierOptions().withTrees(60).withSeed(seed);
        return new FaultClassifierTrainer(options).fit(x.toArray(double[][]::new), y.toArray(String[]::new),
                features.schema(), executor);
    }

    /** The last {@code w} rows of a ring whose newest row is at {@code t % w}, oldest first. */
    private static double[][] window(double[][] ring, long t, int w) {
        double[][] out = new double[w][];
        for (int i = 0; i < w; i++) {
            out[i] = ring[(int) ((t + 1 + i) % w)].clone();
        }
        return out;
    }

    /**
     * Run-to-failure histories of {@code machines} simulated machines at the plant's operating
     * points (spindle 8,000-10,000 rpm, feed 60-150 %), one row per minute ({@link MinuteStats}),
     * each ending at the machine's alarm (bearing worn out or vibration trip).
     */
    static List<Trajectory> runToFailure(int machines, Duration failureHorizon, long seed) {
        MachineSimulation sim = new MachineSimulation(new SimulationOptions(machines, 0, Duration.ofSeconds(1), seed,
                failureHorizon));
        SplittableRandom random = new SplittableRandom(seed);
        List<String> ids = sim.machineIds();
        for (String id : ids) {
            sim.setSpindleSpeedSetpoint(id, 8_000 + 2_000 * random.nextDouble());
            sim.setFeedOverride(id, 60 + 90 * random.nextDouble());
        }
        List<List<double[]>> rows = new ArrayList<>();
        MinuteStats[] minutes = new MinuteStats[machines];
        boolean[] failed = new boolean[machines];
        for (int m = 0; m < machines; m++) {
            rows.add(new ArrayList<>());
            minutes[m] = new MinuteStats();
        }
        double[] analog = new double[Plant.ANALOG.size()];
        int running = machines;
        long limit = failureHorizon.toSeconds() * 8;
        for (long second = 1; running > 0 && second <= limit; second++) {
            sim.step();
            for (int m = 0; m < machines; m++) {
                if (failed[m]) {
                    continue;
                }
                String id = ids.get(m);
                for (int s = 0; s < analog.length; s++) {
                    MachineSignal signal = Plant.ANALOG.get(s);
                    analog[s] = sim.isGood(id, signal) ? sim.value(id, signal) : Double.NaN;
                }
                minutes[m].add(analog, false);
                boolean alarm = sim.state(id) == MachineState.ALARM;
                if (minutes[m].full() || alarm) {
                    rows.get(m).add(minutes[m].rulRow());
                    minutes[m].reset();
                }
                if (alarm) {
                    failed[m] = true;
                    running--;
                }
            }
        }
        List<Trajectory> histories = new ArrayList<>();
        for (int m = 0; m < machines; m++) {
            if (failed[m] && rows.get(m).size() > 1) {
                histories.add(new Trajectory(ids.get(m) + "@" + seed, RUL_SCHEMA, rows.get(m).toArray(double[][]::new),
                        0));
            }
        }
        return histories;
    }

    /** The RUL network: a small LSTM on 20-minute windows, RUL capped at 120 minutes, 90 % intervals. */
    static RulModel rul(List<Trajectory> fleet, Duration budget, long seed) {
        RulOptions options = new RulOptions().withWindow(20).withCap(120)
                .withArchitecture(RulOptions.Architecture.LSTM, List.of(32), 3, 16, 0.0)
                .withTraining(5e-3, 64, 30, 6, budget)
                .withPreprocess(new PreprocessOptions().withSettingColumns(List.of()))
                .withSeed(seed);
        return new RulTrainer(options).fit(fleet);
    }

    /**
     * Rows for the thermal twin from {@code machines} simulated machines over {@code hours}, each
     * at its own spindle speed and with its feed override changed every half hour: per minute the
     * mean spindle speed, the load (the feed override as a fraction while the machine cuts, else 0),
     * ambient, coolant, the spindle temperature at the minute's start and the next minute's, the
     * growth it implies and the time since the run's start.
     */
    static TrainingRows twinRows(int machines, int hours, long seed) {
        MachineSimulation sim = new MachineSimulation(new SimulationOptions(machines, 0, Duration.ofSeconds(1), seed,
                Duration.ofHours(100)));
        SplittableRandom random = new SplittableRandom(seed);
        List<String> ids = sim.machineIds();
        double[] feed = new double[machines];
        for (int m = 0; m < machines; m++) {
            sim.setSpindleSpeedSetpoint(ids.get(m), 7_000 + 5_000 * random.nextDouble());
        }
        List<List<double[]>> minutes = new ArrayList<>(); // per machine: mean speed, feed, cut, start temp
        MinuteStats[] stats = new MinuteStats[machines];
        for (int m = 0; m < machines; m++) {
            minutes.add(new ArrayList<>());
            stats[m] = new MinuteStats();
        }
        double[] analog = new double[Plant.ANALOG.size()];
        for (long second = 0; second < hours * 3600L; second++) {
            if (second % 1800 == 0) {
                for (int m = 0; m < machines; m++) {
                    feed[m] = 60 + 90 * random.nextDouble();
                    sim.setFeedOverride(ids.get(m), feed[m]);
                }
            }
            sim.step();
            for (int m = 0; m < machines; m++) {
                String id = ids.get(m);
                for (int s = 0; s < analog.length; s++) {
                    analog[s] = sim.value(id, Plant.ANALOG.get(s));
                }
                stats[m].add(analog, MachineMonitor.cutting(sim.state(id), analog[Plant.SPEED],
                        sim.spindleSpeedSetpoint(id)));
                if (stats[m].full()) {
                    minutes.get(m).add(new double[] {stats[m].means()[Plant.SPEED], feed[m], stats[m].cut() ? 1 : 0,
                        stats[m].startTemp()});
                    stats[m].reset();
                }
            }
        }
        List<double[]> rows = new ArrayList<>();
        for (List<double[]> run : minutes) {
            for (int k = 0; k + 1 < run.size(); k++) {
                double[] a = run.get(k);
                rows.add(twinRow(a[0], a[2] > 0 ? a[1] / 100 : 0, 1, a[3], run.get(k + 1)[3], 60.0 * k));
            }
        }
        return new TrainingRows(TWIN_COLUMNS, rows.toArray(double[][]::new));
    }

    static final List<String> TWIN_COLUMNS = List.of("dt", SPEED, LOAD, AMBIENT, COOLANT, TEMPERATURE,
            TEMPERATURE + "_next", GROWTH, SpindleThermalTwin.TIME);

    static double[] twinRow(double speed, double load, double coolant, double temp, double next, double time) {
        return new double[] {60, speed, load, Plant.AMBIENT_C, coolant, temp, next, Plant.growth(temp), time};
    }

    /** The hybrid thermal twin fitted on {@link #twinRows}. */
    static SpindleThermalTwin twin(TrainingRows rows, long seed) {
        SpindleTwinOptions options = new SpindleTwinOptions();
        HybridOptions training = options.training().withEpochs(40, 10).withSeed(seed);
        return new SpindleThermalTwinTrainer(options.withTraining(training)).fit(rows);
    }

    /**
     * PatchCore on {@code goodParts} generated good parts, its threshold the 99.5th percentile of
     * 200 more good parts' scores.
     */
    static PatchCoreModel inspection(FeatureExtractor extractor, Preprocessing preprocessing, int goodParts, long seed)
            throws IOException {
        List<ImageTensor> good = new ArrayList<>();
        for (int i = 0; i < goodParts; i++) {
            good.add(SyntheticParts.generate(PART_SIZE, PART_SIZE, Defect.NONE, seed * 1000 + i).image());
        }
        PatchCoreModel model = new PatchCoreTrainer(new PatchCoreOptions().withCoresetRatio(0.1))
                .fit(extractor, preprocessing, good);
        double[] validation = new double[200];
        for (int i = 0; i < validation.length; i++) {
            validation[i] = model.score(extractor,
                    SyntheticParts.generate(PART_SIZE, PART_SIZE, Defect.NONE, seed * 1000 + 5000 + i).image()).score();
        }
        return model.withThreshold(Thresholds.percentile(validation, 99.5));
    }
}
