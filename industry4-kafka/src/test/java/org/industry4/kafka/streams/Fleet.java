package org.industry4.kafka.streams;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.industry4.anomaly.FrameScorer;
import org.industry4.anomaly.alarm.AlarmFilter;
import org.industry4.anomaly.alarm.AlarmOptions;
import org.industry4.anomaly.alarm.AlarmStarted;
import org.industry4.anomaly.iforest.IsolationForestModel;
import org.industry4.anomaly.iforest.IsolationForestOptions;
import org.industry4.anomaly.iforest.IsolationForestTrainer;
import org.industry4.core.FeatureSchema;
import org.industry4.core.Quality;
import org.industry4.core.TelemetryFrame;

/**
 * A generated fleet for the topology tests: assets with three signals, some with a fault burst, an
 * Isolation Forest trained on normal frames, and what one instance processing each asset's frames
 * in order must find.
 */
final class Fleet {

    static final FeatureSchema SCHEMA = FeatureSchema.of("temp", "vibration", "current");
    static final Instant T0 = Instant.parse("2024-05-01T08:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One alarm event as the alarms topic carries it. */
    record Alarm(String asset, String event, Instant time, long frame) {
    }

    final int assets;
    final int framesPerAsset;
    final long seed;

    Fleet(int assets, int framesPerAsset, long seed) {
        this.assets = assets;
        this.framesPerAsset = framesPerAsset;
        this.seed = seed;
    }

    static String asset(int i) {
        return String.format("cnc-%03d", i);
    }

    /** Frame {@code k} of asset {@code i}: normal noise, bursts on frames [n/3, n/3 + 40) and [2n/3, 2n/3 + 40) of every third asset. */
    TelemetryFrame frame(int i, int k) {
        SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i * 100_003L + k);
        int third = framesPerAsset / 3;
        boolean fault = i % 3 == 0 && (k >= third && k < third + 40 || k >= 2 * third && k < 2 * third + 40);
        double temp = 50 + r.nextGaussian() + (fault ? 6 : 0);
        double vib = 2 + 0.1 * r.nextGaussian() + (fault ? 1.2 : 0);
        double current = 10 + 0.5 * r.nextGaussian();
        return new TelemetryFrame(T0.plusMillis(100L * k), SCHEMA, new double[] {temp, vib, current},
                new Quality[] {Quality.GOOD, Quality.GOOD, Quality.GOOD});
    }

    static IsolationForestModel model(long seed, double contamination) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] rows = new double[2000][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {50 + r.nextGaussian(), 2 + 0.1 * r.nextGaussian(), 10 + 0.5 * r.nextGaussian()};
        }
        return new IsolationForestTrainer(new IsolationForestOptions().withContamination(contamination).withSeed(seed))
                .fit(rows, SCHEMA);
    }

    /** What one instance finds: each asset's alarms, in order. */
    Map<String, List<Alarm>> expectedAlarms(IsolationForestModel model) {
        FrameScorer scorer = new FrameScorer(model);
        Map<String, List<Alarm>> out = new LinkedHashMap<>();
        for (int i = 0; i < assets; i++) {
            String asset = asset(i);
            AlarmFilter filter = new AlarmFilter(AlarmOptions.threshold(model.threshold()));
            List<Alarm> alarms = new ArrayList<>();
            for (int k = 0; k < framesPerAsset; k++) {
                TelemetryFrame f = frame(i, k);
                long n = k + 1;
                filter.update(f.time(), scorer.score(f).score().getAsDouble()).ifPresent(e -> alarms.add(
                        new Alarm(asset, e instanceof AlarmStarted ? "start" : "end", e.time(), n)));
            }
            out.put(asset(i), alarms);
        }
        return out;
    }

    static Alarm parse(ConsumerRecord<String, byte[]> record) {
        try {
            JsonNode n = JSON.readTree(new String(record.value(), StandardCharsets.UTF_8));
            return new Alarm(n.get("asset").asText(), n.get("event").asText(), Instant.parse(n.get("time").asText()),
                    n.get("frame").asLong());
        } catch (java.io.IOException e) {
            throw new AssertionError("alarm record is not JSON: " + new String(record.value(), StandardCharsets.UTF_8), e);
        }
    }

    static Map<String, List<Alarm>> byAsset(List<ConsumerRecord<String, byte[]>> records, int assets) {
        Map<String, List<Alarm>> out = new LinkedHashMap<>();
        for (int i = 0; i < assets; i++) {
            out.put(asset(i), new ArrayList<>());
        }
        for (ConsumerRecord<String, byte[]> r : records) {
            Alarm a = parse(r);
            if (!a.asset().equals(r.key())) {
                throw new AssertionError("alarm of " + a.asset() + " under key " + r.key());
            }
            out.get(a.asset()).add(a);
        }
        return out;
    }

    /** The frame count of {@code asset} on whichever instance holds it; -1 while none can say (absent, or rebalancing). */
    static long framesOf(FleetTopology fleet, List<KafkaStreams> instances, String asset) {
        for (KafkaStreams s : instances) {
            try {
                java.util.Optional<Long> n = fleet.frames(s, asset);
                if (n.isPresent()) {
                    return n.get();
                }
            } catch (org.apache.kafka.streams.errors.InvalidStateStoreException e) {
                // rebalancing: not queryable now
            }
        }
        return -1;
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(100);
        }
    }
}
