package org.industry4.examples.support;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import org.industry4.opcua.client.CollectorConfig;
import org.industry4.opcua.client.OpcUaCollector;
import org.industry4.opcua.client.SecurityMode;
import org.industry4.opcua.sim.SimServerConfig;
import org.industry4.opcua.sim.SimulatedMachineServer;
import org.industry4.opcua.sim.SimulationOptions;

/** The embedded simulated plant the examples run against, and the collector's connection to it. */
public final class SimulatedPlant {

    private SimulatedPlant() {
    }

    /**
     * Starts the simulated machine server of {@code server} (a builder with everything but the
     * simulation) running {@code simulation}, and says so on {@code out}.
     */
    public static SimulatedMachineServer start(SimServerConfig.Builder server, SimulationOptions simulation,
                                               PrintStream out) throws IOException {
        SimServerConfig config = server.simulation(simulation).build();
        out.printf(Locale.ROOT, "starting simulated plant: %d machines, update every %d ms, seed %d%n",
                simulation.machines(), simulation.tick().toMillis(), simulation.seed());
        return SimulatedMachineServer.start(config);
    }

    /**
     * Connects a collector with {@code config} to {@code server}. Where the config is secured, it
     * first does what an integrator does once per plant: exchange and trust the two certificates.
     */
    public static OpcUaCollector connect(SimulatedMachineServer server, CollectorConfig config) throws IOException {
        if (config.security() != SecurityMode.NONE) {
            server.trustClientCertificate(OpcUaCollector.applicationCertificate(config));
            OpcUaCollector.trustServerCertificate(config.pkiDirectory().orElseThrow(() -> new IllegalArgumentException(
                    "a secured collector config needs a pkiDirectory to trust the server's certificate in")),
                    server.certificate());
        }
        return OpcUaCollector.connect(config);
    }
}
