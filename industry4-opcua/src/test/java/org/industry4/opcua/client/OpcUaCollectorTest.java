package org.industry4.opcua.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.industry4.core.SignalId;
import org.industry4.core.SignalInfo;
import org.industry4.core.TelemetrySample;
import org.industry4.core.TelemetryException;
import org.industry4.opcua.sim.SimServerConfig;
import org.industry4.opcua.sim.SimulatedMachineServer;
import org.industry4.opcua.sim.SimulationOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The collector against the simulated machine server on loopback, security None, anonymous. */
class OpcUaCollectorTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String SPEED = "ns=2;s=cnc-01/spindle_speed";
    private static final String SPEED_SETPOINT = "ns=2;s=cnc-01/setpoint/spindle_speed";
    private static final String FEED_SETPOINT = "ns=2;s=cnc-01/setpoint/feed_override";
    private static final String COOLANT = "ns=2;s=cnc-01/setpoint/coolant_on";
    /** Server_ServerStatus_BuildInfo_ProductName: a String variable every server has. */
    private static final String PRODUCT_NAME = "i=2261";

    private static SimulatedMachineServer server;
    private static OpcUaCollector collector;

    @BeforeAll
    static void start() throws IOException {
        server = SimulatedMachineServer.start(SimServerConfig.builder()
                .simulation(new SimulationOptions(2, 40, Duration.ofMillis(50), 11))
                .build());
        collector = OpcUaCollector.connect(CollectorConfig.builder(server.endpointUrl()).build());
    }

    @AfterAll
    static void stop() {
        if (collector != null) {
            collector.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void connectsAnonymouslyWithoutSecurity() {
        assertTrue(collector.isConnected());
        assertTrue(collector.stats().connected());
        assertEquals(0, collector.stats().reconnects());
    }

    @Test
    void browseFindsEveryMachineVariableWithDataTypeUnitAndAccess() throws Exception {
        List<VariableInfo> variables = collector.browseVariables();
        Map<String, VariableInfo> byId = variables.stream()
                .collect(Collectors.toMap(VariableInfo::nodeId, Function.identity()));
        for (String id : server.variableNodeIds()) {
            assertTrue(byId.containsKey(id), "browse misses " + id);
        }
        assertTrue(variables.stream().noneMatch(v -> v.nodeId().startsWith("i=")),
                "the Server object's diagnostics are left out of browseVariables()");

        VariableInfo speed = byId.get(SPEED);
        assertEquals("Machines/cnc-01/spindle_speed", speed.browsePath());
        assertEquals("Double", speed.dataType());
        assertEquals("rpm", speed.unit());
        assertTrue(speed.readable());
        assertFalse(speed.writable());
        assertTrue(speed.numeric());
        assertEquals(SignalId.of("cnc-01/spindle_speed"), speed.signalId());

        assertTrue(byId.get(SPEED_SETPOINT).writable());
        assertEquals("Boolean", byId.get(COOLANT).dataType());
        assertEquals("UInt32", byId.get("ns=2;s=cnc-01/part_count").dataType());
        assertEquals("Int32", byId.get("ns=2;s=cnc-01/state").dataType());
        assertEquals("", byId.get("ns=2;s=cnc-01/state").unit());
    }

    @Test
    void browseBelowAGivenNodeListsOnlyItsVariables() throws Exception {
        List<VariableInfo> server = collector.browseVariables("i=2253");
        VariableInfo product = server.stream().filter(v -> v.nodeId().equals(PRODUCT_NAME)).findFirst()
                .orElseThrow();
        assertEquals("String", product.dataType());
        assertFalse(product.numeric());
        assertEquals("ServerStatus/BuildInfo/ProductName", product.browsePath());
        assertThrows(IllegalArgumentException.class, () -> collector.browseVariables("not a node"));
    }

    @Test
    void readReturnsValueAndStatusPerItem() throws Exception {
        List<ReadResult> results = collector.read(List.of(SPEED, "ns=2;s=cnc-01/no_such_signal", "garbage", COOLANT));
        assertEquals(4, results.size());
        ReadResult speed = results.get(0);
        assertTrue(speed.isGood(), speed.toString());
        assertTrue(speed.value() instanceof Double, speed.toString());
        assertTrue(speed.numericValue().isPresent());
        assertTrue(speed.sourceTimestamp().isPresent());
        assertEquals("Bad_NodeIdUnknown", results.get(1).status().name());
        assertEquals("Bad_NodeIdInvalid", results.get(2).status().name());
        assertTrue(results.get(3).value() instanceof Boolean);
        assertTrue(results.get(3).numericValue().isPresent());
    }

    @Test
    void writeReportsAStatusPerItemInsteadOfThrowing() throws Exception {
        List<WriteResult> results = collector.write(List.of(
                WriteRequest.of(SPEED_SETPOINT, 7000.0),
                WriteRequest.of("ns=2;s=cnc-01/setpoint/no_such_setpoint", 1.0),
                WriteRequest.of(SPEED_SETPOINT, "fast"),
                WriteRequest.of(SPEED, 1.0),
                WriteRequest.of(FEED_SETPOINT, 500.0),
                WriteRequest.of("garbage", 1.0)));
        List<String> statuses = results.stream().map(r -> r.status().name()).toList();
        assertEquals(List.of("Good", "Bad_NodeIdUnknown", "Bad_TypeMismatch"), statuses.subList(0, 3));
        // a read-only variable: Milo's server checks the user access level and answers Bad_UserAccessDenied
        assertTrue(Set.of("Bad_NotWritable", "Bad_UserAccessDenied").contains(statuses.get(3)), statuses.get(3));
        assertEquals(List.of("Bad_OutOfRange", "Bad_NodeIdInvalid"), statuses.subList(4, 6));
        assertEquals(7000.0, server.simulation().spindleSpeedSetpoint("cnc-01"));
        assertEquals(7000.0, collector.read(List.of(SPEED_SETPOINT)).get(0).numericValue().orElseThrow());
    }

    @Test
    void subscribingToAllVariablesDeliversBatchedSamplesForEverySignal() throws Exception {
        var sink = new RecordingSink();
        List<String> nodes = server.variableNodeIds();
        try (CollectorSubscription sub = collector.subscribe(nodes,
                new SubscriptionOptions().withSamplingInterval(Duration.ofMillis(50)), sink)) {
            assertEquals(nodes.size(), sub.activeItems(), () -> sub.failedItems().toString());
            Set<SignalId> expected = nodes.stream().map(n -> SignalId.of(n.substring("ns=2;s=".length())))
                    .collect(Collectors.toSet());
            assertEquals(expected, sub.items().stream().map(ItemResult::signal).collect(Collectors.toSet()));
            assertTrue(sub.items().stream().allMatch(i -> i.revisedQueueSize() >= 1));

            assertTrue(sink.await(WAIT, () -> sink.countsBySignal().keySet().containsAll(expected)),
                    () -> "no samples yet for some signals; got " + sink.countsBySignal().keySet().size());
            assertTrue(sink.await(WAIT, () -> sink.batchSizes().stream().anyMatch(n -> n > 1)),
                    "samples arrive in batches per notification");

            Map<SignalId, SignalInfo> described = sink.described().stream()
                    .collect(Collectors.toMap(SignalInfo::signal, Function.identity()));
            assertEquals(expected, described.keySet());
            assertEquals("rpm", described.get(SignalId.of("cnc-01/spindle_speed")).unit());
            assertEquals("Double", described.get(SignalId.of("cnc-01/spindle_speed")).dataType());
            assertEquals(SPEED, described.get(SignalId.of("cnc-01/spindle_speed")).source());
            assertEquals("describe", sink.events().get(0));

            TelemetrySample coolant = sink.samples().stream()
                    .filter(s -> s.signal().equals(SignalId.of("cnc-01/setpoint/coolant_on")))
                    .findFirst().orElseThrow();
            assertTrue(coolant.value() == 0.0 || coolant.value() == 1.0);
        }
        CollectorStats stats = collector.stats();
        assertTrue(stats.samplesDelivered() >= nodes.size());
        assertTrue(stats.notificationsReceived() >= stats.samplesDelivered());
    }

    @Test
    void monitoredItemsAreCreatedInBatchesOfAtMostMaxItemsPerCall() throws Exception {
        var sink = new RecordingSink();
        List<String> nodes = server.variableNodeIds();
        assertTrue(nodes.size() > 100, "enough nodes for many batches: " + nodes.size());
        try (CollectorSubscription sub = collector.subscribe(nodes,
                new SubscriptionOptions().withMaxItemsPerCall(7), sink)) {
            assertEquals(nodes.size(), sub.activeItems(), () -> sub.failedItems().toString());
            assertEquals(7, sub.lastCreation().largestBatch());
            assertEquals((nodes.size() + 6) / 7, sub.lastCreation().calls());
            assertTrue(sink.await(WAIT, () -> sink.countsBySignal().size() == nodes.size()));
        }
    }

    @Test
    void unknownInvalidNonNumericAndNonVariableNodesAreFailedItemsWithReasons() throws Exception {
        var sink = new RecordingSink();
        List<String> nodes = List.of(SPEED, "ns=2;s=cnc-01/no_such_signal", "garbage", PRODUCT_NAME, "i=85",
                "ns=2;s=cnc-02/vibration");
        try (CollectorSubscription sub = collector.subscribe(nodes, new SubscriptionOptions(), sink)) {
            List<ItemResult> items = sub.items();
            assertEquals(nodes, items.stream().map(ItemResult::nodeId).toList());
            assertEquals(List.of("Good", "Bad_NodeIdUnknown", "Bad_NodeIdInvalid", "Bad_TypeMismatch",
                    "Bad_NodeClassInvalid", "Good"), items.stream().map(i -> i.status().name()).toList());
            assertTrue(items.get(3).reason().contains("String"), items.get(3).reason());
            assertEquals(2, sub.activeItems());
            assertEquals(4, sub.failedItems().size());
            assertTrue(sink.await(WAIT, () -> sink.countsBySignal().keySet().equals(
                    Set.of(SignalId.of("cnc-01/spindle_speed"), SignalId.of("cnc-02/vibration")))));
        }
        assertThrows(IllegalArgumentException.class,
                () -> collector.subscribe(List.of(SPEED, SPEED), new SubscriptionOptions(), new RecordingSink()));
    }

    @Test
    void deadbandsAreAppliedOrRefusedPerItem() throws Exception {
        var sink = new RecordingSink();
        try (CollectorSubscription percent = collector.subscribe(List.of(SPEED, "ns=2;s=cnc-01/state"),
                new SubscriptionOptions().withDeadband(Deadband.percent(1)), sink);
             CollectorSubscription absolute = collector.subscribe(List.of("ns=2;s=cnc-02/spindle_speed"),
                     new SubscriptionOptions().withDeadband(Deadband.absolute(5)), sink)) {
            assertTrue(percent.items().get(0).isGood(), percent.items().toString());
            assertFalse(percent.items().get(1).isGood(), "percent deadband needs an EURange: "
                    + percent.items());
            assertTrue(absolute.items().get(0).isGood(), absolute.items().toString());
        }
    }

    @Test
    void aSinkThatThrowsDoesNotStopTheSubscription() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        var sink = new RecordingSink() {
            @Override
            public synchronized void accept(List<TelemetrySample> batch) {
                if (calls.incrementAndGet() <= 3) {
                    throw new TelemetryException("disk full");
                }
                super.accept(batch);
            }
        };
        long failuresBefore = collector.stats().sinkFailures();
        try (CollectorSubscription sub = collector.subscribe(List.of(SPEED, "ns=2;s=cnc-01/vibration"),
                new SubscriptionOptions().withSamplingInterval(Duration.ofMillis(50)), sink)) {
            assertTrue(sink.await(WAIT, () -> sink.sampleCount() >= 10), "samples after the failures");
            assertEquals(2, sub.activeItems());
        }
        assertTrue(collector.stats().sinkFailures() >= failuresBefore + 3);
    }

    @Test
    void closingASubscriptionStopsDelivery() throws Exception {
        var sink = new RecordingSink();
        CollectorSubscription sub = collector.subscribe(List.of(SPEED), new SubscriptionOptions(), sink);
        assertTrue(sink.await(WAIT, () -> sink.sampleCount() > 0));
        sub.close();
        sub.close();
        assertTrue(sub.isClosed());
        collector.read(List.of(SPEED)); // a round trip: what was in flight has been handled
        int after = sink.sampleCount();
        Thread.sleep(300); // three publishing intervals in which nothing may arrive
        assertEquals(after, sink.sampleCount());
    }

    @Test
    void invalidEndpointUrlsAreRejectedNamingTheUrl() {
        for (String url : List.of("http://127.0.0.1:4840", "opc.tcp://", "opc.tcp://host:99999/x",
                "opc.tcp://host:/x", "not a url", "opc.tcp://host:4840/x?y=1")) {
            var e = assertThrows(IllegalArgumentException.class, () -> CollectorConfig.builder(url), url);
            assertTrue(e.getMessage().contains(url), e.getMessage());
        }
        assertEquals(4840, CollectorConfig.builder("opc.tcp://plc-7").build().port());
        assertEquals("::1", CollectorConfig.builder("opc.tcp://[::1]:4841/x").build().host());
    }

    @Test
    void anUnreachablePortFailsQuicklyWithAConnectException() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CollectorConfig config = CollectorConfig.builder("opc.tcp://127.0.0.1:" + port + "/industry4")
                .connectTimeout(Duration.ofSeconds(2)).build();
        long start = System.nanoTime();
        var e = assertThrows(OpcUaConnectException.class, () -> OpcUaCollector.connect(config));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 10_000, "took " + millis + " ms");
        assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
        assertTrue(e.getMessage().contains("refused") || e.getMessage().contains("Bad_ConnectionRejected"),
                e.getMessage());
        assertEquals(config.endpointUrl(), e.endpointUrl());
    }

    @Test
    void closeIsIdempotentAndUseAfterCloseIsAnIllegalState() throws Exception {
        OpcUaCollector other = OpcUaCollector.connect(CollectorConfig.builder(server.endpointUrl()).build());
        var sink = new RecordingSink();
        CollectorSubscription sub = other.subscribe(List.of(SPEED), new SubscriptionOptions(), sink);
        other.close();
        other.close();
        assertTrue(sub.isClosed());
        assertFalse(other.isConnected());
        assertThrows(IllegalStateException.class, () -> other.read(List.of(SPEED)));
    }
}
