package org.industry4.kafka.streams;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Kafka Streams settings for a {@link FleetTopology}: {@code exactly_once_v2}, and fail-over tuned
 * so that a dead instance's partitions move within seconds: a consumer session timeout of 6 s with
 * 1 s heartbeats (a crash is noticed in 6 s) and a transaction timeout of 10 s. A dead instance's
 * open transaction holds back {@code read_committed} readers of its outputs, and the new owner's
 * start when the transaction held offsets, until the broker aborts it: at the earliest 10 s after
 * it began, at the latest when the broker next looks for timed-out transactions, every
 * {@code transaction.abort.timed.out.transaction.cleanup.interval.ms} (a <b>broker</b> setting,
 * 10 s by default: up to about 20 s in all; set it to 1 s on brokers that serve fast fail-over, as
 * the tests' broker does). On a network with longer hiccups raise the session and transaction
 * timeouts; Kafka's defaults are 45 s and 60 s.
 */
public final class FleetConfig {

    private FleetConfig() {
    }

    /**
     * The settings for instance of application {@code applicationId} (the same in every instance
     * that shares the work), keeping local state under {@code stateDir}.
     */
    public static Properties properties(String applicationId, String bootstrapServers, Path stateDir) {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(stateDir, "stateDir");
        if (applicationId.isBlank() || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("applicationId and bootstrapServers must not be blank, got \""
                    + applicationId + "\" and \"" + bootstrapServers + "\"");
        }
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), "6000");
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), "1000");
        p.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), "10000");
        // the models processor handles its own errors; this only opts in to the Kafka 5.0 default now
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), "5");
        p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        return p;
    }
}
