package org.industry4.kafka.testing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node Kafka (KRaft, combined broker and controller) in this JVM on random loopback
 * ports, set up so that transactions and {@code exactly_once_v2} work with one broker. For tests
 * and benchmarks only: no Docker, no download.
 *
 * <pre>{@code
 * try (LocalKafka kafka = LocalKafka.start()) {
 *     kafka.createTopics(4, "frames", "alarms");
 *     ... kafka.bootstrapServers() ...
 * }
 * }</pre>
 */
public final class LocalKafka implements AutoCloseable {

    private final KafkaClusterTestKit cluster;
    private final Admin admin;

    private LocalKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
        this.admin = cluster.admin();
    }

    /** Formats and starts a broker, and waits until it serves requests (about 2 s). */
    public static LocalKafka start() throws Exception {
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                .build();
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
        Map.ofEntries(Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "1"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "4"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("default.replication.factor", "1"),
                Map.entry("min.insync.replicas", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                // look for timed-out transactions every second (default 10 s), as a broker for fast fail-over should
                Map.entry("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000"),
                Map.entry("auto.create.topics.enable", "false"))
                .forEach(builder::setConfigProp);
        KafkaClusterTestKit cluster = builder.build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new LocalKafka(cluster);
        } catch (Exception | Error e) {
            try {
                cluster.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** The {@code bootstrap.servers} to give clients. */
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** An admin client, closed with this broker. */
    public Admin admin() {
        return admin;
    }

    /** Creates topics of {@code partitions} partitions each, and waits until they exist. */
    public void createTopics(int partitions, String... names) throws Exception {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : names) {
            topics.add(new NewTopic(name, partitions, (short) 1));
        }
        admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        awaitLeaders(admin, List.of(names));
    }

    /**
     * Waits until every partition of the topics {@code names} has a leader that has its log. A
     * producer that writes earlier may get NOT_LEADER_OR_FOLLOWER for its first batch while a
     * later batch is already taken; the idempotent producer then retries the first one with an
     * out-of-order sequence until its delivery timeout (seen on a loaded machine). For any cluster
     * whose topics were just created, as {@code examples/fleet.KafkaFleet} does.
     */
    public static void awaitLeaders(Admin admin, Collection<String> names) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            Set<String> wanted = new HashSet<>();
            boolean led = true;
            Map<String, TopicDescription> described;
            try {
                described = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20); // the broker has not heard of the topic yet
                continue;
            }
            for (TopicDescription d : described.values()) {
                for (TopicPartitionInfo p : d.partitions()) {
                    wanted.add(d.name() + "-" + p.partition());
                    led &= p.leader() != null && !p.leader().isEmpty();
                }
            }
            if (led) {
                Set<String> logs = new HashSet<>();
                try {
                    admin.describeLogDirs(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).stream()
                                    .map(n -> n.id()).toList()).allDescriptions().get(30, TimeUnit.SECONDS).values()
                            .forEach(dirs -> dirs.values().forEach(dir -> dir.replicaInfos().keySet()
                                    .forEach(tp -> logs.add(tp.topic() + "-" + tp.partition()))));
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof AuthorizationException) {
                        return; // not allowed to describe log dirs (a secured cluster): the leaders are known
                    }
                    logs.clear(); // try again below
                }
                if (logs.containsAll(wanted)) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the partitions of " + names + " have no leader with a log after 30 s");
            }
            Thread.sleep(20);
        }
    }

    /** Stops the broker and deletes its files. */
    @Override
    public void close() {
        try {
            admin.close();
            cluster.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the broker", e);
        } catch (Exception e) {
            throw new IllegalStateException("the broker did not stop cleanly: " + e.getMessage(), e);
        }
    }
}
