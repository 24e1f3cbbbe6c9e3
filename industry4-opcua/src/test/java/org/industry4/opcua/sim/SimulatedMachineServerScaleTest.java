package org.industry4.opcua.sim;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.subscriptions.MonitoredItemServiceOperationResult;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** 10,000 tags at 100 ms: the server keeps up and every published value reaches the client. */
class SimulatedMachineServerScaleTest {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatedMachineServerScaleTest.class);

  private static void await(BooleanSupplier condition, Duration timeout, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(10);
    }
  }

  /** Mean tick duration between two readings of the server's cumulative statistics. */
  private static double meanMillis(long ticks0, Duration mean0, long ticks1, Duration mean1) {
    double total0 = mean0.toNanos() * (double) ticks0;
    double total1 = mean1.toNanos() * (double) ticks1;
    return (total1 - total0) / (ticks1 - ticks0) / 1e6;
  }

  @Test
  void tenThousandTagsAtHundredMillisecondsArePublishedWithoutLoss() throws Exception {
    Duration tick = Duration.ofMillis(100);
    try (var server =
        SimulatedMachineServer.start(
            SimServerConfig.builder()
                .pkiDirectory(SimTestClients.SHARED_PKI)
                .simulation(new SimulationOptions(1, 10_000, tick, 99))
                .build())) {
      List<String> ids = server.variableNodeIds();
      assertEquals(10_011, ids.size());

      long t0 = server.ticks();
      Duration m0 = server.meanTickDuration();
      await(() -> server.ticks() >= t0 + 20, Duration.ofSeconds(10), "20 idle ticks");
      long t1 = server.ticks();
      Duration m1 = server.meanTickDuration();
      double idleMean = meanMillis(t0, m0, t1, m1);

      OpcUaClient client = SimTestClients.connectAnonymous(server);
      try {
        var sub = new OpcUaSubscription(client, (double) tick.toMillis());
        sub.create();
        LongAdder received = new LongAdder();
        List<OpcUaMonitoredItem> items = new ArrayList<>(ids.size());
        for (String id : ids) {
          var item = OpcUaMonitoredItem.newDataItem(NodeId.parse(id));
          item.setSamplingInterval(tick.toMillis());
          item.setQueueSize(uint(10));
          item.setDataValueListener((i, v) -> received.increment());
          items.add(item);
        }
        long publishedBefore = server.valuesPublished();
        sub.addMonitoredItems(items);
        List<MonitoredItemServiceOperationResult> results = sub.createMonitoredItems();
        assertEquals(ids.size(), results.size());
        assertTrue(items.stream().allMatch(i -> i.getCreateResult().orElseThrow().isGood()));

        long t2 = server.ticks();
        Duration m2 = server.meanTickDuration();
        await(() -> server.ticks() >= t2 + 40, Duration.ofSeconds(20), "40 ticks with subscribers");
        long t3 = server.ticks();
        Duration m3 = server.meanTickDuration();
        double busyMean = meanMillis(t2, m2, t3, m3);

        long published;
        synchronized (server.simulation()) { // no tick until the client has caught up
          published = server.valuesPublished() - publishedBefore;
          await(() -> received.sum() >= published, Duration.ofSeconds(20),
              "the client to receive " + published + " values");
        }
        assertEquals(published, received.sum(), "nothing lost, nothing twice");
        assertTrue(published >= 40L * 10_000, "published " + published);

        String figures =
            String.format(
                "10,011 tags, tick %d ms: mean tick %.2f ms without subscribers, %.2f ms with"
                    + " 10,011 monitored items (max %.2f ms over the run); %d values published"
                    + " and received",
                tick.toMillis(), idleMean, busyMean,
                server.maxTickDuration().toNanos() / 1e6, published);
        LOG.info(figures);
        Files.writeString(Path.of("target", "sim-scale-figures.txt"), figures + "\n");
        assertTrue(busyMean < tick.toMillis(), "the tick keeps up: " + figures);
        sub.delete();
      } finally {
        SimTestClients.disconnect(client);
      }
    }
  }
}
