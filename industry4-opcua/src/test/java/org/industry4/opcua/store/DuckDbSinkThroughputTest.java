package org.industry4.opcua.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.industry4.core.Quality;
import org.industry4.core.SignalId;
import org.industry4.core.TelemetrySample;
import org.industry4.core.TelemetrySink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures how fast samples go into DuckDB: 10,000 signals, 50 ticks of one sample each (the shape
 * of 10,000 tags at 100 ms for 5 s), in batches of one tick. Prints the rates; asserts only that
 * everything arrived (no timed assertion).
 */
class DuckDbSinkThroughputTest {

    private static final int SIGNALS = 10_000;
    private static final int TICKS = 50;

    @TempDir
    Path dir;

    private static List<List<TelemetrySample>> ticks() {
        List<SignalId> ids = new ArrayList<>(SIGNALS);
        for (int s = 0; s < SIGNALS; s++) {
            ids.add(SignalId.of(String.format("cnc-%03d/tag-%02d", s / 20, s % 20)));
        }
        Instant t0 = Instant.parse("2026-03-01T08:00:00Z");
        List<List<TelemetrySample>> ticks = new ArrayList<>(TICKS);
        for (int k = 0; k < TICKS; k++) {
            Instant source = t0.plusMillis(100L * k);
            Instant server = source.plusNanos(1_234_500);
            List<TelemetrySample> batch = new ArrayList<>(SIGNALS);
            for (int s = 0; s < SIGNALS; s++) {
                batch.add(new TelemetrySample(ids.get(s), source, server, s + 0.001 * k,
                        s % 1000 == 0 ? Quality.UNCERTAIN : Quality.GOOD));
            }
            ticks.add(batch);
        }
        return ticks;
    }

    private static double run(String label, TelemetrySink sink, List<List<TelemetrySample>> ticks) {
        long start = System.nanoTime();
        try (sink) {
            for (List<TelemetrySample> tick : ticks) {
                sink.accept(tick);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long count = ticks.stream().mapToLong(List::size).sum();
        double rate = count / seconds;
        System.out.printf("%-40s %,10d samples in %6.3f s = %,12.0f samples/s%n", label, count, seconds, rate);
        return rate;
    }

    @Test
    void appendThroughputIsPrintedAndEverySampleIsStored() throws Exception {
        List<List<TelemetrySample>> ticks = ticks();
        long expected = (long) SIGNALS * TICKS;

        run("warm-up (in-memory, discarded)", DuckDbSink.openInMemory(), ticks);

        double memory = run("DuckDbSink in-memory", DuckDbSink.openInMemory(), ticks);

        Path file = dir.resolve("throughput.duckdb");
        double onFile = run("DuckDbSink file", DuckDbSink.open(file), ticks);
        try (DuckDbSink stored = DuckDbSink.open(file)) {
            assertEquals(expected, stored.sampleCount());
            assertEquals(SIGNALS, stored.summary().size());
        }

        Path queued = dir.resolve("queued.duckdb");
        StoreAndForward queue = StoreAndForward.start(DuckDbSink.open(queued), new StoreAndForwardOptions());
        double throughQueue = run("StoreAndForward -> DuckDbSink file", queue, ticks);
        assertEquals(new StoreAndForwardStats(expected, expected, 0, 0, 0, 0, queue.stats().maxQueueDepth()),
                queue.stats());
        try (DuckDbSink stored = DuckDbSink.open(queued)) {
            assertEquals(expected, stored.sampleCount());
        }
        System.out.printf("RESULT duckdb-append memory=%.0f file=%.0f queued=%.0f samples_per_s%n",
                memory, onFile, throughQueue);
    }
}
