package org.industry4.opcua.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.junit.jupiter.api.Test;

class SimulatedMachineServerRestartTest {

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(10);
    }
  }

  @Test
  void stopTakesTheServerAwayAndRestartServesAgainOnTheSamePort() throws Exception {
    var server =
        SimulatedMachineServer.start(
            SimServerConfig.builder()
                .pkiDirectory(SimTestClients.SHARED_PKI)
                .simulation(new SimulationOptions(1, 0, Duration.ofMillis(20), 5))
                .build());
    try {
      int port = server.port();
      String url = server.endpointUrl();
      var e = assertThrows(IllegalStateException.class, server::restart);
      assertEquals("server is running; stop() it before restart()", e.getMessage());

      OpcUaClient before = SimTestClients.connectAnonymous(server);
      server.stop();
      server.stop(); // no effect the second time
      assertFalse(server.isRunning());
      long ticks = server.simulation().tick();
      await(() -> server.simulation().tick() > ticks + 5, "the simulation to keep ticking");
      assertThrows(
          UaException.class,
          () -> before.readValue(0, TimestampsToReturn.Both,
              NodeId.parse("ns=2;s=cnc-01/state")));
      SimTestClients.disconnect(before);
      assertThrows(UaException.class, () -> SimTestClients.connectAnonymous(server));

      server.restart();
      assertTrue(server.isRunning());
      assertEquals(port, server.port());
      assertEquals(url, server.endpointUrl());
      OpcUaClient after = SimTestClients.connectAnonymous(server);
      try {
        DataValue v =
            after.readValue(0, TimestampsToReturn.Both, NodeId.parse("ns=2;s=cnc-01/spindle_temp"));
        assertTrue(v.statusCode().isGood(), v.toString());
        assertEquals(server.simulation().machineIds().size() * 11, server.variableNodeIds().size());
      } finally {
        SimTestClients.disconnect(after);
      }
    } finally {
      server.close();
    }
    server.close(); // idempotent
    assertFalse(server.isRunning());
    assertEquals("server is closed",
        assertThrows(IllegalStateException.class, server::restart).getMessage());
  }

  @Test
  void closeStopsTheTickThreadAndDeletesATemporaryPkiDirectory() throws Exception {
    // no pkiDirectory: the server makes a temporary one (and generates a key)
    var server = SimulatedMachineServer.start(SimServerConfig.builder().build());
    Path pki = server.pkiDirectory();
    assertTrue(Files.isDirectory(pki));
    server.close();
    assertFalse(Files.exists(pki), "temporary PKI directory removed");
    long ticks = server.ticks();
    Thread.sleep(300);
    assertEquals(ticks, server.ticks(), "no tick after close");
    assertTrue(
        Thread.getAllStackTraces().keySet().stream()
            .noneMatch(t -> t.getName().equals("industry4-sim-tick") && t.isAlive()),
        "tick thread ended");
  }

  @Test
  void aBusyPortIsReportedAsIOException() throws Exception {
    try (var first =
        SimulatedMachineServer.start(
            SimServerConfig.builder().pkiDirectory(SimTestClients.SHARED_PKI).build())) {
      var e =
          assertThrows(java.io.IOException.class,
              () -> SimulatedMachineServer.start(
                  SimServerConfig.builder()
                      .pkiDirectory(SimTestClients.SHARED_PKI)
                      .port(first.port())
                      .build()));
      assertTrue(e.getMessage().contains("127.0.0.1:" + first.port()), e.getMessage());
    }
  }
}
