package org.industry4.opcua.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.industry4.core.TelemetryException;
import org.industry4.core.TelemetrySink;
import org.industry4.core.TelemetrySource;

/**
 * A set of OPC UA nodes as a {@link TelemetrySource}: code that consumes any source (a model that
 * scores a stream, a recorder) can be handed live PLC data without knowing OPC UA.
 *
 * <pre>{@code
 * TelemetrySource source = OpcUaSource.of(collector, nodeIds, new SubscriptionOptions());
 * source.start(sink);   // subscribes; samples and outage gaps flow to the sink
 * ...
 * source.close();       // ends the subscription; the collector stays connected
 * }</pre>
 *
 * The collector is not owned: closing the source closes only its subscription. Thread-safe.
 */
public final class OpcUaSource implements TelemetrySource {

    private final OpcUaCollector collector;
    private final List<String> nodeIds;
    private final SubscriptionOptions options;
    private CollectorSubscription subscription; // guarded by this
    private boolean closed; // guarded by this

    private OpcUaSource(OpcUaCollector collector, List<String> nodeIds, SubscriptionOptions options) {
        this.collector = Objects.requireNonNull(collector, "collector");
        this.nodeIds = List.copyOf(nodeIds);
        this.options = Objects.requireNonNull(options, "options");
        if (this.nodeIds.isEmpty()) {
            throw new IllegalArgumentException("an OPC UA source needs at least one node id, got none");
        }
    }

    /** A source of the given nodes, subscribed with {@code options} when it is started. */
    public static OpcUaSource of(OpcUaCollector collector, List<String> nodeIds, SubscriptionOptions options) {
        return new OpcUaSource(collector, nodeIds, options);
    }

    /**
     * Subscribes to the nodes, delivering to {@code sink}. Nodes the server refuses are reported in
     * {@link #subscription()}'s {@link CollectorSubscription#failedItems()}, not thrown.
     *
     * @throws IllegalStateException if already started or closed
     * @throws TelemetryException    if the subscription could not be created (not connected, the
     *                               service call failed); the cause says why
     */
    @Override
    public synchronized void start(TelemetrySink sink) {
        Objects.requireNonNull(sink, "sink");
        if (closed) {
            throw new IllegalStateException("OPC UA source of " + nodeIds.size() + " nodes is closed");
        }
        if (subscription != null) {
            throw new IllegalStateException("OPC UA source of " + nodeIds.size() + " nodes was already started");
        }
        try {
            subscription = collector.subscribe(nodeIds, options, sink);
        } catch (OpcUaServiceException e) {
            throw new TelemetryException("could not start OPC UA source of " + nodeIds.size() + " nodes on "
                    + collector.config().endpointUrl() + ": " + e.getMessage(), e);
        }
    }

    /** The subscription, once started: per-item statuses and revised settings. */
    public synchronized Optional<CollectorSubscription> subscription() {
        return Optional.ofNullable(subscription);
    }

    /** Ends the subscription (if started); the collector stays open. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (subscription != null) {
            subscription.close();
        }
    }
}
