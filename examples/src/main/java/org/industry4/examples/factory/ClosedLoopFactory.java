package org.industry4.examples.factory;

import static org.industry4.twin.sim.SpindleThermalPhysics.AMBIENT;
import static org.industry4.twin.sim.SpindleThermalPhysics.COOLANT;
import static org.industry4.twin.sim.SpindleThermalPhysics.GROWTH;
import static org.industry4.twin.sim.SpindleThermalPhysics.LOAD;
import static org.industry4.twin.sim.SpindleThermalPhysics.SPEED;
import static org.industry4.twin.sim.SpindleThermalPhysics.TEMPERATURE;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.industry4.anomaly.fault.Diagnosis;
import org.industry4.anomaly.fault.FaultClassifierModel;
import org.industry4.anomaly.fault.WindowFeatures;
import org.industry4.anomaly.spc.PcaSpcModel;
import org.industry4.core.AlignerOptions;
import org.industry4.core.FeatureSchema;
import org.industry4.core.FrameAligner;
import org.industry4.core.Quality;
import org.industry4.core.SignalId;
import org.industry4.core.TelemetryFrame;
import org.industry4.core.TelemetrySample;
import org.industry4.core.TelemetrySink;
import org.industry4.examples.support.CommandLine;
import org.industry4.examples.support.SampleQueue;
import org.industry4.opcua.client.CollectorConfig;
import org.industry4.opcua.client.CollectorSubscription;
import org.industry4.opcua.client.OpcUaCollector;
import org.industry4.opcua.client.ReadResult;
import org.industry4.opcua.client.SubscriptionOptions;
import org.industry4.opcua.client.VariableInfo;
import org.industry4.opcua.client.WriteRequest;
import org.industry4.opcua.client.WriteResult;
import org.industry4.opcua.sim.FaultEvent;
import org.industry4.opcua.sim.FaultKind;
import org.industry4.opcua.sim.MachineSignal;
import org.industry4.opcua.sim.MachineSimulation;
import org.industry4.opcua.sim.MachineState;
import org.industry4.opcua.sim.SimServerConfig;
import org.industry4.opcua.sim.SimulatedMachineServer;
import org.industry4.opcua.sim.SimulationOptions;
import org.industry4.opcua.store.DuckDbSink;
import org.industry4.opcua.store.StoreAndForward;
import org.industry4.opcua.store.StoreAndForwardOptions;
import org.industry4.routing.ortools.OrToolsSolver;
import org.industry4.rul.OnlineRulEstimator;
import org.industry4.rul.RulEstimate;
import org.industry4.rul.RulModel;
import org.industry4.twin.dynamics.SetpointSchedule;
import org.industry4.twin.online.FollowerOptions;
import org.industry4.twin.online.Residual;
import org.industry4.twin.online.TwinFollower;
import org.industry4.twin.online.TwinMapping;
import org.industry4.twin.thermal.SpindleThermalTwin;
import org.industry4.twin.whatif.OptimisationResult;
import org.industry4.twin.whatif.SetpointOptimiser;
import org.industry4.twin.whatif.Tolerance;
import org.industry4.vision.features.FeatureExtractor;
import org.industry4.vision.features.FilterBankExtractor;
import org.industry4.vision.features.OnnxFeatureExtractor;
import org.industry4.vision.image.Preprocessing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The closed-loop factory: the product's main job. A small plant of simulated CNC machines that
 * monitors, predicts, decides and acts, from PLC tags to setpoints written back, with no external
 * server. See {@code examples/README.md} for the whole story; in short:
 * <ol>
 *   <li><b>Before the shift</b> (offline, from other simulated machines' histories): a fault
 *   classifier from injected faults, an LSTM for bearing RUL from run-to-failure histories, a
 *   hybrid thermal twin from logged running, and PatchCore from good part images.</li>
 *   <li><b>The plant</b>: the simulated OPC UA server in compressed time ({@code --speed-up}), its
 *   machines degrading (bearing wear) and given faults on a schedule; every signal collected over
 *   OPC UA into DuckDB.</li>
 *   <li><b>Per machine, online</b>: PCA process control learnt on the warm-up, alarms, a diagnosis
 *   of each alarm, RUL with 90 % intervals every minute, the twin following the spindle.</li>
 *   <li><b>Closed loop</b>: after the warm-up the twin's what-if optimiser picks the highest feed
 *   override that keeps predicted thermal growth within tolerance, and the new setpoint is written
 *   to the machine over OPC UA; the machine runs at it.</li>
 *   <li><b>Quality</b>: every finished part is scored by PatchCore; rejects get heat maps.</li>
 *   <li><b>Maintenance</b>: when an RUL lower bound falls below the horizon, a bearing replacement
 *   is planned into a technician tour across the sites (vehicle routing); the technician stops the
 *   machine over OPC UA, replaces the bearing and restarts it. Machines that trip are repaired by
 *   the crew after {@link #CREW_REPAIR}.</li>
 *   <li><b>Out</b>: alarms, diagnoses, RUL, setpoint writes, inspections, tours and KPIs on MQTT;
 *   at the end KPIs from the stored history, the detection scorecard against the simulator's
 *   ground truth, Parquet, and a self-contained HTML report.</li>
 * </ol>
 *
 * <pre>
 * mvn -B -q -pl examples -am -DskipTests package exec:java
 * ... -Dexec.args="--machines 6 --hours 6 --speed-up 120 --seed 7 --output /tmp/plant"
 * </pre>
 */
public final class ClosedLoopFactory {

    private static final Logger LOG = LoggerFactory.getLogger(ClosedLoopFactory.class);

    /** Simulation tick: one second of plant per step. */
    static final Duration TICK = Duration.ofSeconds(1);
    /** How long the crew takes to repair a machine that tripped (failure): MTTR of the demo. */
    static final Duration CREW_REPAIR = Duration.ofMinutes(15);
    /** After this long in an anomaly alarm without a trip, a technician checks the machine. */
    static final Duration CHECK_AFTER = Duration.ofMinutes(20);
    /** The check's duration, after which the machine is repaired (sensor replaced, bearing changed). */
    static final Duration CHECK_TAKES = Duration.ofMinutes(5);
    /** How often pending maintenance jobs are planned into tours. */
    static final Duration PLANNING_EVERY = Duration.ofMinutes(20);
    /** The variables a machine needs (browse paths below the machine), in the simulator's layout. */
    static final List<String> REQUIRED = java.util.stream.Stream.concat(Plant.ANALOG.stream().map(MachineSignal::path),
            java.util.stream.Stream.of(MachineSignal.STATE.path(), MachineSignal.PART_COUNT.path(),
                    MachineSignal.SPINDLE_SPEED_SETPOINT.path(), MachineSignal.FEED_OVERRIDE_SETPOINT.path())).toList();
    /** The columns of the minute frames the twin follower reads. */
    private static final FeatureSchema TWIN_FRAME = new FeatureSchema(List.of(SPEED, LOAD, AMBIENT, COOLANT,
            TEMPERATURE));
    private static final Quality[] TWIN_FRAME_GOOD = java.util.Collections.nCopies(TWIN_FRAME.size(), Quality.GOOD)
            .toArray(Quality[]::new);
    /** How long a value is held in frames when the server sends no new one (it publishes on change). */
    static final Duration HOLD = Duration.ofSeconds(60);
    /** When the twin makes its first proposal, after the start. */
    static final Duration TWIN_FIRST_AT = Duration.ofMinutes(2);
    /** The lowest feed override the twin may propose, percent. */
    static final double MIN_FEED = 60;
    /** When the effect of a setpoint write is reported. */
    static final Duration EFFECT_AFTER = Duration.ofMinutes(15);
    /** How far ahead the twin's what-if looks. */
    static final Duration WHAT_IF_HORIZON = Duration.ofHours(2);
    /** Margin kept below the growth tolerance when choosing a setpoint, micrometres. */
    static final double GROWTH_MARGIN_UM = 2;

    /**
     * What to run.
     *
     * @param machines          simulated CNC machines, 1..12
     * @param duration          simulated time the plant runs after its warm-up starts; at least 1 h
     * @param speedUp           how many times faster than real time; 1..2,000
     * @param warmUp            the warm-up the anomaly models learn from; 10 min .. duration / 3
     * @param seed              the plant's seed (the offline models use seed + 1, + 2, ...)
     * @param output            the report folder: {@code index.html}, {@code factory.duckdb}, {@code parquet/},
     *                          {@code heatmaps/}; a database of an earlier run there is replaced
     * @param mqttUrl           an MQTT broker to publish to, e.g. {@code tcp://broker:1883}; empty: an embedded
     *                          broker on 127.0.0.1
     * @param plantId           the MQTT topic root's plant id
     * @param growthToleranceUm the thermal growth the spindle must stay within, micrometres
     * @param rulHorizonMinutes a machine whose RUL lower bound is below this gets a bearing replacement
     * @param rulTrainingBudget the most time the RUL network may train
     * @param progressEvery     wall-clock time between progress lines
     * @param endpoint          a real OPC UA server to run the same pipeline on instead of the simulated
     *                          plant ({@code opc.tcp://...}); its variables must follow the simulator's
     *                          layout (see {@code examples/README.md}); empty: the simulated plant
     * @param backbone          an ONNX backbone for the inspection's PatchCore; empty: the weights-free filter bank
     */
    public record Options(int machines, Duration duration, double speedUp, Duration warmUp, long seed, Path output,
                          Optional<String> mqttUrl, String plantId, double growthToleranceUm,
                          double rulHorizonMinutes, Duration rulTrainingBudget, Duration progressEvery,
                          Optional<String> endpoint, Optional<Backbone> backbone) {

        public Options {
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(warmUp, "warmUp");
            Objects.requireNonNull(output, "output");
            Objects.requireNonNull(mqttUrl, "mqttUrl");
            Objects.requireNonNull(plantId, "plantId");
            Objects.requireNonNull(rulTrainingBudget, "rulTrainingBudget");
            Objects.requireNonNull(progressEvery, "progressEvery");
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(backbone, "backbone");
            if (endpoint.isPresent() && !endpoint.get().startsWith("opc.tcp://")) {
                throw new IllegalArgumentException("endpoint must be an opc.tcp:// URL, got \"" + endpoint.get() + "\"");
            }
            if (machines < 1 || machines > 12) {
                throw new IllegalArgumentException("machines must be in 1..12, got " + machines);
            }
            if (duration.compareTo(Duration.ofHours(1)) < 0) {
                throw new IllegalArgumentException("duration must be >= 1 h of simulated time, got " + duration);
            }
            if (!(speedUp >= 1 && speedUp <= 2_000)) {
                throw new IllegalArgumentException("speedUp must be in 1..2000, got " + speedUp);
            }
            if (warmUp.compareTo(Duration.ofMinutes(10)) < 0 || warmUp.compareTo(duration.dividedBy(3)) > 0) {
                throw new IllegalArgumentException("warmUp must be in 10 min .. duration / 3 = " + duration.dividedBy(3)
                        + ", got " + warmUp);
            }
            if (!(growthToleranceUm > GROWTH_MARGIN_UM && growthToleranceUm < 200)) {
                throw new IllegalArgumentException("growthToleranceUm must be in (" + GROWTH_MARGIN_UM + ", 200), got "
                        + growthToleranceUm);
            }
            if (!(rulHorizonMinutes > 0 && rulHorizonMinutes <= 120)) {
                throw new IllegalArgumentException("rulHorizonMinutes must be in (0, 120], got " + rulHorizonMinutes);
            }
            if (rulTrainingBudget.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("rulTrainingBudget must be >= 1 s, got " + rulTrainingBudget);
            }
            if (progressEvery.isNegative() || progressEvery.isZero()) {
                throw new IllegalArgumentException("progressEvery must be > 0, got " + progressEvery);
            }
        }

        /** Four machines, four simulated hours at 60 times real time, output in {@code factory-output}. */
        public Options() {
            this(4, Duration.ofHours(4), 60, Duration.ofMinutes(30), 42, Path.of("factory-output"), Optional.empty(),
                    "demo-plant", 35, 45, Duration.ofSeconds(60), Duration.ofSeconds(5), Optional.empty(),
                    Optional.empty());
        }

        /**
         * The bearings' life at rated speed: the length of the run. At the plant's speeds a bearing
         * shows its defect after about three quarters of it, so RUL has something to predict.
         */
        Duration failureHorizon() {
            return duration;
        }
    }

    /**
     * An ONNX feature backbone for the quality station (e.g. the shared MobileNetV2 features model,
     * or a WideResNet-50 exported as the vision module's README describes).
     *
     * @param model   the {@code .onnx} file
     * @param outputs the names of its feature outputs, shallow to deep; at least two
     */
    public record Backbone(Path model, List<String> outputs) {
        public Backbone {
            Objects.requireNonNull(model, "model");
            outputs = List.copyOf(outputs);
            if (outputs.size() < 2) {
                throw new IllegalArgumentException("a backbone needs at least two feature outputs, got " + outputs);
            }
        }
    }

    private ClosedLoopFactory() {
    }

    public static void main(String[] args) throws Exception {
        Options options = CommandLine.parseOrExit(args, ClosedLoopFactory::parse, "closed-loop-factory",
                "usage: ClosedLoopFactory [--machines 4] [--hours 4 | --duration 4h-as-240m] [--speed-up 60]"
                        + " [--warm-up 30m] [--seed 42] [--output DIR] [--mqtt tcp://host:1883] [--plant demo-plant]"
                        + " [--tolerance 35] [--rul-horizon 45] [--rul-budget 60s] [--endpoint opc.tcp://host:4840/path]"
                        + " [--backbone model.onnx --outputs a,b]");
        FactoryResult result = run(options, System.out);
        System.out.printf(Locale.ROOT, "%nreport: %s%n", result.report().toAbsolutePath());
    }

    /** Runs the plant, prints progress and the KPI table to {@code out}, and returns what happened. */
    public static FactoryResult run(Options options, PrintStream out) throws IOException, InterruptedException {
        Path dir = options.output();
        Files.createDirectories(dir);
        Path database = dir.resolve("factory.duckdb");
        Files.deleteIfExists(database);
        Files.deleteIfExists(dir.resolve("factory.duckdb.wal"));
        long wallStart = System.nanoTime();

        // 1. Before the shift: the models the plant is given.
        out.printf(Locale.ROOT, "training the plant's models on other simulated machines' histories...%n");
        FeatureExtractor extractor = options.backbone().isPresent()
                ? OnnxFeatureExtractor.open(options.backbone().get().model(), options.backbone().get().outputs())
                : new FilterBankExtractor();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
        try {
            long t0 = System.nanoTime();
            WindowFeatures windowFeatures = OfflineTraining.windowFeatures();
            FaultClassifierModel classifier = OfflineTraining.faultClassifier(windowFeatures, 16, 4, options.seed() + 1,
                    pool);
            out.printf(Locale.ROOT, "  fault classifier: %d trees on injected faults (%.1f s)%n", classifier.trees(),
                    seconds(t0));
            t0 = System.nanoTime();
            RulModel rul = OfflineTraining.rul(OfflineTraining.runToFailure(24, options.failureHorizon(),
                    options.seed() + 2), options.rulTrainingBudget(), options.seed() + 2);
            out.printf(Locale.ROOT, "  bearing RUL: LSTM on 24 run-to-failure histories (%.1f s)%n", seconds(t0));
            t0 = System.nanoTime();
            SpindleThermalTwin twin = OfflineTraining.twin(OfflineTraining.twinRows(6, 3, options.seed() + 3),
                    options.seed() + 3);
            out.printf(Locale.ROOT, "  thermal twin: %s (%.1f s)%n", twin.physicalParameters().entrySet().stream()
                    .map(e -> String.format(Locale.ROOT, "%s=%.4g", e.getKey(), e.getValue())).toList(), seconds(t0));
            t0 = System.nanoTime();
            // The filter bank reads the parts at their own size; a backbone at the size it was made for.
            int side = options.backbone().isPresent() ? 224 : OfflineTraining.PART_SIZE;
            Preprocessing preprocessing = new Preprocessing().withResize(side, side);
            var inspection = OfflineTraining.inspection(extractor, preprocessing, 100, options.seed() + 4);
            out.printf(Locale.ROOT, "  inspection: PatchCore (%s) on 100 good parts, threshold %.3f (%.1f s)%n",
                    extractor.name(), inspection.threshold().getAsDouble(), seconds(t0));
            OfflineTraining.Models models = new OfflineTraining.Models(windowFeatures, classifier, rul, twin,
                    preprocessing, inspection);
            try (FactoryOutputs outputs = FactoryOutputs.open(options, out)) {
                return new Shift(options, models, extractor, outputs, out, database, wallStart).run();
            }
        } finally {
            extractor.close();
            pool.shutdownNow();
        }
    }

    static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** Parses the command line; see {@link #main}. */
    static Options parse(String[] args) {
        Options d = new Options();
        int machines = d.machines();
        Duration duration = d.duration();
        double speedUp = d.speedUp();
        Duration warmUp = d.warmUp();
        long seed = d.seed();
        Path output = d.output();
        Optional<String> mqtt = d.mqttUrl();
        String plant = d.plantId();
        double tolerance = d.growthToleranceUm();
        double horizon = d.rulHorizonMinutes();
        Duration budget = d.rulTrainingBudget();
        Optional<String> endpoint = d.endpoint();
        Path backboneModel = null;
        List<String> backboneOutputs = null;
        for (Map.Entry<String, String> option : CommandLine.options(args)) {
            String key = option.getKey();
            String value = option.getValue();
            switch (key) {
                case "--machines" -> machines = CommandLine.integer(key, value);
                case "--hours" -> duration = Duration.ofHours(CommandLine.integer(key, value));
                case "--duration" -> duration = CommandLine.duration(key, value);
                case "--speed-up" -> speedUp = CommandLine.number(key, value);
                case "--warm-up" -> warmUp = CommandLine.duration(key, value);
                case "--seed" -> seed = CommandLine.longInteger(key, value);
                case "--output" -> output = Path.of(value);
                case "--mqtt" -> mqtt = Optional.of(value);
                case "--plant" -> plant = value;
                case "--tolerance" -> tolerance = CommandLine.number(key, value);
                case "--rul-horizon" -> horizon = CommandLine.number(key, value);
                case "--rul-budget" -> budget = CommandLine.duration(key, value);
                case "--endpoint" -> endpoint = Optional.of(value);
                case "--backbone" -> backboneModel = Path.of(value);
                case "--outputs" -> backboneOutputs = List.of(value.split(","));
                default -> throw new IllegalArgumentException("unknown option \"" + key + "\"");
            }
        }
        if ((backboneModel == null) != (backboneOutputs == null)) {
            throw new IllegalArgumentException("--backbone and --outputs go together (the ONNX model and the names of its"
                    + " feature outputs), got only " + (backboneModel == null ? "--outputs" : "--backbone"));
        }
        Optional<Backbone> backbone = backboneModel == null ? Optional.empty()
                : Optional.of(new Backbone(backboneModel, backboneOutputs));
        return new Options(machines, duration, speedUp, warmUp, seed, output, mqtt, plant, tolerance, horizon, budget,
                d.progressEvery(), endpoint, backbone);
    }

    /** One scheduled action of the plant's world or its control, in simulated time. */
    private record Action(Instant time, long order, String what, Runnable run) {
    }

    /** The run itself: owns the server, the collector and the per-machine analytics. Single-threaded. */
    private static final class Shift implements MachineMonitor.Listener {
        private final Options options;
        private final OfflineTraining.Models models;
        private final FeatureExtractor extractor;
        private final FactoryOutputs outputs;
        private final PrintStream out;
        private final Path database;
        private final long wallStart;
        private final RunLog log = new RunLog();
        private final Map<String, MachineMonitor> monitors = new LinkedHashMap<>();
        private final Map<String, FrameAligner> aligners = new LinkedHashMap<>();
        private final Map<String, ArrayDeque<TelemetrySample>> events = new HashMap<>();
        private final Map<String, java.util.TreeMap<Instant, Long>> partHistory = new HashMap<>();
        private final Map<String, double[]> lastAnalog = new HashMap<>();
        private final Map<String, Integer> bearingLife = new HashMap<>();
        private final Map<String, TwinFollower> followers = new HashMap<>();
        private final Map<String, Double> speedFactor = new HashMap<>();
        private final Map<String, String> nodeIds = new HashMap<>();
        private final java.util.Set<String> repairScheduled = new java.util.HashSet<>();
        private final Map<String, Instant> repairedAt = new HashMap<>();
        private final Map<String, Instant> stateSince = new HashMap<>();
        private final PriorityQueue<Action> actions = new PriorityQueue<>(
                (a, b) -> a.time().equals(b.time()) ? Long.compare(a.order(), b.order()) : a.time().compareTo(b.time()));
        private final OnlineRulEstimator rulEstimator;
        private final MaintenancePlanner planner = new MaintenancePlanner(new OrToolsSolver(), Duration.ofSeconds(1));
        private QualityStation station;
        private SimulatedMachineServer server;
        private OpcUaCollector collector;
        private List<String> machines;
        private Instant start;
        private Instant end;
        private Instant now;
        private long actionOrder;
        private long samples;

        Shift(Options options, OfflineTraining.Models models, FeatureExtractor extractor, FactoryOutputs outputs,
              PrintStream out, Path database, long wallStart) {
            this.options = options;
            this.models = models;
            this.extractor = extractor;
            this.outputs = outputs;
            this.out = out;
            this.database = database;
            this.wallStart = wallStart;
            this.rulEstimator = new OnlineRulEstimator(models.rul());
        }

        FactoryResult run() throws IOException, InterruptedException {
            station = new QualityStation(models.inspection(), extractor, models.partPreprocessing(),
                    options.output().resolve("heatmaps"), 48, options.seed());
            if (options.endpoint().isPresent()) {
                out.printf(Locale.ROOT, "connecting to the plant at %s (a real server: no injected faults, no ground "
                        + "truth, repairs are the crew's)%n", options.endpoint().get());
                return collectAndRun(options.endpoint().get(), null);
            }
            SimulationOptions simulation = new SimulationOptions(options.machines(), 0, TICK, options.seed(),
                    options.failureHorizon());
            SimServerConfig config = SimServerConfig.builder().simulation(simulation).speedUp(options.speedUp())
                    .pkiDirectory(options.output().resolve("pki-server")).build();
            out.printf(Locale.ROOT, "starting the simulated plant: %d machines, %s of plant at %.0fx real time%n",
                    options.machines(), human(options.duration()), options.speedUp());
            try (SimulatedMachineServer plc = SimulatedMachineServer.start(config)) {
                server = plc;
                // The machines were running before the demo connects: skip the cold start.
                plc.setPaused(true);
                try {
                    MachineSimulation sim = plc.simulation();
                    synchronized (sim) {
                        for (int i = 0; i < 900; i++) {
                            sim.step();
                        }
                    }
                } finally {
                    plc.setPaused(false);
                }
                return collectAndRun(plc.endpointUrl(), config.stepPeriod());
            }
        }

        /** Collects from {@code endpoint} into DuckDB and the analytics until the run's end; then finishes. */
        private FactoryResult collectAndRun(String endpoint, Duration stepPeriod) throws IOException,
                InterruptedException {
            SampleQueue queue = new SampleQueue();
            // Values per item the server may queue between two publications (100 ms): four times what the
            // simulator makes; a real server's rate is unknown, so it gets room for 500.
            int queueSize = server == null ? 500 : (int) Math.max(8, 4 * Math.ceil(100e6 / stepPeriod.toNanos()));
            try (StoreAndForward store = StoreAndForward.start(DuckDbSink.open(database), new StoreAndForwardOptions());
                 OpcUaCollector opcua = OpcUaCollector.connect(CollectorConfig.builder(endpoint).build())) {
                collector = opcua;
                List<VariableInfo> variables = opcua.browseVariables();
                for (VariableInfo v : variables) {
                    nodeIds.put(v.signalId().value(), v.nodeId());
                }
                machines = server != null ? server.simulation().machineIds() : machinesOf(nodeIds.keySet());
                if (machines.isEmpty()) {
                    throw new IllegalStateException("no machine found at " + endpoint + ": a machine needs the variables "
                            + REQUIRED.stream().map(p -> "<machine>/" + p).toList() + " (browse paths), found "
                            + nodeIds.keySet().stream().sorted().limit(20).toList());
                }
                List<String> nodes = variables.stream().filter(VariableInfo::numeric)
                        .filter(v -> machines.stream().anyMatch(m -> v.signalId().value().startsWith(m + "/")))
                        .map(VariableInfo::nodeId).toList();
                SubscriptionOptions subscription = new SubscriptionOptions().withSamplingInterval(TICK)
                        .withPublishingInterval(Duration.ofMillis(100)).withQueueSize(queueSize);
                TelemetrySink fanOut = new FanOut(store, queue);
                try (CollectorSubscription sub = opcua.subscribe(nodes, subscription, fanOut)) {
                    out.printf(Locale.ROOT, "collecting %d signals of %d machines from %s into %s%n", sub.activeItems(),
                            machines.size(), endpoint, database.getFileName());
                    setUp();
                    loop(queue);
                }
                for (MachineMonitor m : monitors.values()) {
                    if (m.alarmActive()) {
                        RunLog.Alarm a = log.activeAlarm(m.machine());
                        if (a != null) {
                            a.endReason = "still active at the end";
                        }
                    }
                }
            }
            return finish(server == null ? List.of() : server.simulation().groundTruth());
        }

        /** Reads the setpoints, makes the per-machine analytics and schedules the plant's faults. */
        private void setUp() throws IOException {
            // Plant time is the server's source time: the simulator's clock, or a real server's.
            Instant serverTime = server != null ? server.simulation().time() : collector.read(List.of(nodeIds.get(
                    machines.get(0) + "/" + MachineSignal.STATE.path()))).get(0).sourceTimestamp().orElse(Instant.now());
            start = serverTime.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plus(TICK);
            now = start;
            end = start.plus(options.duration());
            for (String m : machines) {
                double speed = read(m, MachineSignal.SPINDLE_SPEED_SETPOINT);
                double feed = read(m, MachineSignal.FEED_OVERRIDE_SETPOINT);
                monitors.put(m, new MachineMonitor(m, MachineMonitor.modelSchema(m), MachineMonitor.Timeline.defaults(),
                        models.windowFeatures(), models.faultClassifier(), speed, feed, this));
                List<SignalId> signals = Plant.ANALOG.stream().map(s -> SignalId.of(m + "/" + s.path())).toList();
                // The server publishes on change: a signal that holds still (the spindle speed while
                // loading, the tool wear while not cutting) is held for up to HOLD.
                aligners.put(m, new FrameAligner(signals, start, new AlignerOptions(TICK, HOLD)));
                events.put(m, new ArrayDeque<>());
                bearingLife.put(m, 1);
                out.printf(Locale.ROOT, "  %s at %s: spindle %.0f rpm, feed %.0f %%%n", m,
                        MaintenancePlanner.siteOf(m, machines).name(), speed, feed);
            }
            // The twin was trained before the shift: its first proposal comes as soon as temperatures are in.
            schedule(start.plus(TWIN_FIRST_AT), "twin what-if", () -> machines.forEach(this::whatIf));
            schedule(start.plus(options.warmUp()), "end of warm-up", this::endWarmUp);
            // Once settled at the first setpoint the twin looks again (a spindle that was hot at first
            // may now have headroom); a change under 2 % is not written.
            schedule(start.plus(options.warmUp()), "twin what-if", () -> machines.forEach(this::whatIf));
            // Injected faults: one per machine (up to four kinds), spread over the monitored time.
            List<FaultKind> kinds = List.of(FaultKind.BEARING_DEFECT, FaultKind.OVERHEATING, FaultKind.TOOL_BREAKAGE,
                    FaultKind.STUCK_SENSOR);
            Instant first = start.plus(options.warmUp()).plus(Duration.ofMinutes(40));
            Duration span = Duration.between(first, end.minus(Duration.ofMinutes(20)));
            for (int i = 0; server != null && i < machines.size(); i++) {
                String m = machines.get(i);
                FaultKind kind = kinds.get(i % kinds.size());
                Instant at = first.plus(span.multipliedBy(2L * i + 1).dividedBy(2L * machines.size()));
                schedule(at, "inject " + kind + " on " + m, () -> inject(m, kind));
            }
            for (Instant t = start.plus(options.warmUp()); t.isBefore(end); t = t.plus(PLANNING_EVERY)) {
                schedule(t, "maintenance planning", this::planMaintenance);
            }
        }

        /**
         * Injects a fault into a machine that is producing normally; one that is stopped, in alarm,
         * waiting for a repair or still re-learning its normal running after a change gets it five
         * minutes later. (Faults strike at any time in a real plant; the demo places its injected
         * ones where the monitoring can be judged. The blind time after a change is in the README.)
         */
        private void inject(String m, FaultKind kind) {
            MachineMonitor monitor = monitors.get(m);
            MachineState state = monitor.state();
            if (state == MachineState.STOPPED || state == MachineState.ALARM || repairScheduled.contains(m)
                    || monitor.phase() != MachineMonitor.Phase.MONITORING || monitor.alarmActive()) {
                schedule(now.plus(Duration.ofMinutes(5)), "inject " + kind + " on " + m, () -> inject(m, kind));
                return;
            }
            if (kind == FaultKind.STUCK_SENSOR) {
                server.simulation().injectFault(m, kind, MachineSignal.VIBRATION);
            } else {
                server.simulation().injectFault(m, kind);
            }
            out.printf(Locale.ROOT, "%s %s: injected %s%n", clock(now), m, kind);
        }

        private double read(String machine, MachineSignal signal) throws IOException {
            String node = nodeIds.get(machine + "/" + signal.path());
            if (node == null) {
                throw new IllegalStateException("the server has no variable " + machine + "/" + signal.path());
            }
            ReadResult r = collector.read(List.of(node)).get(0);
            if (!r.isGood() || r.numericValue().isEmpty()) {
                throw new IllegalStateException("cannot read " + node + ": " + r.value() + " with status " + r.status());
            }
            return r.numericValue().getAsDouble();
        }

        private void schedule(Instant time, String what, Runnable run) {
            actions.add(new Action(time, actionOrder++, what, run));
        }

        private void loop(SampleQueue queue) throws InterruptedException {
            long nextProgress = System.nanoTime() + options.progressEvery().toNanos();
            Instant newest = start;
            List<TelemetrySample> batch = new ArrayList<>();
            while (now.isBefore(end)) {
                batch.clear();
                TelemetrySample first = queue.poll(20, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch);
                }
                for (TelemetrySample s : batch) {
                    samples++;
                    String signal = s.signal().value();
                    int slash = signal.indexOf('/');
                    if (slash < 0) {
                        continue;
                    }
                    String m = signal.substring(0, slash);
                    String path = signal.substring(slash + 1);
                    FrameAligner aligner = aligners.get(m);
                    if (aligner == null) {
                        continue;
                    }
                    if (path.equals(MachineSignal.STATE.path()) || path.equals(MachineSignal.PART_COUNT.path())) {
                        events.get(m).add(s);
                    } else {
                        aligner.offer(s);
                    }
                    if (s.sourceTime().isAfter(newest)) {
                        newest = s.sourceTime();
                    }
                }
                // Everything up to two simulated seconds before the newest sample has arrived.
                Instant watermark = newest.minus(Duration.ofSeconds(2));
                // All machines' frames in time order, so that actions (repairs, writes) fall between
                // the right frames of every machine.
                List<Map.Entry<String, TelemetryFrame>> frames = new ArrayList<>();
                for (Map.Entry<String, FrameAligner> e : aligners.entrySet()) {
                    for (TelemetryFrame frame : e.getValue().advanceTo(watermark)) {
                        frames.add(Map.entry(e.getKey(), frame));
                    }
                }
                frames.sort((a, b) -> a.getValue().time().compareTo(b.getValue().time()));
                for (Map.Entry<String, TelemetryFrame> f : frames) {
                    runActionsUntil(f.getValue().time());
                    now = f.getValue().time().isAfter(now) ? f.getValue().time() : now;
                    process(f.getKey(), f.getValue());
                }
                runActionsUntil(watermark);
                if (watermark.isAfter(now)) {
                    now = watermark;
                }
                if (System.nanoTime() >= nextProgress) {
                    progress();
                    nextProgress += options.progressEvery().toNanos();
                }
            }
            progress();
        }

        private void runActionsUntil(Instant t) {
            while (!actions.isEmpty() && !actions.peek().time().isAfter(t)) {
                Action a = actions.poll();
                Instant saved = now;
                now = a.time().isAfter(now) ? a.time() : now;
                try {
                    a.run().run();
                } catch (RuntimeException e) {
                    LOG.warn("action '{}' failed", a.what(), e);
                    out.printf(Locale.ROOT, "%s action '%s' failed: %s%n", clock(now), a.what(), e.getMessage());
                }
                now = now.isBefore(saved) ? saved : now;
            }
        }

        private void process(String m, TelemetryFrame frame) {
            MachineMonitor monitor = monitors.get(m);
            ArrayDeque<TelemetrySample> pending = events.get(m);
            while (!pending.isEmpty() && !pending.peekFirst().sourceTime().isAfter(frame.time())) {
                TelemetrySample s = pending.pollFirst();
                if (s.quality() == Quality.BAD) {
                    continue;
                }
                if (s.signal().value().endsWith("/" + MachineSignal.STATE.path())) {
                    monitor.state(MachineState.fromCode((int) Math.round(s.value())));
                    stateSince.put(m, s.sourceTime());
                } else {
                    long count = Math.round(s.value());
                    java.util.TreeMap<Instant, Long> history = partHistory.computeIfAbsent(m, k -> new java.util.TreeMap<>());
                    Long before = history.isEmpty() ? null : history.lastEntry().getValue();
                    history.put(s.sourceTime(), count);
                    if (before != null && count > before) {
                        double[] a = lastAnalog.get(m);
                        inspect(m, count, s.sourceTime(), a == null ? 0 : a[Plant.TOOL_WEAR]);
                    }
                }
            }
            double[] analog = lastAnalog.computeIfAbsent(m, k -> new double[Plant.ANALOG.size()]);
            for (int i = 0; i < analog.length; i++) {
                analog[i] = frame.quality(i) == Quality.BAD ? Double.NaN : frame.value(i);
            }
            Instant repaired = repairedAt.get(m);
            if (monitor.state() == MachineState.ALARM && !repairScheduled.contains(m)
                    && (repaired == null || stateSince.get(m).isAfter(repaired)
                        || frame.time().isAfter(repaired.plus(Duration.ofMinutes(5))))) {
                // A trip (a state sample after the last repair), or one still latched five minutes
                // after it: the crew comes.
                tripped(m, frame.time());
            }
            monitor.accept(frame);
            Optional<Instant> since = monitor.alarmSince();
            if (since.isPresent() && !since.get().plus(CHECK_AFTER).isAfter(frame.time())
                    && !repairScheduled.contains(m)) {
                repairScheduled.add(m);
                out.printf(Locale.ROOT, "%s %s: in alarm for %s, technician checks the machine%n", clock(frame.time()), m,
                        human(CHECK_AFTER));
                schedule(frame.time().plus(CHECK_TAKES), "check and repair " + m, () -> repair(m, "checked after a "
                        + "long alarm: faulty part replaced"));
            }
        }

        private void tripped(String m, Instant t) {
            out.printf(Locale.ROOT, "%s %s: machine tripped (PLC state ALARM); crew repairs it in %s%n", clock(t), m,
                    human(CREW_REPAIR));
            outputs.machineEvent(m, t, "trip", "machine stopped by its own protection");
            repairScheduled.add(m);
            schedule(t.plus(CREW_REPAIR), "repair " + m, () -> repair(m, "repaired after a trip"));
        }

        private void repair(String m, String reason) {
            // Any repair fits a new bearing: a replacement still pending or planned for it is dropped.
            planner.completed(m);
            if (server != null) {
                server.simulation().repair(m); // the crew is part of the simulated world
            }
            repairScheduled.remove(m);
            // The plant may run ahead of the analytics (by the watermark and the delivery delay):
            // a repair takes effect at the server's present time.
            repairedAt.put(m, plantTime());
            bearingLife.merge(m, 1, Integer::sum);
            MachineMonitor monitor = monitors.get(m);
            monitor.rebaseline(now, monitor.speedSetpoint(), monitor.feed(), "repair");
            log.repairs.add(new RunLog.Repair(m, now, reason));
            out.printf(Locale.ROOT, "%s %s: %s%n", clock(now), m, reason);
            outputs.machineEvent(m, now, "repair", reason);
        }

        private void inspect(String m, long part, Instant t, double toolWear) {
            try {
                QualityStation.Inspection i = station.inspect(m, part, t, toolWear);
                log.inspections.add(i);
                outputs.inspection(i);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("inspection of part " + part + " of " + m + " failed", e);
            }
        }

        private void endWarmUp() {
            for (String m : machines) {
                monitors.get(m).endWarmUp(now);
            }
        }

        /** The twin's what-if: the highest feed that keeps predicted growth within tolerance; written if it differs. */
        private void whatIf(String m) {
            MachineMonitor monitor = monitors.get(m);
            double[] a = lastAnalog.get(m);
            if (a == null || Double.isNaN(a[Plant.SPINDLE_TEMP])) {
                return;
            }
            double setpoint = monitor.speedSetpoint();
            double factor = speedFactor.getOrDefault(m, 0.97);
            double tolerance = options.growthToleranceUm() - GROWTH_MARGIN_UM;
            double horizon = WHAT_IF_HORIZON.toSeconds();
            // The question is which feed keeps the spindle within tolerance from now on: a spindle
            // already at or over the limit is asked from just inside it, so that its present state
            // alone does not rule out every feed.
            double x0 = Math.min(a[Plant.SPINDLE_TEMP], Plant.AMBIENT_C + (tolerance - 0.5) / Plant.GROWTH_PER_KELVIN);
            OptimisationResult plan = new SetpointOptimiser().maximise(models.twin(), new double[] {x0},
                    feed -> SetpointSchedule.constant(Map.of(SPEED, setpoint * Plant.cuttingShare(feed) * factor,
                            LOAD, feed / 100, AMBIENT, Plant.AMBIENT_C, COOLANT, 1.0), 0, horizon),
                    MIN_FEED, Plant.MAX_FEED, Tolerance.atMost(GROWTH, tolerance));
            double chosen = switch (plan.status()) {
                case INFEASIBLE -> MIN_FEED;
                case MAXIMUM_FEASIBLE -> Plant.MAX_FEED;
                default -> plan.setpoint().orElse(monitor.feed());
            };
            chosen = Math.round(chosen * 10) / 10.0;
            double old = monitor.feed();
            if (plan.status() == OptimisationResult.Status.INFEASIBLE) {
                out.printf(Locale.ROOT, "%s %s: twin what-if: even the lowest feed, %.0f %%, exceeds %.0f um (predicted "
                                + "peak %.1f um, the spindle is at %.1f um now): feed %.0f %%, %.0f -> %.0f parts/h%n",
                        clock(now), m, MIN_FEED, tolerance, plan.prediction().peak(), Plant.growth(a[Plant.SPINDLE_TEMP]),
                        MIN_FEED, Plant.partsPerHour(old), Plant.partsPerHour(chosen));
            } else {
                out.printf(Locale.ROOT, "%s %s: twin what-if: feed %.1f %% keeps growth <= %.0f um over %s (predicted "
                                + "peak %.1f um, %.0f -> %.0f parts/h)%n", clock(now), m, chosen, tolerance,
                        human(WHAT_IF_HORIZON), plan.prediction().peak(), Plant.partsPerHour(old), Plant.partsPerHour(chosen));
            }
            if (Math.abs(chosen - old) < 2) {
                return;
            }
            String node = nodeIds.get(m + "/" + MachineSignal.FEED_OVERRIDE_SETPOINT.path());
            String status;
            try {
                WriteResult w = collector.write(List.of(WriteRequest.of(node, chosen))).get(0);
                status = w.status().toString();
            } catch (IOException e) {
                status = "failed: " + e.getMessage();
            }
            Instant effective = plantTime();
            RunLog.SetpointWrite write = new RunLog.SetpointWrite(m, effective,
                    MachineSignal.FEED_OVERRIDE_SETPOINT.path(), old,
                    chosen, status, "twin what-if: highest feed with growth <= " + tolerance + " um",
                    plan.prediction().peak());
            log.writes.add(write);
            outputs.setpoint(write);
            out.printf(Locale.ROOT, "%s %s: wrote %s = %.1f over OPC UA (was %.1f): %s%n", clock(now), m, node, chosen, old,
                    status);
            if (write.good()) {
                monitor.rebaseline(now, monitor.speedSetpoint(), chosen, "setpoint write");
                double growthBefore = lastMinuteGrowth(m);
                Instant written = effective;
                double predicted = plan.prediction().peak();
                double feedFrom = old;
                double feedTo = chosen;
                schedule(written.plus(EFFECT_AFTER), "effect of the write on " + m, () -> {
                    out.printf(Locale.ROOT, "%s %s: effect of feed %.1f -> %.1f %%: growth (minute mean) %.1f -> "
                                    + "%.1f um (twin predicted a peak of %.1f um), %.0f parts/h in the %s since, %.0f in the %s before%n",
                            clock(now), m, feedFrom, feedTo, growthBefore, lastMinuteGrowth(m),
                            predicted, partsPerHour(m, written, now), human(EFFECT_AFTER),
                            partsPerHour(m, written.minus(EFFECT_AFTER), written), human(EFFECT_AFTER));
                });
            }
        }

        /**
         * The plant's present time: the simulator's clock, which runs ahead of the analytics ({@link
         * #now}, the time of the last frame processed) by the watermark and the delivery delay, more so
         * the faster the plant runs; a write takes effect then. For a real server, the analytics' time.
         */
        private Instant plantTime() {
            return server != null ? server.simulation().time() : now;
        }

        /** The growth implied by the last complete minute's mean spindle temperature; NaN before one. */
        private double lastMinuteGrowth(String m) {
            RunLog.DoubleList temps = log.series(m).spindleTemp;
            return temps.size() == 0 ? Double.NaN : Plant.growth(temps.get(temps.size() - 1));
        }

        /**
         * Parts per hour a machine finished in [from, to], from the part counter's history; NaN where
         * the history does not cover the window yet.
         */
        private double partsPerHour(String m, Instant from, Instant to) {
            java.util.TreeMap<Instant, Long> h = partHistory.get(m);
            if (h == null || h.firstKey().isAfter(from) || to.isAfter(now)) {
                return Double.NaN;
            }
            return (h.floorEntry(to).getValue() - h.floorEntry(from).getValue())
                    / (Duration.between(from, to).toSeconds() / 3600.0);
        }

        private void planMaintenance() {
            Optional<MaintenancePlanner.Plan> plan = planner.plan(now, machines);
            if (plan.isEmpty()) {
                return;
            }
            MaintenancePlanner.Plan p = plan.get();
            out.printf(Locale.ROOT, "%s maintenance: %d bearing replacements in %d tours, %.1f km (%s, %d ms)%n",
                    clock(now), p.jobs().size(), p.solution().routes().size(), p.solution().cost(), p.solver(),
                    p.solveTime().toMillis());
            outputs.route(p);
            for (MaintenancePlanner.Visit v : p.visits()) {
                out.printf(Locale.ROOT, "    tour %d: %s at %s, arrives %s, done %s%n", v.tour(), v.machine(), v.site(),
                        clock(v.arrival()), clock(v.done()));
                String m = v.machine();
                schedule(v.arrival(), "technician stops " + m, () -> {
                    if (planner.scheduled(m).filter(v::equals).isEmpty()) {
                        out.printf(Locale.ROOT, "%s %s: visit dropped, the bearing was replaced since%n", clock(now), m);
                        return;
                    }
                    writeSpeed(m, 0, "technician stops the machine for a bearing replacement");
                    schedule(v.done(), "bearing replaced on " + m, () -> {
                        repair(m, "bearing replaced (planned, RUL)");
                        writeSpeed(m, monitors.get(m).speedSetpoint(), "technician restarts the machine");
                    });
                });
            }
        }

        private void writeSpeed(String m, double rpm, String reason) {
            String node = nodeIds.get(m + "/" + MachineSignal.SPINDLE_SPEED_SETPOINT.path());
            String status;
            try {
                status = collector.write(List.of(WriteRequest.of(node, rpm))).get(0).status().toString();
            } catch (IOException e) {
                status = "failed: " + e.getMessage();
            }
            double old = rpm == 0 ? monitors.get(m).speedSetpoint() : 0;
            RunLog.SetpointWrite write = new RunLog.SetpointWrite(m, plantTime(), MachineSignal.SPINDLE_SPEED_SETPOINT.path(), old,
                    rpm, status, reason, Double.NaN);
            log.writes.add(write);
            outputs.setpoint(write);
            out.printf(Locale.ROOT, "%s %s: wrote %s = %.0f over OPC UA: %s (%s)%n", clock(now), m, node, rpm, status,
                    reason);
        }

        // ------------------------------------------------------------ monitor callbacks

        @Override
        public void alarmStarted(String machine, Instant time, double score, String chart, String topContributor) {
            RunLog.Alarm a = new RunLog.Alarm(machine, time, score, chart, topContributor);
            log.alarms.add(a);
            out.printf(Locale.ROOT, "%s %s: ALARM score %.2f (%s chart), top contributor %s%n", clock(time), machine, score,
                    chart, topContributor);
            outputs.alarmStarted(a);
        }

        @Override
        public void alarmEnded(String machine, Instant time, Instant start, double peak, String reason) {
            RunLog.Alarm a = log.alarmStartedAt(machine, start);
            if (a != null) {
                a.end = time;
                a.peak = peak;
                a.endReason = reason;
                outputs.alarmEnded(a);
            }
            out.printf(Locale.ROOT, "%s %s: alarm ended (%s)%n", clock(time), machine, reason);
        }

        @Override
        public void diagnosed(String machine, Instant alarmStart, Instant time, Diagnosis diagnosis) {
            RunLog.Alarm a = log.alarmStartedAt(machine, alarmStart);
            if (a != null) {
                a.diagnosis = diagnosis.label();
                a.confidence = diagnosis.confidence();
                outputs.diagnosis(a, time);
            }
            out.printf(Locale.ROOT, "%s %s: diagnosis %s (probability %.2f)%n", clock(time), machine, diagnosis.label(),
                    diagnosis.confidence());
        }

        @Override
        public void modelTrained(String machine, Instant time, int rows, PcaSpcModel model) {
            LOG.info("{} at {}: PCA-SPC fitted on {} rows, {} components", machine, time, rows, model.components());
        }

        @Override
        public void minute(String machine, Instant time, MinuteStats minute, double feed, boolean running,
                           double maxScore) {
            double[] mean = minute.means();
            RunLog.Series s = log.series(machine);
            Instant minuteStart = time.minus(Duration.ofSeconds(MinuteStats.SECONDS - 1));
            s.time.add(minuteStart);
            s.vibration.add(mean[Plant.VIBRATION]);
            s.bearingTemp.add(mean[Plant.BEARING_TEMP]);
            s.spindleTemp.add(mean[Plant.SPINDLE_TEMP]);
            s.current.add(mean[Plant.CURRENT]);
            s.feed.add(feed);
            s.maxScore.add(maxScore);
            double temp = minute.startTemp();
            s.growth.add(Double.isNaN(temp) ? Double.NaN : Plant.growth(temp));
            s.twinGrowth.add(followTwin(machine, minuteStart, mean, minute, feed, temp));
            if (minute.cut() && monitors.get(machine).speedSetpoint() > 0) {
                double share = Plant.cuttingShare(feed);
                double factor = mean[Plant.SPEED] / (monitors.get(machine).speedSetpoint() * share);
                if (Double.isFinite(factor) && factor > 0.5 && factor < 1.2) {
                    speedFactor.merge(machine, factor, (o, n) -> 0.9 * o + 0.1 * n);
                }
            }
            // RUL: one row per minute into the machine's current bearing's history.
            double[] row = minute.rulRow();
            boolean complete = Arrays.stream(row).noneMatch(Double::isNaN);
            if (complete && running) {
                String asset = machine + "#" + bearingLife.get(machine);
                if (rulEstimator.rows(asset) == 0 && !s.rulTime.isEmpty()) {
                    // A new bearing: break the line between the old one's estimates and the new one's.
                    s.rulTime.add(minuteStart);
                    s.rul.add(Double.NaN);
                    s.rulLower.add(Double.NaN);
                    s.rulUpper.add(Double.NaN);
                }
                RulEstimate e = rulEstimator.accept(asset, row);
                if (rulEstimator.rows(asset) >= models.rul().window()) {
                    s.rulTime.add(minuteStart);
                    s.rul.add(e.rul());
                    s.rulLower.add(e.lower());
                    s.rulUpper.add(e.upper());
                    outputs.rul(machine, time, e);
                    MaintenancePlanner.Job job = new MaintenancePlanner.Job(machine, time, e.lower());
                    if (e.lower() < options.rulHorizonMinutes() && !monitors.get(machine).alarmActive()
                            && planner.request(job)) {
                        log.jobs.add(job);
                        out.printf(Locale.ROOT, "%s %s: RUL %.0f min (90 %% interval %.0f-%.0f): bearing replacement "
                                + "requested%n", clock(time), machine, e.rul(), e.lower(), e.upper());
                    }
                }
            }
        }

        /** Feeds the minute to the machine's twin follower; returns the twin's growth prediction for it. */
        private double followTwin(String machine, Instant minuteStart, double[] mean, MinuteStats minute, double feed,
                                  double temp) {
            if (Double.isNaN(temp) || Double.isNaN(mean[Plant.SPEED])) {
                return Double.NaN;
            }
            TwinFollower follower = followers.computeIfAbsent(machine, k -> new TwinFollower(models.twin(),
                    TwinMapping.identity(models.twin(), List.of(TEMPERATURE), List.of()), new double[] {temp},
                    new FollowerOptions()));
            TelemetryFrame frame = new TelemetryFrame(minuteStart, TWIN_FRAME, new double[] {mean[Plant.SPEED],
                minute.cut() ? feed / 100 : 0, Plant.AMBIENT_C, 1, temp}, TWIN_FRAME_GOOD);
            List<Residual> residuals = follower.accept(frame);
            if (residuals.isEmpty()) {
                return Double.NaN;
            }
            double predictedTemp = residuals.get(0).predicted();
            return Plant.growth(predictedTemp);
        }

        private void progress() {
            long parts = log.inspections.size();
            long rejected = log.inspections.stream().filter(QualityStation.Inspection::flagged).count();
            long active = monitors.values().stream().filter(MachineMonitor::alarmActive).count();
            out.printf(Locale.ROOT, "[plant %s / %s, wall %.0f s, analytics %.0f s behind] %,d samples, %d alarms (%d "
                            + "active), %d parts (%d rejected), %d setpoint writes, %d repairs, %d maintenance jobs%n",
                    human(Duration.between(start, now)), human(options.duration()), seconds(wallStart),
                    Math.max(0, Duration.between(now, plantTime()).toMillis() / 1000.0), samples,
                    log.alarms.size(), active, parts, rejected, log.writes.size(), log.repairs.size(), log.jobs.size());
        }

        private FactoryResult finish(List<FaultEvent> truth) throws IOException {
            return FactoryFinish.finish(options, log, truth, planner.plans(), database, start, end, machines, outputs,
                    out, seconds(wallStart));
        }

        private String clock(Instant t) {
            return "[" + human(Duration.between(start, t)) + "]";
        }
    }

    /** The machines of a real server: prefixes {@code m} with every {@code m/<path>} of {@link #REQUIRED}. */
    static List<String> machinesOf(java.util.Set<String> signals) {
        java.util.TreeSet<String> candidates = new java.util.TreeSet<>();
        for (String s : signals) {
            int slash = s.indexOf('/');
            if (slash > 0) {
                candidates.add(s.substring(0, slash));
            }
        }
        return candidates.stream().filter(m -> REQUIRED.stream().allMatch(p -> signals.contains(m + "/" + p)))
                .limit(12).toList();
    }

    /** {@code 1:05:00} style. */
    static String human(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }

    /** Hands each batch to the store and to the analytics thread. */
    private record FanOut(TelemetrySink store, TelemetrySink analytics) implements TelemetrySink {
        @Override
        public void accept(List<TelemetrySample> batch) {
            store.accept(batch);
            analytics.accept(batch);
        }

        @Override
        public void describe(List<org.industry4.core.SignalInfo> signals) {
            store.describe(signals);
        }

        @Override
        public void gap(org.industry4.core.TelemetryGap gap) {
            store.gap(gap);
        }

        @Override
        public void flush() {
            store.flush();
        }

        @Override
        public void close() {
            // The owners close the store and the queue.
        }
    }
}
