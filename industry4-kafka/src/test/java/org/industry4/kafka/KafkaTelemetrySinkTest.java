package org.industry4.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.industry4.core.FeatureSchema;
import org.industry4.core.Quality;
import org.industry4.core.SignalId;
import org.industry4.core.TelemetryException;
import org.industry4.core.TelemetryFrame;
import org.industry4.core.TelemetrySample;
import org.industry4.kafka.format.TelemetryCodec;
import org.industry4.kafka.testing.LocalKafka;
import org.industry4.kafka.testing.Topics;
import org.junit.jupiter.api.Test;

class KafkaTelemetrySinkTest {

    private static final Instant T0 = Instant.parse("2024-05-01T08:00:00Z");

    @Test
    void samplesArriveKeyedByAssetInTheirOrderAndCloseWaitsForEveryAcknowledgement() throws Exception {
        try (LocalKafka kafka = LocalKafka.start()) {
            kafka.createTopics(3, "s.samples", "s.frames");
            List<TelemetrySample> sent = new ArrayList<>();
            KafkaTelemetrySink sink = KafkaTelemetrySink.create(new KafkaSinkOptions(kafka.bootstrapServers())
                    .withTopics("s.samples", "s.frames"));
            for (int k = 0; k < 200; k++) {
                List<TelemetrySample> batch = new ArrayList<>();
                for (String asset : List.of("cnc-01", "cnc-02", "press-7")) {
                    batch.add(new TelemetrySample(SignalId.of(asset + "/temp"), T0.plusMillis(100L * k),
                            T0.plusMillis(100L * k + 1), 20 + k, k % 17 == 0 ? Quality.UNCERTAIN : Quality.GOOD));
                }
                sink.accept(batch);
                sent.addAll(batch);
            }
            sink.close();
            sink.close();
            assertEquals(600, sink.sent());
            assertEquals(600, sink.acknowledged(), "close returns once the broker has every record");
            IllegalStateException closed = assertThrows(IllegalStateException.class, () -> sink.accept(sent));
            assertEquals("the Kafka sink is closed", closed.getMessage());

            List<ConsumerRecord<String, byte[]>> records = Topics.readAll(kafka.bootstrapServers(), "s.samples",
                    Duration.ofSeconds(30));
            assertEquals(600, records.size());
            TelemetryCodec codec = new TelemetryCodec();
            Map<String, List<TelemetrySample>> byAsset = new java.util.HashMap<>();
            for (ConsumerRecord<String, byte[]> r : records) {
                TelemetrySample s = codec.decodeSample(r.value());
                assertEquals(KafkaSinkOptions.assetPrefix(s.signal()), r.key());
                byAsset.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(s);
            }
            for (String asset : List.of("cnc-01", "cnc-02", "press-7")) {
                assertEquals(sent.stream().filter(s -> s.signal().value().startsWith(asset + "/")).toList(),
                        byAsset.get(asset), "one asset's samples in one partition, in order");
            }
        }
    }

    @Test
    void framesOfOneAssetShareRecordsInTheirOrderAndNoFrameWaitsLongerThanTheDelay() throws Exception {
        FeatureSchema two = FeatureSchema.of("temp", "vib");
        FeatureSchema three = FeatureSchema.of("temp", "vib", "load");
        try (LocalKafka kafka = LocalKafka.start()) {
            kafka.createTopics(2, "b.samples", "b.frames");
            KafkaTelemetrySink sink = KafkaTelemetrySink.create(new KafkaSinkOptions(kafka.bootstrapServers())
                    .withTopics("b.samples", "b.frames").withFramesPerRecord(4, Duration.ofMillis(300)));
            Map<String, List<TelemetryFrame>> sent = new java.util.HashMap<>();
            for (int k = 0; k < 10; k++) {
                for (String asset : List.of("cnc-01", "cnc-02")) {
                    // cnc-02 gains a signal at its 7th frame: the record before it goes out early
                    FeatureSchema schema = asset.equals("cnc-02") && k >= 6 ? three : two;
                    double[] values = new double[schema.size()];
                    java.util.Arrays.fill(values, k);
                    Quality[] quality = new Quality[schema.size()];
                    java.util.Arrays.fill(quality, Quality.GOOD);
                    TelemetryFrame frame = new TelemetryFrame(T0.plusMillis(100L * k), schema, values, quality);
                    sink.send(asset, frame);
                    sent.computeIfAbsent(asset, a -> new ArrayList<>()).add(frame);
                }
            }
            // cnc-01: 4 + 4 full, 2 waiting; cnc-02: 4 full, 2 cut by the new schema, 4 full
            assertEquals(5, sink.sent());
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (sink.sent() < 6 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(6, sink.sent(), "the waiting frames go out after maxRecordDelay, without a flush");
            sink.close();
            assertEquals(6, sink.acknowledged());

            TelemetryCodec codec = new TelemetryCodec();
            Map<String, List<TelemetryFrame>> received = new java.util.HashMap<>();
            Map<String, List<Integer>> sizes = new java.util.HashMap<>();
            for (ConsumerRecord<String, byte[]> r : Topics.readAll(kafka.bootstrapServers(), "b.frames",
                    Duration.ofSeconds(30))) {
                List<TelemetryFrame> frames = codec.decodeFrames(r.value());
                received.computeIfAbsent(r.key(), a -> new ArrayList<>()).addAll(frames);
                sizes.computeIfAbsent(r.key(), a -> new ArrayList<>()).add(frames.size());
            }
            assertEquals(sent, received, "every frame once, each asset's in order");
            assertEquals(Map.of("cnc-01", List.of(4, 4, 2), "cnc-02", List.of(4, 2, 4)), sizes);
        }
    }

    @Test
    void everyFrameASendAcceptedBeforeCloseIsOnKafkaAndEverySendAfterItIsRefused() throws Exception {
        FeatureSchema schema = FeatureSchema.of("temp");
        try (LocalKafka kafka = LocalKafka.start()) {
            kafka.createTopics(3, "c.samples", "c.frames");
            KafkaTelemetrySink sink = KafkaTelemetrySink.create(new KafkaSinkOptions(kafka.bootstrapServers())
                    .withTopics("c.samples", "c.frames").withFramesPerRecord(7, Duration.ofSeconds(5)));
            int threads = 4;
            long[] accepted = new long[threads];
            Thread[] senders = new Thread[threads];
            java.util.concurrent.CountDownLatch going = new java.util.concurrent.CountDownLatch(threads);
            for (int t = 0; t < threads; t++) {
                int me = t;
                senders[t] = new Thread(() -> {
                    going.countDown();
                    for (long k = 0; ; k++) {
                        TelemetryFrame frame = new TelemetryFrame(T0.plusMillis(k), schema, new double[] {k},
                                new Quality[] {Quality.GOOD});
                        try {
                            sink.send("asset-" + me, frame);
                        } catch (IllegalStateException closed) {
                            return;
                        }
                        accepted[me] = k + 1;
                    }
                });
                senders[t].start();
            }
            going.await();
            Thread.sleep(300);
            sink.close();
            for (Thread sender : senders) {
                sender.join(10_000);
            }
            TelemetryCodec codec = new TelemetryCodec();
            Map<String, List<Double>> received = new java.util.HashMap<>();
            for (ConsumerRecord<String, byte[]> r : Topics.readAll(kafka.bootstrapServers(), "c.frames",
                    Duration.ofSeconds(30))) {
                for (TelemetryFrame f : codec.decodeFrames(r.value())) {
                    received.computeIfAbsent(r.key(), a -> new ArrayList<>()).add(f.value(0));
                }
            }
            for (int t = 0; t < threads; t++) {
                List<Double> mine = received.getOrDefault("asset-" + t, List.of());
                assertTrue(accepted[t] > 0, "thread " + t + " sent nothing before the close");
                assertEquals(accepted[t], mine.size(), "asset-" + t + ": every accepted frame once");
                for (int k = 0; k < mine.size(); k++) {
                    assertEquals(k, mine.get(k), 0.0, "asset-" + t + " in order");
                }
            }
        }
    }

    @Test
    void aBrokerThatCannotBeReachedShowsAsAnErrorNamingItNotAsSilentLoss() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        KafkaTelemetrySink sink = KafkaTelemetrySink.create(new KafkaSinkOptions("127.0.0.1:" + port)
                .withProducer(Map.of("delivery.timeout.ms", 1500, "request.timeout.ms", 1000, "linger.ms", 0,
                        "max.block.ms", 1000)));
        TelemetryException e = assertThrows(TelemetryException.class, () -> {
            sink.accept(List.of(TelemetrySample.good(SignalId.of("cnc-01/temp"), T0, 1)));
            sink.flush();
        });
        assertTrue(e.getMessage().contains("industry4.samples") || e.getMessage().contains("cnc-01"), e.getMessage());
        TelemetryException again = assertThrows(TelemetryException.class, sink::close);
        assertEquals(e.getMessage(), again.getMessage(), "close reports the loss too");
    }

    @Test
    void settingsThatCouldLoseRecordsAreRefused() {
        IllegalArgumentException acks = assertThrows(IllegalArgumentException.class,
                () -> ProducerSettings.lossless("b:9092", Map.of("acks", "1")));
        assertEquals("acks must stay all for a lossless producer, got 1", acks.getMessage());
        IllegalArgumentException idem = assertThrows(IllegalArgumentException.class,
                () -> ProducerSettings.lossless("b:9092", Map.of("enable.idempotence", "false")));
        assertTrue(idem.getMessage().startsWith("enable.idempotence must stay true"), idem.getMessage());
        IllegalArgumentException topic = assertThrows(IllegalArgumentException.class,
                () -> new KafkaSinkOptions("b:9092").withTopics("ok", "no spaces"));
        assertEquals("framesTopic must be a Kafka topic name of [a-zA-Z0-9._-], got \"no spaces\" with ' ' at index 2",
                topic.getMessage());
        IllegalArgumentException frames = assertThrows(IllegalArgumentException.class,
                () -> new KafkaSinkOptions("b:9092").withFramesPerRecord(0, Duration.ofMillis(100)));
        assertEquals("framesPerRecord must be in [1, 65535], got 0", frames.getMessage());
        IllegalArgumentException delay = assertThrows(IllegalArgumentException.class,
                () -> new KafkaSinkOptions("b:9092").withFramesPerRecord(10, Duration.ZERO));
        assertEquals("maxRecordDelay must be in (0, PT1M], got PT0S", delay.getMessage());
        assertEquals("press-7", KafkaSinkOptions.assetPrefix(SignalId.of("press-7/a/b")));
        assertEquals("standalone", KafkaSinkOptions.assetPrefix(SignalId.of("standalone")));
    }
}
