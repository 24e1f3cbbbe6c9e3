package org.industry4.kafka.streams;

import static org.industry4.twin.sim.SpindleThermalPhysics.AMBIENT;
import static org.industry4.twin.sim.SpindleThermalPhysics.COOLANT;
import static org.industry4.twin.sim.SpindleThermalPhysics.GROWTH;
import static org.industry4.twin.sim.SpindleThermalPhysics.LOAD;
import static org.industry4.twin.sim.SpindleThermalPhysics.SPEED;
import static org.industry4.twin.sim.SpindleThermalPhysics.TEMPERATURE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.industry4.core.FeatureSchema;
import org.industry4.core.Quality;
import org.industry4.core.TelemetryFrame;
import org.industry4.kafka.KafkaSinkOptions;
import org.industry4.kafka.KafkaTelemetrySink;
import org.industry4.kafka.testing.LocalKafka;
import org.industry4.rul.data.PreprocessOptions;
import org.industry4.rul.RulEstimate;
import org.industry4.rul.RulModel;
import org.industry4.rul.RulOptions;
import org.industry4.rul.RulTrainer;
import org.industry4.rul.data.SyntheticEngines;
import org.industry4.rul.data.Trajectory;
import org.industry4.twin.dynamics.SetpointSchedule;
import org.industry4.twin.online.FollowerOptions;
import org.industry4.twin.online.Residual;
import org.industry4.twin.online.TwinFollower;
import org.industry4.twin.online.TwinMapping;
import org.industry4.twin.sim.MeasuredRun;
import org.industry4.twin.sim.OperatingRange;
import org.industry4.twin.sim.SpindleThermalTruth;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.industry4.kafka.testing.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The RUL and twin stages on a real broker give what the estimator and follower give in one process. */
class StagesTest {

    private static final Instant T0 = Instant.parse("2024-05-01T06:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalKafka kafka;

    @TempDir
    Path state;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = LocalKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    private KafkaStreams start(FleetTopology fleet, String app, String dir) throws Exception {
        KafkaStreams streams = new KafkaStreams(fleet.topology(),
                FleetConfig.properties(app, kafka.bootstrapServers(), Files.createDirectories(state.resolve(dir))));
        streams.start();
        return streams;
    }

    private static void send(String topic, Map<String, List<TelemetryFrame>> frames, int from, int to) {
        try (KafkaTelemetrySink sink = KafkaTelemetrySink.create(new KafkaSinkOptions(kafka.bootstrapServers())
                .withTopics("unused.samples", topic))) {
            frames.forEach((asset, list) -> list.subList(from, Math.min(to, list.size()))
                    .forEach(f -> sink.send(asset, f)));
        }
    }

    private static void awaitFrames(FleetTopology fleet, KafkaStreams streams, Map<String, Integer> expected)
            throws InterruptedException {
        Fleet.await("frames " + expected, Duration.ofSeconds(120), () -> expected.entrySet().stream()
                .allMatch(e -> Fleet.framesOf(fleet, List.of(streams), e.getKey()) == e.getValue()));
    }

    private static List<JsonNode> read(String topic) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : Topics.readAll(kafka.bootstrapServers(), topic,
                Duration.ofSeconds(30))) {
            JsonNode n = JSON.readTree(r.value());
            assertEquals(r.key(), n.get("asset").asText());
            out.add(n);
        }
        return out;
    }

    @Test
    void theRulStageKeepsEachAssetsWindowAndEstimatesAsTheBatchPredictionDoes() throws Exception {
        RulModel model = new RulTrainer(new RulOptions().withWindow(20)
                .withArchitecture(RulOptions.Architecture.LSTM, List.of(8), 3, 8, 0.0)
                .withTraining(5e-3, 64, 3, 3, Duration.ofMinutes(1))
                .withPreprocess(new PreprocessOptions().withConditions(1))
                .withSeed(3)).fit(SyntheticEngines.generate(12, 1, 1));
        kafka.createTopics(2, "rul.frames", "rul.out", "rul.dlq");
        FleetTopology fleet = FleetTopology.builder().framesTopic("rul.frames").deadLetterTopic("rul.dlq")
                .inMemoryState(true).stage(RulStage.of("rul.out", model, 10)).build();
        List<Trajectory> engines = SyntheticEngines.generate(3, 1, 9);
        Map<String, List<TelemetryFrame>> frames = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (int e = 0; e < engines.size(); e++) {
            Trajectory t = engines.get(e);
            List<TelemetryFrame> list = new ArrayList<>();
            Quality[] good = new Quality[t.schema().size()];
            Arrays.fill(good, Quality.GOOD);
            for (int c = 0; c < t.cycles(); c++) {
                list.add(new TelemetryFrame(T0.plusSeconds(c), t.schema(), t.row(c), good));
            }
            frames.put("engine-" + e, list);
            counts.put("engine-" + e, t.cycles());
        }
        try (KafkaStreams streams = start(fleet, "rul-app", "a")) {
            send("rul.frames", frames, 0, Integer.MAX_VALUE);
            awaitFrames(fleet, streams, counts);
        }
        List<JsonNode> estimates = read("rul.out");
        int expected = engines.stream().mapToInt(t -> t.cycles() / 10).sum();
        assertEquals(expected, estimates.size());
        for (JsonNode n : estimates) {
            Trajectory t = engines.get(Integer.parseInt(n.get("asset").asText().substring("engine-".length())));
            int rows = n.get("rows").asInt();
            RulEstimate batch = model.predict(t.head(rows));
            assertEquals(batch.rul(), n.get("rul").asDouble(), 1e-4, n.toString());
            assertEquals(batch.lower(), n.get("lower").asDouble(), 1e-4, n.toString());
            assertEquals(T0.plusSeconds(rows - 1).toString(), n.get("time").asText());
        }
    }

    @Test
    void theTwinStageFollowsEveryAssetAcrossARestartOnAFreshMachineAsOneUninterruptedFollowerWould()
            throws Exception {
        SpindleThermalTruth truth = new SpindleThermalTruth();
        FeatureSchema schema = FeatureSchema.of("speed", "load", "ambient", "coolant", "spindle_temp", "growth");
        TwinMapping mapping = new TwinMapping(Map.of(SPEED, "speed", LOAD, "load", AMBIENT, "ambient", COOLANT,
                "coolant"), Map.of(TEMPERATURE, "spindle_temp"), Map.of(GROWTH, "growth"));
        Map<String, List<TelemetryFrame>> frames = new HashMap<>();
        Map<String, List<List<Residual>>> expected = new HashMap<>();
        for (int a = 0; a < 3; a++) {
            SetpointSchedule schedule = OperatingRange.training().schedule(3600, 20 + a);
            MeasuredRun run = truth.run(schedule, schedule.valueAt(0, AMBIENT), 10, 30 + a);
            double[][] u = run.truth().inputs();
            double[] temp = run.measuredState(TEMPERATURE);
            double[] growth = run.measuredOutput(GROWTH);
            List<TelemetryFrame> list = new ArrayList<>();
            TwinFollower follower = new TwinFollower(truth, mapping, new double[] {20}, new FollowerOptions());
            List<List<Residual>> residuals = new ArrayList<>();
            Quality[] good = new Quality[6];
            Arrays.fill(good, Quality.GOOD);
            for (int k = 0; k < run.truth().size(); k++) {
                TelemetryFrame f = new TelemetryFrame(T0.plusMillis(Math.round(run.truth().time(k) * 1000)), schema,
                        new double[] {u[k][0], u[k][1], u[k][2], u[k][3], temp[k], growth[k]}, good);
                list.add(f);
                List<Residual> r = follower.accept(f);
                if (!r.isEmpty()) {
                    residuals.add(r);
                }
            }
            frames.put("spindle-" + a, list);
            expected.put("spindle-" + a, residuals);
        }
        int half = 150;
        kafka.createTopics(2, "twin.frames", "twin.out", "twin.dlq");
        FleetTopology fleet = FleetTopology.builder().framesTopic("twin.frames").deadLetterTopic("twin.dlq")
                .stage(TwinStage.of("twin", "twin.out", truth, mapping, new double[] {20}, new FollowerOptions(), null))
                .build();
        Map<String, Integer> atHalf = new HashMap<>();
        Map<String, Integer> atEnd = new HashMap<>();
        frames.forEach((asset, list) -> {
            atHalf.put(asset, half);
            atEnd.put(asset, list.size());
        });
        try (KafkaStreams first = start(fleet, "twin-app", "first")) {
            send("twin.frames", frames, 0, half);
            awaitFrames(fleet, first, atHalf);
        }
        // a new machine: no local state, everything restored from the changelog
        try (KafkaStreams second = start(fleet, "twin-app", "second")) {
            send("twin.frames", frames, half, Integer.MAX_VALUE);
            awaitFrames(fleet, second, atEnd);
        }
        Map<String, List<JsonNode>> byAsset = new HashMap<>();
        for (JsonNode n : read("twin.out")) {
            byAsset.computeIfAbsent(n.get("asset").asText(), k -> new ArrayList<>()).add(n);
        }
        for (Map.Entry<String, List<List<Residual>>> e : expected.entrySet()) {
            List<JsonNode> got = byAsset.get(e.getKey());
            assertEquals(e.getValue().size(), got.size(), e.getKey());
            for (int i = 0; i < got.size(); i++) {
                List<Residual> want = e.getValue().get(i);
                JsonNode n = got.get(i);
                assertEquals(want.get(0).time().toString(), n.get("time").asText());
                for (Residual r : want) {
                    double value = n.get("residuals").get(r.name()).asDouble();
                    assertEquals(r.value(), value, 1e-5 * Math.max(1, Math.abs(r.value())), e.getKey() + " " + i);
                }
            }
            assertTrue(got.size() > half, "residuals after the restart too");
        }
    }
}
