package org.industry4.examples.factory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.industry4.opcua.sim.SimServerConfig;
import org.industry4.opcua.sim.SimulatedMachineServer;
import org.industry4.opcua.sim.SimulationOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same pipeline pointed at an OPC UA server it does not own ({@code --endpoint}): here a
 * simulated server started by the test, standing in for a plant's server with the documented layout.
 */
class ClosedLoopFactoryEndpointTest {

    @TempDir
    Path dir;

    @Test
    void thePipelineRunsOnAnExternalServerAndItsSetpointWriteLandsThere() throws Exception {
        SimServerConfig config = SimServerConfig.builder()
                .simulation(new SimulationOptions(1, 0, Duration.ofSeconds(1), 7, Duration.ofHours(8)))
                .speedUp(400).pkiDirectory(dir.resolve("pki")).build();
        try (SimulatedMachineServer plant = SimulatedMachineServer.start(config)) {
            ClosedLoopFactory.Options options = new ClosedLoopFactory.Options(1, Duration.ofHours(1), 1,
                    Duration.ofMinutes(20), 7, dir.resolve("out"), Optional.empty(), "external", 35, 45,
                    Duration.ofSeconds(5), Duration.ofSeconds(5), Optional.of(plant.endpointUrl()),
                    Optional.empty());
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            FactoryResult result;
            try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
                result = ClosedLoopFactory.run(options, out);
            }
            String printed = buffer.toString(StandardCharsets.UTF_8);
            System.out.println(printed);
            assertTrue(result.faults().isEmpty(), "a real server has no ground truth");
            assertEquals(List.of("cnc-01"), result.kpis().machines().stream().map(m -> m.machineId()).toList());
            assertTrue(result.samplesStored() > 10_000, "samples " + result.samplesStored());
            assertTrue(result.parts() > 20, "parts " + result.parts());
            assertTrue(result.goodWrites() >= 1, printed);
            // The feed the twin chose is the one the server now runs with.
            double written = Double.parseDouble(printed.lines().filter(l -> l.contains("feed_override = "))
                    .reduce((a, b) -> b).orElseThrow().replaceAll(".*feed_override = ([0-9.]+) .*", "$1"));
            assertEquals(written, plant.simulation().feedOverride("cnc-01"), 1e-9);
            assertTrue(Files.size(result.report()) > 10_000);
        }
    }

    @Test
    void machinesAreThePrefixesWithEveryRequiredVariable() {
        Set<String> signals = new java.util.HashSet<>();
        for (String p : ClosedLoopFactory.REQUIRED) {
            signals.add("press-7/" + p);
            signals.add("oven/" + p);
        }
        signals.remove("oven/vibration");
        signals.add("line/speed");
        assertEquals(List.of("press-7"), ClosedLoopFactory.machinesOf(signals));
    }
}
