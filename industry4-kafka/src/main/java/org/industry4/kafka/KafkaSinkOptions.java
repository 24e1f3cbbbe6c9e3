package org.industry4.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.industry4.core.SignalId;
import org.industry4.kafka.format.TelemetryCodec;

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
 * @param framesPerRecord  up to how many frames of one asset {@link KafkaTelemetrySink#send} puts
 *                         into one record (1, the default: a record per frame)
 * @param maxRecordDelay   with {@code framesPerRecord > 1}, how long a frame may wait for the
 *                         others of its record before the record goes out anyway
 */
public record KafkaSinkOptions(String bootstrapServers, String samplesTopic, String framesTopic,
                               Function<SignalId, String> assetOf, Map<String, Object> producer,
                               int framesPerRecord, Duration maxRecordDelay) {

    /** The default samples topic. */
    public static final String SAMPLES_TOPIC = "industry4.samples";
    /** The default frames topic. */
    public static final String FRAMES_TOPIC = "industry4.frames";
    /** The default {@code maxRecordDelay}. */
    public static final Duration DEFAULT_RECORD_DELAY = Duration.ofMillis(100);
    private static final Duration MAX_DELAY = Duration.ofMinutes(1);

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
        Objects.requireNonNull(maxRecordDelay, "maxRecordDelay");
        if (framesPerRecord < 1 || framesPerRecord > TelemetryCodec.MAX_FRAMES) {
            throw new IllegalArgumentException("framesPerRecord must be in [1, " + TelemetryCodec.MAX_FRAMES
                    + "], got " + framesPerRecord);
        }
        if (maxRecordDelay.isNegative() || maxRecordDelay.isZero() || maxRecordDelay.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException("maxRecordDelay must be in (0, " + MAX_DELAY + "], got "
                    + maxRecordDelay);
        }
    }

    /** The default topics and keys for {@code bootstrapServers}. */
    public KafkaSinkOptions(String bootstrapServers) {
        this(bootstrapServers, SAMPLES_TOPIC, FRAMES_TOPIC, KafkaSinkOptions::assetPrefix, Map.of(), 1,
                DEFAULT_RECORD_DELAY);
    }

    /** The part of {@code signal} before its first {@code /}, or all of it. */
    public static String assetPrefix(SignalId signal) {
        String id = signal.value();
        int slash = id.indexOf('/');
        return slash > 0 ? id.substring(0, slash) : id;
    }

    /** A copy writing to these topics. */
    public KafkaSinkOptions withTopics(String samplesTopic, String framesTopic) {
        return new KafkaSinkOptions(bootstrapServers, samplesTopic, framesTopic, assetOf, producer, framesPerRecord,
                maxRecordDelay);
    }

    /** A copy keying samples by {@code assetOf}. */
    public KafkaSinkOptions withAssetOf(Function<SignalId, String> assetOf) {
        return new KafkaSinkOptions(bootstrapServers, samplesTopic, framesTopic, assetOf, producer, framesPerRecord,
                maxRecordDelay);
    }

    /** A copy with these extra producer properties. */
    public KafkaSinkOptions withProducer(Map<String, Object> producer) {
        return new KafkaSinkOptions(bootstrapServers, samplesTopic, framesTopic, assetOf, producer, framesPerRecord,
                maxRecordDelay);
    }

    /**
     * A copy putting up to {@code framesPerRecord} frames of one asset into one record, each frame
     * waiting at most {@code maxRecordDelay} for the others. Fewer, larger records cost the
     * producer, the broker and the stream thread less per frame (see the module README's
     * results); the price is up to {@code maxRecordDelay} more latency. A record holds frames of one
     * schema only: a frame of another schema sends the record before it.
     */
    public KafkaSinkOptions withFramesPerRecord(int framesPerRecord, Duration maxRecordDelay) {
        return new KafkaSinkOptions(bootstrapServers, samplesTopic, framesTopic, assetOf, producer, framesPerRecord,
                maxRecordDelay);
    }
}
