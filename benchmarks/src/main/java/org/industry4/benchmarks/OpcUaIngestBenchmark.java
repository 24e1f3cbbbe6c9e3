package org.industry4.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.industry4.core.SignalInfo;
import org.industry4.core.TelemetryGap;
import org.industry4.core.TelemetrySample;
import org.industry4.core.TelemetrySink;
import org.industry4.opcua.client.CollectorConfig;
import org.industry4.opcua.client.CollectorStats;
import org.industry4.opcua.client.CollectorSubscription;
import org.industry4.opcua.client.Identity;
import org.industry4.opcua.client.OpcUaCollector;
import org.industry4.opcua.client.SecurityMode;
import org.industry4.opcua.client.SubscriptionOptions;
import org.industry4.opcua.sim.SimServerConfig;
import org.industry4.opcua.sim.SimulatedMachineServer;
import org.industry4.opcua.sim.SimulationOptions;
import org.industry4.opcua.store.DuckDbSink;
import org.industry4.opcua.store.DuckDbSinkOptions;
import org.industry4.opcua.store.StoreAndForward;
import org.industry4.opcua.store.StoreAndForwardOptions;
import org.industry4.opcua.store.StoreAndForwardStats;

/**
 * {@code opcua-ingest}: the simulated server, the collector and the DuckDB sink in one process.
 *
 * <p>The server publishes {@code --tags} tags (the {@code extra} tags of as many machines as needed,
 * at most 2,000 a machine), each changing every {@code --sampling-ms}; the collector subscribes to
 * all of them at that sampling and publishing interval; samples go through the store-and-forward
 * queue into a DuckDB file, committed every {@code --commit-ms}. After {@code --seconds} the machines
 * are paused, the pipeline drains, and what the server published is compared with what was stored.
 * With {@code --restart-at T} the server goes away at T seconds for {@code --down-ms} and comes back
 * on the same port; the benchmark reports how long collection took to resume after the restart and
 * whether anything published after the reconnection was lost.
 *
 * <p>Latency is from a sample's source timestamp to the commit that made it durable in DuckDB.
 */
final class OpcUaIngestBenchmark implements Benchmark {

    @Override
    public String name() {
        return "opcua-ingest";
    }

    @Override
    public String usage() {
        return "opcua-ingest --tags N --sampling-ms M --seconds S [--restart-at T] [--down-ms 2000]"
                + " [--commit-ms 250] [--security none|encrypt] [--dir DIR]";
    }

    @Override
    public String description() {
        return "OPC UA tags -> collector -> DuckDB: values/s stored, latency p50/p99, values lost, heap, resume time";
    }

    @Override
    public Result run(Args args) throws Exception {
        int tags = args.intValue("tags", 10_000, 1, 500_000);
        int samplingMs = args.intValue("sampling-ms", 100, 10, 60_000);
        int seconds = args.intValue("seconds", 30, 1, 3_600);
        int restartAt = args.intValue("restart-at", -1, 1, seconds - 1);
        int downMs = args.intValue("down-ms", 2_000, 0, 60_000);
        int commitMs = args.intValue("commit-ms", 250, 10, 60_000);
        String securityName = args.string("security", "none");
        Path dir = Path.of(args.string("dir", System.getProperty("java.io.tmpdir")));
        args.requireAllUsed();
        SecurityMode security = switch (securityName) {
            case "none" -> SecurityMode.NONE;
            case "encrypt" -> SecurityMode.BASIC256SHA256_SIGN_AND_ENCRYPT;
            default -> throw new IllegalArgumentException("--security must be none or encrypt, got \"" + securityName + "\"");
        };

        Path work = Files.createTempDirectory(dir, "opcua-ingest-");
        int machines = (tags + 1_999) / 2_000;
        int perMachine = (tags + machines - 1) / machines;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long heapMax = 0;

        SimServerConfig serverConfig = SimServerConfig.builder()
                .pkiDirectory(work.resolve("pki-server"))
                .simulation(new SimulationOptions(machines, perMachine, Duration.ofMillis(samplingMs), 42))
                .acceptAnyClientCertificate(true)
                .build();
        try (SimulatedMachineServer server = SimulatedMachineServer.start(serverConfig)) {
            List<String> nodes = server.variableNodeIds().stream().filter(n -> n.contains("/extra/")).limit(tags).toList();
            CollectorConfig config = CollectorConfig.builder(server.endpointUrl())
                    .security(security)
                    .identity(Identity.anonymous())
                    .pkiDirectory(work.resolve("pki-client"))
                    .build();
            if (security != SecurityMode.NONE) {
                OpcUaCollector.trustServerCertificate(work.resolve("pki-client"), server.certificate());
            }
            Path database = work.resolve("ingest.duckdb");
            // The recorder commits; the store's own thresholds are out of its way.
            DuckDbSink store = DuckDbSink.open(database, new DuckDbSinkOptions(Integer.MAX_VALUE, Duration.ofDays(1)));
            LatencyRecorder recorder = new LatencyRecorder(store, commitMs);
            StoreAndForward queue = StoreAndForward.start(recorder, new StoreAndForwardOptions());
            Tap tap = new Tap(queue);
            Duration sampling = Duration.ofMillis(samplingMs);
            int queueSize = 10;

            long subscribeNanos;
            long restartToResumeMs = -1;
            long publishedAtRestart = -1;
            long collectSeconds;
            CollectorStats stats;
            try (OpcUaCollector collector = OpcUaCollector.connect(config)) {
                long t = System.nanoTime();
                SubscriptionOptions options = new SubscriptionOptions().withSamplingInterval(sampling)
                        .withPublishingInterval(sampling).withQueueSize(queueSize);
                try (CollectorSubscription sub = collector.subscribe(nodes, options, tap)) {
                    subscribeNanos = System.nanoTime() - t;
                    if (sub.activeItems() != nodes.size()) {
                        throw new IllegalStateException(sub.failedItems().size() + " of " + nodes.size()
                                + " items failed, first: " + sub.failedItems().get(0));
                    }
                    long start = System.nanoTime();
                    long end = start + seconds * 1_000_000_000L;
                    long nextPrint = start + 5_000_000_000L;
                    boolean restarted = restartAt < 0;
                    long lastStored = 0;
                    long lastPrint = start;
                    while (System.nanoTime() < end) {
                        Thread.sleep(50);
                        long now = System.nanoTime();
                        heapMax = Math.max(heapMax, memory.getHeapMemoryUsage().getUsed());
                        if (!restarted && now - start >= restartAt * 1_000_000_000L) {
                            server.stop();
                            Thread.sleep(downMs);
                            publishedAtRestart = server.valuesPublished();
                            long restartMillis = System.currentTimeMillis();
                            recorder.mark(restartMillis);
                            tap.mark(restartMillis);
                            long restartNanos = System.nanoTime();
                            server.restart();
                            long resumed = waitFor(tap::firstSinceMarkNanos, restartNanos, 60_000);
                            restartToResumeMs = resumed < 0 ? -1 : (resumed - restartNanos) / 1_000_000;
                            restarted = true;
                        }
                        if (now >= nextPrint) {
                            long s = recorder.stored();
                            System.out.printf(Locale.ROOT, "[%3ds] %,d values stored (%,.0f/s), queue %,d, heap %,d MB%n",
                                    (now - start) / 1_000_000_000L, s, (s - lastStored) / ((now - lastPrint) / 1e9),
                                    queue.stats().queued(), memory.getHeapMemoryUsage().getUsed() >> 20);
                            lastStored = s;
                            lastPrint = now;
                            nextPrint += 5_000_000_000L;
                        }
                    }
                    server.setPaused(true);
                    collectSeconds = seconds;
                    // Drain: wait until nothing new arrives for a second (bounded).
                    long deadline = System.nanoTime() + 30_000_000_000L;
                    long last = -1;
                    while (System.nanoTime() < deadline) {
                        long received = tap.received();
                        if (received == last) {
                            break;
                        }
                        last = received;
                        Thread.sleep(1_000);
                    }
                }
                stats = collector.stats();
            }
            queue.flush();
            StoreAndForwardStats queueStats = queue.stats();
            long published = server.valuesPublished();
            long stored = recorder.stored();
            long lostAfterReconnect = publishedAtRestart < 0 ? 0
                    : (published - publishedAtRestart) - recorder.storedSinceMark();
            long p50 = recorder.quantileMillis(0.50);
            long p99 = recorder.quantileMillis(0.99);
            long pMax = recorder.quantileMillis(1.0);
            queue.close();
            System.gc();
            long heapEnd = memory.getHeapMemoryUsage().getUsed();
            double rate = stored / (double) collectSeconds;

            System.out.println();
            row("tags subscribed", String.format(Locale.ROOT, "%,d (%d machines)", nodes.size(), machines));
            row("sampling / publishing", samplingMs + " ms, queue " + queueSize + ", commit every " + commitMs + " ms");
            row("security", security.toString());
            row("subscribe call", String.format(Locale.ROOT, "%.1f s", subscribeNanos / 1e9));
            row("values published", String.format(Locale.ROOT, "%,d", published));
            row("values stored", String.format(Locale.ROOT, "%,d", stored));
            row("values lost", String.format(Locale.ROOT, "%,d", published - stored));
            row("stored per second", String.format(Locale.ROOT, "%,.0f", rate));
            row("latency source->stored", String.format(Locale.ROOT, "p50 %d ms, p99 %d ms, max %d ms", p50, p99, pMax));
            row("server tick", String.format(Locale.ROOT, "mean %.1f ms, max %.1f ms",
                    server.meanTickDuration().toNanos() / 1e6, server.maxTickDuration().toNanos() / 1e6));
            row("queue depth max", String.format(Locale.ROOT, "%,d", queueStats.maxQueueDepth()));
            row("heap used", String.format(Locale.ROOT, "max %,d MB, after GC %,d MB", heapMax >> 20, heapEnd >> 20));
            if (restartAt > 0) {
                row("restart", "at " + restartAt + " s, down " + downMs + " ms, reconnects " + stats.reconnects());
                row("resumed after restart", restartToResumeMs + " ms");
                row("lost after reconnection", String.format(Locale.ROOT, "%,d", lostAfterReconnect));
                row("gaps recorded", String.format(Locale.ROOT, "%,d", stats.gapsRecorded()));
            }
            deleteQuietly(work);

            Result result = new Result().put("tags", nodes.size()).put("sampling_ms", samplingMs)
                    .put("seconds", seconds).put("published", published).put("stored", stored)
                    .put("lost", published - stored).put("values_per_s", Math.round(rate))
                    .put("p50_ms", p50).put("p99_ms", p99).put("max_ms", pMax)
                    .put("heap_max_mb", heapMax >> 20);
            if (restartAt > 0) {
                result.put("resume_s", restartToResumeMs / 1000.0).put("lost_after_reconnect", lostAfterReconnect);
            }
            return result;
        }
    }

    private static void row(String name, String value) {
        System.out.printf(Locale.ROOT, "%-26s %s%n", name, value);
    }

    /** Polls until {@code when} reports a time (> 0), for at most {@code timeoutMs}; -1 if it never does. */
    private static long waitFor(LongSupplier when, long since, long timeoutMs) throws InterruptedException {
        long deadline = since + timeoutMs * 1_000_000L;
        while (System.nanoTime() < deadline) {
            long t = when.getAsLong();
            if (t > 0) {
                return t;
            }
            Thread.sleep(10);
        }
        return -1;
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }

    /** Counts what the collector delivers and notes when the first sample after a mark arrived. */
    private static final class Tap implements TelemetrySink {
        private final TelemetrySink next;
        private final AtomicLong received = new AtomicLong();
        private volatile long markMillis = Long.MAX_VALUE;
        private volatile long firstSinceMarkNanos;

        Tap(TelemetrySink next) {
            this.next = next;
        }

        void mark(long epochMillis) {
            markMillis = epochMillis;
            firstSinceMarkNanos = 0;
        }

        long firstSinceMarkNanos() {
            return firstSinceMarkNanos;
        }

        long received() {
            return received.get();
        }

        @Override
        public void accept(List<TelemetrySample> batch) {
            if (firstSinceMarkNanos == 0 && !batch.isEmpty()
                    && batch.get(batch.size() - 1).sourceTime().toEpochMilli() >= markMillis) {
                firstSinceMarkNanos = System.nanoTime();
            }
            received.addAndGet(batch.size());
            next.accept(batch);
        }

        @Override
        public void describe(List<SignalInfo> signals) {
            next.describe(signals);
        }

        @Override
        public void gap(TelemetryGap gap) {
            next.gap(gap);
        }

        @Override
        public void flush() {
            next.flush();
        }

        @Override
        public void close() {
            next.close();
        }
    }
}
