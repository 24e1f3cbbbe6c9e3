package org.industry4.opcua.sim;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExtensionObject;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseDirection;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseResultMask;
import org.eclipse.milo.opcua.stack.core.types.enumerated.DataChangeTrigger;
import org.eclipse.milo.opcua.stack.core.types.enumerated.DeadbandType;
import org.eclipse.milo.opcua.stack.core.types.enumerated.NodeClass;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseResult;
import org.eclipse.milo.opcua.stack.core.types.structured.DataChangeFilter;
import org.eclipse.milo.opcua.stack.core.types.structured.EUInformation;
import org.eclipse.milo.opcua.stack.core.types.structured.Range;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SimulatedMachineServerTest {

    private static final Duration TICK = Duration.ofMillis(50);
    private static SimulatedMachineServer server;
    private static OpcUaClient client;

    @BeforeAll
    static void startServer() throws Exception {
        server =
                SimulatedMachineServer.start(
                        SimServerConfig.builder()
                                .pkiDirectory(SimTestClients.SHARED_PKI)
                                .simulation(new SimulationOptions(2, 3, TICK, 11))
                                .build());
        client = SimTestClients.connectAnonymous(server);
    }

    @AfterAll
    static void stopServer() {
        SimTestClients.disconnect(client);
        if (server != null) {
            server.close();
        }
    }

    private static NodeId node(String id) {
        return NodeId.parse("ns=2;s=" + id);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    private static List<ReferenceDescription> browse(NodeId nodeId) throws Exception {
        BrowseResult r =
                client.browse(
                        new BrowseDescription(
                                nodeId,
                                BrowseDirection.Forward,
                                NodeIds.HierarchicalReferences,
                                true,
                                uint(NodeClass.Object.getValue() | NodeClass.Variable.getValue()),
                                uint(BrowseResultMask.All.getValue())));
        assertTrue(r.getStatusCode().isGood(), r.toString());
        return List.of(r.getReferences());
    }

    private static Map<String, String> names(List<ReferenceDescription> refs) {
        Map<String, String> m = new TreeMap<>();
        for (ReferenceDescription r : refs) {
            m.put(r.getBrowseName().name(), r.getNodeId().toNodeId(client.getNamespaceTable())
                    .map(NodeId::toParseableString).orElse("?"));
        }
        return m;
    }

    @Test
    void pausedMachinesNeitherTickNorPublishAndResumeWhenReleased() throws Exception {
        server.setPaused(true);
        try {
            assertTrue(server.isPaused());
            Thread.sleep(TICK.toMillis() * 2); // a tick in progress when pausing completes first
            long ticks = server.ticks();
            long published = server.valuesPublished();
            Thread.sleep(TICK.toMillis() * 6);
            assertEquals(ticks, server.ticks(), "no tick while paused");
            assertEquals(published, server.valuesPublished(), "nothing published while paused");
        } finally {
            server.setPaused(false);
        }
        long ticks = server.ticks();
        await(() -> server.ticks() > ticks + 2, "ticks after resuming");
        assertFalse(server.isPaused());
    }

    @Test
    void endpointUrlPortAndNamespaceAreReported() throws Exception {
        assertEquals("opc.tcp://127.0.0.1:" + server.port() + "/industry4", server.endpointUrl());
        assertEquals("urn:industry4:simulated-machines", server.namespaceUri());
        assertEquals(2, client.getNamespaceTable().getIndex(server.namespaceUri()).intValue());
        assertTrue(server.isRunning());
        assertEquals(2 * (11 + 3), server.variableNodeIds().size());
        assertEquals("ns=2;s=cnc-01/spindle_speed", server.variableNodeIds().get(0));
        assertTrue(server.variableNodeIds().contains("ns=2;s=cnc-02/extra/tag-00002"));
        assertTrue(server.variableNodeIds().contains("ns=2;s=cnc-02/setpoint/coolant_on"));
    }

    @Test
    void browsingFromObjectsFindsMachinesSignalsSetpointsAndExtraTags() throws Exception {
        Map<String, String> objects = names(browse(NodeIds.ObjectsFolder));
        assertEquals("ns=2;s=Machines", objects.get("Machines"));
        assertEquals(
                Map.of("cnc-01", "ns=2;s=cnc-01", "cnc-02", "ns=2;s=cnc-02"),
                names(browse(node("Machines"))));
        Map<String, String> machine = names(browse(node("cnc-01")));
        assertEquals(
                List.of("Extra", "Setpoints", "bearing_temp", "motor_current", "part_count",
                        "spindle_speed", "spindle_temp", "state", "tool_wear", "vibration"),
                new ArrayList<>(machine.keySet()));
        assertEquals("ns=2;s=cnc-01/vibration", machine.get("vibration"));
        assertEquals(
                Map.of("coolant_on", "ns=2;s=cnc-01/setpoint/coolant_on",
                        "feed_override", "ns=2;s=cnc-01/setpoint/feed_override",
                        "spindle_speed", "ns=2;s=cnc-01/setpoint/spindle_speed"),
                names(browse(node("cnc-01/setpoint"))));
        assertEquals(
                List.of("tag-00000", "tag-00001", "tag-00002"),
                new ArrayList<>(names(browse(node("cnc-02/extra"))).keySet()));
    }

    @Test
    void variablesHaveDataTypesNamesAndAnalogProperties() throws Exception {
        List<DataValue> attrs =
                List.of(client.read(0, TimestampsToReturn.Neither,
                        List.of(
                                new ReadValueId(node("cnc-01/spindle_temp"), AttributeId.DataType.uid(), null,
                                        QualifiedName.NULL_VALUE),
                                new ReadValueId(node("cnc-01/part_count"), AttributeId.DataType.uid(), null,
                                        QualifiedName.NULL_VALUE),
                                new ReadValueId(node("cnc-01/state"), AttributeId.DataType.uid(), null,
                                        QualifiedName.NULL_VALUE),
                                new ReadValueId(node("cnc-01/setpoint/coolant_on"), AttributeId.DataType.uid(),
                                        null, QualifiedName.NULL_VALUE),
                                new ReadValueId(node("cnc-01/spindle_temp"), AttributeId.DisplayName.uid(), null,
                                        QualifiedName.NULL_VALUE),
                                new ReadValueId(node("cnc-01/state"), AttributeId.Description.uid(), null,
                                        QualifiedName.NULL_VALUE))).getResults());
        assertEquals(NodeIds.Double, attrs.get(0).value().value());
        assertEquals(NodeIds.UInt32, attrs.get(1).value().value());
        assertEquals(NodeIds.Int32, attrs.get(2).value().value());
        assertEquals(NodeIds.Boolean, attrs.get(3).value().value());
        assertEquals(LocalizedText.english("Spindle temperature"), attrs.get(4).value().value());
        assertEquals(
                "Machine state: 0 idle, 1 running, 2 alarm, 3 stopped",
                ((LocalizedText) attrs.get(5).value().value()).text());

        BrowseResult props =
                client.browse(
                        new BrowseDescription(node("cnc-01/spindle_temp"), BrowseDirection.Forward,
                                NodeIds.HasProperty, false, uint(0), uint(BrowseResultMask.All.getValue())));
        Map<String, String> byName = names(List.of(props.getReferences()));
        assertTrue(byName.containsKey("EURange") && byName.containsKey("EngineeringUnits"),
                byName.toString());
        List<DataValue> values =
                client.readValues(0, TimestampsToReturn.Neither,
                        List.of(NodeId.parse(byName.get("EURange")),
                                NodeId.parse(byName.get("EngineeringUnits"))));
        Range range = decode(values.get(0), Range.class);
        assertEquals(0.0, range.getLow());
        assertEquals(150.0, range.getHigh());
        EUInformation units = decode(values.get(1), EUInformation.class);
        assertEquals("°C", units.getDisplayName().text());
        assertEquals(SimNamespace.unitId("CEL"), units.getUnitId());
        assertEquals(4408652, units.getUnitId(), "UNECE CEL as packed by OPC UA Part 8");

        BrowseResult typeDef =
                client.browse(
                        new BrowseDescription(node("cnc-01/vibration"), BrowseDirection.Forward,
                                NodeIds.HasTypeDefinition, false, uint(0), uint(BrowseResultMask.All.getValue())));
        assertEquals(NodeIds.AnalogItemType.expanded(), typeDef.getReferences()[0].getNodeId());
    }

    private static <T> T decode(DataValue v, Class<T> type) {
        Object o = v.value().value();
        if (o instanceof ExtensionObject xo) {
            o = xo.decode(client.getStaticEncodingContext());
        }
        return type.cast(o);
    }

    @Test
    void measuredValuesAreReadWithTickTimestamps() throws Exception {
        DataValue v = client.readValue(0, TimestampsToReturn.Both, node("cnc-02/bearing_temp"));
        assertTrue(v.statusCode().isGood(), v.toString());
        double celsius = (Double) v.value().value();
        assertTrue(celsius > 15 && celsius < 100, "bearing temp " + celsius);
        assertNotNull(v.sourceTime());
        assertNotNull(v.serverTime());
        DataValue state = client.readValue(0, TimestampsToReturn.Both, node("cnc-02/state"));
        MachineState.fromCode((Integer) state.value().value());
        DataValue parts = client.readValue(0, TimestampsToReturn.Both, node("cnc-02/part_count"));
        assertTrue(parts.value().value() instanceof UInteger, parts.toString());
    }

    @Test
    void writesReturnPerItemStatus() throws Exception {
        List<NodeId> nodes =
                List.of(
                        node("cnc-02/setpoint/spindle_speed"),
                        node("cnc-02/setpoint/feed_override"),
                        node("cnc-02/setpoint/feed_override"),
                        node("cnc-02/setpoint/spindle_speed"),
                        node("cnc-02/setpoint/coolant_on"),
                        node("cnc-02/setpoint/coolant_on"),
                        node("cnc-02/spindle_speed"),
                        node("cnc-02/no_such_signal"));
        List<DataValue> values =
                List.of(
                        new DataValue(new Variant(7500.0)),
                        new DataValue(new Variant(120.0)),
                        new DataValue(new Variant(151.0)),
                        new DataValue(new Variant("fast")),
                        new DataValue(new Variant(false)),
                        new DataValue(new Variant(1)),
                        new DataValue(new Variant(100.0)),
                        new DataValue(new Variant(1.0)));
        List<StatusCode> results = client.writeValues(nodes, values);
        assertEquals(
                List.of(
                        new StatusCode(StatusCodes.Good),
                        new StatusCode(StatusCodes.Good),
                        new StatusCode(StatusCodes.Bad_OutOfRange),
                        new StatusCode(StatusCodes.Bad_TypeMismatch),
                        new StatusCode(StatusCodes.Good),
                        new StatusCode(StatusCodes.Bad_TypeMismatch),
                        // Milo's access controller checks UserAccessLevel (read-only) before AccessLevel
                        new StatusCode(StatusCodes.Bad_UserAccessDenied),
                        new StatusCode(StatusCodes.Bad_NodeIdUnknown)),
                results);
        MachineSimulation sim = server.simulation();
        assertEquals(7500.0, sim.spindleSpeedSetpoint("cnc-02"));
        assertEquals(120.0, sim.feedOverride("cnc-02"));
        assertFalse(sim.coolantOn("cnc-02"));
        assertEquals(
                120.0,
                client.readValue(0, TimestampsToReturn.Both, node("cnc-02/setpoint/feed_override"))
                        .value().value());
        sim.setCoolantOn("cnc-02", true);
        await(() -> {
            try {
                return Boolean.TRUE.equals(client.readValue(0, TimestampsToReturn.Both,
                        node("cnc-02/setpoint/coolant_on")).value().value());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "a setpoint changed in the simulation to show on the server");
    }

    @Test
    void subscriptionReceivesEveryPublishedValueWithoutAliasing() throws Exception {
        String id = "ns=2;s=cnc-01/extra/tag-00001";
        var sub = new OpcUaSubscription(client, (double) TICK.toMillis());
        sub.create();
        try {
            List<DataValue> received = new CopyOnWriteArrayList<>();
            var item = OpcUaMonitoredItem.newDataItem(NodeId.parse(id));
            item.setSamplingInterval(TICK.toMillis());
            item.setQueueSize(uint(20));
            item.setDataValueListener((i, v) -> received.add(v));
            sub.addMonitoredItem(item);
            sub.synchronizeMonitoredItems();
            assertTrue(item.getCreateResult().orElseThrow().isGood());
            await(() -> received.size() >= 40, "40 values");
            long published;
            // Hold the simulation: no tick publishes until the client has caught up.
            synchronized (server.simulation()) {
                published = server.valuesPublished(id);
                await(() -> received.size() >= published, "the client to catch up with " + published);
            }
            assertEquals(published, received.size(), "every published value arrives, none twice");
            for (int i = 1; i < received.size(); i++) {
                var previous = received.get(i - 1);
                var current = received.get(i);
                assertTrue(current.sourceTime().getUtcTime() > previous.sourceTime().getUtcTime(),
                        "source times increase");
                assertFalse(current.value().equals(previous.value()), "each tick changes the tag");
            }
            assertTrue(server.valuesPublished() >= published);
            assertEquals("not a simulated variable: ns=2;s=cnc-01/nothing",
                    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                            () -> server.valuesPublished("ns=2;s=cnc-01/nothing")).getMessage());
            assertEquals("not a NodeId: 'cnc-01'",
                    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                            () -> server.valuesPublished("cnc-01")).getMessage());
        } finally {
            sub.delete();
        }
    }

    @Test
    void slowerSamplingGetsEveryNthTick() throws Exception {
        String id = "ns=2;s=cnc-02/extra/tag-00000";
        var sub = new OpcUaSubscription(client, 100.0);
        sub.create();
        try {
            List<DataValue> received = new CopyOnWriteArrayList<>();
            var item = OpcUaMonitoredItem.newDataItem(NodeId.parse(id));
            item.setSamplingInterval(4.0 * TICK.toMillis());
            item.setQueueSize(uint(10));
            item.setDataValueListener((i, v) -> received.add(v));
            sub.addMonitoredItem(item);
            sub.synchronizeMonitoredItems();
            long ticks0 = server.ticks();
            await(() -> received.size() >= 8, "8 values");
            long ticks = server.ticks() - ticks0;
            assertTrue(ticks >= 4L * (received.size() - 2), ticks + " ticks for " + received.size());
        } finally {
            sub.delete();
        }
    }

    @Test
    void percentDeadbandUsesTheEuRange() throws Exception {
        var sub = new OpcUaSubscription(client, (double) TICK.toMillis());
        sub.create();
        try {
            var analog = OpcUaMonitoredItem.newDataItem(node("cnc-01/extra/tag-00002"));
            analog.setSamplingInterval(TICK.toMillis());
            analog.setFilter(
                    new DataChangeFilter(DataChangeTrigger.StatusValue, uint(DeadbandType.Percent.getValue()),
                            50.0));
            List<DataValue> received = new CopyOnWriteArrayList<>();
            analog.setDataValueListener((i, v) -> received.add(v));
            var notAnalog = OpcUaMonitoredItem.newDataItem(node("cnc-01/state"));
            notAnalog.setFilter(
                    new DataChangeFilter(DataChangeTrigger.StatusValue, uint(DeadbandType.Percent.getValue()),
                            10.0));
            sub.addMonitoredItem(analog);
            sub.addMonitoredItem(notAnalog);
            sub.createMonitoredItems();
            assertTrue(analog.getCreateResult().orElseThrow().isGood(),
                    analog.getCreateResult().toString());
            assertEquals(StatusCodes.Bad_MonitoredItemFilterUnsupported,
                    notAnalog.getCreateResult().orElseThrow().value());
            await(() -> server.valuesPublished(analog.getReadValueId().getNodeId()
                    .toParseableString()) >= 40, "40 published values");
            // a 50 % deadband on a 0..100 tag that moves by about 1 per tick passes only the first value
            assertTrue(received.size() <= 2, "received " + received.size());
        } finally {
            sub.delete();
        }
    }

    @Test
    void sensorDropoutIsPublishedAsBadSensorFailure() throws Exception {
        server.simulation().injectFault("cnc-02", FaultKind.SENSOR_DROPOUT, MachineSignal.MOTOR_CURRENT);
        List<FaultEvent> truth = server.simulation().groundTruth();
        assertEquals("motor_current", truth.get(truth.size() - 1).signal());
        await(() -> {
            try {
                DataValue v = client.readValue(0, TimestampsToReturn.Both, node("cnc-02/motor_current"));
                return v.statusCode().value() == StatusCodes.Bad_SensorFailure;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "Bad_SensorFailure");
    }
}
