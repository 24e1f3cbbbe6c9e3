package org.industry4.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.industry4.anomaly.fault.Diagnosis;
import org.industry4.anomaly.fault.FaultClassifierModel;
import org.industry4.anomaly.fault.FaultClassifierOptions;
import org.industry4.anomaly.fault.FaultClassifierTrainer;
import org.industry4.anomaly.fault.MissingValues;
import org.industry4.anomaly.fault.WindowFeatures;
import org.industry4.anomaly.metrics.ConfusionMatrix;
import org.industry4.core.FeatureSchema;
import org.industry4.opcua.sim.FaultEvent;
import org.industry4.opcua.sim.FaultKind;
import org.industry4.opcua.sim.MachineSignal;
import org.industry4.opcua.sim.MachineSimulation;
import org.industry4.opcua.sim.SimulationOptions;

/**
 * {@code fault-classify}: stage 2 of the anomaly pipeline, the random-forest fault classifier of
 * {@code industry4-anomaly}, on faults injected into the simulated CNC machines of {@code
 * industry4-opcua} (ground truth known).
 *
 * <h2>Data</h2>
 * {@code --machines} machines run in one seeded {@link MachineSimulation} with a 1 s tick. Each
 * machine first warms up for {@value #WARM_UP_TICKS} ticks, then goes through {@code --episodes}
 * episodes of every {@link FaultKind}, in a seeded random order. An episode is a healthy stretch
 * of {@code window + 0..}{@value #HEALTHY_SPREAD_TICKS} ticks (one window of normal operation is
 * cut from it at a random offset; the spread exceeds a tool's life, so that tool and bearing wear,
 * which a repair resets, do not give away how long ago the last fault was), the injection of the fault
 * at a random tick, one window starting {@code 0 .. --max-delay} ticks after the onset, a repair
 * after the window, and {@value #COOL_DOWN_TICKS} ticks of recovery. A window holds the six analog
 * signals (spindle speed, vibration, bearing and spindle temperature, motor current, tool wear) for
 * {@code --window} ticks; a reading the simulation reports as not good (a {@link
 * FaultKind#SENSOR_DROPOUT}) is written as NaN, and {@link WindowFeatures} with {@link
 * MissingValues#COUNT} turns it into the {@code missing} feature. A dropout lasts {@link
 * MachineSimulation#DROPOUT_S} s, so its windows start at most
 * {@code ceil(DROPOUT_S / tick) - 2} ticks after the onset, while the sensor is still out.
 * Labels come from the simulation's ground-truth log ({@link MachineSimulation#groundTruth()}): a
 * fault window is labelled with the event at its injection tick; a normal window overlapping any
 * logged event since the machine's last repair is dropped (and counted).
 *
 * <h2>Protocol</h2>
 * Machines are split at random (seeded) into training machines ({@code --train-fraction}) and test
 * machines; no machine is in both. The simulated machines differ in their spindle speed setpoint
 * (five values); {@code --split stratified} (the default) draws the fraction from each setpoint's
 * machines, so every operating point is trained on; {@code --split random} draws from all machines,
 * and test machines may then run at a speed no training machine ran at. The forest trains on the training machines' windows (normal
 * ones included, class {@code normal}) and classifies the test machines' windows: a confusion matrix
 * with an {@code unknown} column, per-class precision, recall and F1, accuracy (an unknown answer
 * counts as wrong) and macro-F1 over the trained classes. Open-set check: for each fault kind in
 * turn, a forest trained without that kind classifies the test windows; the table gives how often
 * the held-out kind's windows come out {@code unknown} (by both checks of {@link
 * FaultClassifierModel#classify}, and by the confidence threshold alone), what they are called
 * otherwise, and how often windows of the trained classes come out unknown.
 */
final class FaultClassifyBenchmark implements Benchmark {

    /** The measured analog signals a window holds, in column order. */
    static final MachineSignal[] SIGNALS = {
        MachineSignal.SPINDLE_SPEED, MachineSignal.VIBRATION, MachineSignal.BEARING_TEMP,
        MachineSignal.SPINDLE_TEMP, MachineSignal.MOTOR_CURRENT, MachineSignal.TOOL_WEAR};
    static final Duration TICK = Duration.ofSeconds(1);
    static final int WARM_UP_TICKS = 900;
    static final int COOL_DOWN_TICKS = 300;
    static final int HEALTHY_SPREAD_TICKS = 1_200;
    static final String NORMAL = FaultClassifierModel.NORMAL;
    static final String UNKNOWN = FaultClassifierModel.UNKNOWN;

    @Override
    public String name() {
        return "fault-classify";
    }

    @Override
    public String usage() {
        return "fault-classify [--machines 20] [--seed 7] [--window 50] [--episodes 8] [--max-delay 10]"
                + " [--train-fraction 0.7] [--split stratified|random] [--trees 100] [--threshold 0.5] [--range-margin 0.25|Infinity] [--threads N]";
    }

    @Override
    public String description() {
        return "random-forest fault classifier on faults injected into simulated CNC machines, split by machine: "
                + "confusion matrix, macro-F1, unknown rate of a held-out fault";
    }

    /**
     * One window to cut: rows {@code start .. start + window - 1} of a machine's history; a fault
     * window's fault was injected at {@code injectedAt}, a normal window's ({@code injectedAt} -1)
     * machine was last repaired at {@code healthySince}.
     */
    private record Cut(int machine, int start, long injectedAt, long healthySince) {
    }

    /** The simulated windows and where they came from. */
    private record Data(FeatureSchema schema, double[][] features, String[] labels, int[] machine, int droppedNormal,
                        long ticks, double[] setpoints) {
    }

    @Override
    public Result run(Args args) throws Exception {
        int machines = args.intValue("machines", 20, 2, 999);
        long seed = args.longValue("seed", 7, Long.MIN_VALUE, Long.MAX_VALUE);
        int window = args.intValue("window", 50, 2, 10_000);
        int episodes = args.intValue("episodes", 8, 1, 1_000);
        int maxDelay = args.intValue("max-delay", 10, 0, 10_000);
        double trainFraction = args.doubleValue("train-fraction", 0.7, 0.05, 0.95);
        int trees = args.intValue("trees", 100, 1, 100_000);
        double threshold = args.doubleValue("threshold", 0.5, 0, 1);
        double rangeMargin = args.doubleValue("range-margin", 0.25, 0, Double.POSITIVE_INFINITY);
        int threads = args.intValue("threads", Runtime.getRuntime().availableProcessors(), 1, 1_024);
        String splitName = args.string("split", "stratified");
        args.requireAllUsed();
        boolean stratified = switch (splitName) {
            case "stratified" -> true;
            case "random" -> false;
            default -> throw new IllegalArgumentException("--split must be stratified or random, got \"" + splitName
                    + "\"");
        };

        long started = System.nanoTime();
        WindowFeatures features = new WindowFeatures(
                new FeatureSchema(Arrays.stream(SIGNALS).map(MachineSignal::path).toList()), MissingValues.COUNT);
        Data data = simulate(machines, seed, window, episodes, maxDelay, features);
        double simulated = seconds(started);

        boolean[] isTrain = split(data.setpoints(), trainFraction, stratified,
                new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L));
        int trainMachines = 0;
        for (boolean t : isTrain) {
            trainMachines += t ? 1 : 0;
        }
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int i = 0; i < data.labels().length; i++) {
            (isTrain[data.machine()[i]] ? train : test).add(i);
        }
        List<String> order = new ArrayList<>();
        order.add(NORMAL);
        for (FaultKind kind : FaultKind.values()) {
            order.add(label(kind));
        }

        System.out.printf(Locale.ROOT, "fault-classify: %d machines (%d train, %d test), %d-tick windows of %d signals"
                        + " -> %d features, %d windows (%d train, %d test), %d simulated ticks in %.1f s%n",
                machines, trainMachines, machines - trainMachines, window, SIGNALS.length, features.schema().size(),
                data.labels().length, train.size(), test.size(), data.ticks(), simulated);
        System.out.printf(Locale.ROOT, "test machines (%s split): %s%n", splitName, testMachineNames(isTrain, data));
        if (data.droppedNormal() > 0) {
            System.out.printf(Locale.ROOT, "normal windows dropped because a fault began in them on its own: %d%n",
                    data.droppedNormal());
        }
        System.out.printf(Locale.ROOT, "%-16s %7s %7s%n", "class", "train", "test");
        for (String c : order) {
            System.out.printf(Locale.ROOT, "%-16s %7d %7d%n", c, count(data, train, c), count(data, test, c));
        }

        FaultClassifierOptions options = new FaultClassifierOptions().withTrees(trees).withUnknownThreshold(threshold)
                .withRangeMargin(rangeMargin).withSeed(seed);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long trainStart = System.nanoTime();
            FaultClassifierModel model = fit(options, data, train, null, pool);
            double trainSeconds = seconds(trainStart);
            List<String> actual = new ArrayList<>();
            List<String> predicted = new ArrayList<>();
            List<String> predictedNoUnknown = new ArrayList<>();
            Map<String, Integer> outOfRange = new HashMap<>();
            FaultClassifierModel never = model.withUnknownThreshold(0).withRangeMargin(Double.POSITIVE_INFINITY);
            for (int i : test) {
                Diagnosis d = model.classify(data.features()[i]);
                actual.add(data.labels()[i]);
                predicted.add(d.label());
                predictedNoUnknown.add(never.classify(data.features()[i]).label());
                if (!d.outOfRange().isEmpty()) {
                    outOfRange.merge(d.outOfRange(), 1, Integer::sum);
                }
            }
            List<String> columns = new ArrayList<>(order);
            columns.add(UNKNOWN);
            ConfusionMatrix matrix = ConfusionMatrix.of(columns, actual, predicted);
            ConfusionMatrix matrixNoUnknown = ConfusionMatrix.of(columns, actual, predictedNoUnknown);
            long unknownCount = matrix.predictedCount(UNKNOWN);
            double macroF1 = macroF1(matrix, order);

            System.out.printf(Locale.ROOT, "%nforest: %d trees, %d nodes, trained in %.2f s on %d threads; unknown below "
                            + "probability %.2f or beyond %s of a class's training range%n", model.trees(), model.nodes(),
                    trainSeconds, threads, threshold, rangeMargin);
            System.out.println();
            System.out.print(matrix.toTable());
            System.out.println();
            System.out.printf(Locale.ROOT, "%-16s %9s %9s %9s %9s%n", "class", "precision", "recall", "f1", "support");
            for (String c : order) {
                System.out.printf(Locale.ROOT, "%-16s %9.3f %9.3f %9.3f %9d%n", c, matrix.precision(c),
                        matrix.recall(c), matrix.f1(c), matrix.support(c));
            }
            System.out.printf(Locale.ROOT, "accuracy %.3f, macro-F1 %.3f, answered unknown %d of %d test windows "
                            + "(%.1f %%)%n", matrix.accuracy(), macroF1, unknownCount, matrix.total(),
                    100.0 * unknownCount / matrix.total());
            System.out.printf(Locale.ROOT, "without the unknown answer: accuracy %.3f, macro-F1 %.3f%n",
                    matrixNoUnknown.accuracy(), macroF1(matrixNoUnknown, order));
            if (!outOfRange.isEmpty()) {
                System.out.println("out of range: " + describe(outOfRange, 5));
            }
            System.out.println("most important features: " + topFeatures(model, 8));

            System.out.printf(Locale.ROOT, "%nopen set: each fault kind in turn held out of training; share of its test "
                    + "windows answered unknown by both checks and by confidence alone%n");
            System.out.printf(Locale.ROOT, "%-16s %7s %8s %10s  %-32s %14s%n", "held out", "windows", "unknown",
                    "conf. only", "otherwise called", "known->unknown");
            double heldOutUnknownSum = 0;
            double heldOutConfidenceSum = 0;
            double knownUnknownSum = 0;
            for (FaultKind kind : FaultKind.values()) {
                String heldOut = label(kind);
                FaultClassifierModel open = fit(options, data, train, heldOut, pool);
                FaultClassifierModel confidenceOnly = open.withRangeMargin(Double.POSITIVE_INFINITY);
                int windows = 0;
                int unknown = 0;
                int unconfident = 0;
                int known = 0;
                int knownUnknown = 0;
                Map<String, Integer> called = new HashMap<>();
                for (int i : test) {
                    Diagnosis d = open.classify(data.features()[i]);
                    if (data.labels()[i].equals(heldOut)) {
                        windows++;
                        unconfident += confidenceOnly.classify(data.features()[i]).unknown() ? 1 : 0;
                        if (d.unknown()) {
                            unknown++;
                        } else {
                            called.merge(d.label(), 1, Integer::sum);
                        }
                    } else {
                        known++;
                        knownUnknown += d.unknown() ? 1 : 0;
                    }
                }
                double rate = windows == 0 ? 0 : (double) unknown / windows;
                double confidenceRate = windows == 0 ? 0 : (double) unconfident / windows;
                double knownRate = known == 0 ? 0 : (double) knownUnknown / known;
                heldOutUnknownSum += rate;
                heldOutConfidenceSum += confidenceRate;
                knownUnknownSum += knownRate;
                System.out.printf(Locale.ROOT, "%-16s %7d %6.1f %% %8.1f %%  %-32s %12.1f %%%n", heldOut, windows,
                        100 * rate, 100 * confidenceRate, describe(called, 2), 100 * knownRate);
            }
            int kinds = FaultKind.values().length;
            double heldOutRate = heldOutUnknownSum / kinds;
            double heldOutConfidence = heldOutConfidenceSum / kinds;
            double knownRate = knownUnknownSum / kinds;
            System.out.printf(Locale.ROOT, "%-16s %7s %6.1f %% %8.1f %%  %-32s %12.1f %%%n", "mean", "",
                    100 * heldOutRate, 100 * heldOutConfidence, "", 100 * knownRate);
            System.out.printf(Locale.ROOT, "total %.1f s%n", seconds(started));
            return new Result().put("machines", machines).put("windows_train", train.size())
                    .put("windows_test", test.size()).put("accuracy", matrix.accuracy()).put("macro_f1", macroF1)
                    .put("unknown_test", unknownCount).put("unknown_rate_heldout", heldOutRate)
                    .put("unknown_rate_heldout_confidence_only", heldOutConfidence)
                    .put("unknown_rate_known", knownRate);
        } finally {
            pool.shutdownNow();
        }
    }

    private static FaultClassifierModel fit(FaultClassifierOptions options, Data data, List<Integer> rows,
            String without, ExecutorService pool) {
        List<double[]> x = new ArrayList<>();
        List<String> y = new ArrayList<>();
        for (int i : rows) {
            if (!data.labels()[i].equals(without)) {
                x.add(data.features()[i]);
                y.add(data.labels()[i]);
            }
        }
        return new FaultClassifierTrainer(options).fit(x.toArray(double[][]::new), y.toArray(String[]::new),
                data.schema(), pool);
    }

    /** Runs the simulation and cuts the labelled windows. */
    private static Data simulate(int machines, long seed, int window, int episodes, int maxDelay,
            WindowFeatures features) {
        MachineSimulation sim = new MachineSimulation(new SimulationOptions(machines, 0, TICK, seed),
                Instant.parse("2026-11-23T06:00:00Z"));
        List<String> ids = sim.machineIds();
        double[] setpoints = ids.stream().mapToDouble(sim::spindleSpeedSetpoint).toArray();
        double tickSeconds = TICK.toNanos() / 1e9;
        int dropoutDelay = Math.max(0, Math.min(maxDelay, (int) Math.ceil(MachineSimulation.DROPOUT_S / tickSeconds) - 2));

        // plan: per machine, injection ticks and kinds, repair ticks, and the windows to cut
        SplittableRandom root = new SplittableRandom(seed);
        Map<Long, List<Runnable>> actions = new HashMap<>();
        List<Cut> cuts = new ArrayList<>();
        long end = 0;
        for (int m = 0; m < machines; m++) {
            SplittableRandom random = root.split();
            String id = ids.get(m);
            List<FaultKind> plan = new ArrayList<>();
            for (int e = 0; e < episodes; e++) {
                plan.addAll(List.of(FaultKind.values()));
            }
            for (int i = plan.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                FaultKind swap = plan.get(i);
                plan.set(i, plan.get(j));
                plan.set(j, swap);
            }
            long t = WARM_UP_TICKS;
            long repaired = 0;
            for (FaultKind kind : plan) {
                // A repair fits a new tool and bearing, so tool wear and bearing wear count the time since
                // the last repair: a healthy stretch of random length, longer than a tool's life, with the
                // normal window anywhere in it, keeps that time from telling normal windows from faults.
                int healthy = window + random.nextInt(HEALTHY_SPREAD_TICKS + 1);
                long normalStart = t + random.nextInt(healthy - window + 1);
                cuts.add(new Cut(m, (int) normalStart, -1, repaired));
                long inject = t + healthy;
                int delay = random.nextInt((kind == FaultKind.SENSOR_DROPOUT ? dropoutDelay : maxDelay) + 1);
                cuts.add(new Cut(m, (int) (inject + 1 + delay), inject, -1));
                long repair = inject + 1 + maxDelay + window;
                actions.computeIfAbsent(inject, k -> new ArrayList<>()).add(() -> sim.injectFault(id, kind));
                actions.computeIfAbsent(repair, k -> new ArrayList<>()).add(() -> sim.repair(id));
                repaired = repair;
                t = repair + COOL_DOWN_TICKS;
            }
            end = Math.max(end, t);
        }

        // run: history[m][tick][signal], NaN where the reading is not good
        int ticks = (int) end + 1;
        double[][][] history = new double[machines][ticks][];
        for (int tick = 0; tick < ticks; tick++) {
            if (tick > 0) {
                List<Runnable> due = actions.get(sim.tick());
                if (due != null) {
                    due.forEach(Runnable::run);
                }
                sim.step();
            }
            for (int m = 0; m < machines; m++) {
                double[] row = new double[SIGNALS.length];
                for (int s = 0; s < SIGNALS.length; s++) {
                    row[s] = sim.isGood(ids.get(m), SIGNALS[s]) ? sim.value(ids.get(m), SIGNALS[s]) : Double.NaN;
                }
                history[m][tick] = row;
            }
        }

        // label from the ground truth
        Map<String, Map<Long, FaultEvent>> events = new HashMap<>();
        for (FaultEvent e : sim.groundTruth()) {
            events.computeIfAbsent(e.machineId(), k -> new HashMap<>()).put(e.tick(), e);
        }
        List<double[]> x = new ArrayList<>();
        List<String> y = new ArrayList<>();
        List<Integer> machineOf = new ArrayList<>();
        int dropped = 0;
        for (Cut cut : cuts) {
            String id = ids.get(cut.machine());
            String label;
            if (cut.injectedAt() < 0) {
                boolean overlaps = false;
                for (FaultEvent e : events.getOrDefault(id, Map.of()).values()) {
                    overlaps |= e.tick() >= cut.healthySince() && e.tick() < cut.start() + window;
                }
                if (overlaps) {
                    dropped++;
                    continue;
                }
                label = NORMAL;
            } else {
                FaultEvent e = events.getOrDefault(id, Map.of()).get(cut.injectedAt());
                if (e == null) {
                    throw new IllegalStateException("no ground-truth event on " + id + " at tick " + cut.injectedAt());
                }
                label = label(e.kind());
            }
            double[][] rows = history[cut.machine()];
            double[] f = new double[features.schema().size()];
            features.features(rows, cut.start(), window, f);
            if (label.equals(label(FaultKind.SENSOR_DROPOUT)) && !anyMissing(rows, cut.start(), window)) {
                throw new IllegalStateException("a dropout window on " + id + " from tick " + cut.start()
                        + " holds no missing reading");
            }
            x.add(f);
            y.add(label);
            machineOf.add(cut.machine());
        }
        return new Data(features.schema(), x.toArray(double[][]::new), y.toArray(String[]::new),
                machineOf.stream().mapToInt(Integer::intValue).toArray(), dropped, ticks, setpoints);
    }

    private static boolean anyMissing(double[][] rows, int start, int window) {
        for (int r = start; r < start + window; r++) {
            for (double v : rows[r]) {
                if (Double.isNaN(v)) {
                    return true;
                }
            }
        }
        return false;
    }

    static String label(FaultKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Which machines train: {@code fraction} of each spindle speed setpoint's machines when
     * stratified, of all machines otherwise; at least one machine trains and one tests.
     */
    private static boolean[] split(double[] setpoints, double fraction, boolean stratified, SplittableRandom random) {
        int n = setpoints.length;
        Map<Double, List<Integer>> groups = new TreeMap<>();
        for (int m = 0; m < n; m++) {
            groups.computeIfAbsent(stratified ? setpoints[m] : 0.0, k -> new ArrayList<>()).add(m);
        }
        boolean[] isTrain = new boolean[n];
        int trainCount = 0;
        List<Integer> last = List.of();
        for (List<Integer> group : groups.values()) {
            for (int i = group.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                Integer swap = group.get(i);
                group.set(i, group.get(j));
                group.set(j, swap);
            }
            int k = (int) Math.round(fraction * group.size());
            for (int i = 0; i < k; i++) {
                isTrain[group.get(i)] = true;
            }
            trainCount += k;
            last = group;
        }
        if (trainCount == 0) {
            isTrain[last.get(0)] = true;
        } else if (trainCount == n) {
            isTrain[last.get(last.size() - 1)] = false;
        }
        return isTrain;
    }

    private static String testMachineNames(boolean[] isTrain, Data data) {
        List<String> names = new ArrayList<>();
        for (int m = 0; m < isTrain.length; m++) {
            if (!isTrain[m]) {
                names.add(String.format(Locale.ROOT, "cnc-%02d (%.0f rpm)", m + 1, data.setpoints()[m]));
            }
        }
        return String.join(", ", names);
    }

    private static long count(Data data, List<Integer> rows, String label) {
        return rows.stream().filter(i -> data.labels()[i].equals(label)).count();
    }

    private static double macroF1(ConfusionMatrix matrix, List<String> classes) {
        double sum = 0;
        for (String c : classes) {
            sum += matrix.f1(c);
        }
        return sum / classes.size();
    }

    private static String topFeatures(FaultClassifierModel model, int n) {
        double[] importance = model.featureImportances();
        List<String> names = model.schema().names();
        Integer[] order = new Integer[importance.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(importance[b], importance[a]));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.min(n, order.length); i++) {
            out.add(String.format(Locale.ROOT, "%s %.3f", names.get(order[i]), importance[order[i]]));
        }
        return String.join(", ", out);
    }

    /** The {@code limit} most frequent names with their counts, most frequent first. */
    private static String describe(Map<String, Integer> called, int limit) {
        if (called.isEmpty()) {
            return "-";
        }
        Map<String, Integer> sorted = new LinkedHashMap<>();
        called.entrySet().stream()
                .sorted((a, b) -> a.getValue().equals(b.getValue()) ? a.getKey().compareTo(b.getKey())
                        : b.getValue() - a.getValue())
                .limit(limit)
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        List<String> parts = new ArrayList<>();
        sorted.forEach((k, v) -> parts.add(k + " " + v));
        return String.join(", ", parts);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
