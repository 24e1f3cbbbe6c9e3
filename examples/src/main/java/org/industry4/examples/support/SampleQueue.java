package org.industry4.examples.support;

import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import org.industry4.core.TelemetrySample;
import org.industry4.core.TelemetrySink;

/**
 * Hands samples from the collector's thread to an analytics thread without blocking the collector:
 * an unbounded queue that is also a {@link TelemetrySink}. After {@link #close()} it refuses more.
 */
public final class SampleQueue extends LinkedBlockingQueue<TelemetrySample> implements TelemetrySink {

    private volatile boolean closed;

    @Override
    public void accept(List<TelemetrySample> batch) {
        if (closed) {
            throw new IllegalStateException("sample queue is closed");
        }
        addAll(batch);
    }

    @Override
    public void close() {
        closed = true;
    }
}
