package org.industry4.opcua.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.industry4.core.SignalId;
import org.industry4.core.TelemetryException;
import org.industry4.core.TelemetrySource;
import org.industry4.opcua.sim.SimServerConfig;
import org.industry4.opcua.sim.SimulatedMachineServer;
import org.industry4.opcua.sim.SimulationOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link OpcUaSource} over the simulated server on loopback. */
class OpcUaSourceTest {

    private static final List<String> NODES = List.of("ns=2;s=cnc-01/vibration", "ns=2;s=cnc-01/spindle_temp");

    private static SimulatedMachineServer server;

    @BeforeAll
    static void start() throws IOException {
        server = SimulatedMachineServer.start(SimServerConfig.builder()
                .simulation(new SimulationOptions(1, 0, Duration.ofMillis(50), 3)).build());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aStartedSourceDeliversItsNodesAndClosingItStopsOnlyTheSubscription() throws Exception {
        try (OpcUaCollector collector = OpcUaCollector.connect(CollectorConfig.builder(server.endpointUrl()).build())) {
            RecordingSink sink = new RecordingSink();
            OpcUaSource source = OpcUaSource.of(collector, NODES, new SubscriptionOptions());
            TelemetrySource asSource = source;
            asSource.start(sink);
            assertEquals(2, source.subscription().orElseThrow().activeItems());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (sink.samples().stream().map(s -> s.signal()).distinct().count() < 2) {
                assertTrue(System.nanoTime() < deadline, "samples of both nodes within 10 s: " + sink.samples());
                Thread.sleep(20);
            }
            assertTrue(sink.samples().stream().allMatch(s -> s.signal().equals(SignalId.of("cnc-01/vibration"))
                    || s.signal().equals(SignalId.of("cnc-01/spindle_temp"))));

            assertThrows(IllegalStateException.class, () -> source.start(sink), "a source starts once");
            source.close();
            source.close();
            assertTrue(source.subscription().orElseThrow().isClosed());
            assertTrue(collector.isConnected(), "the collector is not owned by the source");
            assertThrows(IllegalStateException.class, () -> source.start(new RecordingSink()));
        }
    }

    @Test
    void startingWhileTheServerIsAwayIsATelemetryExceptionNamingTheEndpoint() throws Exception {
        try (OpcUaCollector collector = OpcUaCollector.connect(CollectorConfig.builder(server.endpointUrl()).build())) {
            server.stop();
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (collector.isConnected()) {
                    assertTrue(System.nanoTime() < deadline, "collector notices the loss within 10 s");
                    Thread.sleep(20);
                }
                OpcUaSource source = OpcUaSource.of(collector, NODES, new SubscriptionOptions());
                TelemetryException e = assertThrows(TelemetryException.class, () -> source.start(new RecordingSink()));
                assertTrue(e.getMessage().contains(server.endpointUrl()), e.getMessage());
                assertTrue(e.getCause() instanceof OpcUaServiceException, e.toString());
            } finally {
                server.restart();
            }
        }
    }

    @Test
    void aSourceOnAClosedCollectorOrWithoutNodesIsRefused() throws Exception {
        OpcUaCollector collector = OpcUaCollector.connect(CollectorConfig.builder(server.endpointUrl()).build());
        OpcUaSource source = OpcUaSource.of(collector, NODES, new SubscriptionOptions());
        collector.close();
        assertThrows(IllegalStateException.class, () -> source.start(new RecordingSink()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OpcUaSource.of(collector, List.of(), new SubscriptionOptions()));
        assertEquals("an OPC UA source needs at least one node id, got none", e.getMessage());
    }
}
