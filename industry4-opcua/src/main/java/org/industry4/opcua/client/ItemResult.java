package org.industry4.opcua.client;

import java.time.Duration;
import java.util.Objects;
import org.industry4.core.SignalId;

/**
 * The state of one node of a {@link CollectorSubscription}.
 *
 * @param nodeId                  the node id as requested
 * @param signal                  the signal its samples carry (the string identifier of a string
 *                                node id, else the node id text)
 * @param status                  {@code Good} when the monitored item exists, else why not:
 *                                {@code Bad_NodeIdUnknown}, {@code Bad_NodeIdInvalid},
 *                                {@code Bad_TypeMismatch} (not numeric), {@code Bad_FilterNotAllowed},
 *                                {@code Bad_TooManyMonitoredItems}...
 * @param reason                  the reason in words; {@code ""} when good
 * @param revisedSamplingInterval the sampling interval the server granted; zero for failed items
 * @param revisedQueueSize        the queue size the server granted; 0 for failed items
 */
public record ItemResult(String nodeId, SignalId signal, OpcUaStatus status, String reason,
                         Duration revisedSamplingInterval, int revisedQueueSize) {

    public ItemResult {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(revisedSamplingInterval, "revisedSamplingInterval");
    }

    /** Whether the item is being collected. */
    public boolean isGood() {
        return status.isGood();
    }

    static ItemResult failed(String nodeId, SignalId signal, OpcUaStatus status, String reason) {
        return new ItemResult(nodeId, signal, status, reason, Duration.ZERO, 0);
    }
}
