package org.industry4.opcua.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.industry4.core.SignalId;
import org.industry4.core.SignalInfo;
import org.industry4.core.TelemetryGap;
import org.industry4.core.TelemetrySample;
import org.industry4.core.TelemetrySink;

/** A thread-safe sink that keeps everything it is given, for assertions. */
class RecordingSink implements TelemetrySink {

    private final List<TelemetrySample> samples = new ArrayList<>();
    private final List<TelemetryGap> gaps = new ArrayList<>();
    private final List<SignalInfo> described = new ArrayList<>();
    private final List<Integer> batchSizes = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private final Map<SignalId, Integer> gapSampleIndex = new HashMap<>();

    @Override
    public synchronized void accept(List<TelemetrySample> batch) {
        samples.addAll(batch);
        batchSizes.add(batch.size());
        events.add("accept");
        notifyAll();
    }

    @Override
    public synchronized void describe(List<SignalInfo> signals) {
        described.addAll(signals);
        events.add("describe");
    }

    @Override
    public synchronized void gap(TelemetryGap gap) {
        gaps.add(gap);
        gapSampleIndex.putIfAbsent(gap.signal(), samples.size());
        events.add("gap");
        notifyAll();
    }

    @Override
    public void close() {
    }

    synchronized List<TelemetrySample> samples() {
        return List.copyOf(samples);
    }

    synchronized List<TelemetryGap> gaps() {
        return List.copyOf(gaps);
    }

    synchronized List<SignalInfo> described() {
        return List.copyOf(described);
    }

    synchronized List<Integer> batchSizes() {
        return List.copyOf(batchSizes);
    }

    synchronized List<String> events() {
        return List.copyOf(events);
    }

    /** Samples of a signal delivered after its first gap (all of them if it had no gap). */
    synchronized List<TelemetrySample> samplesAfterFirstGap(SignalId signal) {
        int from = gapSampleIndex.getOrDefault(signal, Integer.MAX_VALUE);
        List<TelemetrySample> out = new ArrayList<>();
        for (int i = Math.min(from, samples.size()); i < samples.size(); i++) {
            if (samples.get(i).signal().equals(signal)) {
                out.add(samples.get(i));
            }
        }
        return out;
    }

    synchronized int sampleCount() {
        return samples.size();
    }

    synchronized Map<SignalId, Integer> countsBySignal() {
        Map<SignalId, Integer> m = new HashMap<>();
        for (TelemetrySample s : samples) {
            m.merge(s.signal(), 1, Integer::sum);
        }
        return m;
    }

    /** Waits until the condition holds or the timeout passes; returns whether it holds. */
    boolean await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, Math.min(50, left / 1_000_000)));
            }
            return true;
        }
    }
}
