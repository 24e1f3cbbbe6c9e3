package org.industry4.kafka.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.KafkaStreams;
import org.industry4.anomaly.iforest.IsolationForestFile;
import org.industry4.anomaly.iforest.IsolationForestModel;
import org.industry4.core.Quality;
import org.industry4.core.TelemetryFrame;
import org.industry4.kafka.KafkaSinkOptions;
import org.industry4.kafka.KafkaTelemetrySink;
import org.industry4.kafka.ProducerSettings;
import org.industry4.kafka.format.TelemetryCodec;
import org.industry4.kafka.format.TelemetryJson;
import org.industry4.kafka.testing.LocalKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.industry4.kafka.testing.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fleet topology on a real broker: scoring, alarms, dead letters, two instances, model roll-out. */
class FleetTopologyTest {

    private static LocalKafka kafka;
    private static IsolationForestModel model;

    @TempDir
    Path state;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = LocalKafka.start();
        model = Fleet.model(7, 0.01);
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    private record TestTopics(String frames, String alarms, String deadLetter, String models) {
        static TestTopics create(String name) throws Exception {
            TestTopics t = new TestTopics(name + ".frames", name + ".alarms", name + ".dlq", name + ".models");
            kafka.createTopics(4, t.frames, t.alarms, t.deadLetter);
            kafka.createTopics(1, t.models);
            return t;
        }
    }

    private static FleetTopology topology(TestTopics t, boolean models) {
        FleetTopology.Builder b = FleetTopology.builder().framesTopic(t.frames).deadLetterTopic(t.deadLetter)
                .stage(AnomalyStage.isolationForest(t.alarms, model));
        if (models) {
            b.modelsTopic(t.models);
        }
        return b.build();
    }

    private KafkaStreams start(FleetTopology fleet, String app, String dir) throws Exception {
        KafkaStreams streams = new KafkaStreams(fleet.topology(),
                FleetConfig.properties(app, kafka.bootstrapServers(), Files.createDirectories(state.resolve(dir))));
        streams.start();
        return streams;
    }

    private static void send(TestTopics t, Fleet fleet, int fromFrame, int toFrame) {
        send(t, fleet, fromFrame, toFrame, 1);
    }

    private static void send(TestTopics t, Fleet fleet, int fromFrame, int toFrame, int framesPerRecord) {
        try (KafkaTelemetrySink sink = KafkaTelemetrySink.create(new KafkaSinkOptions(kafka.bootstrapServers())
                .withTopics("unused.samples", t.frames).withFramesPerRecord(framesPerRecord, Duration.ofSeconds(5)))) {
            for (int k = fromFrame; k < toFrame; k++) {
                for (int i = 0; i < fleet.assets; i++) {
                    sink.send(Fleet.asset(i), fleet.frame(i, k));
                }
            }
        }
    }

    private static void awaitFrames(FleetTopology fleet, List<KafkaStreams> instances, Fleet data, long frames)
            throws InterruptedException {
        Fleet.await("every asset to reach " + frames + " frames", Duration.ofSeconds(120), () -> {
            for (int i = 0; i < data.assets; i++) {
                if (Fleet.framesOf(fleet, instances, Fleet.asset(i)) != frames) {
                    return false;
                }
            }
            return true;
        });
    }

    @Test
    void oneInstanceScoresEveryFrameAndRaisesTheAlarmsASequentialRunRaises() throws Exception {
        TestTopics t = TestTopics.create("one");
        Fleet data = new Fleet(6, 300, 1);
        FleetTopology fleet = topology(t, false);
        send(t, data, 0, data.framesPerAsset);
        try (KafkaStreams streams = start(fleet, "one-app", "a")) {
            awaitFrames(fleet, List.of(streams), data, data.framesPerAsset);
        }
        Map<String, List<Fleet.Alarm>> expected = data.expectedAlarms(model);
        assertTrue(expected.values().stream().mapToInt(List::size).sum() >= 4,
                "the fault bursts raise alarms: " + expected);
        assertEquals(expected, Fleet.byAsset(Topics.readAll(kafka.bootstrapServers(), t.alarms,
                Duration.ofSeconds(30)), data.assets));
    }

    @Test
    void framesSentSeveralPerRecordAreScoredAsSingleFramesAre() throws Exception {
        TestTopics t = TestTopics.create("batched");
        Fleet data = new Fleet(6, 300, 1);
        FleetTopology fleet = topology(t, false);
        send(t, data, 0, data.framesPerAsset, 7); // 300 = 42 x 7 + 6: the last record of each asset is short
        assertEquals(6 * 43, Topics.readAll(kafka.bootstrapServers(), t.frames, Duration.ofSeconds(30)).size());
        try (KafkaStreams streams = start(fleet, "batched-app", "a")) {
            awaitFrames(fleet, List.of(streams), data, data.framesPerAsset);
        }
        assertEquals(data.expectedAlarms(model), Fleet.byAsset(Topics.readAll(kafka.bootstrapServers(), t.alarms,
                Duration.ofSeconds(30)), data.assets));
    }

    /** Counts an asset's frames; refuses a negative temp after counting it, to show the count is rolled back. */
    private static final class CountingStage implements AssetStage<long[]> {
        private final String topic;

        CountingStage(String topic) {
            this.topic = topic;
        }

        @Override
        public String name() {
            return "count";
        }

        @Override
        public String outputTopic() {
            return topic;
        }

        @Override
        public long[] open(String asset, byte[] saved) {
            return new long[] {saved == null ? 0 : java.nio.ByteBuffer.wrap(saved).getLong()};
        }

        @Override
        public byte[] save(long[] state) {
            return java.nio.ByteBuffer.allocate(8).putLong(state[0]).array();
        }

        @Override
        public void process(String asset, TelemetryFrame frame, long[] state, Output out) {
            state[0]++;
            if (frame.value(0) < 0) {
                throw new IllegalArgumentException("negative temp " + frame.value(0));
            }
            out.emit(asset, Long.toString(state[0]).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aFrameOfASeveralFrameRecordThatCannotBeUsedGoesAloneToTheDeadLetterTopicAndTheOthersAreScored()
            throws Exception {
        TestTopics t = TestTopics.create("batch-dlq");
        Fleet data = new Fleet(1, 10, 3);
        FleetTopology fleet = FleetTopology.builder().framesTopic(t.frames).deadLetterTopic(t.deadLetter)
                .stage(new CountingStage(t.alarms)).build();
        TelemetryFrame older = data.frame(0, 0);
        TelemetryFrame negative = new TelemetryFrame(data.frame(0, 3).time(), Fleet.SCHEMA, new double[] {-1, 1, 1},
                new Quality[] {Quality.GOOD, Quality.GOOD, Quality.GOOD});
        List<TelemetryFrame> record = List.of(data.frame(0, 1), data.frame(0, 2), older, negative, data.frame(0, 4),
                data.frame(0, 5));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                ProducerSettings.lossless(kafka.bootstrapServers(), Map.of()))) {
            producer.send(new ProducerRecord<>(t.frames, "cnc-000", TelemetryCodec.encodeFrames(record)));
            producer.send(new ProducerRecord<>(t.frames, "cnc-000", TelemetryCodec.encodeFrames(
                    List.of(data.frame(0, 6), data.frame(0, 7)))));
            producer.flush();
        }
        try (KafkaStreams streams = start(fleet, "batch-dlq-app", "a")) {
            Fleet.await("cnc-000 to reach 6 frames", Duration.ofSeconds(120),
                    () -> Fleet.framesOf(fleet, List.of(streams), "cnc-000") == 6);
        }
        List<String> counts = Topics.readAll(kafka.bootstrapServers(), t.alarms, Duration.ofSeconds(30)).stream()
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
        assertEquals(List.of("1", "2", "3", "4", "5", "6"), counts, "the refused frame's count was rolled back");
        List<ConsumerRecord<String, byte[]>> dead = Topics.readAll(kafka.bootstrapServers(), t.deadLetter,
                Duration.ofSeconds(30));
        assertEquals(2, dead.size());
        TelemetryCodec codec = new TelemetryCodec();
        assertEquals("2", header(dead.get(0), DeadLetters.FRAME));
        assertTrue(header(dead.get(0), DeadLetters.REASON).contains("is before asset cnc-000's previous frame"));
        assertEquals(older, codec.decodeFrame(dead.get(0).value()), "the dead letter holds that frame alone");
        assertEquals("3", header(dead.get(1), DeadLetters.FRAME));
        assertEquals("count", header(dead.get(1), DeadLetters.STAGE));
        assertEquals("negative temp -1.0", header(dead.get(1), DeadLetters.REASON));
        assertEquals(negative, codec.decodeFrame(dead.get(1).value()));
        assertEquals("0", header(dead.get(1), DeadLetters.OFFSET), "the offset of the record it came in");
    }

    @Test
    void badRecordsGoToTheDeadLetterTopicWithTheirReasonAndTheRestIsScored() throws Exception {
        TestTopics t = TestTopics.create("dlq");
        Fleet data = new Fleet(2, 50, 2);
        FleetTopology fleet = topology(t, false);
        byte[] good = TelemetryCodec.encodeFrame(data.frame(0, 0));
        byte[] future = good.clone();
        future[3] = 9;
        TelemetryFrame missing = new TelemetryFrame(Fleet.T0, org.industry4.core.FeatureSchema.of("temp", "current"),
                new double[] {50, 10}, new Quality[] {Quality.GOOD, Quality.GOOD});
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                ProducerSettings.lossless(kafka.bootstrapServers(), Map.of()))) {
            producer.send(new ProducerRecord<>(t.frames, "cnc-000", future));
            producer.send(new ProducerRecord<>(t.frames, "cnc-000", "garbage".getBytes(StandardCharsets.UTF_8)));
            producer.send(new ProducerRecord<>(t.frames, null, good));
            producer.send(new ProducerRecord<>(t.frames, "cnc-001", TelemetryCodec.encodeFrame(missing)));
            producer.send(new ProducerRecord<>(t.frames, "cnc-001", Arrays.copyOf(good, good.length - 3)));
            producer.flush();
        }
        send(t, data, 0, data.framesPerAsset);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                ProducerSettings.lossless(kafka.bootstrapServers(), Map.of()))) {
            // older than cnc-000's last frame; then one frame in JSON, which is accepted
            producer.send(new ProducerRecord<>(t.frames, "cnc-000", TelemetryCodec.encodeFrame(data.frame(0, 3))));
            producer.send(new ProducerRecord<>(t.frames, "cnc-000",
                    TelemetryJson.toJson(data.frame(0, data.framesPerAsset)).getBytes(StandardCharsets.UTF_8)));
            producer.flush();
        }
        try (KafkaStreams streams = start(fleet, "dlq-app", "a")) {
            Fleet.await("cnc-000 to reach 51 frames and cnc-001 50", Duration.ofSeconds(120),
                    () -> Fleet.framesOf(fleet, List.of(streams), "cnc-000") == data.framesPerAsset + 1
                            && Fleet.framesOf(fleet, List.of(streams), "cnc-001") == data.framesPerAsset);
        }
        List<ConsumerRecord<String, byte[]>> dead = Topics.readAll(kafka.bootstrapServers(), t.deadLetter,
                Duration.ofSeconds(30));
        List<String> reasons = dead.stream().map(r -> header(r, DeadLetters.REASON)).toList();
        assertEquals(6, dead.size(), reasons.toString());
        assertTrue(reasons.contains("unknown record format version 9 (this reader knows 1 to 1)"), reasons.toString());
        assertTrue(reasons.stream().anyMatch(s -> s.contains("not the magic 'i4'")), reasons.toString());
        assertTrue(reasons.contains("record has no key; the key must be the asset id"), reasons.toString());
        assertTrue(reasons.stream().anyMatch(s -> s.contains("frame has no signal vibration")), reasons.toString());
        assertTrue(reasons.contains("frame record is truncated"), reasons.toString());
        assertTrue(reasons.stream().anyMatch(s -> s.contains("is before asset cnc-000's previous frame")),
                reasons.toString());
        ConsumerRecord<String, byte[]> refused = dead.stream()
                .filter(r -> header(r, DeadLetters.REASON).contains("no signal vibration")).findFirst().orElseThrow();
        assertEquals("anomaly", header(refused, DeadLetters.STAGE));
        assertEquals(t.frames, header(refused, DeadLetters.TOPIC));
        assertTrue(Long.parseLong(header(refused, DeadLetters.OFFSET)) >= 0);
        ConsumerRecord<String, byte[]> garbage = dead.stream()
                .filter(r -> header(r, DeadLetters.REASON).contains("magic")).findFirst().orElseThrow();
        assertEquals("garbage", new String(garbage.value(), StandardCharsets.UTF_8), "the payload is kept as it came");
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Test
    void twoInstancesSplitThePartitionsAndTogetherFindWhatOneFinds() throws Exception {
        TestTopics t = TestTopics.create("two");
        Fleet data = new Fleet(8, 200, 3);
        FleetTopology fleet = topology(t, false);
        try (KafkaStreams a = start(fleet, "two-app", "a"); KafkaStreams b = start(fleet, "two-app", "b")) {
            Fleet.await("both instances running with tasks", Duration.ofSeconds(60),
                    () -> a.state() == KafkaStreams.State.RUNNING && b.state() == KafkaStreams.State.RUNNING
                            && tasks(a) > 0 && tasks(b) > 0 && tasks(a) + tasks(b) == 4);
            send(t, data, 0, data.framesPerAsset);
            awaitFrames(fleet, List.of(a, b), data, data.framesPerAsset);
            Set<String> onA = new java.util.HashSet<>();
            for (int i = 0; i < data.assets; i++) {
                if (fleet.frames(a, Fleet.asset(i)).isPresent()) {
                    onA.add(Fleet.asset(i));
                }
            }
            assertFalse(onA.isEmpty(), "instance a holds some assets");
            assertTrue(onA.size() < data.assets, "instance b holds the others");
        }
        assertEquals(data.expectedAlarms(model), Fleet.byAsset(Topics.readAll(kafka.bootstrapServers(), t.alarms,
                Duration.ofSeconds(30)), data.assets));
    }

    static int tasks(KafkaStreams s) {
        return s.metadataForLocalThreads().stream().mapToInt(m -> m.activeTasks().size()).sum();
    }

    @Test
    void aNewModelVersionRollsOutToTheRunningApplicationAndEveryAssetKeepsItsState() throws Exception {
        TestTopics t = TestTopics.create("roll");
        Fleet data = new Fleet(3, 300, 4);
        AnomalyStage stage = AnomalyStage.isolationForest(t.alarms, model);
        FleetTopology fleet = FleetTopology.builder().framesTopic(t.frames).deadLetterTopic(t.deadLetter)
                .modelsTopic(t.models).stage(stage).build();
        IsolationForestModel retrained = Fleet.model(11, 0.05);
        try (KafkaStreams streams = start(fleet, "roll-app", "a")) {
            send(t, data, 0, 150);
            awaitFrames(fleet, List.of(streams), data, 150);
            assertEquals(0, stage.model().version());
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                    ProducerSettings.lossless(kafka.bootstrapServers(), Map.of()))) {
                ModelRecords.publish(producer, t.models, "anomaly", new IsolationForestFile().envelope(retrained), 1)
                        .get(30, TimeUnit.SECONDS);
                producer.send(new ProducerRecord<>(t.models, "anomaly", "not a model".getBytes(StandardCharsets.UTF_8)))
                        .get(30, TimeUnit.SECONDS);
            }
            Fleet.await("model version 1 in use", Duration.ofSeconds(60), () -> stage.model().version() == 1);
            assertEquals(retrained.threshold(), ((IsolationForestModel) stage.model().model()).threshold());
            send(t, data, 150, data.framesPerAsset);
            awaitFrames(fleet, List.of(streams), data, data.framesPerAsset);
            assertEquals(1, stage.model().version(), "a damaged model record leaves the model in use");
        }
        List<Fleet.Alarm> alarms = Topics.readAll(kafka.bootstrapServers(), t.alarms, Duration.ofSeconds(30))
                .stream().map(Fleet::parse).toList();
        Map<Long, Long> byVersion = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : Topics.readAll(kafka.bootstrapServers(), t.alarms,
                Duration.ofSeconds(30))) {
            long v = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.value()).get("model_version").asLong();
            byVersion.merge(v, 1L, Long::sum);
        }
        assertTrue(byVersion.getOrDefault(0L, 0L) > 0 && byVersion.getOrDefault(1L, 0L) > 0,
                "alarms before and after the roll-out: " + byVersion + " " + alarms);
        // frame counts went on from where they were: the state was kept across the roll-out
        assertTrue(alarms.stream().filter(a -> a.frame() > 150).count() > 0, alarms.toString());
    }

    @Test
    void theBuilderRefusesWhatCannotWork() {
        IllegalStateException none = assertThrows(IllegalStateException.class, () -> FleetTopology.builder().build());
        assertTrue(none.getMessage().contains("at least one stage"), none.getMessage());
        IllegalArgumentException topic = assertThrows(IllegalArgumentException.class,
                () -> FleetTopology.builder().framesTopic("bad topic"));
        assertTrue(topic.getMessage().contains("framesTopic") && topic.getMessage().contains("bad topic"),
                topic.getMessage());
        IllegalArgumentException loop = assertThrows(IllegalArgumentException.class, () -> FleetTopology.builder()
                .stage(AnomalyStage.isolationForest(FleetTopology.FRAMES_TOPIC, model)).build());
        assertTrue(loop.getMessage().contains("frames or dead-letter"), loop.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> FleetTopology.builder()
                .stage(AnomalyStage.isolationForest("a", model)).stage(AnomalyStage.isolationForest("b", model)).build());
        assertTrue(twice.getMessage().contains("two stages are named anomaly"), twice.getMessage());
        assertEquals(List.of(FleetTopology.FRAMES_TOPIC, FleetTopology.DEAD_LETTER_TOPIC, "alarms"),
                FleetTopology.builder().stage(AnomalyStage.isolationForest("alarms", model)).build().topics());
    }
}
