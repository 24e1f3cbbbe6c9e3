package org.industry4.opcua.client;

import java.util.Objects;

/**
 * The outcome of writing one node.
 *
 * @param nodeId the node id as requested
 * @param status {@code Good}, or why not: {@code Bad_NodeIdUnknown}, {@code Bad_TypeMismatch},
 *               {@code Bad_NotWritable}, {@code Bad_UserAccessDenied}, {@code Bad_OutOfRange},
 *               {@code Bad_NodeIdInvalid} (the text is not a node id)...
 */
public record WriteResult(String nodeId, OpcUaStatus status) {

    public WriteResult {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(status, "status");
    }

    /** Whether the write succeeded. */
    public boolean isGood() {
        return status.isGood();
    }
}
