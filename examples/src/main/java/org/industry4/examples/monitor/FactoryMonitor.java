package org.industry4.examples.monitor;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import org.industry4.examples.support.CommandLine;
import org.industry4.examples.support.SimulatedPlant;
import org.industry4.opcua.client.CollectorConfig;
import org.industry4.opcua.client.CollectorStats;
import org.industry4.opcua.client.CollectorSubscription;
import org.industry4.opcua.client.Identity;
import org.industry4.opcua.client.OpcUaCollector;
import org.industry4.opcua.client.SecurityMode;
import org.industry4.opcua.client.SubscriptionOptions;
import org.industry4.opcua.client.VariableInfo;
import org.industry4.opcua.sim.FaultEvent;
import org.industry4.opcua.sim.FaultKind;
import org.industry4.opcua.sim.SimServerConfig;
import org.industry4.opcua.sim.SimulatedMachineServer;
import org.industry4.opcua.sim.SimulationOptions;
import org.industry4.opcua.store.DuckDbSink;
import org.industry4.opcua.store.ParquetExport;
import org.industry4.opcua.store.SignalSummary;
import org.industry4.opcua.store.StoreAndForward;
import org.industry4.opcua.store.StoreAndForwardOptions;

/**
 * The factory monitor: the data path from a PLC tag to a table, on an embedded simulated plant.
 *
 * <p>It starts the simulated CNC machine server on 127.0.0.1, connects the collector to it (by
 * default over Basic256Sha256 Sign-and-Encrypt with a user name, trusting the two certificates
 * both ways the way an integrator would), browses the address space, subscribes to every machine
 * signal, stores the samples in DuckDB through the store-and-forward queue, injects a bearing
 * defect half way, exports Parquet, and prints a per-signal summary. A progress line is printed
 * while it runs.
 *
 * <pre>
 * mvn -q -pl examples -am -DskipTests package exec:java
 * mvn -q -pl examples -am -DskipTests package exec:java -Dexec.args="--duration 20s --machines 5"
 * </pre>
 */
public final class FactoryMonitor {

    private static final String USER = "integrator";
    private static final String PASSWORD = "factory-monitor";

    private FactoryMonitor() {
    }

    /**
     * What to run.
     *
     * @param duration         how long to collect; at least one second
     * @param machines         how many simulated CNC machines; 1..100
     * @param outputDirectory  where the database, the Parquet files and the PKI folders go; the
     *                         database {@code factory.duckdb} of an earlier run there is replaced
     * @param security         how the collector talks to the server
     * @param samplingInterval the sampling interval asked for, and the machines' update period
     * @param progressEvery    how often a progress line is printed
     * @param seed             the simulation's seed
     */
    public record Options(Duration duration, int machines, Path outputDirectory, SecurityMode security,
                          Duration samplingInterval, Duration progressEvery, long seed) {

        public Options {
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(outputDirectory, "outputDirectory");
            Objects.requireNonNull(security, "security");
            Objects.requireNonNull(samplingInterval, "samplingInterval");
            Objects.requireNonNull(progressEvery, "progressEvery");
            if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("duration must be >= 1 s, got " + duration);
            }
            if (machines < 1 || machines > 100) {
                throw new IllegalArgumentException("machines must be in 1..100, got " + machines);
            }
            if (samplingInterval.compareTo(Duration.ofMillis(10)) < 0) {
                throw new IllegalArgumentException("samplingInterval must be >= 10 ms, got " + samplingInterval);
            }
            if (progressEvery.isNegative() || progressEvery.isZero()) {
                throw new IllegalArgumentException("progressEvery must be > 0, got " + progressEvery);
            }
        }

        /** One minute, three machines, output in {@code factory-monitor-output}, encrypted. */
        public Options() {
            this(Duration.ofMinutes(1), 3, Path.of("factory-monitor-output"),
                    SecurityMode.BASIC256SHA256_SIGN_AND_ENCRYPT, Duration.ofMillis(100),
                    Duration.ofSeconds(5), 42);
        }

        Options withDuration(Duration d) {
            return new Options(d, machines, outputDirectory, security, samplingInterval, progressEvery, seed);
        }
    }

    /**
     * What a run did.
     *
     * @param variables       the variables browsed (machine signals and setpoints)
     * @param subscribed      monitored items collecting
     * @param samplesStored   samples in the database at the end
     * @param signals         per-signal statistics, sorted by signal
     * @param faults          the faults injected during the run (ground truth)
     * @param collector       the collector's counters at the end
     * @param database        the DuckDB file
     * @param parquet         the Parquet export
     */
    public record Report(int variables, int subscribed, long samplesStored, List<SignalSummary> signals,
                         List<FaultEvent> faults, CollectorStats collector, Path database, ParquetExport parquet) {
    }

    public static void main(String[] args) throws Exception {
        Options options = CommandLine.parseOrExit(args, FactoryMonitor::parse, "factory-monitor",
                "usage: FactoryMonitor [--duration 60s] [--machines 3] [--output DIR]"
                        + " [--security none|sign|encrypt] [--sampling 100ms] [--seed 42]");
        run(options, System.out);
    }

    /** Runs the monitor and prints progress and the summary to {@code out}. */
    public static Report run(Options options, PrintStream out) throws IOException, InterruptedException {
        Path dir = options.outputDirectory();
        Files.createDirectories(dir);
        Path database = dir.resolve("factory.duckdb");
        Files.deleteIfExists(database);
        Files.deleteIfExists(dir.resolve("factory.duckdb.wal"));

        SimServerConfig.Builder serverConfig = SimServerConfig.builder()
                .pkiDirectory(dir.resolve("pki-server"))
                .allowAnonymous(false)
                .user(USER, PASSWORD);
        SimulationOptions simulation = new SimulationOptions(options.machines(), 0, options.samplingInterval(),
                options.seed());
        try (SimulatedMachineServer server = SimulatedPlant.start(serverConfig, simulation, out)) {
            CollectorConfig config = CollectorConfig.builder(server.endpointUrl())
                    .security(options.security())
                    .identity(Identity.username(USER, PASSWORD))
                    .pkiDirectory(dir.resolve("pki-client"))
                    .build();
            List<VariableInfo> variables;
            int subscribed;
            CollectorStats stats;
            // Closing the queue drains it into the database and closes the database.
            try (StoreAndForward queue = StoreAndForward.start(DuckDbSink.open(database), new StoreAndForwardOptions());
                 OpcUaCollector collector = SimulatedPlant.connect(server, config)) {
                out.printf(Locale.ROOT, "connected to %s (%s)%n", server.endpointUrl(), options.security());
                variables = collector.browseVariables();
                List<String> nodes = variables.stream().filter(VariableInfo::numeric).map(VariableInfo::nodeId).toList();
                out.printf(Locale.ROOT, "browsed %d variables, subscribing to %d%n", variables.size(), nodes.size());
                SubscriptionOptions subscription = new SubscriptionOptions()
                        .withSamplingInterval(options.samplingInterval())
                        .withPublishingInterval(options.samplingInterval());
                try (CollectorSubscription sub = collector.subscribe(nodes, subscription, queue)) {
                    subscribed = sub.activeItems();
                    if (!sub.failedItems().isEmpty()) {
                        out.printf(Locale.ROOT, "%d items failed, first: %s%n", sub.failedItems().size(),
                                sub.failedItems().get(0));
                    }
                    collect(options, server, collector, out);
                }
                stats = collector.stats();
            }
            try (DuckDbSink stored = DuckDbSink.open(database)) {
                ParquetExport parquet = stored.exportParquet(dir.resolve("parquet"));
                Report report = new Report(variables.size(), subscribed, stored.sampleCount(), stored.summary(),
                        server.simulation().groundTruth(), stats, database, parquet);
                print(report, out);
                return report;
            }
        }
    }

    private static void collect(Options options, SimulatedMachineServer server, OpcUaCollector collector,
                                PrintStream out) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + options.duration().toNanos();
        long faultAt = start + options.duration().toNanos() / 2;
        long nextProgress = start + options.progressEvery().toNanos();
        boolean faultInjected = false;
        long lastDelivered = 0;
        long lastProgress = start;
        while (true) {
            long now = System.nanoTime();
            if (now >= end) {
                break;
            }
            if (!faultInjected && now >= faultAt) {
                String machine = server.simulation().machineIds().get(options.machines() > 1 ? 1 : 0);
                server.injectFault(machine, FaultKind.BEARING_DEFECT);
                out.printf(Locale.ROOT, "injected %s on %s%n", FaultKind.BEARING_DEFECT, machine);
                faultInjected = true;
            }
            if (now >= nextProgress) {
                CollectorStats s = collector.stats();
                double rate = (s.samplesDelivered() - lastDelivered) / ((now - lastProgress) / 1e9);
                out.printf(Locale.ROOT, "[%3ds/%ds] %,d samples collected (%,.0f/s), %d signals, %s%n",
                        Duration.ofNanos(now - start).toSeconds(), options.duration().toSeconds(),
                        s.samplesDelivered(), rate, s.activeItems(), s.connected() ? "connected" : "reconnecting");
                lastDelivered = s.samplesDelivered();
                lastProgress = now;
                nextProgress += options.progressEvery().toNanos();
            }
            long sleepNanos = Math.min(Math.min(end, nextProgress), faultInjected ? end : faultAt) - now;
            Thread.sleep(Math.max(1, Math.min(200, sleepNanos / 1_000_000)));
        }
    }

    private static void print(Report r, PrintStream out) {
        out.println();
        out.printf(Locale.ROOT, "%-32s %8s %12s %12s %12s %5s %5s%n", "signal", "count", "min", "mean", "max", "bad", "gaps");
        for (SignalSummary s : r.signals()) {
            out.printf(Locale.ROOT, "%-32s %8d %12s %12s %12s %5d %5d%n", s.signal().value(), s.count(),
                    fmt(s.min()), fmt(s.mean()), fmt(s.max()), s.badCount(), s.gapCount());
        }
        out.println();
        out.printf(Locale.ROOT, "%,d samples of %d signals stored in %s%n", r.samplesStored(), r.signals().size(), r.database());
        out.printf(Locale.ROOT, "parquet: %s (%,d rows), %s, %s%n", r.parquet().samples(), r.parquet().sampleRows(),
                r.parquet().signals().getFileName(), r.parquet().gaps().getFileName());
        for (FaultEvent f : r.faults()) {
            out.printf(Locale.ROOT, "ground truth: %s on %s began at %s (tick %d)%n", f.kind(), f.machineId(), f.wallTime(), f.tick());
        }
    }

    private static String fmt(OptionalDouble v) {
        return v.isPresent() ? String.format(Locale.ROOT, "%.3f", v.getAsDouble()) : "-";
    }

    /** Parses {@code --duration 60s --machines 3 --output DIR --security encrypt --sampling 100ms --seed 42}. */
    static Options parse(String[] args) {
        Options d = new Options();
        Duration duration = d.duration();
        int machines = d.machines();
        Path output = d.outputDirectory();
        SecurityMode security = d.security();
        Duration sampling = d.samplingInterval();
        long seed = d.seed();
        for (Map.Entry<String, String> option : CommandLine.options(args)) {
            String key = option.getKey();
            String value = option.getValue();
            switch (key) {
                case "--duration" -> duration = CommandLine.duration(key, value);
                case "--machines" -> machines = CommandLine.integer(key, value);
                case "--output" -> output = Path.of(value);
                case "--sampling" -> sampling = CommandLine.duration(key, value);
                case "--seed" -> seed = CommandLine.integer(key, value);
                case "--security" -> security = switch (value) {
                    case "none" -> SecurityMode.NONE;
                    case "sign" -> SecurityMode.BASIC256SHA256_SIGN;
                    case "encrypt" -> SecurityMode.BASIC256SHA256_SIGN_AND_ENCRYPT;
                    default -> throw new IllegalArgumentException(
                            "--security must be none, sign or encrypt, got \"" + value + "\"");
                };
                default -> throw new IllegalArgumentException("unknown option \"" + key + "\"");
            }
        }
        return new Options(duration, machines, output, security, sampling, d.progressEvery(), seed);
    }
}
