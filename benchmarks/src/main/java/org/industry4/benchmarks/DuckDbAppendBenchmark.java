package org.industry4.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.industry4.core.Quality;
import org.industry4.core.SignalId;
import org.industry4.core.TelemetrySample;
import org.industry4.core.TelemetrySink;
import org.industry4.opcua.store.DuckDbSink;
import org.industry4.opcua.store.StoreAndForward;
import org.industry4.opcua.store.StoreAndForwardOptions;

/**
 * {@code duckdb-append}: how fast samples go into the DuckDB sink, in batches of one tick of
 * {@code --signals} tags, in memory, on a file, and through the store-and-forward queue.
 */
final class DuckDbAppendBenchmark implements Benchmark {

    @Override
    public String name() {
        return "duckdb-append";
    }

    @Override
    public String usage() {
        return "duckdb-append [--signals 10000] [--ticks 50] [--dir DIR]";
    }

    @Override
    public String description() {
        return "samples/s into DuckDbSink (memory, file) and StoreAndForward -> DuckDbSink";
    }

    @Override
    public Result run(Args args) throws Exception {
        int signals = args.intValue("signals", 10_000, 1, 1_000_000);
        int tickCount = args.intValue("ticks", 50, 1, 100_000);
        Path dir = Path.of(args.string("dir", System.getProperty("java.io.tmpdir")));
        args.requireAllUsed();
        Path work = Files.createTempDirectory(dir, "duckdb-append-");
        List<List<TelemetrySample>> ticks = ticks(signals, tickCount);
        long expected = (long) signals * tickCount;

        System.out.printf(Locale.ROOT, "%-36s %12s %9s %14s%n", "path", "samples", "seconds", "samples/s");
        timed("warm-up (in memory, discarded)", DuckDbSink.openInMemory(), ticks);
        double memory = timed("DuckDbSink in memory", DuckDbSink.openInMemory(), ticks);
        Path file = work.resolve("append.duckdb");
        double onFile = timed("DuckDbSink file", DuckDbSink.open(file), ticks);
        Path queuedFile = work.resolve("queued.duckdb");
        double queued = timed("StoreAndForward -> DuckDbSink file",
                StoreAndForward.start(DuckDbSink.open(queuedFile), new StoreAndForwardOptions()), ticks);
        for (Path p : List.of(file, queuedFile)) {
            try (DuckDbSink stored = DuckDbSink.open(p)) {
                if (stored.sampleCount() != expected) {
                    throw new IllegalStateException(p + " holds " + stored.sampleCount()
                            + " samples, expected " + expected);
                }
            }
        }
        return new Result().put("signals", signals).put("ticks", tickCount)
                .put("memory_per_s", Math.round(memory)).put("file_per_s", Math.round(onFile))
                .put("queued_per_s", Math.round(queued));
    }

    private static List<List<TelemetrySample>> ticks(int signals, int tickCount) {
        List<SignalId> ids = new ArrayList<>(signals);
        for (int s = 0; s < signals; s++) {
            ids.add(SignalId.of(String.format(Locale.ROOT, "cnc-%03d/tag-%05d", s / 1000, s)));
        }
        Instant t0 = Instant.parse("2026-03-01T08:00:00Z");
        List<List<TelemetrySample>> ticks = new ArrayList<>(tickCount);
        for (int k = 0; k < tickCount; k++) {
            Instant source = t0.plusMillis(100L * k);
            Instant server = source.plusNanos(1_234_500);
            List<TelemetrySample> batch = new ArrayList<>(signals);
            for (int s = 0; s < signals; s++) {
                batch.add(new TelemetrySample(ids.get(s), source, server, s + 0.001 * k,
                        s % 1000 == 0 ? Quality.UNCERTAIN : Quality.GOOD));
            }
            ticks.add(batch);
        }
        return ticks;
    }

    private static double timed(String label, TelemetrySink sink, List<List<TelemetrySample>> ticks) {
        long start = System.nanoTime();
        try (sink) {
            for (List<TelemetrySample> tick : ticks) {
                sink.accept(tick);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long count = ticks.stream().mapToLong(List::size).sum();
        double rate = count / seconds;
        System.out.printf(Locale.ROOT, "%-36s %,12d %9.3f %,14.0f%n", label, count, seconds, rate);
        return rate;
    }
}
