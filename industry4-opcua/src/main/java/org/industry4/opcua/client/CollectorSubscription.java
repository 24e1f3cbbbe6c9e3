package org.industry4.opcua.client;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.milo.opcua.sdk.client.subscriptions.MonitoredItemServiceOperationResult;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.DataChangeTrigger;
import org.eclipse.milo.opcua.stack.core.types.enumerated.DeadbandType;
import org.eclipse.milo.opcua.stack.core.types.enumerated.NodeClass;
import org.eclipse.milo.opcua.stack.core.types.structured.DataChangeFilter;
import org.industry4.core.SignalId;
import org.industry4.core.SignalInfo;
import org.industry4.core.TelemetryGap;
import org.industry4.core.TelemetrySample;
import org.industry4.core.TelemetrySink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A set of nodes the server reports to the collector by subscription (no polling), delivered as
 * {@link TelemetrySample}s to a {@link TelemetrySink}. Created by {@link OpcUaCollector#subscribe}.
 *
 * <h2>Delivery</h2>
 * Each publish notification from the server becomes one {@code sink.accept(batch)} call, made on
 * Milo's notification thread: a slow sink slows the subscription down (the server queues up to
 * {@code queueSize} values per node, then drops the oldest). The collector never calls its sinks
 * concurrently. A sink that throws loses that batch (counted in {@link CollectorStats#sinkFailures()}
 * and logged) and the subscription goes on.
 *
 * <h2>Outages</h2>
 * When the server goes away, the collector reconnects (see {@link OpcUaCollector}) and creates
 * this subscription's items again. For every item, the outage becomes one
 * {@code sink.gap(new TelemetryGap(signal, start, end, reason))}: {@code start} is the source time
 * of the signal's last sample before the outage (the time the loss was noticed if it had none),
 * {@code end} the source time of its first sample after reconnecting (its receive time if the
 * value is older, i.e. unchanged); the gap is delivered just before that sample. Items the server
 * refuses after reconnecting become failed items, their gap ending at the reconnection; gaps still
 * open at {@link #close()} end at the close.
 *
 * <p>Thread-safety: all methods may be called from any thread.
 */
public final class CollectorSubscription implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CollectorSubscription.class);
    private static final int LOG_EXAMPLES = 5;

    /** A loss of the server: when it was noticed, why. */
    record Outage(Instant start, String reason) {
    }

    /** One requested node and its collection state. */
    static final class Item {
        final String nodeIdText;
        final NodeId nodeId;
        final SignalId signal;
        volatile SignalInfo info;
        volatile ItemResult result;
        volatile Instant lastSourceTime;
        volatile Outage open;
        volatile long closeGeneration;

        Item(String nodeIdText, NodeId nodeId, SignalId signal) {
            this.nodeIdText = nodeIdText;
            this.nodeId = nodeId;
            this.signal = signal;
        }
    }

    private final OpcUaCollector owner;
    private final SubscriptionOptions options;
    private final TelemetrySink sink;
    private final List<Item> items;
    private OpcUaSubscription current; // guarded by this
    private volatile boolean closed;
    private volatile boolean created;
    private volatile Outage lostDuringCreate;
    private volatile BatchPlanner.Outcome<?> lastCreation;
    private volatile long lostDuringCreateGeneration;
    /** The per-call limit refusals taught (0: none); later creations, e.g. after reconnecting, keep to it. */
    private volatile int learnedLimit;

    CollectorSubscription(OpcUaCollector owner, SubscriptionOptions options, TelemetrySink sink,
                          List<Item> items) {
        this.owner = owner;
        this.options = options;
        this.sink = sink;
        this.items = List.copyOf(items);
    }

    /** The items as requested: one per node id, in request order, each with its current state. */
    public List<ItemResult> items() {
        return items.stream().map(i -> i.result).toList();
    }

    /** How many items are being collected. */
    public int activeItems() {
        int n = 0;
        for (Item i : items) {
            if (i.result.isGood()) {
                n++;
            }
        }
        return n;
    }

    /** The items that are not collected, with the reason. */
    public List<ItemResult> failedItems() {
        return items.stream().map(i -> i.result).filter(r -> !r.isGood()).toList();
    }

    /** How the last creation of the items went: calls, largest batch, retried items (for tests). */
    BatchPlanner.Outcome<?> lastCreation() {
        return lastCreation;
    }

    /** The options the subscription was created with. */
    public SubscriptionOptions options() {
        return options;
    }

    /** Whether {@link #close()} was called (or the collector was closed). */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Stops collecting: deletes the subscription on the server (if connected), records the gaps
     * still open as ending now. The sink is not closed (it belongs to the caller). Idempotent.
     */
    @Override
    public void close() {
        OpcUaSubscription toDelete;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toDelete = current;
            current = null;
        }
        owner.unregister(this);
        if (toDelete != null) {
            // without waiting: on a lost connection it fails, and the server drops it with the session
            toDelete.deleteAsync().whenComplete((ok, e) -> {
                if (e != null) {
                    LOG.debug("deleting the subscription on the server failed: {}", e.toString());
                }
            });
        }
        closeOpenGaps("subscription closed before the signal was observed again");
    }

    /** Closing by the collector: no server calls, the session is closed anyway. */
    void closeLocally(String why) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            current = null;
        }
        closeOpenGaps(why);
    }

    private void closeOpenGaps(String why) {
        Instant now = Instant.now();
        List<TelemetryGap> gaps = new ArrayList<>();
        for (Item i : items) {
            Outage o = i.open;
            if (o != null) {
                i.open = null;
                gaps.add(gap(i, o, now, why));
            }
        }
        owner.deliver(sink, List.of(), gaps);
    }

    // ---------------------------------------------------------------- creation

    /**
     * Inspects the nodes and creates the monitored items on the connection. Items are in their
     * final state afterwards (good or failed with a reason).
     *
     * @throws UaException if a whole service call failed (connection lost, ...)
     */
    synchronized void create(UaConnection connection, Limits limits) throws UaException {
        List<Item> candidates = new ArrayList<>();
        List<Item> parseable = items.stream().filter(i -> i.nodeId != null).toList();
        List<NodeInspector.Facts> facts = NodeInspector.inspect(connection.client(), limits,
                parseable.stream().map(i -> i.nodeId).toList());
        for (int k = 0; k < parseable.size(); k++) {
            Item item = parseable.get(k);
            NodeInspector.Facts f = facts.get(k);
            if (!f.exists()) {
                item.result = ItemResult.failed(item.nodeIdText, item.signal, f.status(),
                        "node does not exist or cannot be read: " + f.status().name());
            } else if (f.nodeClass() != NodeClass.Variable) {
                item.result = ItemResult.failed(item.nodeIdText, item.signal,
                        OpcUaStatus.of(StatusCodes.Bad_NodeClassInvalid),
                        "not a variable but a node of class " + (f.nodeClass() == null ? "unknown" : f.nodeClass()));
            } else if (f.kind() == NodeInspector.Kind.NOT_NUMERIC) {
                item.result = ItemResult.failed(item.nodeIdText, item.signal,
                        OpcUaStatus.of(StatusCodes.Bad_TypeMismatch),
                        "data type " + f.dataTypeName() + (f.valueRank() >= 0 ? " (array)" : "")
                                + " is not numeric: only scalar numbers and Booleans become samples");
            } else {
                item.info = new SignalInfo(item.signal, item.nodeIdText, f.dataTypeName(), f.unit(), f.description());
                candidates.add(item);
            }
        }
        // before the first sample can arrive
        owner.describe(sink, candidates.stream().map(i -> i.info).toList());
        current = newMiloSubscription(connection);
        createItems(connection, limits, current, candidates);
        created = true;
        Outage lost = lostDuringCreate;
        if (lost != null) {
            markLost(lost, lostDuringCreateGeneration);
        }
        logFailures("subscribe", items);
    }

    /**
     * Creates the subscription again on a new connection with the items that were active. Items
     * refused now become failed; their gaps end now.
     *
     * @throws UaException if a whole service call failed
     */
    synchronized void recreate(UaConnection connection, Limits limits) throws UaException {
        if (closed || !created) {
            return;
        }
        List<Item> active = items.stream().filter(i -> i.result.isGood()).toList();
        OpcUaSubscription fresh = newMiloSubscription(connection);
        createItems(connection, limits, fresh, active);
        current = fresh;
        Instant now = Instant.now();
        List<TelemetryGap> gaps = new ArrayList<>();
        for (Item i : active) {
            if (!i.result.isGood()) {
                Outage o = i.open;
                if (o != null) {
                    i.open = null;
                    gaps.add(gap(i, o, now, "not re-created after reconnecting: " + i.result.reason()));
                }
            }
        }
        logFailures("re-create", active);
        owner.deliver(sink, List.of(), gaps);
    }

    /** Marks every active item unobserved from now until its first sample from a later connection. */
    void connectionLost(Outage outage, long lostGeneration) {
        lostDuringCreateGeneration = lostGeneration;
        lostDuringCreate = outage;
        if (created) {
            markLost(outage, lostGeneration);
        }
    }

    private void markLost(Outage outage, long lostGeneration) {
        for (Item i : items) {
            if (i.result.isGood()) {
                if (i.open == null) {
                    i.open = outage;
                }
                i.closeGeneration = lostGeneration + 1;
            }
        }
    }

    private OpcUaSubscription newMiloSubscription(UaConnection connection) throws UaException {
        var sub = new OpcUaSubscription(connection.client(), (double) options.publishingInterval().toMillis());
        sub.setSubscriptionListener(new Listener(connection.generation()));
        sub.create();
        return sub;
    }

    /**
     * The server's answer for one item; {@code tooLarge}: the call was refused for its size, so a
     * smaller call may succeed.
     */
    private record Created(OpcUaStatus status, Duration samplingInterval, int queueSize, boolean tooLarge) {
    }

    /**
     * Creates the items in batches of at most the per-call limit: {@link
     * SubscriptionOptions#maxItemsPerCall()}, the server's published {@code MaxMonitoredItemsPerCall}
     * and what earlier refusals taught, whichever is smallest. A call refused as a whole with {@code
     * Bad_TooManyOperations} or {@code Bad_TooManyMonitoredItems} is split and retried. A per-item
     * {@code Bad_TooManyMonitoredItems} (the OPC UA meaning: the server's, session's or
     * subscription's capacity is reached) is final: retrying in smaller calls cannot help.
     */
    private void createItems(UaConnection connection, Limits limits, OpcUaSubscription sub, List<Item> toCreate)
            throws UaException {
        int limit = options.maxItemsPerCall() == 0 ? limits.monitoredItems()
                : Math.min(options.maxItemsPerCall(), limits.monitoredItems());
        int learned = learnedLimit;
        if (learned > 0) {
            limit = Math.min(limit, learned);
        }
        sub.setMaxMonitoredItemsPerCall(uint(limit));
        BatchPlanner.Outcome<Created> outcome;
        try {
            outcome = BatchPlanner.run(toCreate, limit, batch -> createBatch(sub, batch), Created::tooLarge);
        } catch (ServiceFailure e) {
            throw new UaException(e.status, "creating monitored items failed: " + OpcUaStatus.of(e.status));
        }
        lastCreation = outcome;
        if (outcome.refusedCalls() > 0) {
            learnedLimit = outcome.finalLimit();
            LOG.info("the server refused {} CreateMonitoredItems calls of up to {} items as too large; {} items"
                            + " retried in smaller calls ({} calls in all, largest {}); calls of this subscription"
                            + " now carry at most {} items (SubscriptionOptions.maxItemsPerCall sets a limit up front)",
                    outcome.refusedCalls(), limit, outcome.retriedItems(), outcome.calls(), outcome.largestBatch(),
                    outcome.finalLimit());
        } else if (outcome.retriedItems() > 0) {
            LOG.info("the server refused {} monitored items with Bad_TooManyOperations; retried in smaller calls"
                    + " ({} calls, largest {})", outcome.retriedItems(), outcome.calls(), outcome.largestBatch());
        }
        for (int k = 0; k < toCreate.size(); k++) {
            Item item = toCreate.get(k);
            Created c = outcome.results().get(k);
            item.result = c.status().isGood()
                    ? new ItemResult(item.nodeIdText, item.signal, c.status(), "", c.samplingInterval(), c.queueSize())
                    : ItemResult.failed(item.nodeIdText, item.signal, c.status(), refusal(c.status()));
        }
        LOG.debug("created {} monitored items on session {} in {} calls", toCreate.size(),
                connection.generation(), outcome.calls());
    }

    private static String refusal(OpcUaStatus status) {
        if (status.code() == StatusCodes.Bad_TooManyMonitoredItems) {
            return "server refused the monitored item: Bad_TooManyMonitoredItems (a monitored-item limit of the"
                    + " server, session or subscription is reached)";
        }
        return "server refused the monitored item: " + status.name();
    }

    /** A whole CreateMonitoredItems call failed for another reason than its size. */
    private static final class ServiceFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient StatusCode status;

        ServiceFailure(StatusCode status) {
            super(OpcUaStatus.of(status).name(), null, false, false);
            this.status = status;
        }
    }

    private List<Created> createBatch(OpcUaSubscription sub, List<Item> batch) {
        List<OpcUaMonitoredItem> monitored = new ArrayList<>(batch.size());
        for (Item item : batch) {
            OpcUaMonitoredItem mi = OpcUaMonitoredItem.newDataItem(item.nodeId);
            mi.setSamplingInterval((double) options.samplingInterval().toMillis());
            mi.setQueueSize(uint(options.queueSize()));
            mi.setDiscardOldest(true);
            mi.setFilter(filter(options.deadband()));
            mi.setUserObject(item);
            monitored.add(mi);
        }
        sub.addMonitoredItems(monitored);
        Set<OpcUaMonitoredItem> wanted = Collections.newSetFromMap(new IdentityHashMap<>());
        wanted.addAll(monitored);
        Map<OpcUaMonitoredItem, MonitoredItemServiceOperationResult> byItem = new IdentityHashMap<>();
        for (MonitoredItemServiceOperationResult r : sub.createMonitoredItems(wanted::contains)) {
            byItem.put(r.monitoredItem(), r);
        }
        List<Created> out = new ArrayList<>(batch.size());
        for (OpcUaMonitoredItem mi : monitored) {
            MonitoredItemServiceOperationResult r = byItem.get(mi);
            StatusCode status;
            boolean tooLarge;
            if (r == null) {
                status = new StatusCode(StatusCodes.Bad_UnexpectedError);
                tooLarge = false;
            } else if (!r.serviceResult().isGood()) {
                // the whole call failed
                status = r.serviceResult();
                long code = status.value();
                if (code != StatusCodes.Bad_TooManyOperations && code != StatusCodes.Bad_TooManyMonitoredItems) {
                    sub.removeMonitoredItems(monitored);
                    throw new ServiceFailure(status);
                }
                tooLarge = true;
            } else {
                status = r.operationResult().orElse(new StatusCode(StatusCodes.Bad_UnexpectedError));
                // not standard per item, but it can only mean the call was too large
                tooLarge = status.value() == StatusCodes.Bad_TooManyOperations;
            }
            if (status.isGood()) {
                out.add(new Created(OpcUaStatus.of(status),
                        Duration.ofNanos(Math.round(mi.getRevisedSamplingInterval().orElse(0.0) * 1_000_000)),
                        mi.getRevisedQueueSize().map(q -> (int) Math.min(Integer.MAX_VALUE, q.longValue())).orElse(0),
                        false));
            } else {
                sub.removeMonitoredItem(mi);
                out.add(new Created(OpcUaStatus.of(status), Duration.ZERO, 0, tooLarge));
            }
        }
        return out;
    }

    private static DataChangeFilter filter(Deadband deadband) {
        return switch (deadband.kind()) {
            case NONE -> null;
            case ABSOLUTE -> new DataChangeFilter(DataChangeTrigger.StatusValue,
                    uint(DeadbandType.Absolute.getValue()), deadband.value());
            case PERCENT -> new DataChangeFilter(DataChangeTrigger.StatusValue,
                    uint(DeadbandType.Percent.getValue()), deadband.value());
        };
    }

    private static void logFailures(String what, List<Item> items) {
        List<ItemResult> failed = items.stream().map(i -> i.result).filter(r -> !r.isGood()).toList();
        if (failed.isEmpty()) {
            return;
        }
        Map<String, Long> byStatus = failed.stream().collect(
                Collectors.groupingBy(r -> r.status().name(), java.util.TreeMap::new, Collectors.counting()));
        String examples = failed.stream().limit(LOG_EXAMPLES)
                .map(r -> r.nodeId() + " (" + r.reason() + ")").collect(Collectors.joining(", "));
        LOG.warn("{}: {} of {} items not collected {}; e.g. {}{}", what, failed.size(), items.size(), byStatus,
                examples, failed.size() > LOG_EXAMPLES ? ", ..." : "");
    }

    // ---------------------------------------------------------------- notifications

    private static TelemetryGap gap(Item item, Outage outage, Instant end, String why) {
        Instant start = item.lastSourceTime != null ? item.lastSourceTime : outage.start();
        if (end.isBefore(start)) {
            end = start;
        }
        return new TelemetryGap(item.signal, start, end, outage.reason() + "; " + why);
    }

    /** Receives the notifications of one Milo subscription on one connection. */
    private final class Listener implements OpcUaSubscription.SubscriptionListener {
        private final long generation;

        Listener(long generation) {
            this.generation = generation;
        }

        @Override
        public void onDataReceived(OpcUaSubscription subscription, List<OpcUaMonitoredItem> monitored,
                                   List<DataValue> values) {
            if (closed) {
                return;
            }
            Instant now = Instant.now();
            List<TelemetrySample> batch = new ArrayList<>(monitored.size());
            List<TelemetryGap> gaps = null;
            for (int k = 0; k < monitored.size(); k++) {
                if (!(monitored.get(k).getUserObject().orElse(null) instanceof Item item)) {
                    continue;
                }
                TelemetrySample s = SampleConverter.toSample(item.signal, values.get(k), now);
                Outage o = item.open;
                if (o != null && generation >= item.closeGeneration) {
                    item.open = null;
                    if (gaps == null) {
                        gaps = new ArrayList<>();
                    }
                    Instant end = s.sourceTime();
                    Instant last = item.lastSourceTime;
                    if (last != null && !end.isAfter(last)) {
                        end = now;
                    }
                    gaps.add(gap(item, o, end, "collection resumed after reconnecting"));
                }
                Instant last = item.lastSourceTime;
                if (last == null || s.sourceTime().isAfter(last)) {
                    item.lastSourceTime = s.sourceTime();
                }
                batch.add(s);
            }
            owner.countNotifications(monitored.size());
            owner.deliver(sink, batch, gaps == null ? List.of() : gaps);
        }

        @Override
        public void onStatusChanged(OpcUaSubscription subscription, StatusCode status) {
            if (status.isBad()) {
                owner.connectionLost(generation, "subscription status " + OpcUaStatus.of(status));
            }
        }

        @Override
        public void onWatchdogTimerElapsed(OpcUaSubscription subscription) {
            owner.connectionLost(generation, "no publish response within the keep-alive watchdog");
        }

        @Override
        public void onTransferFailed(OpcUaSubscription subscription, StatusCode status) {
            owner.connectionLost(generation, "subscription transfer failed: " + OpcUaStatus.of(status));
        }

        @Override
        public void onNotificationDataLost(OpcUaSubscription subscription) {
            LOG.warn("the server could not republish missed notifications; some values were lost"
                    + " (sequence number gap on session {})", generation);
        }
    }
}
