package org.industry4.opcua.client;

import java.util.Optional;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.OperationLimits;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operations per service call: the server's operation limits
 * ({@code Server_ServerCapabilities_OperationLimits}) where it publishes them, capped by what keeps
 * one message well under Milo's 2 MiB default message size.
 */
record Limits(int readNodes, int writeNodes, int browseNodes, int translateNodes, int monitoredItems) {

    private static final Logger LOG = LoggerFactory.getLogger(Limits.class);

    static final int CAP_READ = 2_000;
    static final int CAP_WRITE = 1_000;
    static final int CAP_BROWSE = 500;
    static final int CAP_TRANSLATE = 1_000;
    static final int CAP_MONITORED_ITEMS = 10_000;

    static Limits of(OpcUaClient client) {
        OperationLimits ol;
        try {
            ol = client.getOperationLimits();
        } catch (UaException e) {
            LOG.debug("cannot read operation limits ({}); using defaults", e.getStatusCode());
            return new Limits(CAP_READ, CAP_WRITE, CAP_BROWSE, CAP_TRANSLATE, CAP_MONITORED_ITEMS);
        }
        return new Limits(
                min(ol.maxNodesPerRead(), CAP_READ),
                min(ol.maxNodesPerWrite(), CAP_WRITE),
                min(ol.maxNodesPerBrowse(), CAP_BROWSE),
                min(ol.maxNodesPerTranslateBrowsePathsToNodeIds(), CAP_TRANSLATE),
                min(ol.maxMonitoredItemsPerCall(), CAP_MONITORED_ITEMS));
    }

    /** The server limit (0 or absent = none) capped at {@code cap}. */
    private static int min(Optional<UInteger> serverLimit, int cap) {
        long v = serverLimit.map(UInteger::longValue).orElse(0L);
        return v <= 0 ? cap : (int) Math.min(v, cap);
    }
}
