package org.industry4.kafka.streams;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Objects;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.industry4.core.ModelEnvelope;
import org.industry4.core.ModelFormatException;

/**
 * Model roll-out records on the models topic (a compacted topic; the key is the stage name): a
 * model file's {@link ModelEnvelope} behind a 12-byte header, {@code 'i' '4' 'M' 1} and the model
 * version as a big-endian i64. Every instance of a {@link FleetTopology} reads the topic and
 * swaps the stage's model when a record with a higher version than its current one arrives; per
 * asset state is kept.
 *
 * <pre>{@code
 * ModelRecords.publish(producer, "industry4.models", "anomaly",
 *         new IsolationForestFile().envelope(retrained), 2).get();
 * }</pre>
 */
public final class ModelRecords {

    private static final int HEADER = 12;

    private ModelRecords() {
    }

    /** The record value for {@code envelope} at {@code version}. */
    public static byte[] encode(ModelEnvelope envelope, long version) {
        Objects.requireNonNull(envelope, "envelope");
        if (version < 1) {
            throw new IllegalArgumentException("a published model's version must be >= 1 (0 is the built-in model), got "
                    + version);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(HEADER).put((byte) 'i').put((byte) '4').put((byte) 'M').put((byte) 1)
                .putLong(version).array());
        try {
            envelope.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The version in a model record. */
    public static long version(byte[] value) throws ModelFormatException {
        requireHeader(value);
        return ByteBuffer.wrap(value, 4, 8).getLong();
    }

    /** The envelope in a model record. */
    public static ModelEnvelope envelope(byte[] value, String source) throws IOException {
        requireHeader(value);
        return ModelEnvelope.readFrom(new ByteArrayInputStream(value, HEADER, value.length - HEADER), source);
    }

    /**
     * Sends {@code envelope} as version {@code version} of stage {@code stage}'s model.
     *
     * @return the broker's acknowledgement
     */
    public static java.util.concurrent.Future<RecordMetadata> publish(Producer<String, byte[]> producer, String topic,
                                                                      String stage, ModelEnvelope envelope,
                                                                      long version) {
        Objects.requireNonNull(producer, "producer");
        return producer.send(new ProducerRecord<>(topic, FleetTopology.requireStageName(stage),
                encode(envelope, version)));
    }

    private static void requireHeader(byte[] value) throws ModelFormatException {
        if (value == null || value.length < HEADER || value[0] != 'i' || value[1] != '4' || value[2] != 'M') {
            throw new ModelFormatException("not a model record (it needs the 12-byte header 'i4M', version, model"
                    + " version)");
        }
        if (value[3] != 1) {
            throw new ModelFormatException("unknown model record format version " + value[3] + " (this reader knows 1)");
        }
    }
}
