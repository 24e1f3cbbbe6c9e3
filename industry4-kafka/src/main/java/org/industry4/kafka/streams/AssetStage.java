package org.industry4.kafka.streams;

import org.industry4.core.ModelEnvelope;
import org.industry4.core.ModelFormatException;
import org.industry4.core.TelemetryFrame;
import org.industry4.kafka.format.RecordFormatException;

/**
 * One analysis that {@link FleetTopology} applies to every frame of every asset, with a state per
 * asset that lives in a Kafka Streams state store (backed by a changelog topic, so it moves with
 * the asset's partition when an instance dies). Shipped stages: {@link AnomalyStage} (a scorer and
 * an alarm filter), {@link RulStage} (the RUL estimator's rolling window), {@link TwinStage} (a
 * twin's residual). Write your own by implementing this interface.
 *
 * <p>A stage object is shared by all stream threads of an instance: keep everything that belongs
 * to an asset in {@code S}, which one thread at a time works on, and make the rest thread-safe.
 *
 * @param <S> the state of one asset
 */
public interface AssetStage<S> {

    /**
     * The stage's name: [a-z0-9-]+, unique within a topology; the key of its models on the
     * models topic and the stage field of dead-letter records.
     */
    String name();

    /** The topic this stage's records go to. */
    String outputTopic();

    /**
     * The state of {@code asset}: fresh when {@code saved} is null, otherwise what
     * {@link #save} wrote.
     *
     * @throws RecordFormatException if {@code saved} cannot be read
     */
    S open(String asset, byte[] saved) throws RecordFormatException;

    /** The bytes {@link #open} reads back to an equal state. */
    byte[] save(S state);

    /**
     * Takes the next frame of {@code asset} (frames of one asset come in time order) and writes
     * what it finds to {@code out}.
     *
     * @throws IllegalArgumentException if the frame does not fit the stage (a missing signal); the
     *                                  frame then goes to the dead-letter topic and the asset's
     *                                  state stays as it was before the frame
     */
    void process(String asset, TelemetryFrame frame, S state, Output out);

    /**
     * Replaces the stage's model by the one in {@code envelope}, taken from the models topic;
     * every asset's state is kept. The default refuses: the stage has no model.
     *
     * @param version the model's version: its offset on the models topic
     * @throws ModelFormatException if the envelope holds no model this stage can use; the old
     *                              model then stays
     */
    default void updateModel(ModelEnvelope envelope, long version) throws ModelFormatException {
        throw new ModelFormatException("stage " + name() + " takes no model");
    }

    /** Where a stage writes: records to its output topic, keyed by asset. */
    interface Output {

        /**
         * Writes {@code value} for {@code asset}. Its Kafka timestamp is the input record's (the
         * frame's time is in the value).
         */
        void emit(String asset, byte[] value);
    }
}
