package org.industry4.core;

/**
 * Where telemetry comes from: a live connection, a simulator, a file. A source delivers samples to
 * one sink from the moment {@link #start(TelemetrySink)} returns until it is closed.
 */
public interface TelemetrySource extends AutoCloseable {

    /**
     * Starts delivering samples (and gaps) to {@code sink}.
     *
     * @throws IllegalStateException if the source was already started or is closed
     * @throws TelemetryException    if delivery could not start
     */
    void start(TelemetrySink sink);

    /** Stops delivering; samples already handed to the sink stay there. Idempotent. */
    @Override
    void close();
}
