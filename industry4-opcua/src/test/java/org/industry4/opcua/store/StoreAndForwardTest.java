package org.industry4.opcua.store;

import static org.industry4.opcua.store.TestSinks.T0;
import static org.industry4.opcua.store.TestSinks.await;
import static org.industry4.opcua.store.TestSinks.samples;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.industry4.core.SignalId;
import org.industry4.core.SignalInfo;
import org.industry4.core.TelemetryException;
import org.industry4.core.TelemetryGap;
import org.industry4.core.TelemetrySample;
import org.industry4.opcua.store.TestSinks.FailingSink;
import org.industry4.opcua.store.TestSinks.GatedSink;
import org.industry4.opcua.store.TestSinks.RecordingSink;
import org.industry4.opcua.store.TestSinks.SlowSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreAndForwardTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private static StoreAndForwardOptions options(int capacity, int maxBatch, BackPressure policy) {
        return new StoreAndForwardOptions(capacity, maxBatch, policy, WAIT, 2, Duration.ofMillis(1));
    }

    private static List<Double> values(DuckDbSink sink) throws Exception {
        return sink.query("SELECT value FROM samples ORDER BY rowid", rs -> {
            List<Double> list = new ArrayList<>();
            while (rs.next()) {
                list.add(rs.getDouble(1));
            }
            return list;
        });
    }

    private static List<Double> values(List<TelemetrySample> samples) {
        return samples.stream().map(TelemetrySample::value).toList();
    }

    private static void assertBalanced(StoreAndForwardStats stats) {
        assertEquals(stats.accepted(), stats.written() + stats.dropped() + stats.queued(), stats.toString());
    }

    @Test
    void blockLosesNothingWhenTheDownstreamIsSlowerThanTheStream() throws Exception {
        Path file = dir.resolve("block.duckdb");
        List<TelemetrySample> sent = new ArrayList<>();
        StoreAndForward queue = StoreAndForward.start(new SlowSink(DuckDbSink.open(file), 5),
                options(1_000, 200, BackPressure.BLOCK));
        for (int b = 0; b < 100; b++) {
            List<TelemetrySample> batch = samples("m-1/current", b * 100, 100);
            queue.accept(batch);
            sent.addAll(batch);
        }
        queue.close();
        StoreAndForwardStats stats = queue.stats();
        assertEquals(new StoreAndForwardStats(10_000, 10_000, 0, 0, 0, 0, stats.maxQueueDepth()), stats);
        assertTrue(stats.maxQueueDepth() <= 1_000, stats.toString());
        try (DuckDbSink stored = DuckDbSink.open(file)) {
            assertEquals(values(sent), values(stored));
        }
    }

    @Test
    void blockWaitsUpToTheOfferTimeoutThenSaysHowMuchOfTheBatchItTook() throws Exception {
        RecordingSink recording = new RecordingSink();
        GatedSink gated = new GatedSink(recording);
        StoreAndForwardOptions options = new StoreAndForwardOptions(10, 5, BackPressure.BLOCK, Duration.ofMillis(50));
        try (StoreAndForward queue = StoreAndForward.start(gated, options)) {
            List<TelemetrySample> first = samples("a", 0, 5);
            queue.accept(first);
            await("the writer to take the first batch", WAIT, () -> gated.entered.get() == 1);
            List<TelemetrySample> second = samples("a", 5, 12);
            QueueFullException e = assertThrows(QueueFullException.class, () -> queue.accept(second));
            assertEquals(10, e.taken());
            assertTrue(e.getMessage().contains("took 10 of a batch of 12"), e.getMessage());
            assertTrue(e.getMessage().contains("offer timeout of PT0.05S"), e.getMessage());
            StoreAndForwardStats stats = queue.stats();
            assertEquals(15, stats.accepted());
            assertEquals(2, stats.rejected());
            assertEquals(15, stats.queued());
            assertEquals(10, stats.maxQueueDepth());

            gated.open();
            queue.flush();
            List<TelemetrySample> expected = new ArrayList<>(first);
            expected.addAll(second.subList(0, 10));
            assertEquals(expected, recording.samples());
            assertEquals(15, queue.stats().written());
        }
    }

    @Test
    void rejectRefusesAWholeBatchAtOnceAndCountsIt() throws Exception {
        RecordingSink recording = new RecordingSink();
        GatedSink gated = new GatedSink(recording);
        StoreAndForward queue = StoreAndForward.start(gated, options(10, 5, BackPressure.REJECT));
        List<TelemetrySample> a = samples("a", 0, 5);
        List<TelemetrySample> b = samples("a", 5, 8);
        List<TelemetrySample> c = samples("a", 13, 3);
        List<TelemetrySample> d = samples("a", 16, 2);
        queue.accept(a);
        await("the writer to take the first batch", WAIT, () -> gated.entered.get() == 1);
        queue.accept(b);
        QueueFullException e = assertThrows(QueueFullException.class, () -> queue.accept(c));
        assertEquals(0, e.taken());
        assertTrue(e.getMessage().contains("no room for a batch of 3 samples (8 of 10 queued)"), e.getMessage());
        queue.accept(d);
        assertEquals(3, queue.stats().rejected());

        gated.open();
        queue.close();
        List<TelemetrySample> expected = new ArrayList<>(a);
        expected.addAll(b);
        expected.addAll(d);
        assertEquals(expected, recording.samples());
        StoreAndForwardStats stats = queue.stats();
        assertEquals(new StoreAndForwardStats(15, 15, 0, 0, 3, 0, 10), stats);
        assertTrue(recording.closed.get());
    }

    @Test
    void dropOldestCountsExactlyWhatItEvictedAndKeepsTheNewest() throws Exception {
        Path file = dir.resolve("drop.duckdb");
        GatedSink gated = new GatedSink(DuckDbSink.open(file));
        StoreAndForward queue = StoreAndForward.start(gated, options(10, 5, BackPressure.DROP_OLDEST));
        List<TelemetrySample> a = samples("a", 0, 5);
        queue.accept(a);
        await("the writer to take the first batch", WAIT, () -> gated.entered.get() == 1);
        queue.accept(samples("a", 100, 8));
        TelemetryGap gap = new TelemetryGap(SignalId.of("a"), T0, T0.plusSeconds(1), "restart");
        queue.gap(gap);
        queue.accept(samples("a", 200, 6));
        assertEquals(4, queue.stats().dropped());
        List<TelemetrySample> d = samples("a", 300, 25);
        queue.accept(d);
        StoreAndForwardStats stats = queue.stats();
        assertEquals(4 + 10 + 15, stats.dropped());
        assertEquals(44, stats.accepted());
        assertBalanced(stats);

        gated.open();
        queue.close();
        stats = queue.stats();
        assertEquals(new StoreAndForwardStats(44, 15, 0, 29, 0, 0, 10), stats);
        List<TelemetrySample> expected = new ArrayList<>(a);
        expected.addAll(d.subList(15, 25));
        try (DuckDbSink stored = DuckDbSink.open(file)) {
            assertEquals(values(expected), values(stored));
            assertEquals(List.of(gap), stored.gaps());
        }
    }

    @Test
    void closeWhileDataIsInFlightStoresEverythingAccepted() throws Exception {
        Path file = dir.resolve("inflight.duckdb");
        GatedSink gated = new GatedSink(DuckDbSink.open(file, new DuckDbSinkOptions(1_000_000, Duration.ofHours(1))));
        StoreAndForward queue = StoreAndForward.start(gated, options(100_000, 1_000, BackPressure.BLOCK));
        for (int b = 0; b < 20; b++) {
            queue.accept(samples("m-1/vibration", b * 1_000, 1_000));
        }
        await("the writer to take the first batch", WAIT, () -> gated.entered.get() == 1);
        AtomicReference<Throwable> closeFailure = new AtomicReference<>();
        Thread closer = new Thread(() -> {
            try {
                queue.close();
            } catch (Throwable t) {
                closeFailure.set(t);
            }
        }, "closer");
        closer.start();
        await("close() to stop taking samples", WAIT, () -> {
            try {
                queue.accept(List.of());
                return false;
            } catch (IllegalStateException e) {
                return true;
            }
        });
        assertTrue(closer.isAlive());
        assertEquals(20_000, queue.stats().queued());
        gated.open();
        closer.join(WAIT.toMillis());
        assertFalse(closer.isAlive());
        assertEquals(null, closeFailure.get());
        assertThrows(IllegalStateException.class, () -> queue.accept(samples("x", 0, 1)));
        assertEquals(20_000, queue.stats().written());
        try (DuckDbSink stored = DuckDbSink.open(file)) {
            assertEquals(20_000, stored.sampleCount());
        }
    }

    @Test
    void gapsAndDescriptionsReachTheDownstreamInOrderWithTheSamples() {
        RecordingSink recording = new RecordingSink();
        List<SignalInfo> description = List.of(new SignalInfo(SignalId.of("a"), "ns=2;s=a", "Double", "g", ""));
        TelemetryGap gap = new TelemetryGap(SignalId.of("a"), T0, T0.plusMillis(5), "lost");
        List<TelemetrySample> s1 = samples("a", 0, 4);
        List<TelemetrySample> s2 = samples("a", 4, 7);
        List<TelemetrySample> s3 = samples("a", 11, 2);
        try (StoreAndForward queue = StoreAndForward.start(recording, options(100, 3, BackPressure.BLOCK))) {
            queue.accept(s1);
            queue.describe(description);
            queue.accept(s2);
            queue.gap(gap);
            queue.accept(s3);
            queue.flush();
            List<Object> expected = new ArrayList<>(s1);
            expected.add(description);
            expected.addAll(s2);
            expected.add(gap);
            expected.addAll(s3);
            assertEquals(expected, recording.events());
            assertEquals(3, recording.maxBatch);
        }
    }

    @Test
    void flushWaitsUntilTheDownstreamHasEverythingAndIsFlushed() {
        RecordingSink recording = new RecordingSink();
        try (StoreAndForward queue = StoreAndForward.start(new SlowSink(recording, 20), options(1_000, 10, BackPressure.BLOCK))) {
            queue.accept(samples("a", 0, 50));
            queue.flush();
            assertEquals(50, recording.samples().size());
            assertEquals(1, recording.flushes.get());
            assertEquals(0, queue.stats().queued());
        }
        assertEquals(2, recording.flushes.get());
        assertTrue(recording.closed.get());
    }

    @Test
    void aFailingDownstreamIsSurfacedAndNothingIsLostWhenItRecovers() throws Exception {
        Path file = dir.resolve("recover.duckdb");
        FailingSink failing = new FailingSink(DuckDbSink.open(file));
        StoreAndForward queue = StoreAndForward.start(failing, options(1_000, 100, BackPressure.BLOCK));
        queue.accept(samples("a", 0, 10));
        await("retries to be spent", WAIT, () -> queue.stats().downstreamFailures() >= 3);

        TelemetryException e = assertThrows(TelemetryException.class, () -> queue.accept(samples("a", 10, 5)));
        assertFalse(e instanceof QueueFullException);
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertTrue(e.getMessage().contains("disk full (test)"), e.getMessage());
        assertTrue(e.getMessage().contains("10 samples queued"), e.getMessage());
        assertThrows(TelemetryException.class, queue::flush);
        assertEquals(5, queue.stats().rejected());
        assertEquals(10, queue.stats().queued());

        failing.failing.set(false);
        await("the downstream to recover", WAIT, () -> queue.stats().written() == 10);
        queue.accept(samples("a", 10, 5));
        queue.flush();
        queue.close();
        StoreAndForwardStats stats = queue.stats();
        assertEquals(15, stats.accepted());
        assertEquals(15, stats.written());
        assertTrue(stats.downstreamFailures() >= 3, stats.toString());
        try (DuckDbSink stored = DuckDbSink.open(file)) {
            assertEquals(15, stored.sampleCount());
        }
    }

    @Test
    void aCallerBlockedOnAFullQueueLearnsThatTheDownstreamFails() {
        FailingSink failing = new FailingSink(new RecordingSink());
        StoreAndForward queue = StoreAndForward.start(failing, options(5, 5, BackPressure.BLOCK));
        queue.accept(samples("a", 0, 5));
        TelemetryException e = assertThrows(TelemetryException.class, () -> {
            queue.accept(samples("a", 5, 5));
            queue.accept(samples("a", 10, 3));
        });
        assertInstanceOf(IllegalStateException.class, e.getCause());
        StoreAndForwardStats stats = queue.stats();
        assertEquals(stats.accepted() + stats.rejected(), 13, stats.toString());
        failing.failing.set(false);
        queue.close();
        assertEquals(stats.accepted(), queue.stats().written());
    }

    @Test
    void closeGivesUpOnADownstreamThatNeverRecoversAndSaysWhatWasNotStored() {
        RecordingSink recording = new RecordingSink();
        FailingSink failing = new FailingSink(recording);
        StoreAndForward queue = StoreAndForward.start(failing, options(1_000, 100, BackPressure.BLOCK));
        queue.accept(samples("a", 0, 7));
        TelemetryException e = assertThrows(TelemetryException.class, queue::close);
        assertTrue(e.getMessage().contains("7 accepted samples"), e.getMessage());
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertTrue(recording.closed.get());
        assertEquals(7, queue.stats().queued());
        assertTrue(failing.failures.get() >= 3);
        queue.close();
    }

    @Test
    void aCallerSuppliedExecutorRunsTheWriter() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            RecordingSink recording = new RecordingSink();
            try (StoreAndForward queue = StoreAndForward.start(recording, new StoreAndForwardOptions(), executor)) {
                queue.accept(samples("a", 0, 30));
            }
            assertEquals(30, recording.samples().size());
            assertTrue(recording.closed.get());
        } finally {
            executor.shutdown();
            assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void useAfterCloseThrowsIllegalStateAndCloseIsIdempotent() {
        StoreAndForward queue = StoreAndForward.start(new RecordingSink(), new StoreAndForwardOptions());
        queue.close();
        queue.close();
        assertThrows(IllegalStateException.class, () -> queue.accept(samples("a", 0, 1)));
        assertThrows(IllegalStateException.class, queue::flush);
        assertThrows(IllegalStateException.class,
                () -> queue.gap(new TelemetryGap(SignalId.of("a"), T0, T0, "x")));
    }

    @Test
    void optionsNameTheBadValue() {
        Duration s = Duration.ofSeconds(1);
        assertEquals("capacity must be > 0, got 0", assertThrows(IllegalArgumentException.class,
                () -> new StoreAndForwardOptions(0, 1, BackPressure.BLOCK, s)).getMessage());
        assertEquals("maxBatch must be > 0, got -1", assertThrows(IllegalArgumentException.class,
                () -> new StoreAndForwardOptions(10, -1, BackPressure.BLOCK, s)).getMessage());
        assertEquals("offerTimeout must be >= 0, got PT-1S", assertThrows(IllegalArgumentException.class,
                () -> new StoreAndForwardOptions(10, 1, BackPressure.BLOCK, s.negated())).getMessage());
        assertEquals("retries must be >= 0, got -2", assertThrows(IllegalArgumentException.class,
                () -> new StoreAndForwardOptions(10, 1, BackPressure.BLOCK, s, -2, s)).getMessage());
        assertEquals("retryBackoff must be > 0 and <= PT1H, got PT0S", assertThrows(IllegalArgumentException.class,
                () -> new StoreAndForwardOptions(10, 1, BackPressure.BLOCK, s, 1, Duration.ZERO)).getMessage());
        assertThrows(NullPointerException.class, () -> new StoreAndForwardOptions(10, 1, null, s));
        StoreAndForwardOptions defaults = new StoreAndForwardOptions();
        assertEquals(new StoreAndForwardOptions(200_000, 10_000, BackPressure.BLOCK, Duration.ofSeconds(10), 5,
                Duration.ofMillis(100)), defaults);
        assertEquals(BackPressure.REJECT, defaults.withBackPressure(BackPressure.REJECT).backPressure());
    }
}
