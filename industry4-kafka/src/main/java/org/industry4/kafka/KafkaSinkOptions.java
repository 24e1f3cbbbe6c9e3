package org.industry4.kafka;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.industry4.core.SignalId;

/**
 * Settings of a {@link KafkaTelemetrySink}.
 *
 * @param bootstrapServers the brokers, {@code host:port,...}
 * @param samplesTopic     where {@link KafkaTelemetrySink#accept} writes samples
 * @param framesTopic      where {@link KafkaTelemetrySink#send} writes frames
 * @param assetOf          the asset a signal belongs to, the record key; by default the part of the
 *                         signal id before its first {@code /} ({@code cnc-01/spindle_temp} is
 *                         asset {@code cnc-01}), the whole id when it has none
 * @param producer         extra producer properties, applied over {@link ProducerSettings#lossless}
 */
public record KafkaSinkOptions(String bootstrapServers, String samplesTopic, String framesTopic,
                               Function<SignalId, String> assetOf, Map<String, Object> producer) {

    /** The default samples topic. */
    public static final String SAMPLES_TOPIC = "industry4.samples";
    /** The default frames topic. */
    public static final String FRAMES_TOPIC = "industry4.frames";

    public KafkaSinkOptions {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(assetOf, "assetOf");
        Objects.requireNonNull(producer, "producer");
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers must not be blank");
        }
        TopicNames.require("samplesTopic", samplesTopic);
        TopicNames.require("framesTopic", framesTopic);
        producer = Map.copyOf(producer);
    }

    /** The default topics and keys for {@code bootstrapServers}. */
    public KafkaSinkOptions(String bootstrapServers) {
        this(bootstrapServers, SAMPLES_TOPIC, FRAMES_TOPIC, KafkaSinkOptions::assetPrefix, Map.of());
    }

    /** The part of {@code signal} before its first {@code /}, or all of it. */
    public static String assetPrefix(SignalId signal) {
        String id = signal.value();
        int slash = id.indexOf('/');
        return slash > 0 ? id.substring(0, slash) : id;
    }

    /** A copy writing to these topics. */
    public KafkaSinkOptions withTopics(String samplesTopic, String framesTopic) {
        return new KafkaSinkOptions(bootstrapServers, samplesTopic, framesTopic, assetOf, producer);
    }

    /** A copy keying samples by {@code assetOf}. */
    public KafkaSinkOptions withAssetOf(Function<SignalId, String> assetOf) {
        return new KafkaSinkOptions(bootstrapServers, samplesTopic, framesTopic, assetOf, producer);
    }

    /** A copy with these extra producer properties. */
    public KafkaSinkOptions withProducer(Map<String, Object> producer) {
        return new KafkaSinkOptions(bootstrapServers, samplesTopic, framesTopic, assetOf, producer);
    }
}
