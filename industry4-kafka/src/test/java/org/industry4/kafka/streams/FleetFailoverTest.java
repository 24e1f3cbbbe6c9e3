package org.industry4.kafka.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.industry4.anomaly.iforest.IsolationForestFile;
import org.industry4.anomaly.iforest.IsolationForestModel;
import org.industry4.kafka.KafkaSinkOptions;
import org.industry4.kafka.KafkaTelemetrySink;
import org.industry4.kafka.testing.FleetInstanceMain;
import org.industry4.kafka.testing.LocalKafka;
import org.industry4.kafka.testing.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two instances share the fleet; one, in a child JVM, is killed with SIGKILL mid-stream. The
 * survivor takes its partitions over, restores their state from the changelog, and in the end
 * every asset's frame count and alarms are exactly those one instance alone produces.
 */
class FleetFailoverTest {

    private static final Logger LOG = LoggerFactory.getLogger(FleetFailoverTest.class);

    @TempDir
    Path dir;

    @Test
    void whenAnInstanceIsKilledTheSurvivorTakesOverAndNothingIsLostOrCountedTwice() throws Exception {
        IsolationForestModel model = Fleet.model(7, 0.01);
        Path modelFile = dir.resolve("iforest.i4m");
        new IsolationForestFile().write(model, modelFile);
        Fleet data = new Fleet(8, 1500, 5);
        String app = "failover-app";
        try (LocalKafka kafka = LocalKafka.start()) {
            kafka.createTopics(4, "f.frames", "f.alarms", "f.dlq");
            FleetTopology fleet = FleetTopology.builder().framesTopic("f.frames").deadLetterTopic("f.dlq")
                    .stage(AnomalyStage.isolationForest("f.alarms", new IsolationForestFile().read(modelFile))).build();
            Path childLog = dir.resolve("child.log");
            Process child = new ProcessBuilder(FleetInstanceMain.command(Map.of("bootstrap", kafka.bootstrapServers(),
                    "app", app, "model", modelFile.toString(), "state", dir.resolve("child-state").toString(),
                    "frames", "f.frames", "alarms", "f.alarms", "dead-letter", "f.dlq")))
                    .redirectError(childLog.toFile()).start();
            try (KafkaStreams survivor = new KafkaStreams(fleet.topology(), FleetConfig.properties(app,
                    kafka.bootstrapServers(), Files.createDirectories(dir.resolve("survivor-state"))))) {
                survivor.start();
                BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                        StandardCharsets.UTF_8));
                String line = out.readLine();
                assertEquals("RUNNING", line, () -> "the child instance did not start: " + read(childLog));
                Fleet.await("the two instances to split the 4 partitions", Duration.ofSeconds(90),
                        () -> survivor.state() == KafkaStreams.State.RUNNING && FleetTopologyTest.tasks(survivor) == 2);

                try (KafkaTelemetrySink sink = KafkaTelemetrySink.create(new KafkaSinkOptions(kafka.bootstrapServers())
                        .withTopics("f.samples", "f.frames"))) {
                    int killAt = data.framesPerAsset / 3;
                    long killed = 0;
                    for (int k = 0; k < data.framesPerAsset; k++) {
                        for (int i = 0; i < data.assets; i++) {
                            sink.send(Fleet.asset(i), data.frame(i, k));
                        }
                        if (k % 50 == 49) {
                            sink.flush();
                            Thread.sleep(20);
                        }
                        if (k == killAt) {
                            sink.flush();
                            Fleet.await("both instances to commit progress on every partition", Duration.ofSeconds(60),
                                    () -> committedEverywhere(kafka, app));
                            child.destroyForcibly(); // SIGKILL: no clean shutdown, a transaction left open
                            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
                            killed = System.nanoTime();
                            LOG.info("child instance killed at frame {} of {}", k, data.framesPerAsset);
                        }
                    }
                    long sent = System.nanoTime();
                    Fleet.await("the survivor to own all 4 partitions", Duration.ofSeconds(90),
                            () -> FleetTopologyTest.tasks(survivor) == 4);
                    LOG.info("the survivor owns all partitions {} ms after the kill",
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed));
                    Fleet.await("every asset to reach " + data.framesPerAsset + " frames", Duration.ofSeconds(120),
                            () -> java.util.stream.IntStream.range(0, data.assets).allMatch(i ->
                                    Fleet.framesOf(fleet, List.of(survivor), Fleet.asset(i)) == data.framesPerAsset));
                    LOG.info("all frames scored {} ms after the last was sent, {} ms after the kill",
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent),
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed));
                }
            } finally {
                child.destroyForcibly();
            }
            assertEquals(data.expectedAlarms(model), Fleet.byAsset(Topics.readAll(kafka.bootstrapServers(),
                    "f.alarms", Duration.ofSeconds(30)), data.assets),
                    "the alarms, with each asset's frame numbers, are exactly one sequential run's");
            assertEquals(List.of(), Topics.readAll(kafka.bootstrapServers(), "f.dlq", Duration.ofSeconds(5)));
        }
    }

    /** Whether the group has committed progress on every partition that holds frames. */
    private static boolean committedEverywhere(LocalKafka kafka, String app) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = kafka.admin().listConsumerGroupOffsets(app)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new java.util.HashMap<>();
            for (int p = 0; p < 4; p++) {
                latest.put(new TopicPartition("f.frames", p), org.apache.kafka.clients.admin.OffsetSpec.latest());
            }
            var ends = kafka.admin().listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            for (var e : ends.entrySet()) {
                OffsetAndMetadata committed = offsets.get(e.getKey());
                if (e.getValue().offset() > 0 && (committed == null || committed.offset() == 0)) {
                    return false;
                }
            }
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
