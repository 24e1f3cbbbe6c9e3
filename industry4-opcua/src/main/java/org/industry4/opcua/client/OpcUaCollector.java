package org.industry4.opcua.client;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.FileBasedTrustListManager;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.eclipse.milo.opcua.stack.core.types.structured.WriteValue;
import org.industry4.core.Quality;
import org.industry4.core.SignalId;
import org.industry4.core.SignalInfo;
import org.industry4.core.TelemetryGap;
import org.industry4.core.TelemetrySample;
import org.industry4.core.TelemetrySink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects data from an OPC UA server (a PLC, a SCADA server, the simulated machine server) with
 * Eclipse Milo: browse, read, write, and subscriptions that deliver samples to a
 * {@link TelemetrySink} and survive the server going away.
 *
 * <pre>{@code
 * try (OpcUaCollector collector = OpcUaCollector.connect(CollectorConfig.builder(url).build())) {
 *     List<String> nodes = collector.browseVariables().stream().map(VariableInfo::nodeId).toList();
 *     CollectorSubscription sub = collector.subscribe(nodes, new SubscriptionOptions(), sink);
 *     sub.failedItems().forEach(f -> log.warn("not collected: {}", f));
 *     ...
 * }
 * }</pre>
 *
 * <h2>Connection and recovery</h2>
 * {@link #connect} discovers the server's endpoints, picks the one with the configured security
 * and identity token type and opens a session; it fails with an {@link OpcUaConnectException}. When
 * the session is lost later (connection closed, keep-alive reads failing, subscription watchdog or
 * status), the collector notices, records the outage for every subscribed signal, and tries to
 * open a new session with the backoff of {@link CollectorConfig#reconnect()} on a thread of its
 * own, until it succeeds or is closed. On the new session it creates every subscription again with
 * the same items (a server that lost its state after a restart cannot transfer subscriptions; a
 * server that kept them sees the old session time out). Milo's own reconnect loop is stopped for
 * the lost session, so that only one policy is at work. See {@link CollectorSubscription} for the
 * gaps recorded.
 *
 * <h2>Threads and resources</h2>
 * The collector owns one supervisor thread, the trust-list watcher thread of its PKI folder, and
 * its Milo clients; {@link #close()} releases them. Milo's network and executor threads are Milo's
 * process-wide shared ones ({@code Stack.sharedEventLoop()} etc.): they stay alive after close; an
 * application that is done with OPC UA may call {@code Stack.releaseSharedResources()} at exit.
 * Browse, read, write and subscribe block the calling thread for at most the configured request
 * timeout per service call; they may be called from several threads.
 */
public final class OpcUaCollector implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OpcUaCollector.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final long CLOSE_WAIT_MS = 3_000;
    private static final long SINK_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final CollectorConfig config;
    private final UaConnection.Security security;
    private final FileBasedTrustListManager trustList;
    private final ScheduledExecutorService supervisor;
    private final Object lock = new Object();
    private final Object sinkLock = new Object();
    private final List<CollectorSubscription> subscriptions = new CopyOnWriteArrayList<>();

    private volatile UaConnection connection; // null while reconnecting or closed
    private volatile Limits limits;
    private volatile boolean closed;
    // guarded by lock
    private long nextGeneration = 1;
    private long establishing = -1;
    private String establishingLost;
    private CollectorSubscription.Outage outage;
    private long outageStartNanos;
    private ReconnectOptions.Backoff backoff;
    private int attempt;

    private final LongAdder notifications = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder badSamples = new LongAdder();
    private final LongAdder gapsRecorded = new LongAdder();
    private final AtomicLong sinkFailures = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private volatile Duration lastReconnectDuration = Duration.ZERO;
    private volatile String lastDisconnectReason = "";
    private long lastSinkLogNanos; // guarded by sinkLock
    private long suppressedSinkFailures; // guarded by sinkLock

    private OpcUaCollector(CollectorConfig config, UaConnection.Security security,
                           FileBasedTrustListManager trustList) {
        this.config = config;
        this.security = security;
        this.trustList = trustList;
        int n = INSTANCES.incrementAndGet();
        this.supervisor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "industry4-opcua-collector-" + n);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Connects to the server: endpoint discovery and selection, certificate checks, session.
     *
     * @throws OpcUaConnectException if no session could be opened: unreachable host or refused port
     *                               ({@code Bad_ConnectionRejected}), timeout ({@code Bad_Timeout}),
     *                               no matching endpoint, untrusted server certificate
     *                               ({@code Bad_CertificateUntrusted}, with the certificate),
     *                               rejected user ({@code Bad_UserAccessDenied}), ...
     * @throws IOException           if the PKI folder cannot be used
     */
    public static OpcUaCollector connect(CollectorConfig config) throws IOException {
        Objects.requireNonNull(config, "config");
        UaConnection.Security security = null;
        FileBasedTrustListManager trustList = null;
        if (config.pkiDirectory().isPresent()) {
            ClientPki pki = ClientPki.open(config.pkiDirectory().get());
            ClientPki.ApplicationKeys keys = pki.applicationKeys(config.applicationUri(), config.applicationName());
            trustList = FileBasedTrustListManager.createAndInitialize(pki.directory());
            security = new UaConnection.Security(pki, keys, trustList);
        }
        var collector = new OpcUaCollector(config, security, trustList);
        try {
            collector.openFirst();
        } catch (OpcUaConnectException | RuntimeException e) {
            collector.close();
            throw e;
        }
        return collector;
    }

    private void openFirst() throws OpcUaConnectException {
        long generation;
        synchronized (lock) {
            generation = nextGeneration++;
            establishing = generation;
        }
        UaConnection c = UaConnection.open(config, security, generation, reason -> connectionLost(generation, reason));
        limits = Limits.of(c.client());
        synchronized (lock) {
            establishing = -1;
            if (establishingLost == null) {
                connection = c;
                return;
            }
        }
        c.close(0);
        throw new OpcUaConnectException(config.endpointUrl(), "the session was lost right after it was opened: "
                + establishingLost, null, null);
    }

    /**
     * Adds a server certificate to the trust list of a PKI folder (the one given to
     * {@link CollectorConfig.Builder#pkiDirectory}); a shorthand for
     * {@code ClientPki.open(dir).trust(certificate)}. Get the certificate from
     * {@link OpcUaConnectException#rejectedCertificate()} or from the server's administrator.
     *
     * @return the file written
     */
    public static Path trustServerCertificate(Path pkiDirectory, X509Certificate certificate) throws IOException {
        return ClientPki.open(pkiDirectory).trust(certificate);
    }

    /**
     * The collector's application certificate for a configuration (created and stored on first
     * use), to hand to the server's trust list before connecting with security.
     *
     * @throws IllegalArgumentException if the configuration has no PKI folder
     */
    public static X509Certificate applicationCertificate(CollectorConfig config) throws IOException {
        Path dir = config.pkiDirectory().orElseThrow(() -> new IllegalArgumentException(
                "the configuration for " + config.endpointUrl() + " has no pkiDirectory"));
        return ClientPki.open(dir).applicationKeys(config.applicationUri(), config.applicationName()).certificate();
    }

    /** The configuration. */
    public CollectorConfig config() {
        return config;
    }

    // ---------------------------------------------------------------- browse, read, write

    /**
     * Every variable below the Objects folder, except those of the standard {@code Server} object
     * (server diagnostics); see {@link #browseVariables(String)}.
     */
    public List<VariableInfo> browseVariables() throws OpcUaServiceException {
        return browse(NodeIds.ObjectsFolder, true);
    }

    /**
     * Every variable below a node, following hierarchical references (Organizes, HasComponent...)
     * recursively, with its browse path, data type, unit and access. Properties (HasProperty, such
     * as EURange) are not listed: they describe their variable.
     *
     * @param startNodeId for example {@code "i=85"} (Objects) or {@code "ns=2;s=Machines"}
     * @throws IllegalArgumentException if the text is not a node id
     * @throws OpcUaServiceException    if not connected or a browse call failed as a whole
     */
    public List<VariableInfo> browseVariables(String startNodeId) throws OpcUaServiceException {
        return browse(NodeIdText.parse(startNodeId), false);
    }

    private List<VariableInfo> browse(NodeId start, boolean skipServer) throws OpcUaServiceException {
        UaConnection c = requireConnection("browse");
        try {
            return AddressSpaceBrowser.browseVariables(c.client(), limits, start, skipServer);
        } catch (UaException e) {
            throw serviceFailure("browse below " + start.toParseableString(), e);
        }
    }

    /**
     * Reads the current value of nodes, in batches within the server's limits.
     *
     * @param nodeIds node id texts; one that is not a node id gets {@code Bad_NodeIdInvalid}
     * @return one result per node id, in order; unknown nodes have {@code Bad_NodeIdUnknown}
     * @throws OpcUaServiceException if not connected or a read call failed as a whole
     */
    public List<ReadResult> read(List<String> nodeIds) throws OpcUaServiceException {
        Objects.requireNonNull(nodeIds, "nodeIds");
        UaConnection c = requireConnection("read");
        List<ReadValueId> reads = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        ReadResult[] out = new ReadResult[nodeIds.size()];
        for (int i = 0; i < nodeIds.size(); i++) {
            String text = Objects.requireNonNull(nodeIds.get(i), "nodeIds[" + i + "]");
            NodeId id = NodeIdText.parseOrNull(text, c.client().getNamespaceTable());
            if (id == null) {
                out[i] = new ReadResult(text, null, OpcUaStatus.of(StatusCodes.Bad_NodeIdInvalid), null, null);
            } else {
                reads.add(new ReadValueId(id, AttributeId.Value.uid(), null, QualifiedName.NULL_VALUE));
                positions.add(i);
            }
        }
        List<DataValue> values;
        try {
            values = NodeInspector.read(c.client(), limits, reads);
        } catch (UaException e) {
            throw serviceFailure("read of " + reads.size() + " nodes", e);
        }
        for (int k = 0; k < values.size(); k++) {
            DataValue v = values.get(k);
            int i = positions.get(k);
            out[i] = new ReadResult(nodeIds.get(i), v.value() == null ? null : v.value().value(),
                    OpcUaStatus.of(v.statusCode() == null ? StatusCode.GOOD : v.statusCode()),
                    SampleConverter.instant(v.sourceTime()), SampleConverter.instant(v.serverTime()));
        }
        return List.of(out);
    }

    /**
     * Writes values (setpoints), in batches within the server's limits. Per-item failures are
     * statuses, not exceptions: an unknown node gives {@code Bad_NodeIdUnknown}, a value of the wrong
     * type {@code Bad_TypeMismatch}, a read-only node {@code Bad_NotWritable}, a value the server
     * refuses {@code Bad_OutOfRange}.
     *
     * @return one result per request, in order
     * @throws OpcUaServiceException if not connected or a write call failed as a whole
     */
    public List<WriteResult> write(List<WriteRequest> writes) throws OpcUaServiceException {
        Objects.requireNonNull(writes, "writes");
        UaConnection c = requireConnection("write");
        WriteResult[] out = new WriteResult[writes.size()];
        List<WriteValue> values = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < writes.size(); i++) {
            WriteRequest w = Objects.requireNonNull(writes.get(i), "writes[" + i + "]");
            NodeId id = NodeIdText.parseOrNull(w.nodeId(), c.client().getNamespaceTable());
            if (id == null) {
                out[i] = new WriteResult(w.nodeId(), OpcUaStatus.of(StatusCodes.Bad_NodeIdInvalid));
                continue;
            }
            Variant variant;
            try {
                variant = new Variant(w.value());
            } catch (RuntimeException e) {
                out[i] = new WriteResult(w.nodeId(), OpcUaStatus.of(StatusCodes.Bad_TypeMismatch));
                continue;
            }
            values.add(new WriteValue(id, AttributeId.Value.uid(), null, DataValue.valueOnly(variant)));
            positions.add(i);
        }
        int batchSize = limits.writeNodes();
        for (int start = 0; start < values.size(); start += batchSize) {
            List<WriteValue> batch = values.subList(start, Math.min(values.size(), start + batchSize));
            StatusCode[] results;
            try {
                results = c.client().write(batch).getResults();
            } catch (UaException e) {
                throw serviceFailure("write of " + batch.size() + " nodes", e);
            }
            if (results == null || results.length != batch.size()) {
                throw new OpcUaServiceException("write of " + batch.size() + " nodes: server answered "
                        + (results == null ? 0 : results.length) + " results",
                        OpcUaStatus.of(StatusCodes.Bad_UnexpectedError), null);
            }
            for (int k = 0; k < batch.size(); k++) {
                int i = positions.get(start + k);
                out[i] = new WriteResult(writes.get(i).nodeId(), OpcUaStatus.of(results[k]));
            }
        }
        return List.of(out);
    }

    // ---------------------------------------------------------------- subscriptions

    /**
     * Subscribes to nodes and delivers their values to a sink as samples; returns once every item
     * was created or refused. Items that cannot be collected are reported per item, never thrown:
     * node ids that are not node ids ({@code Bad_NodeIdInvalid}), unknown nodes
     * ({@code Bad_NodeIdUnknown}), non-variables, non-numeric data types such as String or
     * ByteString ({@code Bad_TypeMismatch}), items the server refuses (filters, limits). Monitored
     * items are created in batches within the server's {@code MaxMonitoredItemsPerCall} and
     * {@link SubscriptionOptions#maxItemsPerCall()}; a call the server refuses as a whole as too
     * large ({@code Bad_TooManyOperations}) is split in halves and retried down to single items, and
     * later calls, also after reconnecting, keep below the refused size. A per-item
     * {@code Bad_TooManyMonitoredItems} (the server's capacity is full) is a failed item, not
     * retried. Before any sample, the sink gets
     * {@link TelemetrySink#describe} with the {@link SignalInfo} (data type, unit, node id) of every
     * node that is a numeric variable (the server may still refuse a few of them as monitored items).
     *
     * <p>Signal ids: the string identifier of a string node id ({@code "cnc-01/spindle_speed"}),
     * else the node id text; when two requested nodes would get the same id (same string in two
     * namespaces) both use their full node id text.
     *
     * @throws IllegalArgumentException if a node id appears twice
     * @throws OpcUaServiceException    if not connected or a service call failed as a whole
     */
    public CollectorSubscription subscribe(List<String> nodeIds, SubscriptionOptions options, TelemetrySink sink)
            throws OpcUaServiceException {
        Objects.requireNonNull(nodeIds, "nodeIds");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(sink, "sink");
        UaConnection c = requireConnection("subscribe");
        List<CollectorSubscription.Item> items = items(nodeIds, c);
        var subscription = new CollectorSubscription(this, options, sink, items);
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("collector for " + config.endpointUrl() + " is closed");
            }
            subscriptions.add(subscription);
        }
        try {
            subscription.create(c, limits);
        } catch (UaException | RuntimeException e) {
            subscriptions.remove(subscription);
            subscription.closeLocally("subscription could not be created");
            if (e instanceof UaException ua) {
                throw serviceFailure("subscribe to " + nodeIds.size() + " nodes", ua);
            }
            throw (RuntimeException) e;
        }
        LOG.info("subscribed to {} of {} nodes (sampling {} ms, publishing {} ms, queue {}, deadband {})",
                subscription.activeItems(), nodeIds.size(), options.samplingInterval().toMillis(),
                options.publishingInterval().toMillis(), options.queueSize(), options.deadband());
        return subscription;
    }

    private static List<CollectorSubscription.Item> items(List<String> nodeIds, UaConnection c) {
        Set<String> seen = new HashSet<>();
        List<NodeId> parsed = new ArrayList<>(nodeIds.size());
        Map<SignalId, Integer> signalUse = new HashMap<>();
        for (int i = 0; i < nodeIds.size(); i++) {
            String text = Objects.requireNonNull(nodeIds.get(i), "nodeIds[" + i + "]");
            NodeId id = NodeIdText.parseOrNull(text, c.client().getNamespaceTable());
            String key = id == null ? "text:" + text : id.toParseableString();
            if (!seen.add(key)) {
                throw new IllegalArgumentException("node id " + text + " appears more than once in the request");
            }
            parsed.add(id);
            if (id != null) {
                signalUse.merge(SampleConverter.signalIdOf(id), 1, Integer::sum);
            }
        }
        List<CollectorSubscription.Item> items = new ArrayList<>(nodeIds.size());
        for (int i = 0; i < nodeIds.size(); i++) {
            String text = nodeIds.get(i);
            NodeId id = parsed.get(i);
            if (id == null) {
                SignalId signal = text.isBlank() || !text.equals(text.strip())
                        ? SignalId.of("invalid-node-id-" + i) : SignalId.of(text);
                var item = new CollectorSubscription.Item(text, null, signal);
                item.result = ItemResult.failed(text, signal, OpcUaStatus.of(StatusCodes.Bad_NodeIdInvalid),
                        "not a node id (expected for example \"ns=2;s=cnc-01/spindle_speed\")");
                items.add(item);
                continue;
            }
            SignalId signal = SampleConverter.signalIdOf(id);
            if (signalUse.get(signal) > 1) {
                signal = SignalId.of(id.toParseableString());
            }
            var item = new CollectorSubscription.Item(text, id, signal);
            item.result = ItemResult.failed(text, signal, OpcUaStatus.of(StatusCodes.Bad_WaitingForInitialData),
                    "not created yet");
            items.add(item);
        }
        return items;
    }

    void unregister(CollectorSubscription subscription) {
        subscriptions.remove(subscription);
    }

    // ---------------------------------------------------------------- stats

    /** The current counters. */
    public CollectorStats stats() {
        int active = 0;
        int failed = 0;
        for (CollectorSubscription s : subscriptions) {
            int a = s.activeItems();
            active += a;
            failed += s.items().size() - a;
        }
        return new CollectorStats(connection != null, reconnects.get(), lastReconnectDuration,
                lastDisconnectReason, notifications.sum(), delivered.sum(), badSamples.sum(),
                sinkFailures.get(), gapsRecorded.sum(), active, failed);
    }

    /** Whether a session is active now. */
    public boolean isConnected() {
        return connection != null;
    }

    // ---------------------------------------------------------------- delivery

    void countNotifications(int n) {
        notifications.add(n);
    }

    /** Hands gaps and then samples to a sink; sink exceptions are counted and logged, never thrown. */
    void deliver(TelemetrySink sink, List<TelemetrySample> batch, List<TelemetryGap> gaps) {
        if (batch.isEmpty() && gaps.isEmpty()) {
            return;
        }
        synchronized (sinkLock) {
            for (TelemetryGap g : gaps) {
                try {
                    sink.gap(g);
                    gapsRecorded.increment();
                    LOG.debug("gap {} {} .. {} ({})", g.signal(), g.start(), g.end(), g.reason());
                } catch (RuntimeException e) {
                    sinkFailed("gap", e);
                }
            }
            if (!batch.isEmpty()) {
                try {
                    sink.accept(batch);
                    delivered.add(batch.size());
                    long bad = 0;
                    for (TelemetrySample s : batch) {
                        if (s.quality() == Quality.BAD) {
                            bad++;
                        }
                    }
                    badSamples.add(bad);
                } catch (RuntimeException e) {
                    sinkFailed("accept of " + batch.size() + " samples", e);
                }
            }
        }
    }

    void describe(TelemetrySink sink, List<SignalInfo> signals) {
        if (signals.isEmpty()) {
            return;
        }
        synchronized (sinkLock) {
            try {
                sink.describe(signals);
            } catch (RuntimeException e) {
                sinkFailed("describe of " + signals.size() + " signals", e);
            }
        }
    }

    private void sinkFailed(String what, RuntimeException e) { // holds sinkLock
        sinkFailures.incrementAndGet();
        long now = System.nanoTime();
        if (lastSinkLogNanos == 0 || now - lastSinkLogNanos > SINK_LOG_INTERVAL_NANOS) {
            LOG.warn("sink {} failed ({} more failures since the last report); collection goes on",
                    what, suppressedSinkFailures, e);
            lastSinkLogNanos = now;
            suppressedSinkFailures = 0;
        } else {
            suppressedSinkFailures++;
        }
    }

    // ---------------------------------------------------------------- reconnect

    /** A session stopped being usable; called from Milo threads, possibly several times. */
    void connectionLost(long generation, String reason) {
        UaConnection lost;
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (generation == establishing) {
                establishingLost = reason;
                return;
            }
            UaConnection c = connection;
            if (c == null || c.generation() != generation) {
                return;
            }
            lost = c;
            connection = null;
            outage = new CollectorSubscription.Outage(Instant.now(),
                    "connection to " + config.endpointUrl() + " lost (" + reason + ")");
            outageStartNanos = System.nanoTime();
            lastDisconnectReason = reason;
            backoff = config.reconnect().newBackoff();
            attempt = 0;
            for (CollectorSubscription s : subscriptions) {
                s.connectionLost(outage, generation);
            }
            LOG.warn("lost connection to {}: {}; reconnecting", config.endpointUrl(), reason);
            scheduleAttempt();
        }
        supervisor.execute(() -> lost.close(0));
    }

    private void scheduleAttempt() { // holds lock
        long delay = backoff.nextDelayMillis();
        attempt++;
        LOG.info("reconnect attempt {} to {} in {} ms", attempt, config.endpointUrl(), delay);
        supervisor.schedule(this::attemptReconnect, delay, TimeUnit.MILLISECONDS);
    }

    private void attemptReconnect() {
        long generation;
        int thisAttempt;
        synchronized (lock) {
            if (closed) {
                return;
            }
            generation = nextGeneration++;
            establishing = generation;
            establishingLost = null;
            thisAttempt = attempt;
        }
        UaConnection c = null;
        String failure;
        try {
            c = UaConnection.open(config, security, generation, reason -> connectionLost(generation, reason));
            Limits l = Limits.of(c.client());
            for (CollectorSubscription s : subscriptions) {
                s.recreate(c, l);
            }
            synchronized (lock) {
                if (closed) {
                    establishing = -1;
                    c.close(0);
                    return;
                }
                if (establishingLost == null) {
                    establishing = -1;
                    limits = l;
                    connection = c;
                    Duration took = Duration.ofNanos(System.nanoTime() - outageStartNanos);
                    lastReconnectDuration = took;
                    reconnects.incrementAndGet();
                    outage = null;
                    LOG.info("reconnected to {} after {} ms (attempt {}); {} subscriptions with {} items re-created;"
                                    + " each records the outage as a gap at its first sample",
                            config.endpointUrl(), took.toMillis(), thisAttempt, subscriptions.size(),
                            subscriptions.stream().mapToInt(CollectorSubscription::activeItems).sum());
                    return;
                }
                failure = "connection lost again while re-creating subscriptions: " + establishingLost;
            }
        } catch (OpcUaConnectException e) {
            failure = e.getMessage();
        } catch (UaException e) {
            failure = "re-creating subscriptions failed: " + OpcUaStatus.of(e.getStatusCode()) + " " + e.getMessage();
        } catch (RuntimeException e) {
            failure = "unexpected failure: " + e;
            LOG.warn("reconnect attempt {} failed unexpectedly", thisAttempt, e);
        }
        if (c != null) {
            c.close(0);
        }
        synchronized (lock) {
            establishing = -1;
            if (closed) {
                return;
            }
            LOG.info("reconnect attempt {} failed: {}", thisAttempt, failure);
            scheduleAttempt();
        }
    }

    // ---------------------------------------------------------------- helpers

    private UaConnection requireConnection(String what) throws OpcUaServiceException {
        if (closed) {
            throw new IllegalStateException("collector for " + config.endpointUrl() + " is closed");
        }
        UaConnection c = connection;
        if (c == null) {
            throw new OpcUaServiceException("cannot " + what + ": not connected to " + config.endpointUrl()
                    + " (reconnecting; last loss: " + lastDisconnectReason + ")",
                    OpcUaStatus.of(StatusCodes.Bad_NotConnected), null);
        }
        return c;
    }

    private OpcUaServiceException serviceFailure(String what, UaException e) {
        OpcUaStatus status = OpcUaStatus.of(e.getStatusCode());
        return new OpcUaServiceException(what + " on " + config.endpointUrl() + " failed: " + status.name()
                + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), status, e);
    }

    /**
     * Closes the session and releases the collector's threads; open subscriptions end (their open
     * gaps are recorded as ending now); sinks are not closed. Idempotent.
     */
    @Override
    public void close() {
        UaConnection c;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            c = connection;
            connection = null;
        }
        for (CollectorSubscription s : subscriptions) {
            s.closeLocally("collector closed before the signal was observed again");
        }
        subscriptions.clear();
        supervisor.shutdownNow();
        try {
            if (!supervisor.awaitTermination(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS)) {
                LOG.warn("collector supervisor thread did not end within {} ms", CLOSE_WAIT_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (c != null) {
            c.close(CLOSE_WAIT_MS);
        }
        if (trustList != null) {
            try {
                trustList.close();
            } catch (IOException e) {
                LOG.debug("closing the trust list watcher failed: {}", e.toString());
            }
        }
        LOG.info("collector for {} closed", config.endpointUrl());
    }
}
