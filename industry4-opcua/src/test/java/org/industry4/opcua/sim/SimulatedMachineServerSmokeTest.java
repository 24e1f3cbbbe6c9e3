package org.industry4.opcua.sim;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.junit.jupiter.api.Test;

class SimulatedMachineServerSmokeTest {

  @Test
  void clientConnectsReadsAndReceivesSubscribedValues() throws Exception {
    try (var server =
        SimulatedMachineServer.start(
            SimServerConfig.builder()
                .pkiDirectory(SimTestClients.SHARED_PKI)
                .simulation(new SimulationOptions(2, 0, Duration.ofMillis(50), 7))
                .build())) {
      assertTrue(server.endpointUrl().startsWith("opc.tcp://127.0.0.1:" + server.port() + "/"));
      assertEquals(2 * MachineSignal.values().length, server.variableNodeIds().size());
      OpcUaClient client = SimTestClients.connectAnonymous(server);
      try {
        NodeId speed = NodeId.parse("ns=2;s=cnc-01/spindle_speed");
        DataValue read = client.readValue(0, TimestampsToReturn.Both, speed);
        assertTrue(read.statusCode().isGood(), read.toString());
        assertTrue(read.value().value() instanceof Double, read.toString());

        var sub = new OpcUaSubscription(client, 50.0);
        sub.create();
        List<DataValue> received = new CopyOnWriteArrayList<>();
        var item = OpcUaMonitoredItem.newDataItem(NodeId.parse("ns=2;s=cnc-01/vibration"));
        item.setSamplingInterval(50);
        item.setQueueSize(uint(10));
        item.setDataValueListener((i, v) -> received.add(v));
        sub.addMonitoredItem(item);
        sub.synchronizeMonitoredItems();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (received.size() < 5 && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertTrue(received.size() >= 5, "received " + received.size());
        assertTrue(received.stream().allMatch(v -> v.statusCode().isGood()));
        sub.delete();

        List<StatusCode> written =
            client.writeValues(
                List.of(NodeId.parse("ns=2;s=cnc-01/setpoint/spindle_speed")),
                List.of(new DataValue(new Variant(6000.0))));
        assertTrue(written.get(0).isGood(), written.toString());
        assertEquals(6000.0, server.simulation().spindleSpeedSetpoint("cnc-01"));
      } finally {
        SimTestClients.disconnect(client);
      }

      int port = server.port();
      server.stop();
      assertFalse(server.isRunning());
      server.restart();
      assertEquals(port, server.port());
      OpcUaClient again = SimTestClients.connectAnonymous(server);
      try {
        DataValue read =
            again.readValue(0, TimestampsToReturn.Both, NodeId.parse("ns=2;s=cnc-02/state"));
        assertTrue(read.statusCode().isGood(), read.toString());
      } finally {
        SimTestClients.disconnect(again);
      }
    }
  }
}
