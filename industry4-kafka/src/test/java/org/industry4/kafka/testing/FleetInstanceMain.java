package org.industry4.kafka.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

import org.apache.kafka.streams.KafkaStreams;
import org.industry4.anomaly.iforest.IsolationForestFile;
import org.industry4.kafka.streams.AnomalyStage;
import org.industry4.kafka.streams.FleetConfig;
import org.industry4.kafka.streams.FleetTopology;

/**
 * One instance of a fleet scoring application in its own JVM, for fail-over tests and the
 * {@code kafka-fleet} benchmark: an Isolation Forest stage over the model file given, started with
 * {@link FleetConfig}'s settings. Prints {@code RUNNING} on standard output once the instance is
 * running, then runs until it is killed.
 *
 * <pre>
 * java -cp ... org.industry4.kafka.testing.FleetInstanceMain --bootstrap HOST:PORT --app ID
 *      --model FILE --state DIR --frames TOPIC --alarms TOPIC --dead-letter TOPIC [--in-memory] [--threads N]
 * </pre>
 */
public final class FleetInstanceMain {

    private FleetInstanceMain() {
    }

    /** The command line that starts an instance in a child JVM with this JVM's class path. */
    public static List<String> command(Map<String, String> options) {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx1g", "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-Dorg.bytedeco.javacpp.nopointergc=true", "-cp", classPath, FleetInstanceMain.class.getName()));
        options.forEach((k, v) -> {
            cmd.add("--" + k);
            if (!v.isEmpty()) {
                cmd.add(v);
            }
        });
        return cmd;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected an option, got " + args[i]);
            }
            String key = args[i].substring(2);
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            o.put(key, flag ? "" : args[++i]);
        }
        FleetTopology.Builder builder = FleetTopology.builder()
                .framesTopic(o.getOrDefault("frames", FleetTopology.FRAMES_TOPIC))
                .deadLetterTopic(o.getOrDefault("dead-letter", FleetTopology.DEAD_LETTER_TOPIC))
                .inMemoryState(o.containsKey("in-memory"))
                .stage(AnomalyStage.isolationForest(o.getOrDefault("alarms", "industry4.alarms"),
                        new IsolationForestFile().read(Path.of(require(o, "model")))));
        FleetTopology fleet = builder.build();
        Properties p = FleetConfig.properties(require(o, "app"), require(o, "bootstrap"),
                Files.createDirectories(Path.of(require(o, "state"))));
        p.put("num.stream.threads", o.getOrDefault("threads", "1"));
        KafkaStreams streams = new KafkaStreams(fleet.topology(), p);
        CountDownLatch running = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(streams::close));
        streams.start();
        running.await();
        System.out.println("RUNNING");
        System.out.flush();
        Thread.currentThread().join();
    }

    private static String require(Map<String, String> o, String key) {
        String v = o.get(key);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("--" + key + " is required");
        }
        return v;
    }
}
