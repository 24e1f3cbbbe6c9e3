package org.industry4.examples.quickstart;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.industry4.opcua.client.CollectorConfig;
import org.industry4.opcua.client.CollectorSubscription;
import org.industry4.opcua.client.OpcUaCollector;
import org.industry4.opcua.client.SubscriptionOptions;
import org.industry4.opcua.client.VariableInfo;
import org.industry4.opcua.sim.SimServerConfig;
import org.industry4.opcua.sim.SimulatedMachineServer;
import org.industry4.opcua.store.DuckDbSink;
import org.industry4.opcua.store.SignalSummary;

/**
 * The README's quick start, compiled and tested: every numeric tag of a (simulated) PLC into a
 * DuckDB table. Point {@code CollectorConfig.builder(...)} at your own server's endpoint instead.
 */
public final class QuickStart {

    private QuickStart() {
    }

    public static void main(String[] args) throws Exception {
        run(Path.of(args.length > 0 ? args[0] : "plant.duckdb"), Duration.ofSeconds(5))
                .forEach(System.out::println);
    }

    /** Collects for {@code duration} into {@code database} and returns the per-signal summary. */
    public static List<SignalSummary> run(Path database, Duration duration) throws Exception {
        // README quick start: begin
        try (SimulatedMachineServer plc = SimulatedMachineServer.start(SimServerConfig.builder().build());
             OpcUaCollector collector = OpcUaCollector.connect(CollectorConfig.builder(plc.endpointUrl()).build());
             DuckDbSink store = DuckDbSink.open(database)) {
            List<String> nodes = collector.browseVariables().stream()
                    .filter(VariableInfo::numeric).map(VariableInfo::nodeId).toList();
            try (CollectorSubscription subscription = collector.subscribe(nodes, new SubscriptionOptions(), store)) {
                Thread.sleep(duration.toMillis());
            }
            store.flush();
            return store.summary(); // count, min, mean, max, gaps per signal
        }
        // README quick start: end
    }
}
