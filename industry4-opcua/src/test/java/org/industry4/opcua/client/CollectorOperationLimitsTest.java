package org.industry4.opcua.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.industry4.core.SignalId;
import org.industry4.opcua.sim.SimServerConfig;
import org.industry4.opcua.sim.SimulatedMachineServer;
import org.industry4.opcua.sim.SimulationOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Monitored items created within the server's operation limits, over loopback against simulated
 * servers that enforce them as strict PLC servers do: a published per-call limit, a secret per-call
 * limit (refusals with {@code Bad_TooManyOperations}), and a per-session limit (items refused one by
 * one with {@code Bad_TooManyMonitoredItems}).
 */
class CollectorOperationLimitsTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final int PER_CALL = 25;
    private static final int PER_SESSION = 50;
    /** Two machines of 11 signals and 50 extra tags: 122 variables. */
    private static final SimulationOptions SIMULATION = new SimulationOptions(2, 50, Duration.ofMillis(100), 3);

    private static SimulatedMachineServer publishedLimit;
    private static SimulatedMachineServer secretLimit;
    private static SimulatedMachineServer sessionLimit;

    @BeforeAll
    static void startServers() throws IOException {
        publishedLimit = SimulatedMachineServer.start(SimServerConfig.builder().simulation(SIMULATION)
                .maxMonitoredItemsPerCall(PER_CALL).build());
        secretLimit = SimulatedMachineServer.start(SimServerConfig.builder().simulation(SIMULATION)
                .maxMonitoredItemsPerCall(PER_CALL).advertiseMaxMonitoredItemsPerCall(false).build());
        sessionLimit = SimulatedMachineServer.start(SimServerConfig.builder().simulation(SIMULATION)
                .maxMonitoredItemsPerSession(PER_SESSION).build());
    }

    @AfterAll
    static void stopServers() {
        for (SimulatedMachineServer s : new SimulatedMachineServer[] {publishedLimit, secretLimit, sessionLimit}) {
            if (s != null) {
                s.close();
            }
        }
    }

    private static OpcUaCollector connect(SimulatedMachineServer server) throws IOException {
        return OpcUaCollector.connect(CollectorConfig.builder(server.endpointUrl())
                .reconnect(new ReconnectOptions(Duration.ofMillis(100), Duration.ofMillis(800), 2.0, 0.2, 7))
                .build());
    }

    private static boolean await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private static Set<SignalId> signals(List<String> nodeIds) {
        return nodeIds.stream().map(n -> SignalId.of(n.substring("ns=2;s=".length()))).collect(Collectors.toSet());
    }

    @Test
    void batchesFollowThePublishedMaxMonitoredItemsPerCall() throws Exception {
        List<String> nodes = publishedLimit.variableNodeIds();
        assertEquals(122, nodes.size());
        long refusedBefore = publishedLimit.monitoredItemCallsRefused();
        var sink = new RecordingSink();
        try (OpcUaCollector collector = connect(publishedLimit);
             CollectorSubscription sub = collector.subscribe(nodes, new SubscriptionOptions(), sink)) {
            assertEquals(nodes.size(), sub.activeItems(), () -> sub.failedItems().toString());
            assertEquals(PER_CALL, sub.lastCreation().largestBatch(), "no call larger than the published limit");
            assertEquals((nodes.size() + PER_CALL - 1) / PER_CALL, sub.lastCreation().calls());
            assertEquals(0, sub.lastCreation().retriedItems());
            assertTrue(sink.await(WAIT, () -> sink.countsBySignal().keySet().equals(signals(nodes))),
                    () -> "samples of " + sink.countsBySignal().size() + " of " + nodes.size() + " signals");
        }
        assertEquals(refusedBefore, publishedLimit.monitoredItemCallsRefused(), "the server refused no call");
    }

    @Test
    void aSecretPerCallLimitIsFoundBySplittingRefusedCallsAndKeptAfterReconnecting() throws Exception {
        List<String> nodes = secretLimit.variableNodeIds();
        long refusedBefore = secretLimit.monitoredItemCallsRefused();
        var sink = new RecordingSink();
        try (OpcUaCollector collector = connect(secretLimit);
             CollectorSubscription sub = collector.subscribe(nodes, new SubscriptionOptions(), sink)) {
            assertEquals(nodes.size(), sub.activeItems(), () -> sub.failedItems().toString());
            assertTrue(sub.failedItems().isEmpty());
            BatchPlanner.Outcome<?> creation = sub.lastCreation();
            long refused = secretLimit.monitoredItemCallsRefused() - refusedBefore;
            assertTrue(refused >= 1, "the server refused the first, too large call");
            assertTrue(creation.retriedItems() >= nodes.size(), "every item was retried: " + creation);
            // 122 -> 61 -> 31/30 -> 16/15: four refused sizes, then calls that fit
            assertTrue(refused <= 4, "refusals teach the collector the limit: " + refused + " refused calls");
            assertTrue(creation.calls() <= refused + (nodes.size() + 14) / 15, "calls: " + creation);
            assertTrue(sink.await(WAIT, () -> sink.countsBySignal().keySet().equals(signals(nodes))),
                    () -> "samples of " + sink.countsBySignal().size() + " of " + nodes.size() + " signals");

            // after an outage the items are re-created in calls of the size learned, none refused
            long refusedBeforeOutage = secretLimit.monitoredItemCallsRefused();
            secretLimit.stop();
            assertTrue(await(WAIT, () -> !collector.isConnected()), "the loss is noticed");
            secretLimit.restart();
            assertTrue(await(WAIT, collector::isConnected), "reconnected");
            assertEquals(nodes.size(), sub.activeItems(), () -> sub.failedItems().toString());
            assertEquals(refusedBeforeOutage, secretLimit.monitoredItemCallsRefused());
            assertEquals(0, sub.lastCreation().refusedCalls());
            assertTrue(sub.lastCreation().largestBatch() <= PER_CALL, sub.lastCreation().toString());
        }
    }

    @Test
    void itemsBeyondThePerSessionLimitAreFailedItemsAndTheOthersDeliver() throws Exception {
        List<String> nodes = sessionLimit.variableNodeIds().subList(0, 60);
        var sink = new RecordingSink();
        try (OpcUaCollector collector = connect(sessionLimit);
             CollectorSubscription sub = collector.subscribe(nodes, new SubscriptionOptions(), sink)) {
            assertEquals(PER_SESSION, sub.activeItems());
            List<ItemResult> failed = sub.failedItems();
            assertEquals(nodes.subList(PER_SESSION, 60), failed.stream().map(ItemResult::nodeId).toList(),
                    "the server fills the session in request order");
            for (ItemResult f : failed) {
                assertEquals("Bad_TooManyMonitoredItems", f.status().name(), f.toString());
                assertTrue(f.reason().contains("Bad_TooManyMonitoredItems"), f.reason());
            }
            assertEquals(1, sub.lastCreation().calls(), "a full session is not a too-large call: no retries");
            Set<SignalId> active = signals(nodes.subList(0, PER_SESSION));
            assertTrue(sink.await(WAIT, () -> sink.countsBySignal().keySet().equals(active)),
                    () -> "samples of " + sink.countsBySignal().keySet().size() + " signals, expected exactly "
                            + active.size());
        }
    }
}
