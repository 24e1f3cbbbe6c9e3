package org.industry4.opcua.sim;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.items.DataItem;
import org.eclipse.milo.opcua.sdk.server.items.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.model.variables.AnalogItemTypeNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaFolderNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.util.SubscriptionModel;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.structured.EUInformation;
import org.eclipse.milo.opcua.stack.core.types.structured.Range;
import org.eclipse.milo.opcua.stack.core.types.structured.WriteValue;
import org.eclipse.milo.opcua.sdk.server.AddressSpace.WriteContext;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UByte;

/**
 * The address space of the simulated machines, with push-based publishing: on every tick each
 * variable whose value changed is set on its node and handed to the monitored items of that node
 * whose sampling is due (exception-based reporting, as a PLC server does), instead of Milo's
 * polling {@link SubscriptionModel}, which aliases away changes when the sampling and update
 * periods are equal. Monitored items on other nodes or attributes (folders, properties, display
 * names) are served by a {@link SubscriptionModel}.
 *
 * <p>Locking: every access to the variables and their items holds the simulation's monitor; the
 * server's tick thread holds it while stepping and publishing.
 */
final class SimNamespace extends ManagedNamespaceWithLifecycle {

    static final String NAMESPACE_URI = "urn:industry4:simulated-machines";
    private static final String UNITS_URI = "http://www.opcfoundation.org/UA/units/un/cefact";
    private static final StatusCode SENSOR_FAILURE = new StatusCode(StatusCodes.Bad_SensorFailure);
    private static final StatusCode OUT_OF_RANGE = new StatusCode(StatusCodes.Bad_OutOfRange);
    private static final Item[] NO_ITEMS = new Item[0];

    private final MachineSimulation sim;
    private final AtomicLong published;
    private final double tickMillis;
    private final SubscriptionModel otherItems;
    private final Map<NodeId, Var> vars = new HashMap<>();
    private final Var[][] signalVars;
    private final Var[][] extraVars;
    private final List<String> nodeIds = new ArrayList<>();

    SimNamespace(OpcUaServer server, MachineSimulation sim, AtomicLong published) {
        super(server, NAMESPACE_URI);
        this.sim = sim;
        this.published = published;
        this.tickMillis = sim.options().tick().toNanos() / 1e6;
        int machines = sim.machineCount();
        signalVars = new Var[machines][MachineSignal.values().length];
        extraVars = new Var[machines][sim.options().extraTagsPerMachine()];
        otherItems = new SubscriptionModel(server, this);
        getLifecycleManager().addLifecycle(otherItems);
        getLifecycleManager().addStartupTask(this::createNodes);
    }

    /** Every simulated variable's NodeId in parseable form, in address-space order. */
    List<String> variableNodeIds() {
        return List.copyOf(nodeIds);
    }

    /** Values handed to the items of one variable, or -1 if unknown. Caller holds the monitor. */
    long publishedFor(NodeId nodeId) {
        Var v = vars.get(nodeId);
        return v == null ? -1 : v.published;
    }

    // ---------------------------------------------------------------- address space

    private void createNodes() {
        synchronized (sim) {
            UaFolderNode machinesFolder = folder("Machines", "Machines", "Simulated CNC machines");
            machinesFolder.addReference(
                    new Reference(
                            machinesFolder.getNodeId(),
                            NodeIds.Organizes,
                            NodeIds.ObjectsFolder.expanded(),
                            false));
            int extras = sim.options().extraTagsPerMachine();
            for (int m = 0; m < sim.machineCount(); m++) {
                String machine = sim.machineIds().get(m);
                UaFolderNode machineFolder = folder(machine, machine, "Simulated CNC machine " + machine);
                machinesFolder.addOrganizes(machineFolder);
                UaFolderNode setpoints =
                        folder(machine + "/setpoint", "Setpoints", "Writable setpoints of " + machine);
                for (MachineSignal s : MachineSignal.values()) {
                    UaVariableNode node = variable(machine, s);
                    (s.isSetpoint() ? setpoints : machineFolder).addOrganizes(node);
                    signalVars[m][s.ordinal()] = register(node, m, s);
                }
                machineFolder.addOrganizes(setpoints);
                if (extras > 0) {
                    UaFolderNode extra =
                            folder(machine + "/extra", "Extra", "Synthetic load-test tags of " + machine);
                    machineFolder.addOrganizes(extra);
                    for (int j = 0; j < extras; j++) {
                        UaVariableNode node = extraVariable(machine, j);
                        extra.addOrganizes(node);
                        extraVars[m][j] = register(node, m, null);
                    }
                }
            }
            publish(new DateTime(sim.time()), DateTime.now());
        }
    }

    private UaFolderNode folder(String id, String name, String description) {
        UaFolderNode folder =
                new UaFolderNode(
                        getNodeContext(),
                        newNodeId(id),
                        newQualifiedName(name),
                        LocalizedText.english(name));
        folder.setDescription(LocalizedText.english(description));
        getNodeManager().addNode(folder);
        return folder;
    }

    private Var register(UaVariableNode node, int machine, MachineSignal signal) {
        Var v = new Var(node, machine, signal);
        vars.put(node.getNodeId(), v);
        nodeIds.add(node.getNodeId().toParseableString());
        return v;
    }

    private UaVariableNode variable(String machine, MachineSignal s) {
        NodeId nodeId = newNodeId(machine + "/" + s.path());
        String browseName = s.path().substring(s.path().lastIndexOf('/') + 1);
        LocalizedText displayName = LocalizedText.english(s.displayName());
        LocalizedText description = LocalizedText.english(s.description());
        var access = AccessLevel.toValue(s.isSetpoint() ? AccessLevel.READ_WRITE : AccessLevel.READ_ONLY);
        NodeId dataType =
                switch (s.type()) {
                    case DOUBLE -> NodeIds.Double;
                    case INT32 -> NodeIds.Int32;
                    case UINT32 -> NodeIds.UInt32;
                    case BOOLEAN -> NodeIds.Boolean;
                };
        UaVariableNode node;
        if (s.isAnalog()) {
            node = analog(nodeId, browseName, displayName, description, access, s.euLow(), s.euHigh(),
                    s.unit(), s.uneceCode(), s.displayName());
        } else {
            node =
                    UaVariableNode.builder(getNodeContext())
                            .setNodeId(nodeId)
                            .setBrowseName(newQualifiedName(browseName))
                            .setDisplayName(displayName)
                            .setDescription(description)
                            .setDataType(dataType)
                            .setTypeDefinition(NodeIds.BaseDataVariableType)
                            .setAccessLevel(access)
                            .setUserAccessLevel(access)
                            .setMinimumSamplingInterval(tickMillis)
                            .build();
            getNodeManager().addNode(node);
        }
        return node;
    }

    private UaVariableNode extraVariable(String machine, int tag) {
        String name = String.format("tag-%05d", tag);
        return analog(
                newNodeId(machine + "/extra/" + name),
                name,
                LocalizedText.english(name),
                LocalizedText.english("Synthetic load-test tag; changes on every tick"),
                AccessLevel.toValue(AccessLevel.READ_ONLY),
                0,
                100,
                "",
                "",
                name);
    }

    private AnalogItemTypeNode analog(
            NodeId nodeId,
            String browseName,
            LocalizedText displayName,
            LocalizedText description,
            UByte access,
            double low,
            double high,
            String unit,
            String uneceCode,
            String what) {
        var node =
                new AnalogItemTypeNode(
                        getNodeContext(),
                        nodeId,
                        newQualifiedName(browseName),
                        displayName,
                        description,
                        uint(0),
                        uint(0),
                        null,
                        null,
                        null,
                        new DataValue(Variant.NULL_VALUE, new StatusCode(StatusCodes.Bad_WaitingForInitialData)),
                        NodeIds.Double,
                        -1,
                        null,
                        access,
                        access,
                        tickMillis,
                        false,
                        null);
        node.addReference(
                new Reference(nodeId, NodeIds.HasTypeDefinition, NodeIds.AnalogItemType.expanded(), true));
        getNodeManager().addNode(node);
        node.setEuRange(new Range(low, high));
        node.setEngineeringUnits(
                new EUInformation(
                        uneceCode.isEmpty() ? null : UNITS_URI,
                        uneceCode.isEmpty() ? -1 : unitId(uneceCode),
                        LocalizedText.english(unit),
                        LocalizedText.english(unit.isEmpty() ? what + " (no unit)" : unit)));
        return node;
    }

    /** The OPC UA unitId of a UNECE common code: its characters packed into an Int32. */
    static int unitId(String uneceCode) {
        int id = 0;
        for (int i = 0; i < uneceCode.length(); i++) {
            id = (id << 8) | (uneceCode.charAt(i) & 0xFF);
        }
        return id;
    }

    // ---------------------------------------------------------------- publishing

    /**
     * Publishes the simulation's current values. Caller holds the simulation's monitor.
     *
     * @param sourceTime the tick's time
     * @param serverTime now
     */
    void publish(DateTime sourceTime, DateTime serverTime) {
        int signals = MachineSignal.values().length;
        for (int m = 0; m < signalVars.length; m++) {
            Var[] row = signalVars[m];
            for (int s = 0; s < signals; s++) {
                Var v = row[s];
                if (v != null) {
                    update(v, sim.reportedAt(m, s), sim.goodAt(m, s), sourceTime, serverTime);
                }
            }
            Var[] extra = extraVars[m];
            for (int j = 0; j < extra.length; j++) {
                Var v = extra[j];
                if (v != null) {
                    update(v, sim.extraAt(m, j), true, sourceTime, serverTime);
                }
            }
        }
    }

    private void update(Var v, double value, boolean good, DateTime src, DateTime srv) {
        refresh(v, value, good, src, srv);
        Item[] items = v.items;
        for (Item it : items) {
            if (!it.item.isSamplingEnabled() || --it.countdown > 0) {
                continue;
            }
            it.countdown = it.every;
            if (it.version != v.version) {
                deliver(v, it);
            }
        }
    }

    /** Sets the node's value if it changed; returns whether it did. */
    private boolean refresh(Var v, double value, boolean good, DateTime src, DateTime srv) {
        if (v.current != null && good == v.good && (!good || Double.compare(value, v.value) == 0)) {
            return false;
        }
        v.value = value;
        v.good = good;
        v.version++;
        v.current =
                good
                        ? new DataValue(variant(v.signal, value), StatusCode.GOOD, src, srv)
                        : new DataValue(Variant.NULL_VALUE, SENSOR_FAILURE, src, srv);
        v.node.setValue(v.current);
        return true;
    }

    private void deliver(Var v, Item it) {
        it.item.setValue(v.current);
        it.version = v.version;
        v.published++;
        published.incrementAndGet();
    }

    private static Variant variant(MachineSignal signal, double value) {
        if (signal == null) {
            return new Variant(value);
        }
        return switch (signal.type()) {
            case DOUBLE -> new Variant(value);
            case INT32 -> new Variant((int) value);
            case UINT32 -> new Variant(uint((long) value));
            case BOOLEAN -> new Variant(value != 0);
        };
    }

    // ---------------------------------------------------------------- monitored items

    private Var valueVar(MonitoredItem item) {
        if (!AttributeId.Value.uid().equals(item.getReadValueId().getAttributeId())) {
            return null;
        }
        String range = item.getReadValueId().getIndexRange();
        if (range != null && !range.isEmpty()) {
            return null;
        }
        return vars.get(item.getReadValueId().getNodeId());
    }

    private int every(DataItem item) {
        double interval = item.getSamplingInterval();
        return Math.max(1, (int) Math.round(interval / tickMillis));
    }

    @Override
    public void onDataItemsCreated(List<DataItem> dataItems) {
        List<DataItem> others = new ArrayList<>();
        synchronized (sim) {
            for (DataItem item : dataItems) {
                Var v = valueVar(item);
                if (v == null) {
                    others.add(item);
                    continue;
                }
                Item it = new Item(item, every(item));
                Item[] items = Arrays.copyOf(v.items, v.items.length + 1);
                items[items.length - 1] = it;
                v.items = items;
                if (item.isSamplingEnabled() && v.current != null) {
                    deliver(v, it);
                }
            }
        }
        if (!others.isEmpty()) {
            otherItems.onDataItemsCreated(others);
        }
    }

    @Override
    public void onDataItemsModified(List<DataItem> dataItems) {
        List<DataItem> others = new ArrayList<>();
        synchronized (sim) {
            for (DataItem item : dataItems) {
                Var v = valueVar(item);
                Item it = v == null ? null : find(v, item);
                if (it == null) {
                    others.add(item);
                } else {
                    it.every = every(item);
                    it.countdown = Math.min(it.countdown, it.every);
                }
            }
        }
        if (!others.isEmpty()) {
            otherItems.onDataItemsModified(others);
        }
    }

    @Override
    public void onDataItemsDeleted(List<DataItem> dataItems) {
        List<DataItem> others = new ArrayList<>();
        synchronized (sim) {
            for (DataItem item : dataItems) {
                Var v = valueVar(item);
                if (v == null || find(v, item) == null) {
                    others.add(item);
                    continue;
                }
                Item[] items = new Item[v.items.length - 1];
                int k = 0;
                for (Item it : v.items) {
                    if (it.item != item) {
                        items[k++] = it;
                    }
                }
                v.items = items.length == 0 ? NO_ITEMS : items;
            }
        }
        if (!others.isEmpty()) {
            otherItems.onDataItemsDeleted(others);
        }
    }

    @Override
    public void onMonitoringModeChanged(List<MonitoredItem> monitoredItems) {
        List<MonitoredItem> others = new ArrayList<>();
        synchronized (sim) {
            for (MonitoredItem item : monitoredItems) {
                Var v = valueVar(item);
                Item it = v == null ? null : find(v, item);
                if (it == null) {
                    others.add(item);
                } else if (item.isSamplingEnabled() && v.current != null) {
                    // Disabling clears the item's last value: give it the current one again.
                    deliver(v, it);
                    it.countdown = it.every;
                }
            }
        }
        if (!others.isEmpty()) {
            otherItems.onMonitoringModeChanged(others);
        }
    }

    private static Item find(Var v, MonitoredItem item) {
        for (Item it : v.items) {
            if (it.item == item) {
                return it;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- writes

    @Override
    public List<StatusCode> write(WriteContext context, List<WriteValue> writeValues) {
        List<StatusCode> results = new ArrayList<>(writeValues.size());
        for (WriteValue wv : writeValues) {
            Var v = vars.get(wv.getNodeId());
            boolean setpointValue =
                    v != null
                            && v.signal != null
                            && v.signal.isSetpoint()
                            && AttributeId.Value.uid().equals(wv.getAttributeId());
            Object value = wv.getValue().value().value();
            if (setpointValue
                    && v.signal.isAnalog()
                    && value instanceof Double d
                    && !MachineSimulation.inRange(v.signal, d)) {
                results.add(OUT_OF_RANGE);
                continue;
            }
            StatusCode result = super.write(context, List.of(wv)).get(0);
            if (setpointValue && result.isGood()) {
                apply(v, value);
            }
            results.add(result);
        }
        return results;
    }

    private void apply(Var v, Object value) {
        String machine = sim.machineIds().get(v.machine);
        synchronized (sim) {
            switch (v.signal) {
                case SPINDLE_SPEED_SETPOINT -> sim.setSpindleSpeedSetpoint(machine, (Double) value);
                case FEED_OVERRIDE_SETPOINT -> sim.setFeedOverride(machine, (Double) value);
                case COOLANT_ON_SETPOINT -> sim.setCoolantOn(machine, (Boolean) value);
                default -> throw new IllegalStateException("not a setpoint: " + v.signal);
            }
            // Source time on the simulation's clock, like every other value (it is plant time when
            // the server runs in compressed time).
            if (refresh(v, sim.reportedAt(v.machine, v.signal.ordinal()), true, new DateTime(sim.time()),
                    DateTime.now())) {
                for (Item it : v.items) {
                    if (it.item.isSamplingEnabled() && it.version != v.version) {
                        deliver(v, it);
                    }
                }
            }
        }
    }

    /** One published variable; fields guarded by the simulation's monitor. */
    private static final class Var {
        final UaVariableNode node;
        final int machine;
        final MachineSignal signal;
        Item[] items = NO_ITEMS;
        DataValue current;
        double value;
        boolean good;
        long version;
        long published;

        Var(UaVariableNode node, int machine, MachineSignal signal) {
            this.node = node;
            this.machine = machine;
            this.signal = signal;
        }
    }

    /** A monitored item of a variable, with its own sampling pace in ticks. */
    private static final class Item {
        final DataItem item;
        int every;
        int countdown;
        long version = -1;

        Item(DataItem item, int every) {
            this.item = item;
            this.every = every;
            this.countdown = every;
        }
    }
}
