package org.industry4.opcua.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.junit.jupiter.api.Test;

class SimulatedMachineServerSpeedUpTest {

    @Test
    void compressedTimeStepsFasterThanRealTimeAndStampsValuesWithTheSimulatedClock() throws Exception {
        SimServerConfig config = SimServerConfig.builder()
                .pkiDirectory(SimTestClients.SHARED_PKI)
                .simulation(new SimulationOptions(1, 0, Duration.ofSeconds(1), 5))
                .speedUp(100)
                .build();
        assertEquals(Duration.ofMillis(10), config.stepPeriod());
        try (SimulatedMachineServer server = SimulatedMachineServer.start(config)) {
            Instant start = server.simulation().time().minus(Duration.ofSeconds(server.ticks()));
            long wallStart = System.nanoTime();
            while (server.ticks() < 30) {
                assertTrue(System.nanoTime() - wallStart < Duration.ofSeconds(20).toNanos(),
                        "30 ticks of 10 ms took over 20 s: " + server.ticks());
                Thread.sleep(10);
            }
            OpcUaClient client = SimTestClients.connectAnonymous(server);
            try {
                server.setPaused(true);
                Thread.sleep(50); // a tick in progress when pausing completes first
                DataValue v = client.readValue(0, TimestampsToReturn.Both, NodeId.parse("ns=2;s=cnc-01/spindle_temp"));
                long ticks = server.ticks();
                // The simulated clock moved one second per step, whatever the wall clock did.
                assertEquals(start.plusSeconds(ticks), server.simulation().time());
                assertEquals(server.simulation().time(), v.sourceTime().getJavaInstant());
            } finally {
                SimTestClients.disconnect(client);
            }
        }
    }

    @Test
    void speedUpOutOfRangeOrAStepUnderAMillisecondIsRejected() {
        SimServerConfig.Builder b = SimServerConfig.builder();
        assertEquals("speedUp must be in 1..10000, got 0.5",
                assertThrows(IllegalArgumentException.class, () -> b.speedUp(0.5)).getMessage());
        assertEquals("speedUp must be in 1..10000, got NaN",
                assertThrows(IllegalArgumentException.class, () -> b.speedUp(Double.NaN)).getMessage());
        b.simulation(new SimulationOptions(1, 0, Duration.ofMillis(100), 5)).speedUp(200);
        assertTrue(assertThrows(IllegalArgumentException.class, b::build).getMessage()
                .startsWith("tick / speedUp must be >= 1 ms, got tick PT0.1S and speedUp 200.0"));
    }
}
