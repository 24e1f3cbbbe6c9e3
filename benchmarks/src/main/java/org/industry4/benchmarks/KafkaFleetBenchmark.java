package org.industry4.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.industry4.anomaly.iforest.IsolationForestFile;
import org.industry4.anomaly.iforest.IsolationForestModel;
import org.industry4.kafka.KafkaSinkOptions;
import org.industry4.kafka.KafkaTelemetrySink;
import org.industry4.kafka.streams.AnomalyStage;
import org.industry4.kafka.streams.FleetConfig;
import org.industry4.kafka.streams.FleetTopology;
import org.industry4.kafka.testing.FleetInstanceMain;
import org.industry4.kafka.testing.LocalKafka;

/**
 * {@code kafka-fleet}: the producer, a single-node KRaft broker and the fleet scoring topology of
 * {@code industry4-kafka} on this machine, under {@code exactly_once_v2} with
 * {@link FleetConfig}'s settings.
 *
 * <p>The broker and the producer ({@link KafkaTelemetrySink}) run in this JVM, so does the first
 * of {@code --instances} topology instances; the others are child JVMs
 * ({@link FleetInstanceMain}), so that one can be killed with SIGKILL. {@code --records} frames of
 * {@code --assets} assets (five signals, every fourth asset with fault bursts) are sent as fast as
 * the sink takes them (or at {@code --rate} frames/s); a frame's time is the wall clock at its send.
 * With {@code --warmup W}, W more frames of the same assets go through first and are all scored
 * before the clock starts (the JIT has then compiled the hot paths); they count in the checks, not
 * in the figures. With {@code --frames-per-record F}, the sink puts up to F frames of an asset into
 * one record, each frame waiting at most {@code --record-delay-ms} for the others
 * ({@link KafkaSinkOptions#withFramesPerRecord}); the topology scores them frame by frame as before.
 *
 * <ul>
 *   <li><b>Frames/s</b>: {@code records} over the time from the first send until the application's
 *       committed offsets on the frames topic reach the topic's end (polled every 100 ms).</li>
 *   <li><b>Latency</b>: a {@code read_committed} consumer on the alarms topic; per alarm event,
 *       its receive time minus its frame's time. Frames sent faster than they are scored queue
 *       up, and the latency then includes the time in the queue: use {@code --rate} below the
 *       measured throughput for the latency of a fleet that keeps up.</li>
 *   <li><b>Takeover</b> ({@code --kill}): the first child is killed with SIGKILL once a third of the
 *       frames are scored and committed (so it dies busy, a transaction open); the
 *       time from the kill until the committed offsets of every partition, the dead instance's
 *       included, have moved past where they stood at the kill (so its partitions are processed and
 *       committed again), and, beside it, until the survivors' assignments cover every partition.</li>
 *   <li><b>Lost / double-counted</b>: after the run the other instances are stopped, the local one
 *       takes every partition over, and each asset's frame count (an interactive query of
 *       {@link FleetTopology#frames}) is compared with the frames sent; the alarms topic is compared
 *       event by event (asset, event, time) with what one sequential pass over the frames raises:
 *       none missing, none twice, none unexpected.</li>
 * </ul>
 * A CPU table splits this JVM's CPU time by thread group (sink, broker, stream thread, JIT
 * compiler, GC, ...), with the child instances' CPU time beside it.
 */
final class KafkaFleetBenchmark implements Benchmark {

    private static final String APP = "kafka-fleet";
    private static final String FRAMES = "fleet.frames";
    private static final String ALARMS = "fleet.alarms";
    private static final String DEAD_LETTER = "fleet.dead-letter";
    private static final String SAMPLES = "fleet.samples";
    private static final String CHANGELOG = APP + "-" + FleetTopology.STORE + "-changelog";
    private static final String TAP_THREAD = "kafka-fleet-alarm-tap";
    private static final String MONITOR_THREAD = "kafka-fleet-monitor";
    private static final long POLL_MS = 100;
    private static final Duration STALL = Duration.ofSeconds(120);

    @Override
    public String name() {
        return "kafka-fleet";
    }

    @Override
    public String usage() {
        return "kafka-fleet --assets A --records N --instances I [--partitions 4] [--kill] [--in-memory] [--seed 1]"
                + " [--rate 0] [--warmup 0] [--frames-per-record 1]"
                + " [--record-delay-ms 100] [--dir DIR]";
    }

    @Override
    public String description() {
        return "sink -> KRaft broker -> FleetTopology (Isolation Forest, exactly_once_v2): frames/s end to end,"
                + " frame-to-alarm latency p50/p99, takeover after SIGKILL, frames lost / double-counted";
    }

    @Override
    public Result run(Args args) throws Exception {
        int assets = args.intValue("assets", 1_000, 1, 1_000_000);
        int records = args.intValue("records", 1_000_000, 1, 50_000_000);
        int instances = args.intValue("instances", 1, 1, 16);
        int partitions = args.intValue("partitions", 4, 1, 1_000);
        boolean kill = args.has("kill");
        boolean inMemory = args.has("in-memory");
        long seed = args.longValue("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
        double rate = args.doubleValue("rate", 0, 0, 1e9);
        int warmup = args.intValue("warmup", 0, 0, 50_000_000 - records);
        int framesPerRecord = args.intValue("frames-per-record", 1, 1, 1_000);
        int recordDelayMs = args.intValue("record-delay-ms", 100, 1, 60_000);
        Path dir = Path.of(args.string("dir", System.getProperty("java.io.tmpdir")));
        args.requireAllUsed();
        if (records < assets) {
            throw new IllegalArgumentException("--records must be >= --assets (" + assets + "), got " + records);
        }
        if (kill && instances < 2) {
            throw new IllegalArgumentException("--kill needs --instances >= 2, got " + instances);
        }
        if (partitions < instances) {
            throw new IllegalArgumentException("--partitions must be >= --instances (" + instances + "), got "
                    + partitions);
        }
        Path work = Files.createTempDirectory(dir, "kafka-fleet-");
        try {
            return measure(new Setup(assets, records, warmup, instances, partitions, kill, inMemory, seed, rate,
                    framesPerRecord, Duration.ofMillis(recordDelayMs)), work);
        } finally {
            deleteQuietly(work);
        }
    }

    private record Setup(int assets, int records, int warmup, int instances, int partitions, boolean kill,
                         boolean inMemory, long seed, double rate, int framesPerRecord,
                         Duration recordDelay) {

        /** Warm-up and measured frames. */
        int total() {
            return warmup + records;
        }
    }

    private Result measure(Setup s, Path work) throws Exception {
        KafkaFleetData data = new KafkaFleetData(s.assets(), s.seed());
        long t = System.nanoTime();
        IsolationForestModel model = data.train();
        double trainSeconds = (System.nanoTime() - t) / 1e9;
        Path modelFile = work.resolve("iforest.i4m");
        new IsolationForestFile().write(model, modelFile);
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "kafka-fleet: %,d assets, %,d frames of %d signals, %d instance(s),"
                        + " %d partitions, %s state%s%s; %d cores, load average %.2f%n", s.assets(), s.records(),
                KafkaFleetData.SCHEMA.size(), s.instances(), s.partitions(), s.inMemory() ? "in-memory" : "RocksDB",
                s.kill() ? ", one instance SIGKILLed a third of the way" : "",
                (s.rate() > 0 ? String.format(Locale.ROOT, ", sent at %,.0f frames/s", s.rate()) : ", sent unpaced")
                        + (s.warmup() > 0 ? String.format(Locale.ROOT, " after %,d warm-up frames", s.warmup()) : ""),
                cores, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        List<Child> children = new ArrayList<>();
        Clock clock = new Clock();
        try (LocalKafka kafka = LocalKafka.start()) {
            String bootstrap = kafka.bootstrapServers();
            Admin admin = kafka.admin();
            kafka.createTopics(s.partitions(), FRAMES, ALARMS, DEAD_LETTER);
            FleetTopology fleet = FleetTopology.builder().framesTopic(FRAMES).deadLetterTopic(DEAD_LETTER)
                    .inMemoryState(s.inMemory())
                    .stage(AnomalyStage.isolationForest(ALARMS, new IsolationForestFile().read(modelFile))).build();
            for (int i = 1; i < s.instances(); i++) {
                children.add(Child.start(i, bootstrap, modelFile, work, s.inMemory()));
            }
            KafkaStreams local = new KafkaStreams(fleet.topology(), FleetConfig.properties(APP, bootstrap,
                    Files.createDirectories(work.resolve("state-0"))));
            AlarmTap tap = new AlarmTap(bootstrap, clock);
            try {
                local.start();
                for (Child c : children) {
                    c.awaitRunning(Duration.ofSeconds(120));
                }
                await("the " + s.instances() + " instance(s) to share the " + s.partitions() + " partitions",
                        Duration.ofSeconds(120), () -> local.state() == KafkaStreams.State.RUNNING
                                && owners(admin, s.partitions()) == s.instances());
                tap.start();
                return produceAndMeasure(s, data, model, trainSeconds, kafka, fleet, local, children, tap, clock,
                        cores);
            } finally {
                tap.close();
                local.close(Duration.ofSeconds(30));
                for (Child c : children) {
                    c.process.destroyForcibly();
                }
            }
        }
    }

    private Result produceAndMeasure(Setup s, KafkaFleetData data, IsolationForestModel model, double trainSeconds,
                                     LocalKafka kafka, FleetTopology fleet, KafkaStreams local, List<Child> children,
                                     AlarmTap tap, Clock clock, int cores) throws Exception {
        Admin admin = kafka.admin();
        long[] sendNanos = new long[s.total()];
        Child victim = s.kill() ? children.get(0) : null;
        long mainThread = Thread.currentThread().getId();
        Map<Integer, Duration> childCpuStart = new HashMap<>();
        Map<Integer, Duration> childCpuEnd = new HashMap<>();
        long firstSend = 0;
        long lastSend;
        long flushed;
        long sentTotal;
        Cpu cpuStart = null;
        double warmupSeconds = 0;
        KafkaSinkOptions sinkOptions = new KafkaSinkOptions(kafka.bootstrapServers()).withTopics(SAMPLES, FRAMES);
        if (s.framesPerRecord() > 1) {
            sinkOptions = sinkOptions.withFramesPerRecord(s.framesPerRecord(), s.recordDelay());
        }
        long[] handed = new long[1];
        try (KafkaTelemetrySink sink = KafkaTelemetrySink.create(sinkOptions);
             Monitor monitor = new Monitor(admin, s.partitions(), s.instances(), s.records(), s.framesPerRecord(), tap,
                     victim)) {
            monitor.sent = () -> handed[0] - s.warmup(); // read racily, for the progress lines
            double nanosPerFrame = s.rate() > 0 ? 1e9 / s.rate() : 0;
            for (int j = 0; j < s.total(); j++) {
                if (j == s.warmup()) {
                    if (j > 0) {
                        // The warm-up frames go through the same pipeline, unpaced, and are all
                        // scored before the measured frames start.
                        long t = System.nanoTime();
                        sink.flush();
                        long[] ends = endOffsets(admin, s.partitions());
                        await("the warm-up frames to be scored", Duration.ofSeconds(600),
                                () -> Monitor.reached(committedOrNone(admin, s.partitions()), ends));
                        warmupSeconds = (System.nanoTime() - t) / 1e9;
                    }
                    // committed offsets: one per record, not per frame
                    long baseline = j == 0 ? 0 : Arrays.stream(committedOrNone(admin, s.partitions()))
                            .map(o -> Math.max(0, o)).sum();
                    for (Child c : children) {
                        childCpuStart.put(c.index, c.cpu());
                    }
                    cpuStart = Cpu.take(mainThread);
                    firstSend = System.nanoTime();
                    tap.measureFrom(firstSend);
                    monitor.start(firstSend, baseline);
                }
                if (nanosPerFrame > 0 && j % 64 == 0) {
                    long wait = firstSend + (long) ((j - s.warmup()) * nanosPerFrame) - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                }
                int asset = j % s.assets();
                long now = System.nanoTime();
                sendNanos[j] = now;
                sink.send(data.name(asset), data.frame(asset, j / s.assets(), clock.at(now)));
                handed[0] = j + 1;
            }
            lastSend = System.nanoTime();
            sink.flush();
            flushed = System.nanoTime();
            sentTotal = s.records(); // flush() returned without a failure: the broker has them all
            monitor.ends(endOffsets(admin, s.partitions()));
            monitor.awaitDone(children);
            Cpu cpuEnd = Cpu.take(mainThread);
            for (Child c : children) {
                childCpuEnd.put(c.index, c == victim ? monitor.victimCpu : c.cpu());
            }
            long done = monitor.doneNanos;
            double elapsed = (done - firstSend) / 1e9;
            double framesPerSecond = s.records() / elapsed;

            // Alarms: once no transaction is open on the alarms topic (a killed instance's is aborted
            // only when it times out), everything committed is read; then the counts.
            long[] alarmEnds = settledEnds(admin, ALARMS, s.partitions(), Duration.ofSeconds(120));
            long settled = System.nanoTime();
            double settledSeconds = (settled - done) / 1e9;
            tap.finish(alarmEnds, Duration.ofSeconds(60));
            Map<String, Long> bytes = brokerBytes(admin);
            long changelogOffsets = Arrays.stream(latest(admin, CHANGELOG, s.partitions(),
                    IsolationLevel.READ_UNCOMMITTED)).sum();
            for (Child c : children) {
                if (c != victim) {
                    c.stop();
                }
            }
            await("the local instance to own all " + s.partitions() + " partitions", Duration.ofSeconds(180),
                    () -> local.state() == KafkaStreams.State.RUNNING && localTasks(local) == s.partitions());
            long framesLost = 0;
            long framesTwice = 0;
            long assetsWrong = 0;
            for (int i = 0; i < s.assets(); i++) {
                long counted = framesOf(fleet, local, data.name(i));
                long sent = data.framesOf(i, s.total());
                framesLost += Math.max(0, sent - counted);
                framesTwice += Math.max(0, counted - sent);
                assetsWrong += counted == sent ? 0 : 1;
            }
            Set<String> expected = data.expectedAlarms(model, s.total(), j -> clock.at(sendNanos[j]));
            long alarmsMissing = expected.stream().filter(k -> !tap.seen.containsKey(k)).count();
            long alarmsUnexpected = tap.seen.keySet().stream().filter(k -> !expected.contains(k)).count();
            long alarmsTwice = tap.seen.values().stream().mapToLong(n -> n - 1).sum();
            long deadLetters = countCommitted(kafka.bootstrapServers(), DEAD_LETTER);
            long lost = framesLost + alarmsMissing;
            long doubleCounted = framesTwice + alarmsTwice;
            double p50 = tap.quantileMillis(0.50);
            double p99 = tap.quantileMillis(0.99);
            double max = tap.quantileMillis(1.0);
            double takeover = monitor.resumedNanos == 0 ? -1 : (monitor.resumedNanos - monitor.killNanos) / 1e9;
            double owned = monitor.ownedNanos == 0 ? -1 : (monitor.ownedNanos - monitor.killNanos) / 1e9;
            // The monitor may still be polling when the main thread saw the topic settle.
            double blocked = ((monitor.resolvedNanos == 0 ? settled : Math.min(settled, monitor.resolvedNanos))
                    - monitor.killNanos) / 1e9;

            System.out.println();
            row("assets / frames", String.format(Locale.ROOT, "%,d / %,d (%,d per asset), %d signals",
                    s.assets(), s.records(), s.records() / s.assets(), KafkaFleetData.SCHEMA.size()));
            if (s.warmup() > 0) {
                row("warm-up", String.format(Locale.ROOT, "%,d frames before timing, scored in %.1f s", s.warmup(),
                        warmupSeconds));
            }
            row("instances / partitions", s.instances() + " (1 in this JVM" + (s.instances() > 1 ? ", "
                    + (s.instances() - 1) + " child JVM(s)" : "") + ") / " + s.partitions() + ", 1 stream thread each");
            row("guarantee / state", "exactly_once_v2 (FleetConfig defaults) / "
                    + (s.inMemory() ? "in memory" : "RocksDB") + ", changelogged");
            row("model", String.format(Locale.ROOT, "Isolation Forest, 100 trees, sub-sample 256, trained on %,d"
                    + " normal frames in %.2f s", KafkaFleetData.TRAINING_ROWS, trainSeconds));
            row("sent", String.format(Locale.ROOT, "%,d frames in %.2f s (%,.0f/s), acknowledged after %.2f s;"
                            + " %s", sentTotal, (lastSend - firstSend) / 1e9,
                    s.records() / ((lastSend - firstSend) / 1e9), (flushed - firstSend) / 1e9,
                    s.framesPerRecord() == 1 ? "a record per frame" : String.format(Locale.ROOT,
                            "up to %d frames of an asset per record, waiting at most %d ms", s.framesPerRecord(),
                            s.recordDelay().toMillis())));
            row("scored and committed", String.format(Locale.ROOT, "all %,d after %.2f s", s.records(), elapsed));
            row("frames per second", String.format(Locale.ROOT, "%,.0f end to end", framesPerSecond));
            row("frame -> alarm latency", String.format(Locale.ROOT, "p50 %.0f ms, p99 %.0f ms, max %.0f ms over %,d"
                    + " alarm events", p50, p99, max, tap.latencies.size()));
            if (s.kill()) {
                row("takeover after SIGKILL", String.format(Locale.ROOT, "%.1f s until every partition's committed"
                        + " offset moved again; %.1f s until the survivors owned every partition", takeover, owned));
                row("alarms held back", String.format(Locale.ROOT, "%.1f s after the kill, every alarm record written"
                        + " before it was committed or aborted (read_committed readers wait for it)", blocked));
            }
            row("frames lost / twice", String.format(Locale.ROOT, "%,d / %,d (%,d of %,d assets off their count)",
                    framesLost, framesTwice, assetsWrong, s.assets()));
            row("alarm events", String.format(Locale.ROOT, "%,d expected, %,d received: %,d missing, %,d twice,"
                    + " %,d unexpected", expected.size(), tap.received, alarmsMissing, alarmsTwice, alarmsUnexpected));
            row("dead letters", String.format(Locale.ROOT, "%,d", deadLetters));
            row("on the broker", String.format(Locale.ROOT, "frames %.1f MB (%.0f B/frame), changelog %.1f MB in %,d"
                            + " offsets (%.2f per frame, records and transaction markers), alarms %.2f MB, consumer"
                            + " offsets %.1f MB, transaction log %.1f MB; lz4, replication factor 1",
                    bytes.getOrDefault(FRAMES, 0L) / 1e6, bytes.getOrDefault(FRAMES, 0L) / (double) s.total(),
                    bytes.getOrDefault(CHANGELOG, 0L) / 1e6, changelogOffsets, changelogOffsets / (double) s.total(),
                    bytes.getOrDefault(ALARMS, 0L) / 1e6, bytes.getOrDefault("__consumer_offsets", 0L) / 1e6,
                    bytes.getOrDefault("__transaction_state", 0L) / 1e6));
            row("alarms topic settled", String.format(Locale.ROOT, "%.1f s after the last frame was committed (no"
                    + " open transaction left)", settledSeconds));
            System.out.println();
            cpuStart.print(cpuEnd, elapsed, cores, s.records());
            childCpuEnd.forEach((index, cpu) -> System.out.printf(Locale.ROOT, "  %-34s %8.1f s %7.0f %% %9.1f%n",
                    "child instance " + index + (victim != null && victim.index == index ? " (killed)" : ""),
                    cpu.minus(childCpuStart.get(index)).toNanos() / 1e9,
                    100.0 * cpu.minus(childCpuStart.get(index)).toNanos() / (elapsed * 1e9 * cores),
                    cpu.minus(childCpuStart.get(index)).toNanos() / 1e3 / s.records()));

            Result result = new Result().put("assets", s.assets()).put("records", s.records())
                    .put("warmup", s.warmup()).put("frames_per_record", s.framesPerRecord())
                    .put("instances", s.instances()).put("partitions", s.partitions())
                    .put("state", s.inMemory() ? "memory" : "rocksdb")
                    .put("frames_per_s", Math.round(framesPerSecond))
                    .put("p50_ms", Math.round(p50)).put("p99_ms", Math.round(p99));
            if (s.kill()) {
                result.put("takeover_s", takeover).put("own_all_s", owned).put("alarms_blocked_s", blocked);
            } else {
                result.put("takeover_s", "n/a");
            }
            return result.put("lost", lost).put("double_counted", doubleCounted).put("alarms", tap.received)
                    .put("dead_letters", deadLetters);
        }
    }

    private static void row(String name, String value) {
        System.out.printf(Locale.ROOT, "%-26s %s%n", name, value);
    }

    private static TopicPartition frames(int partition) {
        return new TopicPartition(FRAMES, partition);
    }

    /** The committed offset of every frames partition, -1 where none is. */
    private static long[] committed(Admin admin, int partitions) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(APP)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        long[] c = new long[partitions];
        for (int p = 0; p < partitions; p++) {
            OffsetAndMetadata o = offsets.get(frames(p));
            c[p] = o == null ? -1 : o.offset();
        }
        return c;
    }

    /** {@link #committed}, or -1 everywhere when the admin call fails. */
    private static long[] committedOrNone(Admin admin, int partitions) {
        try {
            return committed(admin, partitions);
        } catch (Exception e) {
            long[] none = new long[partitions];
            Arrays.fill(none, -1);
            return none;
        }
    }

    /**
     * The end offsets of {@code topic} once its last stable offsets equal them on every partition,
     * that is once no transaction is open on it.
     */
    private static long[] settledEnds(Admin admin, String topic, int partitions, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long[] ends = latest(admin, topic, partitions, IsolationLevel.READ_UNCOMMITTED);
            if (Arrays.equals(latest(admin, topic, partitions, IsolationLevel.READ_COMMITTED), ends)) {
                return ends;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("a transaction on " + topic + " is still open after "
                        + timeout.toSeconds() + " s");
            }
            Thread.sleep(POLL_MS);
        }
    }

    /** The bytes of every topic on the broker's log directories, by topic. */
    private static Map<String, Long> brokerBytes(Admin admin) throws Exception {
        List<Integer> brokers = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).stream()
                .map(org.apache.kafka.common.Node::id).toList();
        Map<String, Long> bytes = new HashMap<>();
        admin.describeLogDirs(brokers).allDescriptions().get(30, TimeUnit.SECONDS).values().forEach(dirs ->
                dirs.values().forEach(dir -> dir.replicaInfos().forEach((tp, replica) ->
                        bytes.merge(tp.topic(), replica.size(), Long::sum))));
        return bytes;
    }

    /** The end ({@code READ_UNCOMMITTED}) or last stable ({@code READ_COMMITTED}) offsets of {@code topic}. */
    private static long[] latest(Admin admin, String topic, int partitions, IsolationLevel level) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        var offsets = admin.listOffsets(latest, new ListOffsetsOptions(level)).all().get(30, TimeUnit.SECONDS);
        long[] o = new long[partitions];
        for (int p = 0; p < partitions; p++) {
            o[p] = offsets.get(new TopicPartition(topic, p)).offset();
        }
        return o;
    }

    private static long[] endOffsets(Admin admin, int partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(frames(p), OffsetSpec.latest());
        }
        var ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
        long[] e = new long[partitions];
        for (int p = 0; p < partitions; p++) {
            e[p] = ends.get(frames(p)).offset();
        }
        return e;
    }

    /**
     * The number of members of the application's group whose assignments together cover every
     * frames partition, once the group is stable; 0 otherwise.
     */
    private static int owners(Admin admin, int partitions) {
        try {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(APP)).describedGroups().get(APP)
                    .get(10, TimeUnit.SECONDS);
            if (group.groupState() != GroupState.STABLE) {
                return 0;
            }
            Set<TopicPartition> owned = new HashSet<>();
            for (MemberDescription m : group.members()) {
                owned.addAll(m.assignment().topicPartitions());
            }
            for (int p = 0; p < partitions; p++) {
                if (!owned.contains(frames(p))) {
                    return 0;
                }
            }
            return group.members().size();
        } catch (Exception e) {
            return 0;
        }
    }

    private static int localTasks(KafkaStreams streams) {
        return streams.metadataForLocalThreads().stream().mapToInt(m -> m.activeTasks().size()).sum();
    }

    private static long framesOf(FleetTopology fleet, KafkaStreams streams, String asset) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                return fleet.frames(streams, asset).orElse(0L);
            } catch (InvalidStateStoreException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the state store cannot be queried for " + asset + ": "
                            + e.getMessage(), e);
                }
                Thread.sleep(POLL_MS);
            }
        }
    }

    /** The number of committed records on {@code topic}. */
    private static long countCommitted(String bootstrap, String topic) {
        try (KafkaConsumer<String, byte[]> c = consumer(bootstrap)) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            long n = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!atEnd(c, parts, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end in 30 s");
                }
                n += c.poll(Duration.ofMillis(POLL_MS)).count();
            }
            return n;
        }
    }

    private static boolean atEnd(KafkaConsumer<?, ?> c, List<TopicPartition> parts, Map<TopicPartition, Long> end) {
        for (TopicPartition tp : parts) {
            if (c.position(tp) < end.get(tp)) {
                return false;
            }
        }
        return true;
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(POLL_MS);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }

    /** Wall-clock instants from {@link System#nanoTime()}: monotonic, so one asset's frame times never go back. */
    private static final class Clock {
        private final long epochNanos = System.currentTimeMillis() * 1_000_000L;
        private final long nanoTime = System.nanoTime();

        Instant at(long nanos) {
            return Instant.ofEpochSecond(0, epochNanos + (nanos - nanoTime));
        }

        long nanoTimeOf(Instant time) {
            return time.getEpochSecond() * 1_000_000_000L + time.getNano() - epochNanos + nanoTime;
        }
    }

    /** One fleet instance in a child JVM. */
    private static final class Child {
        final int index;
        final Process process;
        final Path log;
        final CountDownLatch running = new CountDownLatch(1);

        private Child(int index, Process process, Path log) {
            this.index = index;
            this.process = process;
            this.log = log;
        }

        static Child start(int index, String bootstrap, Path model, Path work, boolean inMemory) throws IOException {
            Map<String, String> options = new LinkedHashMap<>();
            options.put("bootstrap", bootstrap);
            options.put("app", APP);
            options.put("model", model.toString());
            options.put("state", work.resolve("state-" + index).toString());
            options.put("frames", FRAMES);
            options.put("alarms", ALARMS);
            options.put("dead-letter", DEAD_LETTER);
            if (inMemory) {
                options.put("in-memory", "");
            }
            Path log = work.resolve("instance-" + index + ".log");
            Process process = new ProcessBuilder(FleetInstanceMain.command(options)).redirectError(log.toFile())
                    .start();
            Child child = new Child(index, process, log);
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = out.readLine()) != null; ) {
                        if (line.equals("RUNNING")) {
                            child.running.countDown();
                        }
                    }
                } catch (IOException e) {
                    // the child is gone
                }
            }, "kafka-fleet-instance-" + index + "-stdout");
            reader.setDaemon(true);
            reader.start();
            return child;
        }

        void awaitRunning(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!running.await(POLL_MS, TimeUnit.MILLISECONDS)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("fleet instance " + index + (process.isAlive()
                            ? " did not start in " + timeout.toSeconds() + " s" : " exited with " + process.exitValue())
                            + "; its log ends:\n" + tail());
                }
            }
        }

        Duration cpu() {
            return process.info().totalCpuDuration().orElse(Duration.ZERO);
        }

        /** SIGKILL: no shutdown hook, an open transaction left behind. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("fleet instance " + index + " still runs 10 s after SIGKILL");
            }
        }

        /** SIGTERM: the instance closes its streams and leaves the group. */
        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }

        String tail() {
            try {
                List<String> lines = Files.readAllLines(log);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
            } catch (IOException e) {
                return "(no log: " + e.getMessage() + ")";
            }
        }
    }

    /**
     * Reads the alarms topic {@code read_committed} from the start in its own thread: each event's
     * latency from its frame's time, and how often each (asset, event, time) came.
     */
    private static final class AlarmTap implements AutoCloseable {
        private static final ObjectMapper JSON = new ObjectMapper();

        private final KafkaConsumer<String, byte[]> consumer;
        private final Clock clock;
        private final Thread thread;
        /** Read by other threads only after {@link #finish}. */
        final Map<String, Integer> seen = new HashMap<>();
        final List<Long> latencies = new ArrayList<>();
        volatile long received;
        private volatile long measureFrom = Long.MAX_VALUE;
        private volatile long[] finishAt;
        private volatile boolean closed;
        private volatile RuntimeException failure;

        AlarmTap(String bootstrap, Clock clock) {
            this.consumer = consumer(bootstrap);
            this.clock = clock;
            this.thread = new Thread(this::loop, TAP_THREAD);
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        private void loop() {
            try {
                List<TopicPartition> parts = consumer.partitionsFor(ALARMS).stream()
                        .map(i -> new TopicPartition(ALARMS, i.partition())).toList();
                consumer.assign(parts);
                consumer.seekToBeginning(parts);
                while (!closed) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(POLL_MS))) {
                        long now = System.nanoTime();
                        JsonNode n = JSON.readTree(r.value());
                        Instant time = Instant.parse(n.get("time").asText());
                        long frameNanos = clock.nanoTimeOf(time);
                        if (frameNanos >= measureFrom) {
                            latencies.add(now - frameNanos);
                        }
                        seen.merge(KafkaFleetData.alarmKey(n.get("asset").asText(), n.get("event").asText(), time),
                                1, Integer::sum);
                        received++;
                    }
                    long[] end = finishAt;
                    if (end != null && reachedEnds(parts, end)) {
                        return;
                    }
                }
            } catch (WakeupException e) {
                // closed
            } catch (IOException | RuntimeException e) {
                failure = new IllegalStateException("reading the alarms topic failed: " + e, e);
            } finally {
                consumer.close();
            }
        }

        /** Latencies count from alarms of frames sent at or after {@code nanoTime}. */
        void measureFrom(long nanoTime) {
            measureFrom = nanoTime;
        }

        private boolean reachedEnds(List<TopicPartition> parts, long[] end) {
            for (TopicPartition tp : parts) {
                if (consumer.position(tp) < end[tp.partition()]) {
                    return false;
                }
            }
            return true;
        }

        /** Reads on up to offsets {@code end} (one per partition of the alarms topic), then stops. */
        void finish(long[] end, Duration timeout) throws InterruptedException {
            finishAt = end;
            thread.join(timeout.toMillis());
            if (thread.isAlive()) {
                throw new IllegalStateException("the alarms topic was not read to its end in " + timeout.toSeconds()
                        + " s");
            }
            if (failure != null) {
                throw failure;
            }
        }

        /** The latency at quantile {@code q} in milliseconds, -1 without alarms; after {@link #finish}. */
        double quantileMillis(double q) {
            if (latencies.isEmpty()) {
                return -1;
            }
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            int rank = (int) Math.ceil(q * sorted.length);
            return sorted[Math.max(0, rank - 1)] / 1e6;
        }

        @Override
        public void close() throws InterruptedException {
            closed = true;
            if (thread.getState() == Thread.State.NEW) {
                consumer.close();
            } else if (thread.isAlive()) {
                consumer.wakeup();
                thread.join(10_000);
            }
        }
    }

    /**
     * Polls the application's committed offsets every {@value #POLL_MS} ms: notes when they reach
     * the frames topic's end, kills the victim once a third of the frames are scored and committed,
     * notes when after the kill every partition's offset has moved again and when the survivors own
     * every partition, and prints progress every 5 s.
     */
    private static final class Monitor implements AutoCloseable {
        private final Admin admin;
        private final int partitions;
        private final int instances;
        private final int records;
        private final int framesPerRecord;
        private final AlarmTap tap;
        private final Child victim;
        private final Thread thread;
        private volatile boolean closed;
        private long startNanos;
        private long baseline;
        volatile LongSupplier sent = () -> 0;
        volatile long committedTotal;
        volatile long lastProgressNanos;
        volatile long killNanos;
        volatile Duration victimCpu;
        private long[] atKill;
        volatile long resumedNanos;
        volatile long ownedNanos;
        private long[] alarmsAtKill;
        volatile long resolvedNanos;
        private volatile long[] ends;
        volatile long doneNanos;

        /** With a {@code victim}, kills it once a third of the frames are committed. */
        Monitor(Admin admin, int partitions, int instances, int records, int framesPerRecord, AlarmTap tap,
                Child victim) {
            this.framesPerRecord = framesPerRecord;
            this.admin = admin;
            this.partitions = partitions;
            this.instances = instances;
            this.records = records;
            this.tap = tap;
            this.victim = victim;
            this.thread = new Thread(this::loop, MONITOR_THREAD);
            thread.setDaemon(true);
        }

        /** Starts polling; {@code baseline} offsets were committed before {@code startNanos}. */
        void start(long startNanos, long baseline) {
            this.startNanos = startNanos;
            this.baseline = baseline;
            this.lastProgressNanos = startNanos;
            thread.start();
        }

        void ends(long[] ends) {
            this.ends = ends;
        }

        private void loop() {
            long nextPrint = startNanos + 5_000_000_000L;
            long printedTotal = 0;
            long printedAt = startNanos;
            while (!closed && (doneNanos == 0 || killNanos != 0 && resolvedNanos == 0)) {
                try {
                    long now = System.nanoTime();
                    long[] c = committed(admin, partitions);
                    long total = Arrays.stream(c).map(o -> Math.max(0, o)).sum() - baseline;
                    if (total != committedTotal) {
                        committedTotal = total;
                        lastProgressNanos = now;
                    }
                    if (victim != null && killNanos == 0 && (long) total * framesPerRecord >= records / 3) {
                        victimCpu = victim.cpu();
                        victim.kill();
                        killNanos = System.nanoTime();
                        alarmsAtKill = latest(admin, ALARMS, partitions, IsolationLevel.READ_UNCOMMITTED);
                        now = System.nanoTime();
                        System.out.printf(Locale.ROOT, "[%5.1fs] instance %d killed (SIGKILL) with %,d %s of %,d frames"
                                        + " scored and committed%n", (killNanos - startNanos) / 1e9, victim.index,
                                total, unit(), records);
                    }
                    long kill = killNanos;
                    if (kill != 0) {
                        // Half a second after the SIGKILL, the dead instance's last commit is complete.
                        if (atKill == null && now - kill >= 500_000_000L) {
                            atKill = c;
                        }
                        if (atKill != null && resumedNanos == 0 && movedEverywhere(c)) {
                            resumedNanos = now;
                        }
                        if (ownedNanos == 0 && owners(admin, partitions) == instances - 1) {
                            ownedNanos = now;
                        }
                        if (resolvedNanos == 0 && reached(latest(admin, ALARMS, partitions,
                                IsolationLevel.READ_COMMITTED), alarmsAtKill)) {
                            resolvedNanos = now;
                        }
                    }
                    long[] e = ends;
                    if (e != null && doneNanos == 0 && reached(c, e)) {
                        doneNanos = now;
                    }
                    if (now >= nextPrint && doneNanos == 0) {
                        System.out.printf(Locale.ROOT, "[%5.1fs] %,d frames sent, %,d %s scored and committed"
                                        + " (%,.0f/s), %,d alarm events read%n", (now - startNanos) / 1e9,
                                sent.getAsLong(), total, unit(), (total - printedTotal) / ((now - printedAt) / 1e9),
                                tap.received);
                        printedTotal = total;
                        printedAt = now;
                        nextPrint += 5_000_000_000L;
                    }
                    Thread.sleep(POLL_MS);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // an admin call timed out under load: try again at the next poll
                }
            }
        }

        /** What committed offsets count: frames, or records of up to {@code framesPerRecord} frames. */
        private String unit() {
            return framesPerRecord == 1 ? "frames" : "records (of up to " + framesPerRecord + " frames)";
        }

        private boolean movedEverywhere(long[] c) {
            long[] e = ends;
            for (int p = 0; p < partitions; p++) {
                if (c[p] <= atKill[p] && (e == null || c[p] < e[p])) {
                    return false;
                }
            }
            return true;
        }

        static boolean reached(long[] c, long[] e) {
            for (int p = 0; p < c.length; p++) {
                if (c[p] < e[p] && e[p] > 0) {
                    return false;
                }
            }
            return true;
        }

        /** Waits until every frame is committed; throws if nothing moves for {@link #STALL}. */
        void awaitDone(List<Child> children) throws InterruptedException {
            while (doneNanos == 0) {
                if (System.nanoTime() - lastProgressNanos > STALL.toNanos()) {
                    StringBuilder logs = new StringBuilder();
                    for (Child c : children) {
                        logs.append("\ninstance ").append(c.index).append(" log ends:\n").append(c.tail());
                    }
                    throw new IllegalStateException("no progress for " + STALL.toSeconds() + " s: " + committedTotal
                            + " of " + records + " frames committed" + logs);
                }
                Thread.sleep(POLL_MS);
            }
        }

        @Override
        public void close() throws InterruptedException {
            closed = true;
            thread.interrupt();
            thread.join(10_000);
        }
    }

    /**
     * This JVM's CPU time, per group of threads: Java threads by name, and on Linux the JIT
     * compiler and GC threads from {@code /proc/self/task} (they are no Java threads).
     */
    private record Cpu(long process, Map<Long, Long> threads, Map<Long, String> names, long mainThread,
                       Map<String, Long> vmThreads, Map<String, String> vmGroups) {

        private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ = 100

        static Cpu take(long mainThread) {
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            Map<Long, Long> threads = new HashMap<>();
            Map<Long, String> names = new HashMap<>();
            for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
                if (info != null) {
                    long cpu = mx.getThreadCpuTime(info.getThreadId());
                    if (cpu >= 0) {
                        threads.put(info.getThreadId(), cpu);
                        names.put(info.getThreadId(), info.getThreadName());
                    }
                }
            }
            long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            Map<String, Long> vmThreads = new HashMap<>();
            Map<String, String> vmGroups = new HashMap<>();
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    try {
                        String comm = Files.readString(task.resolve("comm")).strip();
                        String group = comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")
                                ? "JVM: JIT compiler threads" : comm.startsWith("GC Thread") || comm.startsWith("G1 ")
                                ? "JVM: GC threads" : null;
                        if (group != null) {
                            String stat = Files.readString(task.resolve("stat"));
                            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                            vmThreads.put(task.getFileName().toString(),
                                    (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK);
                            vmGroups.put(task.getFileName().toString(), group);
                        }
                    } catch (IOException | RuntimeException e) {
                        // the thread ended meanwhile
                    }
                }
            } catch (IOException e) {
                // no /proc: the JIT and GC stay in "other"
            }
            return new Cpu(process, threads, names, mainThread, vmThreads, vmGroups);
        }

        String group(long id, String name) {
            if (id == mainThread) {
                return "sink: generate + send (main)";
            }
            if (name.startsWith("kafka-producer-network-thread")) {
                return name.contains("StreamThread") ? "streams: producer I/O" : "sink: producer I/O";
            }
            if (name.contains("StreamThread")) {
                return "streams: stream thread";
            }
            if (name.contains(APP + "-") || name.contains("| " + APP)) {
                return "streams: other threads";
            }
            if (name.equals(TAP_THREAD)) {
                return "alarm consumer";
            }
            if (name.equals(MONITOR_THREAD) || name.startsWith("kafka-admin-client")) {
                return "monitor: admin polls";
            }
            return "broker and other threads";
        }

        void print(Cpu end, double seconds, int cores, long frames) {
            Map<String, Long> byGroup = new TreeMap<>();
            long threadsTotal = 0;
            for (Map.Entry<Long, Long> e : end.threads.entrySet()) {
                long delta = e.getValue() - threads.getOrDefault(e.getKey(), 0L);
                byGroup.merge(group(e.getKey(), end.names.get(e.getKey())), delta, Long::sum);
                threadsTotal += delta;
            }
            for (Map.Entry<String, Long> e : end.vmThreads.entrySet()) {
                long delta = e.getValue() - vmThreads.getOrDefault(e.getKey(), 0L);
                byGroup.merge(end.vmGroups.get(e.getKey()), delta, Long::sum);
                threadsTotal += delta;
            }
            long processDelta = end.process - process;
            byGroup.put("other (native and ended threads)", Math.max(0, processDelta - threadsTotal));
            System.out.printf(Locale.ROOT, "CPU while scoring (%.1f s x %d cores)  %10s %9s %9s%n", seconds, cores,
                    "CPU", "of cores", "us/frame");
            byGroup.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> System.out.printf(Locale.ROOT, "  %-34s %8.1f s %7.0f %% %9.1f%n", e.getKey(),
                            e.getValue() / 1e9, 100.0 * e.getValue() / (seconds * 1e9 * cores),
                            e.getValue() / 1e3 / frames));
            System.out.printf(Locale.ROOT, "  %-34s %8.1f s %7.0f %% %9.1f%n", "this JVM", processDelta / 1e9,
                    100.0 * processDelta / (seconds * 1e9 * cores), processDelta / 1e3 / frames);
        }
    }
}
