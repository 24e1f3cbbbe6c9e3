package org.industry4.opcua.client;

import org.eclipse.milo.opcua.stack.core.NamespaceTable;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExpandedNodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;

/** Parsing of node id text: {@code ns=2;s=x}, {@code i=85}, and {@code nsu=<uri>;s=x}. */
final class NodeIdText {

    private NodeIdText() {
    }

    /**
     * Parses {@code ns=..;} forms.
     *
     * @throws IllegalArgumentException if the text is not a node id
     */
    static NodeId parse(String text) {
        NodeId id = text == null ? null : NodeId.parseOrNull(text.strip());
        if (id == null) {
            throw new IllegalArgumentException("not a node id: \"" + text
                    + "\" (expected for example \"ns=2;s=cnc-01/spindle_speed\" or \"i=85\")");
        }
        return id;
    }

    /** Parses {@code ns=} and {@code nsu=} forms; null if the text is not a node id in this server. */
    static NodeId parseOrNull(String text, NamespaceTable namespaces) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        if (s.startsWith("nsu=")) {
            try {
                return ExpandedNodeId.parse(s).toNodeId(namespaces).orElse(null);
            } catch (RuntimeException e) {
                return null;
            }
        }
        return NodeId.parseOrNull(s);
    }
}
