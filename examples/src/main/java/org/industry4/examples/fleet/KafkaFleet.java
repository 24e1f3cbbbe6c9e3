package org.industry4.examples.fleet;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.streams.KafkaStreams;
import org.industry4.anomaly.iforest.IsolationForestFile;
import org.industry4.anomaly.iforest.IsolationForestModel;
import org.industry4.anomaly.iforest.IsolationForestOptions;
import org.industry4.anomaly.iforest.IsolationForestTrainer;
import org.industry4.core.FeatureSchema;
import org.industry4.core.Quality;
import org.industry4.core.TelemetryFrame;
import org.industry4.examples.support.CommandLine;
import org.industry4.kafka.KafkaSinkOptions;
import org.industry4.kafka.KafkaTelemetrySink;
import org.industry4.kafka.ProducerSettings;
import org.industry4.kafka.streams.AnomalyStage;
import org.industry4.kafka.streams.FleetConfig;
import org.industry4.kafka.streams.FleetTopology;
import org.industry4.kafka.streams.ModelRecords;
import org.industry4.kafka.testing.LocalKafka;
import org.industry4.kafka.testing.Topics;
import org.industry4.opcua.sim.FaultEvent;
import org.industry4.opcua.sim.FaultKind;
import org.industry4.opcua.sim.MachineSignal;
import org.industry4.opcua.sim.MachineSimulation;
import org.industry4.opcua.sim.SimulationOptions;

/**
 * A fleet of simulated CNC machines scored on Apache Kafka: each machine's frames go to Kafka keyed
 * by machine, a Kafka Streams application ({@link FleetTopology}) scores every frame with an
 * Isolation Forest and runs each machine's alarm filter, with each machine's state in a state
 * store, exactly once; half-way through, a retrained model is rolled out to the running
 * application, and at the end the alarms are set beside the faults the simulation injected.
 *
 * <pre>
 * mvn -B -q -pl examples -am -DskipTests package exec:java -Dexec.mainClass=org.industry4.examples.fleet.KafkaFleet \
 *     -Dexec.args="--machines 12 --minutes 20 --seed 42"
 * </pre>
 *
 * Without {@code --bootstrap host:port} it starts a single-node Kafka broker in this JVM (KRaft,
 * random port, files under the temporary folder); with it, it uses that cluster and creates the
 * topics it needs if they are missing. In a plant, the frames come from the OPC UA collector
 * through a {@code FrameAligner}; here the simulation is stepped directly, one second per tick,
 * as fast as the machine can.
 */
public final class KafkaFleet {

    static final MachineSignal[] SIGNALS = {MachineSignal.SPINDLE_SPEED, MachineSignal.VIBRATION,
        MachineSignal.BEARING_TEMP, MachineSignal.SPINDLE_TEMP, MachineSignal.MOTOR_CURRENT};
    static final FeatureSchema SCHEMA = new FeatureSchema(Arrays.stream(SIGNALS).map(MachineSignal::path).toList());
    private static final Duration TICK = Duration.ofSeconds(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param machines  machines in the fleet
     * @param minutes   simulated minutes streamed
     * @param seed      fixes the simulation and the models
     * @param bootstrap an existing Kafka cluster, or null to start one in this JVM
     */
    public record Options(int machines, int minutes, long seed, String bootstrap) {
        public Options {
            if (machines < 3 || machines > SimulationOptions.MAX_MACHINES) {
                throw new IllegalArgumentException("--machines must be in 3.." + SimulationOptions.MAX_MACHINES
                        + ", got " + machines);
            }
            if (minutes < 4) {
                throw new IllegalArgumentException("--minutes must be >= 4, got " + minutes);
            }
        }

        static Options parse(String[] args) {
            Options o = new Options(12, 20, 42, null);
            for (Map.Entry<String, String> e : CommandLine.options(args)) {
                o = switch (e.getKey()) {
                    case "--machines" -> new Options(CommandLine.integer(e.getKey(), e.getValue()), o.minutes, o.seed,
                            o.bootstrap);
                    case "--minutes" -> new Options(o.machines, CommandLine.integer(e.getKey(), e.getValue()), o.seed,
                            o.bootstrap);
                    case "--seed" -> new Options(o.machines, o.minutes, CommandLine.longInteger(e.getKey(), e.getValue()),
                            o.bootstrap);
                    case "--bootstrap" -> new Options(o.machines, o.minutes, o.seed, e.getValue());
                    default -> throw new IllegalArgumentException("unknown option " + e.getKey());
                };
            }
            return o;
        }
    }

    /** One alarm as the alarms topic carries it. */
    public record Alarm(String machine, String event, Instant time, double score, long modelVersion) {
    }

    /**
     * What happened.
     *
     * @param frames       frames sent
     * @param scored       frames the application counted, over all machines
     * @param alarms       every alarm event, in the order read
     * @param faults       the faults the simulation injected
     * @param detected     faults with an alarm start within 5 minutes after them on their machine
     * @param deadLetters  records on the dead-letter topic
     * @param modelVersion the model version in use at the end
     */
    public record Result(long frames, long scored, List<Alarm> alarms, List<FaultEvent> faults, int detected,
                         long deadLetters, long modelVersion) {
    }

    private KafkaFleet() {
    }

    public static void main(String[] args) throws Exception {
        Options options = CommandLine.parseOrExit(args, Options::parse, "KafkaFleet",
                "usage: KafkaFleet [--machines 12] [--minutes 20] [--seed 42] [--bootstrap host:port]");
        run(options, System.out);
    }

    /** Runs the fleet and prints what happens to {@code out}. */
    public static Result run(Options options, PrintStream out) throws Exception {
        Path work = Files.createTempDirectory("industry4-kafka-fleet");
        LocalKafka local = null;
        String bootstrap = options.bootstrap();
        if (bootstrap == null) {
            out.println("starting a single-node Kafka broker in this JVM ...");
            local = LocalKafka.start();
            bootstrap = local.bootstrapServers();
        }
        try {
            return run(options, bootstrap, work, out);
        } finally {
            if (local != null) {
                local.close();
            }
            deleteTree(work); // the application's local state: the changelog topics hold it too
        }
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static Result run(Options options, String bootstrap, Path work, PrintStream out) throws Exception {
        String prefix = "fleet-" + options.seed() + ".";
        String frames = prefix + "frames";
        String alarms = prefix + "alarms";
        String deadLetter = prefix + "dead-letter";
        String models = prefix + "models";
        createTopics(bootstrap, List.of(frames, alarms, deadLetter), models, out);

        // 1. Learn normal operation from other machines' history: 30 minutes, every state of the work cycle.
        IsolationForestModel model = train(options.machines(), 30, options.seed() + 1, 0.005);
        out.printf(Locale.ROOT, "trained an Isolation Forest on 30 min of %d warmed-up healthy machines: %d trees,"
                + " threshold %.3f%n", options.machines(), model.trees(), model.threshold());

        // 2. The scoring application.
        AnomalyStage stage = AnomalyStage.isolationForest(alarms, model);
        FleetTopology fleet = FleetTopology.builder().framesTopic(frames).deadLetterTopic(deadLetter)
                .modelsTopic(models).stage(stage).build();
        Properties config = FleetConfig.properties(prefix + "scoring", bootstrap,
                Files.createDirectories(work.resolve("state")));
        long sent = 0;
        List<FaultEvent> faults;
        long scored;
        try (KafkaStreams streams = new KafkaStreams(fleet.topology(), config)) {
            streams.start();
            out.printf(Locale.ROOT, "scoring application started: %s%n", fleet);

            // 3. The fleet: faults injected on three machines after a third of the time.
            MachineSimulation sim = new MachineSimulation(new SimulationOptions(options.machines(), 0, TICK,
                    options.seed()), Instant.parse("2026-01-05T06:00:00Z"));
            List<String> ids = sim.machineIds();
            warmUp(sim);
            long ticks = Duration.ofMinutes(options.minutes()).dividedBy(TICK);
            long faultAt = ticks / 3;
            long start = System.nanoTime();
            // Up to 10 frames of a machine per record (each waits at most a second for the rest):
            // the setting for fleets, a fraction of the per-record cost of Kafka and Streams per frame.
            try (KafkaTelemetrySink sink = KafkaTelemetrySink.create(new KafkaSinkOptions(bootstrap)
                    .withTopics(prefix + "samples", frames).withFramesPerRecord(10, Duration.ofSeconds(1)))) {
                for (long t = 0; t < ticks; t++) {
                    if (t == faultAt) {
                        sim.injectFault(ids.get(1), FaultKind.OVERHEATING);
                        sim.injectFault(ids.get(ids.size() / 2), FaultKind.TOOL_BREAKAGE);
                        sim.injectFault(ids.get(ids.size() - 1), FaultKind.SENSOR_DROPOUT, MachineSignal.VIBRATION);
                    }
                    if (t == ticks / 2) {
                        // the application catches up first, so that the new model takes over at this point
                        sink.flush();
                        awaitFrames(fleet, streams, ids, t);
                        IsolationForestModel retrained = train(options.machines(), 60, options.seed() + 2, 0.005);
                        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                                ProducerSettings.lossless(bootstrap, Map.of()))) {
                            ModelRecords.publish(producer, models, stage.name(),
                                    new IsolationForestFile().envelope(retrained), 1).get(30, TimeUnit.SECONDS);
                        }
                        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                        while (stage.model().version() != 1 && System.nanoTime() < until) {
                            Thread.sleep(50);
                        }
                        out.printf(Locale.ROOT, "minute %d: rolled out model version 1 (60 min of history, threshold"
                                + " %.3f); the application uses version %d, every machine's alarm state kept%n", t / 60,
                                retrained.threshold(), stage.model().version());
                    }
                    sim.step();
                    for (String id : ids) {
                        sink.send(id, frame(sim, id));
                        sent++;
                    }
                }
                sink.flush();
            }
            faults = sim.groundTruth();
            out.printf(Locale.ROOT, "sent %,d frames of %d machines (%d simulated minutes) in %.1f s%n", sent,
                    ids.size(), options.minutes(), (System.nanoTime() - start) / 1e9);

            // 4. Wait until the application has counted every frame.
            scored = awaitFrames(fleet, streams, ids, ticks);
        }

        // 5. Alarms beside the injected faults.
        List<Alarm> found = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : Topics.readAll(bootstrap, alarms, Duration.ofSeconds(30))) {
            JsonNode n = JSON.readTree(r.value());
            found.add(new Alarm(n.get("asset").asText(), n.get("event").asText(), Instant.parse(n.get("time").asText()),
                    n.get("score").asDouble(), n.get("model_version").asLong()));
        }
        long dead = Topics.readAll(bootstrap, deadLetter, Duration.ofSeconds(30)).size();
        out.println();
        out.println("machine   alarms  first start  model");
        for (String id : new java.util.TreeSet<>(found.stream().map(Alarm::machine).toList())) {
            List<Alarm> mine = found.stream().filter(a -> a.machine().equals(id) && a.event().equals("start")).toList();
            out.printf(Locale.ROOT, "%-9s %6d  %s     v%d%n", id, mine.size(),
                    mine.isEmpty() ? "-" : mine.get(0).time().toString().substring(11, 19),
                    mine.isEmpty() ? 0 : mine.get(0).modelVersion());
        }
        int detected = 0;
        out.println();
        for (FaultEvent f : faults) {
            boolean hit = found.stream().anyMatch(a -> a.machine().equals(f.machineId()) && a.event().equals("start")
                    && !a.time().isBefore(f.wallTime()) && a.time().isBefore(f.wallTime().plus(Duration.ofMinutes(5))));
            detected += hit ? 1 : 0;
            out.printf(Locale.ROOT, "fault %-15s on %s at %s: %s%n", f.kind(), f.machineId(),
                    f.wallTime().toString().substring(11, 19), hit ? "alarm within 5 min" : "no alarm within 5 min"
                            + (f.kind() == FaultKind.SENSOR_DROPOUT ? " (BAD frames are skipped, not scored)" : ""));
        }
        out.printf(Locale.ROOT, "%n%,d frames scored exactly once, %d alarm events, %d of %d faults detected,"
                + " %d dead letters%n", scored, found.size(), detected, faults.size(), dead);
        return new Result(sent, scored, found, faults, detected, dead,
                found.stream().mapToLong(Alarm::modelVersion).max().orElse(0));
    }

    /** Waits until every machine of {@code ids} has {@code frames} frames counted; returns the total. */
    private static long awaitFrames(FleetTopology fleet, KafkaStreams streams, List<String> ids, long frames)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (true) {
            long scored = 0;
            boolean all = true;
            for (String id : ids) {
                long n = framesOf(fleet, streams, id);
                scored += Math.max(0, n);
                all &= n == frames;
            }
            if (all) {
                return scored;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the application counted " + scored + " of " + frames * ids.size()
                        + " frames in 3 minutes");
            }
            Thread.sleep(100);
        }
    }

    /** Runs {@code sim} 10 minutes, so its machines are past their cold start: a plant that was already running. */
    static void warmUp(MachineSimulation sim) {
        for (long t = 0; t < Duration.ofMinutes(10).dividedBy(TICK); t++) {
            sim.step();
        }
    }

    /** One frame of machine {@code id} now; a signal the server would publish as bad is BAD here. */
    static TelemetryFrame frame(MachineSimulation sim, String id) {
        double[] values = new double[SIGNALS.length];
        Quality[] quality = new Quality[SIGNALS.length];
        for (int i = 0; i < SIGNALS.length; i++) {
            boolean good = sim.isGood(id, SIGNALS[i]);
            values[i] = good ? sim.value(id, SIGNALS[i]) : Double.NaN;
            quality[i] = good ? Quality.GOOD : Quality.BAD;
        }
        return new TelemetryFrame(sim.time(), SCHEMA, values, quality);
    }

    /** An Isolation Forest on {@code minutes} of {@code machines} warmed-up healthy machines' frames. */
    static IsolationForestModel train(int machines, int minutes, long seed, double contamination) {
        MachineSimulation sim = new MachineSimulation(new SimulationOptions(machines, 0, TICK, seed));
        warmUp(sim);
        List<double[]> rows = new ArrayList<>();
        for (long t = 0; t < Duration.ofMinutes(minutes).dividedBy(TICK); t++) {
            sim.step();
            for (String id : sim.machineIds()) {
                TelemetryFrame f = frame(sim, id);
                if (f.isComplete()) {
                    rows.add(f.values());
                }
            }
        }
        return new IsolationForestTrainer(new IsolationForestOptions().withContamination(contamination).withSeed(seed))
                .fit(rows.toArray(new double[0][]), SCHEMA);
    }

    private static long framesOf(FleetTopology fleet, KafkaStreams streams, String id) {
        try {
            return fleet.frames(streams, id).orElse(0L);
        } catch (org.apache.kafka.streams.errors.InvalidStateStoreException e) {
            return -1; // rebalancing
        }
    }

    private static void createTopics(String bootstrap, List<String> topics, String models, PrintStream out)
            throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            var existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String t : topics) {
                if (!existing.contains(t)) {
                    missing.add(new NewTopic(t, 6, (short) 1));
                }
            }
            if (!existing.contains(models)) {
                missing.add(new NewTopic(models, 1, (short) 1).configs(Map.of("cleanup.policy", "compact")));
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                LocalKafka.awaitLeaders(admin, missing.stream().map(NewTopic::name).toList());
                out.printf(Locale.ROOT, "created topics %s%n", missing.stream().map(NewTopic::name).toList());
            }
        }
    }
}
