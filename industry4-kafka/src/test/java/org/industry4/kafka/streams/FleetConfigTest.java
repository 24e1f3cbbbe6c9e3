package org.industry4.kafka.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Properties;

import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class FleetConfigTest {

    @Test
    void theSettingsAreExactlyOnceWithFastFailOver() {
        Properties p = FleetConfig.properties("fleet", "b:9092", Path.of("state"));
        assertEquals(StreamsConfig.EXACTLY_ONCE_V2, p.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        assertEquals("6000", p.get("consumer.session.timeout.ms"));
        assertEquals("10000", p.get("producer.transaction.timeout.ms"));
        StreamsConfig config = new StreamsConfig(p); // Kafka accepts every key and value
        assertEquals("fleet", config.getString(StreamsConfig.APPLICATION_ID_CONFIG));
    }

    @Test
    void blankIdentitiesAreRefusedNamingTheValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FleetConfig.properties(" ", "b:9092", Path.of("state")));
        assertEquals("applicationId and bootstrapServers must not be blank, got \" \" and \"b:9092\"", e.getMessage());
    }
}
