package org.industry4.benchmarks;

import java.util.Arrays;
import java.util.List;
import org.industry4.core.SignalInfo;
import org.industry4.core.TelemetryGap;
import org.industry4.core.TelemetrySample;
import org.industry4.core.TelemetrySink;

/**
 * A sink in front of a store that commits the store itself every {@code commitMillis} and then
 * records, for every sample of the commit, the time from its source timestamp to the commit: the
 * latency from the machine to a durable row. The store must be set not to commit on its own.
 *
 * <p>Latencies go into a millisecond histogram (up to a minute, the rest in the last bucket), so
 * recording allocates nothing. Called from one writer thread; the counters are read from others.
 */
final class LatencyRecorder implements TelemetrySink {

    private static final int MAX_MS = 60_000;

    private final TelemetrySink store;
    private final long commitNanos;
    private final long[] histogram = new long[MAX_MS + 1];
    private long[] pendingSourceMillis = new long[1 << 16];
    private int pending;
    private long lastCommit = System.nanoTime();
    private volatile long stored;
    private volatile long storedSinceMark;
    private volatile long markMillis = Long.MAX_VALUE;

    LatencyRecorder(TelemetrySink store, long commitMillis) {
        this.store = store;
        this.commitNanos = commitMillis * 1_000_000L;
    }

    @Override
    public void accept(List<TelemetrySample> batch) {
        store.accept(batch);
        if (pending + batch.size() > pendingSourceMillis.length) {
            pendingSourceMillis = Arrays.copyOf(pendingSourceMillis,
                    Math.max(pendingSourceMillis.length * 2, pending + batch.size()));
        }
        for (int i = 0; i < batch.size(); i++) {
            pendingSourceMillis[pending++] = batch.get(i).sourceTime().toEpochMilli();
        }
        if (System.nanoTime() - lastCommit >= commitNanos) {
            commit();
        }
    }

    @Override
    public void describe(List<SignalInfo> signals) {
        store.describe(signals);
    }

    @Override
    public void gap(TelemetryGap gap) {
        store.gap(gap);
    }

    @Override
    public void flush() {
        commit();
    }

    @Override
    public void close() {
        commit();
        store.close();
    }

    private void commit() {
        store.flush();
        lastCommit = System.nanoTime();
        long now = System.currentTimeMillis();
        long mark = markMillis;
        long sinceMark = 0;
        for (int i = 0; i < pending; i++) {
            long source = pendingSourceMillis[i];
            long latency = now - source;
            histogram[(int) Math.max(0, Math.min(MAX_MS, latency))]++;
            if (source >= mark) {
                sinceMark++;
            }
        }
        storedSinceMark += sinceMark;
        stored += pending;
        pending = 0;
    }

    /** Starts counting stored samples whose source time is at or after {@code epochMillis}. */
    void mark(long epochMillis) {
        markMillis = epochMillis;
    }

    /** Samples committed to the store. */
    long stored() {
        return stored;
    }

    /** Samples committed whose source time is at or after the mark. */
    long storedSinceMark() {
        return storedSinceMark;
    }

    /** The latency at quantile {@code q} (0..1) in milliseconds, or -1 before any sample; read after a flush. */
    long quantileMillis(double q) {
        long total = 0;
        for (long c : histogram) {
            total += c;
        }
        if (total == 0) {
            return -1;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int ms = 0; ms < histogram.length; ms++) {
            seen += histogram[ms];
            if (seen >= rank) {
                return ms;
            }
        }
        return MAX_MS;
    }
}
