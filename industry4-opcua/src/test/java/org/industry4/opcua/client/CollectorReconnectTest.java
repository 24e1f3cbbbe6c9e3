package org.industry4.opcua.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.industry4.core.SignalId;
import org.industry4.core.TelemetryGap;
import org.industry4.core.TelemetrySample;
import org.industry4.opcua.sim.SimServerConfig;
import org.industry4.opcua.sim.SimulatedMachineServer;
import org.industry4.opcua.sim.SimulationOptions;
import org.junit.jupiter.api.Test;

/** The server goes away mid-subscription and comes back on the same port. */
class CollectorReconnectTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void collectionResumesAfterAServerRestartWithAGapPerSignalAndNothingLostAfterwards() throws Exception {
        try (SimulatedMachineServer server = SimulatedMachineServer.start(SimServerConfig.builder()
                .simulation(new SimulationOptions(1, 4, Duration.ofMillis(50), 3)).build());
             OpcUaCollector collector = OpcUaCollector.connect(CollectorConfig.builder(server.endpointUrl())
                     .reconnect(new ReconnectOptions(Duration.ofMillis(100), Duration.ofMillis(800), 2.0, 0.2, 7))
                     .build())) {
            var sink = new RecordingSink();
            List<String> nodes = server.variableNodeIds();
            CollectorSubscription sub = collector.subscribe(nodes,
                    new SubscriptionOptions().withSamplingInterval(Duration.ofMillis(50)), sink);
            assertEquals(nodes.size(), sub.activeItems());
            Set<SignalId> signals = sub.items().stream().map(ItemResult::signal).collect(Collectors.toSet());
            assertTrue(sink.await(WAIT, () -> sink.countsBySignal().keySet().containsAll(signals)));

            Instant stoppedAt = Instant.now();
            server.stop();
            assertTrue(await(WAIT, () -> !collector.isConnected()), "the loss is noticed");
            assertThrows(OpcUaServiceException.class, () -> collector.read(List.of(nodes.get(0))));
            Thread.sleep(1_500); // the server stays away for a while; the simulation goes on
            Instant restartedAt = Instant.now();
            server.restart();

            assertTrue(await(WAIT, collector::isConnected), "collection resumes");
            CollectorStats stats = collector.stats();
            assertEquals(1, stats.reconnects());
            assertTrue(stats.lastReconnectDuration().compareTo(Duration.ofSeconds(10)) < 0,
                    "resumed in " + stats.lastReconnectDuration());
            assertFalse(stats.lastDisconnectReason().isEmpty());
            assertEquals(nodes.size(), sub.activeItems(), () -> sub.failedItems().toString());

            assertTrue(sink.await(WAIT, () -> sink.gaps().stream().map(TelemetryGap::signal)
                    .collect(Collectors.toSet()).containsAll(signals)), () -> "gaps: " + sink.gaps().size());
            Map<SignalId, TelemetryGap> gaps = sink.gaps().stream()
                    .collect(Collectors.toMap(TelemetryGap::signal, Function.identity()));
            assertEquals(signals.size(), sink.gaps().size(), "one gap per signal");
            for (TelemetryGap gap : gaps.values()) {
                assertFalse(gap.start().isAfter(stoppedAt.plusMillis(500)), gap.toString());
                assertFalse(gap.end().isBefore(restartedAt.minusMillis(500)), gap.toString());
                assertTrue(gap.reason().contains("lost"), gap.reason());
            }

            // what the restarted server publishes from now on all arrives
            Map<String, Long> publishedNow = nodes.stream()
                    .collect(Collectors.toMap(n -> n, server::valuesPublished));
            assertTrue(publishedNow.values().stream().mapToLong(Long::longValue).sum() > 0);
            assertTrue(sink.await(WAIT, () -> nodes.stream().allMatch(n -> {
                SignalId id = SignalId.of(n.substring("ns=2;s=".length()));
                return sink.samplesAfterFirstGap(id).size() >= publishedNow.get(n);
            })), "every value published since the restart is delivered");
            for (SignalId id : signals) {
                List<TelemetrySample> after = sink.samplesAfterFirstGap(id);
                assertFalse(after.isEmpty());
                assertFalse(after.get(0).sourceTime().isBefore(gaps.get(id).start()));
            }
        }
    }

    private static boolean await(Duration timeout, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}
