package org.industry4.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Producer settings that lose nothing and write nothing twice: idempotence on, {@code acks=all},
 * unbounded retries within a two-minute delivery timeout, at most 5 requests in flight (the most
 * idempotence keeps in order), lz4 compression and a 5 ms linger so that records travel in batches.
 */
public final class ProducerSettings {

    private ProducerSettings() {
    }

    /**
     * The lossless settings for {@code bootstrapServers}, with String keys and byte[] values,
     * {@code overrides} applied last.
     *
     * @throws IllegalArgumentException if {@code bootstrapServers} is blank, or an override turns
     *                                  idempotence off or sets {@code acks} to anything but all
     */
    public static Map<String, Object> lossless(String bootstrapServers, Map<String, ?> overrides) {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(overrides, "overrides");
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers must not be blank");
        }
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.RETRIES_CONFIG, Integer.toString(Integer.MAX_VALUE));
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(64 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.putAll(overrides);
        if (!"true".equals(String.valueOf(p.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)))) {
            throw new IllegalArgumentException(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG
                    + " must stay true for a lossless producer, got " + p.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
        }
        String acks = String.valueOf(p.get(ProducerConfig.ACKS_CONFIG));
        if (!acks.equals("all") && !acks.equals("-1")) {
            throw new IllegalArgumentException(ProducerConfig.ACKS_CONFIG
                    + " must stay all for a lossless producer, got " + acks);
        }
        return p;
    }
}
