package org.industry4.core;

import java.util.List;

/**
 * Where telemetry goes: a store, a queue, a model. Implementations say whether they are
 * thread-safe; a sink that buffers must make every accepted sample durable by {@link #close()}.
 */
public interface TelemetrySink extends AutoCloseable {

    /**
     * Takes a batch of samples. The list is not kept after the call returns.
     *
     * @throws IllegalStateException if the sink is closed
     * @throws TelemetryException    if the samples could not be taken
     */
    void accept(List<TelemetrySample> batch);

    /**
     * Describes signals this sink will receive (or has received). The default ignores it; stores
     * keep it in their signal catalogue.
     */
    default void describe(List<SignalInfo> signals) {
    }

    /**
     * Records a stretch in which a signal was not observed. The default ignores it; stores should
     * keep it.
     */
    default void gap(TelemetryGap gap) {
    }

    /** Makes everything accepted so far durable. The default does nothing. */
    default void flush() {
    }

    /** Flushes and releases the sink. Idempotent. */
    @Override
    void close();
}
