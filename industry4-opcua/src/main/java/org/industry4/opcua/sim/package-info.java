/**
 * A simulated CNC machine shop behind an embedded OPC UA server, for tests, demos and load tests
 * of OPC UA collection without real hardware.
 *
 * <ul>
 *   <li>{@link org.industry4.opcua.sim.MachineSimulation}: the deterministic, seeded physics
 *       (spindle, thermal, electrical, wear, part cycle, run-to-failure) with injectable faults
 *       ({@link org.industry4.opcua.sim.FaultKind}) and a ground-truth log ({@link
 *       org.industry4.opcua.sim.FaultEvent}); no threads, usable on its own.
 *   <li>{@link org.industry4.opcua.sim.SimulatedMachineServer}: an Eclipse Milo server that ticks
 *       the simulation and publishes every change to monitored items, with None and
 *       Basic256Sha256 security, anonymous and user-name identities, stop and restart on the same
 *       port; configured by {@link org.industry4.opcua.sim.SimServerConfig}.
 * </ul>
 *
 * <pre>{@code
 * var config = SimServerConfig.builder()
 *     .simulation(new SimulationOptions(3, 0, Duration.ofMillis(100), 42))
 *     .build();
 * try (var server = SimulatedMachineServer.start(config)) {
 *   connectYourClientTo(server.endpointUrl());
 *   server.injectFault("cnc-02", FaultKind.BEARING_DEFECT);
 *   List<FaultEvent> truth = server.simulation().groundTruth();
 * }
 * }</pre>
 */
package org.industry4.opcua.sim;
