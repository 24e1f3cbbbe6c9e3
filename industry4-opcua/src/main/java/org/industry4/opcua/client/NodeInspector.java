package org.industry4.opcua.client;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.core.typetree.DataType;
import org.eclipse.milo.opcua.sdk.core.typetree.DataTypeTree;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.OpcUaDataType;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExpandedNodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExtensionObject;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.enumerated.NodeClass;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowsePath;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowsePathResult;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowsePathTarget;
import org.eclipse.milo.opcua.stack.core.types.structured.EUInformation;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.eclipse.milo.opcua.stack.core.types.structured.RelativePath;
import org.eclipse.milo.opcua.stack.core.types.structured.RelativePathElement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what the collector needs to know about variables, in batches within the server's limits:
 * node class, data type (name and whether it can become a sample), value rank, access, display
 * name, description and the engineering unit of analog items.
 */
final class NodeInspector {

    private static final Logger LOG = LoggerFactory.getLogger(NodeInspector.class);

    /** How a variable's values map to samples. */
    enum Kind {
        /** A scalar number or Boolean: every value becomes a sample. */
        NUMERIC,
        /** Declared as an abstract type (BaseDataType, Number): values are converted one by one. */
        DYNAMIC,
        /** Never a number (String, ByteString, structure, array...): cannot become samples. */
        NOT_NUMERIC
    }

    /** What is known about one node; {@code status} is the status of reading its node class. */
    record Facts(NodeId nodeId, OpcUaStatus status, NodeClass nodeClass, NodeId dataTypeId,
                 String dataTypeName, Kind kind, int valueRank, boolean readable, boolean writable,
                 String displayName, String description, String unit) {

        boolean exists() {
            return !status.isBad();
        }
    }

    private static final AttributeId[] ATTRIBUTES = {AttributeId.NodeClass, AttributeId.DataType,
        AttributeId.ValueRank, AttributeId.UserAccessLevel, AttributeId.DisplayName, AttributeId.Description};

    private static final Set<NodeId> DYNAMIC_TYPES = Set.of(NodeIds.BaseDataType, NodeIds.Number,
            NodeIds.Integer, NodeIds.UInteger);

    private NodeInspector() {
    }

    /** Facts for every node, in order. Throws only when a whole service call fails. */
    static List<Facts> inspect(OpcUaClient client, Limits limits, List<NodeId> nodes) throws UaException {
        List<ReadValueId> reads = new ArrayList<>(nodes.size() * ATTRIBUTES.length);
        for (NodeId n : nodes) {
            for (AttributeId a : ATTRIBUTES) {
                reads.add(new ReadValueId(n, a.uid(), null, QualifiedName.NULL_VALUE));
            }
        }
        List<DataValue> values = read(client, limits, reads);

        List<Facts> partial = new ArrayList<>(nodes.size());
        Set<NodeId> typeIds = new LinkedHashSet<>();
        List<NodeId> variables = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            int base = i * ATTRIBUTES.length;
            DataValue nodeClassValue = values.get(base);
            OpcUaStatus status = OpcUaStatus.of(nodeClassValue.statusCode());
            NodeClass nodeClass = nodeClassValue.value().value() instanceof Integer c ? NodeClass.from(c) : null;
            NodeId dataType = values.get(base + 1).value().value() instanceof NodeId t ? t : null;
            int valueRank = values.get(base + 2).value().value() instanceof Integer r ? r : -1;
            int access = values.get(base + 3).value().value() instanceof Number a ? a.intValue() : 0;
            String display = text(values.get(base + 4));
            String description = text(values.get(base + 5));
            if (dataType != null) {
                typeIds.add(dataType);
            }
            if (nodeClass == NodeClass.Variable) {
                variables.add(nodes.get(i));
            }
            partial.add(new Facts(nodes.get(i), status, nodeClass, dataType, "", Kind.NOT_NUMERIC, valueRank,
                    (access & 0x01) != 0, (access & 0x02) != 0, display, description, ""));
        }
        Map<NodeId, TypeInfo> types = classify(client, limits, typeIds);
        Map<NodeId, String> units = units(client, limits, variables);

        List<Facts> out = new ArrayList<>(partial.size());
        for (Facts f : partial) {
            TypeInfo t = f.dataTypeId() == null ? new TypeInfo("", Kind.NOT_NUMERIC) : types.get(f.dataTypeId());
            Kind kind = f.valueRank() == -1 || f.valueRank() == -2 || f.valueRank() == -3 ? t.kind() : Kind.NOT_NUMERIC;
            if (kind == Kind.NUMERIC && f.valueRank() != -1) {
                kind = Kind.DYNAMIC;
            }
            out.add(new Facts(f.nodeId(), f.status(), f.nodeClass(), f.dataTypeId(), t.name(), kind,
                    f.valueRank(), f.readable(), f.writable(), f.displayName(), f.description(),
                    units.getOrDefault(f.nodeId(), "")));
        }
        return out;
    }

    /** Reads in batches within the limits; one value per request, in order. */
    static List<DataValue> read(OpcUaClient client, Limits limits, List<ReadValueId> reads) throws UaException {
        List<DataValue> out = new ArrayList<>(reads.size());
        for (int start = 0; start < reads.size(); start += limits.readNodes()) {
            List<ReadValueId> batch = reads.subList(start, Math.min(reads.size(), start + limits.readNodes()));
            DataValue[] results = client.read(0.0, TimestampsToReturn.Both, batch).getResults();
            if (results == null || results.length != batch.size()) {
                throw new UaException(StatusCodes.Bad_UnexpectedError, "server answered "
                        + (results == null ? 0 : results.length) + " values for " + batch.size() + " reads");
            }
            out.addAll(Arrays.asList(results));
        }
        return out;
    }

    private record TypeInfo(String name, Kind kind) {
    }

    private static Map<NodeId, TypeInfo> classify(OpcUaClient client, Limits limits, Set<NodeId> typeIds)
            throws UaException {
        Map<NodeId, TypeInfo> out = new HashMap<>();
        List<NodeId> custom = new ArrayList<>();
        for (NodeId id : typeIds) {
            if (DYNAMIC_TYPES.contains(id)) {
                out.put(id, new TypeInfo(id.equals(NodeIds.BaseDataType) ? "BaseDataType"
                        : standardName(id), Kind.DYNAMIC));
            } else if (OpcUaDataType.isBuiltin(id)) {
                OpcUaDataType t = OpcUaDataType.fromNodeId(id);
                out.put(id, new TypeInfo(t.name(), isNumeric(t) ? Kind.NUMERIC : Kind.NOT_NUMERIC));
            } else {
                custom.add(id);
            }
        }
        if (custom.isEmpty()) {
            return out;
        }
        DataTypeTree tree;
        try {
            tree = client.getDataTypeTree();
        } catch (UaException e) {
            LOG.warn("cannot read the server's data type tree ({}); treating {} custom data types as"
                    + " not numeric", OpcUaStatus.of(e.getStatusCode()), custom.size());
            tree = null;
        }
        List<ReadValueId> nameReads = new ArrayList<>();
        for (NodeId id : custom) {
            nameReads.add(new ReadValueId(id, AttributeId.BrowseName.uid(), null, QualifiedName.NULL_VALUE));
        }
        List<DataValue> names = read(client, limits, nameReads);
        for (int i = 0; i < custom.size(); i++) {
            NodeId id = custom.get(i);
            String name = names.get(i).value().value() instanceof QualifiedName q && q.getName() != null
                    ? q.getName() : id.toParseableString();
            Kind kind = Kind.NOT_NUMERIC;
            if (tree != null && tree.containsType(id)) {
                if (tree.isEnumType(id)) {
                    kind = Kind.NUMERIC;
                } else {
                    OpcUaDataType builtin = tree.getBuiltinType(id);
                    if (isNumeric(builtin)) {
                        kind = Kind.NUMERIC;
                    } else if (tree.isSubtypeOf(id, NodeIds.Number)) {
                        kind = Kind.DYNAMIC;
                    }
                }
                DataType type = tree.getDataType(id);
                if (type != null && type.getBrowseName() != null && type.getBrowseName().getName() != null) {
                    name = type.getBrowseName().getName();
                }
            }
            out.put(id, new TypeInfo(name, kind));
        }
        return out;
    }

    private static String standardName(NodeId id) {
        if (id.equals(NodeIds.Number)) {
            return "Number";
        }
        if (id.equals(NodeIds.Integer)) {
            return "Integer";
        }
        return "UInteger";
    }

    static boolean isNumeric(OpcUaDataType t) {
        return switch (t) {
            case Boolean, SByte, Byte, Int16, UInt16, Int32, UInt32, Int64, UInt64, Float, Double -> true;
            default -> false;
        };
    }

    /** The EngineeringUnits display name per variable that has one. */
    private static Map<NodeId, String> units(OpcUaClient client, Limits limits, List<NodeId> variables)
            throws UaException {
        Map<NodeId, String> out = new HashMap<>();
        if (variables.isEmpty()) {
            return out;
        }
        RelativePath path = new RelativePath(new RelativePathElement[]{new RelativePathElement(
                NodeIds.HasProperty, false, true, new QualifiedName(0, "EngineeringUnits"))});
        List<NodeId> owners = new ArrayList<>();
        List<ReadValueId> reads = new ArrayList<>();
        for (int start = 0; start < variables.size(); start += limits.translateNodes()) {
            List<NodeId> batch = variables.subList(start, Math.min(variables.size(), start + limits.translateNodes()));
            List<BrowsePath> paths = batch.stream().map(n -> new BrowsePath(n, path)).toList();
            BrowsePathResult[] results = client.translateBrowsePaths(paths).getResults();
            if (results == null) {
                continue;
            }
            for (int i = 0; i < Math.min(results.length, batch.size()); i++) {
                BrowsePathTarget[] targets = results[i].getTargets();
                if (!results[i].getStatusCode().isGood() || targets == null || targets.length == 0) {
                    continue;
                }
                ExpandedNodeId target = targets[0].getTargetId();
                target.toNodeId(client.getNamespaceTable()).ifPresent(unitNode -> {
                    reads.add(new ReadValueId(unitNode, AttributeId.Value.uid(), null, QualifiedName.NULL_VALUE));
                });
                if (target.toNodeId(client.getNamespaceTable()).isPresent()) {
                    owners.add(batch.get(i));
                }
            }
        }
        List<DataValue> values = read(client, limits, reads);
        for (int i = 0; i < owners.size(); i++) {
            Object v = values.get(i).value().value();
            if (v instanceof ExtensionObject xo) {
                try {
                    if (xo.decode(client.getStaticEncodingContext()) instanceof EUInformation eu
                            && eu.getDisplayName() != null && eu.getDisplayName().getText() != null) {
                        out.put(owners.get(i), eu.getDisplayName().getText());
                    }
                } catch (RuntimeException e) {
                    LOG.debug("cannot decode EngineeringUnits of {}: {}", owners.get(i), e.toString());
                }
            } else if (v instanceof EUInformation eu && eu.getDisplayName() != null
                    && eu.getDisplayName().getText() != null) {
                out.put(owners.get(i), eu.getDisplayName().getText());
            }
        }
        return out;
    }

    private static String text(DataValue v) {
        if (v.value().value() instanceof LocalizedText t && t.getText() != null) {
            return t.getText();
        }
        return "";
    }
}
