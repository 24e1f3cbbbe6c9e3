package org.industry4.opcua.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.industry4.core.SignalId;
import org.industry4.core.SignalInfo;
import org.industry4.core.TelemetryGap;
import org.industry4.core.TelemetrySample;
import org.industry4.core.TelemetrySink;

/** Real sinks for tests: recording, gated, slow, failing. No mocks. */
final class TestSinks {

    static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    private TestSinks() {
    }

    /** {@code count} good samples of {@code signal}, one per millisecond from {@code firstMs}. */
    static List<TelemetrySample> samples(String signal, int firstMs, int count) {
        List<TelemetrySample> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(TelemetrySample.good(SignalId.of(signal), T0.plusMillis(firstMs + i), firstMs + i));
        }
        return list;
    }

    /** Polls {@code condition} until it holds or {@code timeout} passes; fails then. */
    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(2);
        }
    }

    /** Everything a sink was handed, in order: samples, gaps, descriptions and flushes as events. */
    static class RecordingSink implements TelemetrySink {
        final List<Object> events = new ArrayList<>();
        final List<TelemetrySample> samples = new ArrayList<>();
        final AtomicInteger flushes = new AtomicInteger();
        final AtomicBoolean closed = new AtomicBoolean();
        volatile int maxBatch;

        @Override
        public synchronized void accept(List<TelemetrySample> batch) {
            maxBatch = Math.max(maxBatch, batch.size());
            samples.addAll(batch);
            events.addAll(batch);
        }

        @Override
        public synchronized void describe(List<SignalInfo> signals) {
            events.add(List.copyOf(signals));
        }

        @Override
        public synchronized void gap(TelemetryGap gap) {
            events.add(gap);
        }

        @Override
        public void flush() {
            flushes.incrementAndGet();
        }

        @Override
        public void close() {
            closed.set(true);
        }

        synchronized List<TelemetrySample> samples() {
            return List.copyOf(samples);
        }

        synchronized List<Object> events() {
            return List.copyOf(events);
        }
    }

    /**
     * Passes everything to a delegate, but holds each {@code accept} until the gate opens (at most
     * ten seconds, then it fails the call). {@link #entered} counts accepts begun.
     */
    static final class GatedSink implements TelemetrySink {
        final TelemetrySink delegate;
        final CountDownLatch gate = new CountDownLatch(1);
        final AtomicInteger entered = new AtomicInteger();

        GatedSink(TelemetrySink delegate) {
            this.delegate = delegate;
        }

        void open() {
            gate.countDown();
        }

        @Override
        public void accept(List<TelemetrySample> batch) {
            entered.incrementAndGet();
            try {
                if (!gate.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("test gate never opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            delegate.accept(batch);
        }

        @Override
        public void describe(List<SignalInfo> signals) {
            delegate.describe(signals);
        }

        @Override
        public void gap(TelemetryGap gap) {
            delegate.gap(gap);
        }

        @Override
        public void flush() {
            delegate.flush();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    /** Passes everything to a delegate, sleeping before each {@code accept}: slower than the stream. */
    static final class SlowSink implements TelemetrySink {
        final TelemetrySink delegate;
        final long sleepMillis;

        SlowSink(TelemetrySink delegate, long sleepMillis) {
            this.delegate = delegate;
            this.sleepMillis = sleepMillis;
        }

        @Override
        public void accept(List<TelemetrySample> batch) {
            try {
                Thread.sleep(sleepMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            delegate.accept(batch);
        }

        @Override
        public void gap(TelemetryGap gap) {
            delegate.gap(gap);
        }

        @Override
        public void describe(List<SignalInfo> signals) {
            delegate.describe(signals);
        }

        @Override
        public void flush() {
            delegate.flush();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    /** Passes everything to a delegate, but every {@code accept} throws while {@link #failing} is set. */
    static final class FailingSink implements TelemetrySink {
        final TelemetrySink delegate;
        final AtomicBoolean failing = new AtomicBoolean(true);
        final AtomicInteger failures = new AtomicInteger();

        FailingSink(TelemetrySink delegate) {
            this.delegate = delegate;
        }

        @Override
        public void accept(List<TelemetrySample> batch) {
            if (failing.get()) {
                failures.incrementAndGet();
                throw new IllegalStateException("disk full (test)");
            }
            delegate.accept(batch);
        }

        @Override
        public void flush() {
            delegate.flush();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
