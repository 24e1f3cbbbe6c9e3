package org.industry4.opcua.client;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseDirection;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseResultMask;
import org.eclipse.milo.opcua.stack.core.types.enumerated.NodeClass;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseResult;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recursive, breadth-first browse of hierarchical references (Organizes, HasComponent, ...; not
 * HasProperty: properties such as EURange describe their variable and are not reported), one
 * batched Browse call per level, continuation points followed.
 */
final class AddressSpaceBrowser {

    private static final Logger LOG = LoggerFactory.getLogger(AddressSpaceBrowser.class);

    private static final int MAX_LEVELS = 64;

    private AddressSpaceBrowser() {
    }

    private record Found(NodeId nodeId, String path, String displayName) {
    }

    private record Pending(NodeId nodeId, String path) {
    }

    /**
     * Every variable below {@code start}.
     *
     * @param skipServerObject whether to leave out the standard Server object's diagnostics
     */
    static List<VariableInfo> browseVariables(OpcUaClient client, Limits limits, NodeId start,
                                              boolean skipServerObject) throws UaException {
        List<Found> variables = new ArrayList<>();
        Set<NodeId> visited = new HashSet<>();
        visited.add(start);
        List<Pending> level = List.of(new Pending(start, ""));
        int depth = 0;
        while (!level.isEmpty()) {
            if (++depth > MAX_LEVELS) {
                LOG.warn("browse below {} stopped at depth {}", start.toParseableString(), MAX_LEVELS);
                break;
            }
            List<Pending> next = new ArrayList<>();
            for (int from = 0; from < level.size(); from += limits.browseNodes()) {
                List<Pending> batch = level.subList(from, Math.min(level.size(), from + limits.browseNodes()));
                List<List<ReferenceDescription>> refs = browse(client, batch.stream().map(Pending::nodeId).toList());
                for (int i = 0; i < batch.size(); i++) {
                    Pending parent = batch.get(i);
                    for (ReferenceDescription r : refs.get(i)) {
                        if (NodeIds.HasProperty.equals(r.getReferenceTypeId())) {
                            continue;
                        }
                        NodeId target = r.getNodeId().toNodeId(client.getNamespaceTable()).orElse(null);
                        if (target == null || !visited.add(target)) {
                            continue;
                        }
                        if (skipServerObject && NodeIds.Server.equals(target)) {
                            continue;
                        }
                        String name = r.getBrowseName() == null || r.getBrowseName().getName() == null
                                ? target.toParseableString() : r.getBrowseName().getName();
                        String path = parent.path().isEmpty() ? name : parent.path() + "/" + name;
                        if (r.getNodeClass() == NodeClass.Variable) {
                            String display = r.getDisplayName() == null || r.getDisplayName().getText() == null
                                    ? name : r.getDisplayName().getText();
                            variables.add(new Found(target, path, display));
                            next.add(new Pending(target, path));
                        } else if (r.getNodeClass() == NodeClass.Object) {
                            next.add(new Pending(target, path));
                        }
                    }
                }
            }
            level = next;
        }
        List<NodeInspector.Facts> facts = NodeInspector.inspect(client, limits,
                variables.stream().map(Found::nodeId).toList());
        List<VariableInfo> out = new ArrayList<>(variables.size());
        for (int i = 0; i < variables.size(); i++) {
            Found v = variables.get(i);
            NodeInspector.Facts f = facts.get(i);
            out.add(new VariableInfo(v.nodeId().toParseableString(), v.path(), v.displayName(),
                    f.dataTypeName(), f.unit(), f.readable(), f.writable(),
                    f.kind() != NodeInspector.Kind.NOT_NUMERIC, f.description()));
        }
        return out;
    }

    /** All forward hierarchical references to objects and variables of each node, in order. */
    private static List<List<ReferenceDescription>> browse(OpcUaClient client, List<NodeId> nodes)
            throws UaException {
        List<BrowseDescription> requests = nodes.stream().map(n -> new BrowseDescription(n,
                BrowseDirection.Forward, NodeIds.HierarchicalReferences, true,
                uint(NodeClass.Object.getValue() | NodeClass.Variable.getValue()),
                uint(BrowseResultMask.All.getValue()))).toList();
        List<BrowseResult> results = client.browse(requests);
        if (results.size() != nodes.size()) {
            throw new UaException(StatusCodes.Bad_UnexpectedError, "server answered " + results.size()
                    + " browse results for " + nodes.size() + " nodes");
        }
        List<List<ReferenceDescription>> out = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            List<ReferenceDescription> refs = new ArrayList<>();
            BrowseResult r = results.get(i);
            int rounds = 0;
            while (true) {
                if (r.getStatusCode().isBad()) {
                    if (r.getStatusCode().value() == StatusCodes.Bad_NoContinuationPoints && rounds++ < 3) {
                        r = client.browse(List.of(requests.get(i))).get(0);
                        continue;
                    }
                    LOG.warn("browse of {} failed: {}", nodes.get(i).toParseableString(),
                            OpcUaStatus.of(r.getStatusCode()));
                    break;
                }
                if (r.getReferences() != null) {
                    refs.addAll(List.of(r.getReferences()));
                }
                ByteString cp = r.getContinuationPoint();
                if (cp == null || cp.isNull() || cp.length() == 0) {
                    break;
                }
                BrowseResult[] nextResults = client.browseNext(false, List.of(cp)).getResults();
                if (nextResults == null || nextResults.length == 0) {
                    break;
                }
                r = nextResults[0];
            }
            out.add(refs);
        }
        return out;
    }
}
