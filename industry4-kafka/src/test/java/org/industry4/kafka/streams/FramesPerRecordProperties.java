package org.industry4.kafka.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.TreeMap;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.industry4.anomaly.iforest.IsolationForestModel;
import org.industry4.core.Quality;
import org.industry4.core.TelemetryFrame;
import org.industry4.kafka.format.TelemetryCodec;

/**
 * However an asset's frames are cut into records, the topology's outputs, dead letters and stored
 * states are those of a record per frame: on {@link TopologyTestDriver} (no broker), with the real
 * anomaly stage followed by a stage that refuses some frames after the anomaly stage has taken
 * them, and with frames older than their predecessors mixed in.
 */
class FramesPerRecordProperties {

    private static final IsolationForestModel MODEL = Fleet.model(7, 0.05);

    /** Counts frames; refuses a negative temp after counting it (the count must then roll back). */
    private static final class Refusing implements AssetStage<long[]> {

        @Override
        public String name() {
            return "refuse";
        }

        @Override
        public String outputTopic() {
            return "p.count";
        }

        @Override
        public long[] open(String asset, byte[] saved) {
            return new long[] {saved == null ? 0 : ByteBuffer.wrap(saved).getLong()};
        }

        @Override
        public byte[] save(long[] state) {
            return ByteBuffer.allocate(8).putLong(state[0]).array();
        }

        @Override
        public void process(String asset, TelemetryFrame frame, long[] state, Output out) {
            state[0]++;
            if (frame.value(0) < 0) {
                throw new IllegalArgumentException("negative temp");
            }
            out.emit(asset, Long.toString(state[0]).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** What the topology wrote, per asset, in order. */
    private record Outcome(Map<String, List<String>> alarms, Map<String, List<String>> counts,
                           Map<String, List<String>> deadLetters, Map<String, String> states) {
    }

    @Property(tries = 30)
    void anyCutIntoRecordsGivesWhatARecordPerFrameGives(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3) int assets,
            @ForAll @IntRange(min = 1, max = 12) int maxFramesPerRecord) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        Fleet fleet = new Fleet(assets, 150, seed);
        List<List<TelemetryFrame>> frames = new ArrayList<>();
        for (int i = 0; i < assets; i++) {
            List<TelemetryFrame> mine = new ArrayList<>();
            for (int k = 0; k < fleet.framesPerAsset; k++) {
                TelemetryFrame f = fleet.frame(i, k);
                double u = r.nextDouble();
                if (u < 0.05) { // older than the frame before it
                    f = new TelemetryFrame(f.time().minusSeconds(1), f.schema(), f.values(), f.signalQuality());
                } else if (u < 0.10) { // refused by the second stage, after the anomaly stage took it
                    double[] v = f.values();
                    v[0] = -1;
                    f = new TelemetryFrame(f.time(), f.schema(), v, f.signalQuality());
                }
                mine.add(f);
            }
            frames.add(mine);
        }
        Outcome single = run(frames, 1, r.split());
        Outcome cut = run(frames, maxFramesPerRecord, r.split());
        assertTrue(single.deadLetters().values().stream().mapToInt(List::size).sum() > 0, "some frames are refused");
        assertEquals(single, cut);
    }

    /** Pipes every asset's frames in records of 1 to {@code max} frames, the assets' records interleaved. */
    private static Outcome run(List<List<TelemetryFrame>> frames, int max, SplittableRandom r) throws IOException {
        FleetTopology fleet = FleetTopology.builder().framesTopic("p.frames").deadLetterTopic("p.dlq")
                .inMemoryState(true).stage(AnomalyStage.isolationForest("p.alarms", MODEL)).stage(new Refusing())
                .build();
        Path dir = Files.createTempDirectory("frames-per-record");
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "frames-per-record");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(fleet.topology(), p)) {
            TestInputTopic<String, byte[]> in = driver.createInputTopic("p.frames", new StringSerializer(),
                    new ByteArraySerializer());
            int[] next = new int[frames.size()];
            boolean more = true;
            while (more) {
                more = false;
                for (int i = 0; i < frames.size(); i++) {
                    List<TelemetryFrame> mine = frames.get(i);
                    if (next[i] < mine.size()) {
                        int n = Math.min(1 + r.nextInt(max), mine.size() - next[i]);
                        in.pipeInput(Fleet.asset(i), TelemetryCodec.encodeFrames(mine.subList(next[i], next[i] + n)));
                        next[i] += n;
                        more |= next[i] < mine.size();
                    }
                }
            }
            Map<String, String> states = new TreeMap<>();
            KeyValueStore<String, byte[]> store = driver.getKeyValueStore(fleet.storeName());
            try (KeyValueIterator<String, byte[]> it = store.all()) {
                it.forEachRemaining(kv -> states.put(kv.key, HexFormat.of().formatHex(kv.value)));
            }
            return new Outcome(values(driver, "p.alarms"), values(driver, "p.count"), deadLetters(driver), states);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static Map<String, List<String>> values(TopologyTestDriver driver, String topic) {
        Map<String, List<String>> byAsset = new TreeMap<>();
        for (TestRecord<String, byte[]> rec : driver.createOutputTopic(topic, new StringDeserializer(),
                new ByteArrayDeserializer()).readRecordsToList()) {
            byAsset.computeIfAbsent(rec.key(), a -> new ArrayList<>()).add(new String(rec.value(), StandardCharsets.UTF_8));
        }
        return byAsset;
    }

    /** Per asset: each dead letter's reason, stage and value (the frame alone); not its index or offset. */
    private static Map<String, List<String>> deadLetters(TopologyTestDriver driver) {
        Map<String, List<String>> byAsset = new TreeMap<>();
        for (TestRecord<String, byte[]> rec : driver.createOutputTopic("p.dlq", new StringDeserializer(),
                new ByteArrayDeserializer()).readRecordsToList()) {
            Header reason = rec.headers().lastHeader(DeadLetters.REASON);
            Header stage = rec.headers().lastHeader(DeadLetters.STAGE);
            byAsset.computeIfAbsent(rec.key(), a -> new ArrayList<>()).add(
                    new String(reason.value(), StandardCharsets.UTF_8) + " | "
                            + (stage == null ? "-" : new String(stage.value(), StandardCharsets.UTF_8)) + " | "
                            + HexFormat.of().formatHex(rec.value()));
        }
        return byAsset;
    }
}
