package org.industry4.kafka.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.streams.KafkaStreams;
import org.industry4.anomaly.iforest.IsolationForestFile;
import org.industry4.core.TelemetryFrame;
import org.industry4.kafka.KafkaSinkOptions;
import org.industry4.kafka.KafkaTelemetrySink;
import org.industry4.kafka.testing.LocalKafka;
import org.industry4.kafka.testing.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's quick start, as written there, against a real broker. */
class ReadmeExampleTest {

    @TempDir
    Path dir;

    @Test
    void theQuickStartScoresTheFleetAndAlarms() throws Exception {
        Fleet data = new Fleet(3, 300, 6);
        Path modelFile = dir.resolve("iforest.i4m");
        new IsolationForestFile().write(Fleet.model(7, 0.01), modelFile);
        Path stateDir = Files.createDirectories(dir.resolve("state"));
        try (LocalKafka kafka = LocalKafka.start()) {
            String bootstrap = kafka.bootstrapServers();
            kafka.createTopics(3, "industry4.frames", "industry4.dead-letter", "industry4.alarms");
            kafka.createTopics(1, "industry4.models");

            // the plant side: frames keyed by asset
            try (KafkaTelemetrySink sink = KafkaTelemetrySink.create(new KafkaSinkOptions(bootstrap))) {
                for (int k = 0; k < data.framesPerAsset; k++) {
                    for (int i = 0; i < data.assets; i++) {
                        TelemetryFrame frame = data.frame(i, k);
                        sink.send(Fleet.asset(i), frame);
                    }
                }
            }

            // the fleet side: a Kafka Streams application, started on as many machines as needed
            FleetTopology fleet = FleetTopology.builder()
                    .stage(AnomalyStage.isolationForest("industry4.alarms", new IsolationForestFile().read(modelFile)))
                    .modelsTopic("industry4.models")                // optional: model roll-out
                    .build();
            KafkaStreams streams = new KafkaStreams(fleet.topology(), FleetConfig.properties("fleet-scoring", bootstrap, stateDir));
            streams.start();                                        // alarms arrive on industry4.alarms as JSON

            try {
                assertEquals(List.of("industry4.frames", "industry4.dead-letter", "industry4.alarms",
                        "industry4.models"), fleet.topics());
                Fleet.await("cnc-000's frames", Duration.ofSeconds(120),
                        () -> Fleet.framesOf(fleet, List.of(streams), "cnc-000") == data.framesPerAsset);
            } finally {
                streams.close();
            }
            assertTrue(Topics.readAll(bootstrap, "industry4.alarms", Duration.ofSeconds(30)).stream()
                    .anyMatch(r -> r.key().equals("cnc-000")), "the faulty asset alarms");
        }
    }
}
