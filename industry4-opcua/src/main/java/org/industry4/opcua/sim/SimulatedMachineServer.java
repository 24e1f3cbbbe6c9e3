package org.industry4.opcua.sim;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.milo.opcua.sdk.server.EndpointConfig;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfigLimits;
import org.eclipse.milo.opcua.sdk.server.identity.AnonymousIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.identity.CompositeValidator;
import org.eclipse.milo.opcua.sdk.server.identity.IdentityValidator;
import org.eclipse.milo.opcua.sdk.server.identity.UsernameIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.servicesets.impl.DefaultMonitoredItemServiceSet;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.transport.TransportProfile;
import org.eclipse.milo.opcua.stack.core.util.EndpointUtil;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.structured.BuildInfo;
import org.eclipse.milo.opcua.stack.core.types.structured.UserTokenPolicy;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransport;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransportConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded OPC UA server (Eclipse Milo) serving simulated CNC machines: a stand-in for a PLC or
 * SCADA server in tests, demos and load tests.
 *
 * <pre>{@code
 * try (var server = SimulatedMachineServer.start(SimServerConfig.builder().build())) {
 *   String url = server.endpointUrl();   // opc.tcp://127.0.0.1:<port>/industry4
 *   server.injectFault("cnc-01", FaultKind.BEARING_DEFECT);
 * }
 * }</pre>
 *
 * <h2>Address space</h2>
 *
 * Namespace {@code urn:industry4:simulated-machines}; under {@code Objects}: folder {@code Machines},
 * one folder per machine ({@code cnc-01}, ...) with the measured variables of {@link
 * MachineSignal} ({@code ns=2;s=cnc-01/spindle_speed}; read-only: AccessLevel and UserAccessLevel
 * are CurrentRead, and a write gets {@code Bad_UserAccessDenied}, the answer of Milo's access
 * controller, which checks the UserAccessLevel before the AccessLevel), a {@code Setpoints} folder with the writable setpoints ({@code
 * cnc-01/setpoint/spindle_speed}, {@code .../feed_override}, {@code .../coolant_on}; a value out of
 * range gives {@code Bad_OutOfRange}, a wrong data type {@code Bad_TypeMismatch}), and, with extra
 * tags, an {@code Extra} folder ({@code cnc-01/extra/tag-00000}, ...). Double variables are
 * AnalogItemType nodes with EURange and EngineeringUnits, so percent deadbands work. A sensor in
 * dropout reports {@code Bad_SensorFailure}.
 *
 * <h2>Publishing</h2>
 *
 * One thread owned by the server steps the simulation every {@link SimulationOptions#tick()} and
 * pushes every changed value to the monitored items of its node (exception-based, no polling, so
 * no change is aliased away when the sampling interval equals the tick); an item with a longer
 * sampling interval gets the latest value every {@code round(interval / tick)} ticks. The source
 * timestamp is the tick's wall-clock time, the server timestamp the time of publishing. {@link
 * #valuesPublished()} counts the values handed to monitored items (before each item's own deadband
 * filter), for loss accounting.
 *
 * <h2>Security</h2>
 *
 * Endpoints None/None, Basic256Sha256/Sign and Basic256Sha256/SignAndEncrypt; identity tokens
 * anonymous (if allowed) and user name (if users are configured; a wrong password is rejected
 * with {@code Bad_UserAccessDenied}). The self-signed application certificate (application URI
 * {@code urn:industry4:simulated-machines:server}, DNS {@code localhost}, IP {@code 127.0.0.1}) is
 * generated on first start and kept in the PKI directory, so later starts reuse it. Client
 * certificates must be in the trust list ({@code <pki>/trusted/certs}, or {@link
 * #trustClientCertificate}) unless {@link SimServerConfig#acceptAnyClientCertificate()} is set.
 *
 * <h2>Operation limits</h2>
 *
 * With {@link SimServerConfig.Builder#maxMonitoredItemsPerCall(int)} the server publishes {@code
 * MaxMonitoredItemsPerCall} (or, with {@link
 * SimServerConfig.Builder#advertiseMaxMonitoredItemsPerCall(boolean)} false, keeps it secret) and
 * refuses larger MonitoredItem service calls as a whole with {@code Bad_TooManyOperations}, counted
 * in {@link #monitoredItemCallsRefused()}; Milo itself publishes this limit without enforcing it,
 * so the server puts its own MonitoredItem service set in front of Milo's. With {@link
 * SimServerConfig.Builder#maxMonitoredItemsPerSession(int)} Milo refuses the items beyond the
 * session's limit one by one with {@code Bad_TooManyMonitoredItems}.
 *
 * <h2>Resources</h2>
 *
 * {@link #close()} stops the tick thread, the server's sockets and sessions, the trust-list file
 * watcher, and deletes the PKI directory if the server created it as a temporary directory. Milo's
 * process-wide {@code Stack.sharedEventLoop()}, {@code sharedExecutor()} and {@code
 * sharedScheduledExecutor()} are used by the server and stay alive (they are static in Milo and
 * shared with every Milo client in the JVM); call {@code Stack.releaseSharedResources()} at
 * application exit if needed.
 *
 * <p>Thread-safety: all methods may be called from any thread.
 */
public final class SimulatedMachineServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedMachineServer.class);
    private static final long START_TIMEOUT_S = 30;

    private final SimServerConfig config;
    private final MachineSimulation simulation;
    private final ServerPki pki;
    private final Path pkiDirectory;
    private final boolean temporaryPki;
    private final int port;
    private final String endpointUrl;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong refusedMonitoredItemCalls = new AtomicLong();
    private final ScheduledExecutorService ticker;
    private final Object lifecycle = new Object();

    private volatile SimNamespace namespace; // published to only under the simulation's monitor
    private OpcUaServer server; // guarded by lifecycle
    private List<String> variableNodeIds = List.of();
    private volatile boolean running;
    private boolean paused; // guarded by simulation
    private boolean closed; // guarded by lifecycle

    private final AtomicLong ticks = new AtomicLong();
    private volatile long lastTickNanos;
    private volatile long maxTickNanos;
    private final AtomicLong totalTickNanos = new AtomicLong();

    private SimulatedMachineServer(
            SimServerConfig config, ServerPki pki, Path pkiDirectory, boolean temporaryPki, int port) {
        this.config = config;
        this.pki = pki;
        this.pkiDirectory = pkiDirectory;
        this.temporaryPki = temporaryPki;
        this.port = port;
        this.endpointUrl = "opc.tcp://" + hostname(config.bindAddress()) + ":" + port + config.path();
        // In compressed time the simulated clock is the timestamp: start it on a whole millisecond so
        // that it survives OPC UA's 100 ns DateTime exactly.
        this.simulation = new MachineSimulation(config.simulation(), config.speedUp() == 1 ? Instant.now()
                : Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        this.ticker =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "industry4-sim-tick");
                            t.setDaemon(true);
                            return t;
                        });
    }

    /**
     * Starts a server and its simulation; returns once clients can connect.
     *
     * @param config the settings
     * @return the running server
     * @throws IOException if the PKI directory cannot be used or the port cannot be bound
     */
    public static SimulatedMachineServer start(SimServerConfig config) throws IOException {
        Objects.requireNonNull(config, "config");
        Path dir = config.pkiDirectory();
        boolean temporary = dir == null;
        if (temporary) {
            dir = Files.createTempDirectory("industry4-sim-pki");
        }
        ServerPki pki;
        try {
            pki = ServerPki.open(dir, config.acceptAnyClientCertificate());
        } catch (IOException e) {
            if (temporary) {
                deleteTree(dir);
            }
            throw e;
        }
        int attempts = config.port() == 0 ? 5 : 1;
        IOException failure = null;
        for (int attempt = 0; attempt < attempts; attempt++) {
            int port = config.port() == 0 ? freePort(config.bindAddress()) : config.port();
            var s = new SimulatedMachineServer(config, pki, dir, temporary, port);
            try {
                s.serve();
                s.startTicking();
                LOG.info(
                        "simulated machine server at {} ({} machines, {} variables, tick {})",
                        s.endpointUrl, config.simulation().machines(), s.variableNodeIds.size(),
                        config.simulation().tick());
                return s;
            } catch (IOException e) {
                failure = e;
                s.ticker.shutdownNow();
            }
        }
        pki.close();
        if (temporary) {
            deleteTree(dir);
        }
        throw failure;
    }

    /** The endpoint URL clients connect to, e.g. {@code opc.tcp://127.0.0.1:4840/industry4}. */
    public String endpointUrl() {
        return endpointUrl;
    }

    /** The port the server listens on (the same after {@link #restart()}). */
    public int port() {
        return port;
    }

    /** The namespace URI of the simulated variables: {@code urn:industry4:simulated-machines}. */
    public String namespaceUri() {
        return SimNamespace.NAMESPACE_URI;
    }

    /** The configuration the server was started with. */
    public SimServerConfig config() {
        return config;
    }

    /** The PKI directory in use (the configured one, or the temporary one the server created). */
    public Path pkiDirectory() {
        return pkiDirectory;
    }

    /**
     * Every simulated variable as a parseable NodeId string ({@code ns=2;s=cnc-01/spindle_speed}),
     * per machine: measured signals, setpoints, extra tags.
     */
    public List<String> variableNodeIds() {
        synchronized (lifecycle) {
            return variableNodeIds;
        }
    }

    /**
     * The simulation behind the server. It keeps ticking on the server's thread while the server
     * runs or is stopped; its methods are synchronized, and the tick holds its monitor, so calls
     * from other threads are safe. Hold its monitor ({@code synchronized (server.simulation())})
     * to read several values of the same tick.
     */
    public MachineSimulation simulation() {
        return simulation;
    }

    /**
     * Injects a fault into a machine, effective from the next tick; see {@link
     * MachineSimulation#injectFault(String, FaultKind)}.
     *
     * @param machineId e.g. {@code cnc-01}
     * @param kind the fault
     */
    public void injectFault(String machineId, FaultKind kind) {
        simulation.injectFault(machineId, kind);
    }

    /**
     * MonitoredItem service calls (create, modify, delete, set monitoring mode, set triggering)
     * refused with {@code Bad_TooManyOperations} because they carried more items than {@link
     * SimServerConfig#maxMonitoredItemsPerCall()}, since start, over all sessions and restarts.
     */
    public long monitoredItemCallsRefused() {
        return refusedMonitoredItemCalls.get();
    }

    /** Total values handed to monitored items since start, over all sessions and restarts. */
    public long valuesPublished() {
        return published.get();
    }

    /**
     * Values handed to the monitored items of one variable by the current server instance (reset by
     * {@link #restart()}).
     *
     * @param nodeId a NodeId from {@link #variableNodeIds()}
     * @return the count, or 0 while stopped
     * @throws IllegalArgumentException if the NodeId is not a simulated variable
     */
    public long valuesPublished(String nodeId) {
        Objects.requireNonNull(nodeId, "nodeId");
        NodeId id;
        try {
            id = NodeId.parse(nodeId);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a NodeId: '" + nodeId + "'", e);
        }
        synchronized (simulation) {
            SimNamespace ns = namespace;
            if (ns == null) {
                return 0;
            }
            long n = ns.publishedFor(id);
            if (n < 0) {
                throw new IllegalArgumentException("not a simulated variable: " + nodeId);
            }
            return n;
        }
    }

    /** The server's application certificate (self-signed). */
    public X509Certificate certificate() {
        return pki.certificate();
    }

    /**
     * Adds a client application certificate to the server's trust list (also written to {@code
     * <pki>/trusted/certs}, so it stays trusted on later starts).
     *
     * @param clientCertificate the client's certificate
     */
    public void trustClientCertificate(X509Certificate clientCertificate) {
        Objects.requireNonNull(clientCertificate, "clientCertificate");
        pki.trust(clientCertificate);
    }

    /** Ticks done since start. */
    public long ticks() {
        return ticks.get();
    }

    /** Duration of the last tick (simulation step plus publishing). */
    public Duration lastTickDuration() {
        return Duration.ofNanos(lastTickNanos);
    }

    /** Longest tick so far. */
    public Duration maxTickDuration() {
        return Duration.ofNanos(maxTickNanos);
    }

    /** Mean tick duration so far. */
    public Duration meanTickDuration() {
        long n = ticks.get();
        return n == 0 ? Duration.ZERO : Duration.ofNanos(totalTickNanos.get() / n);
    }

    /**
     * Takes the server off the network: the listening socket and every connection close, sessions
     * and subscriptions die. The simulation keeps ticking. Does nothing if already stopped.
     */
    public void stop() {
        synchronized (lifecycle) {
            if (!running) {
                return;
            }
            running = false;
            SimNamespace ns;
            synchronized (simulation) {
                ns = namespace;
                namespace = null;
            }
            try {
                if (ns != null) {
                    ns.shutdown();
                }
                server.shutdown().get(START_TIMEOUT_S, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                LOG.warn("server shutdown failed", e);
            }
            server = null;
            LOG.info("simulated machine server at {} stopped", endpointUrl);
        }
    }

    /**
     * Serves again on the same port after {@link #stop()}, with the same certificate and a fresh
     * address space showing the simulation's current values.
     *
     * @throws IllegalStateException if the server is running or closed
     * @throws UncheckedIOException if the port cannot be bound again
     */
    public void restart() {
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("server is closed");
            }
            if (running) {
                throw new IllegalStateException("server is running; stop() it before restart()");
            }
            IOException failure = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            do {
                try {
                    serve();
                    LOG.info("simulated machine server at {} restarted", endpointUrl);
                    return;
                } catch (IOException e) {
                    failure = e;
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            } while (System.nanoTime() < deadline);
            throw new UncheckedIOException(failure);
        }
    }

    /** Whether the server is serving clients (false after {@link #stop()} and {@link #close()}). */
    public boolean isRunning() {
        return running;
    }

    /** Stops the tick thread and the server, releases the PKI; idempotent. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
        }
        ticker.shutdownNow();
        try {
            if (!ticker.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("tick thread did not end within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stop();
        pki.close();
        if (temporaryPki) {
            deleteTree(pkiDirectory);
        }
    }

    // ------------------------------------------------------------------ internals

    /** Builds and starts a Milo server on {@link #port}; caller holds the lifecycle lock or owns us. */
    private void serve() throws IOException {
        OpcUaServer s = new OpcUaServer(miloConfig(), profile -> tcpTransport(profile));
        enforceMonitoredItemCallLimit(s);
        SimNamespace ns = new SimNamespace(s, simulation, published);
        ns.startup();
        try {
            s.startup().get(START_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shutdownQuietly(s, ns);
            throw new IOException("interrupted while starting the server on port " + port, e);
        } catch (ExecutionException | TimeoutException e) {
            shutdownQuietly(s, ns);
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IOException(
                    "cannot serve on " + config.bindAddress() + ":" + port + ": " + cause.getMessage(), cause);
        }
        synchronized (lifecycle) {
            server = s;
            variableNodeIds = ns.variableNodeIds();
            running = true;
        }
        synchronized (simulation) {
            namespace = ns;
        }
    }

    /**
     * Replaces Milo's MonitoredItem service set, which the server's constructor registered per
     * endpoint path, by one that checks the per-call limit first. Milo serves no MonitoredItem
     * services on discovery paths, and neither do we.
     */
    private void enforceMonitoredItemCallLimit(OpcUaServer s) {
        int max = config.maxMonitoredItemsPerCall();
        if (max == 0) {
            return;
        }
        s.getConfig().getEndpoints().stream()
                .map(e -> EndpointUtil.getPath(e.getEndpointUrl()))
                .distinct()
                .filter(path -> !path.endsWith("/discovery"))
                .forEach(path -> s.addServiceSet(path, new MonitoredItemCallLimit(
                        s, new DefaultMonitoredItemServiceSet(s), max, refusedMonitoredItemCalls)));
    }

    /** Milo's default limits, with the monitored-item limits of the configuration. */
    private OpcUaServerConfigLimits limits() {
        int perCall = config.maxMonitoredItemsPerCall();
        int perSession = config.maxMonitoredItemsPerSession();
        boolean advertise = config.advertiseMaxMonitoredItemsPerCall();
        OpcUaServerConfigLimits miloDefaults = new OpcUaServerConfigLimits() {};
        return new OpcUaServerConfigLimits() {
            @Override
            public UInteger getMaxMonitoredItemsPerCall() {
                // read by Milo only to publish it in the OperationLimits object
                if (!advertise) {
                    return uint(0);
                }
                return perCall == 0 ? miloDefaults.getMaxMonitoredItemsPerCall() : uint(perCall);
            }

            @Override
            public UInteger getMaxMonitoredItemsPerSession() {
                return perSession == 0 ? miloDefaults.getMaxMonitoredItemsPerSession() : uint(perSession);
            }
        };
    }

    private static OpcTcpServerTransport tcpTransport(TransportProfile profile) {
        if (profile != TransportProfile.TCP_UASC_UABINARY) {
            return null;
        }
        return new OpcTcpServerTransport(OpcTcpServerTransportConfig.newBuilder().build());
    }

    private static void shutdownQuietly(OpcUaServer s, SimNamespace ns) {
        try {
            ns.shutdown();
            s.shutdown().get(START_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("cleanup after failed start", e);
        }
    }

    private OpcUaServerConfig miloConfig() {
        List<UserTokenPolicy> tokenPolicies = new ArrayList<>();
        List<IdentityValidator> validators = new ArrayList<>();
        if (config.allowAnonymous()) {
            tokenPolicies.add(OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS);
            validators.add(AnonymousIdentityValidator.INSTANCE);
        }
        if (!config.users().isEmpty()) {
            Map<String, String> users = config.users();
            tokenPolicies.add(OpcUaServerConfig.USER_TOKEN_POLICY_USERNAME);
            validators.add(
                    new UsernameIdentityValidator(
                            challenge -> passwordMatches(users.get(challenge.getUsername()), challenge.getPassword())));
        }
        Set<EndpointConfig> endpoints = new LinkedHashSet<>();
        record Security(SecurityPolicy policy, MessageSecurityMode mode) {}
        for (Security sec :
                List.of(
                        new Security(SecurityPolicy.None, MessageSecurityMode.None),
                        new Security(SecurityPolicy.Basic256Sha256, MessageSecurityMode.Sign),
                        new Security(SecurityPolicy.Basic256Sha256, MessageSecurityMode.SignAndEncrypt))) {
            endpoints.add(
                    EndpointConfig.newBuilder()
                            .setBindAddress(config.bindAddress())
                            .setBindPort(port)
                            .setHostname(hostname(config.bindAddress()))
                            .setPath(config.path())
                            .setCertificate(pki.certificate())
                            .setSecurityPolicy(sec.policy())
                            .setSecurityMode(sec.mode())
                            .addTokenPolicies(tokenPolicies.toArray(UserTokenPolicy[]::new))
                            .build());
        }
        return OpcUaServerConfig.builder()
                .setApplicationUri(ServerPki.APPLICATION_URI)
                .setApplicationName(LocalizedText.english("industry4 simulated machines"))
                .setProductUri(SimNamespace.NAMESPACE_URI)
                .setBuildInfo(
                        new BuildInfo(
                                SimNamespace.NAMESPACE_URI,
                                "industry4",
                                "industry4 simulated machine server",
                                "0.1.0",
                                "",
                                DateTime.now()))
                .setEndpoints(endpoints)
                .setCertificateManager(pki.certificateManager())
                .setLimits(limits())
                .setIdentityValidator(
                        validators.size() == 1 ? validators.get(0) : new CompositeValidator(validators))
                .build();
    }

    private static boolean passwordMatches(String expected, String given) {
        if (expected == null || given == null) {
            return false;
        }
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    private void startTicking() {
        long period = config.stepPeriod().toNanos();
        ticker.scheduleAtFixedRate(this::tick, period, period, TimeUnit.NANOSECONDS);
    }

    /**
     * Holds or releases the machines: while paused, no tick runs, so no value changes and nothing
     * is published; connections and subscriptions stay up. Benchmarks pause before they count
     * what was published against what was stored.
     */
    public void setPaused(boolean paused) {
        synchronized (simulation) {
            this.paused = paused;
        }
    }

    /** Whether the machines are held by {@link #setPaused(boolean)}. */
    public boolean isPaused() {
        synchronized (simulation) {
            return paused;
        }
    }

    private void tick() {
        try {
            long t0 = System.nanoTime();
            synchronized (simulation) {
                if (paused) {
                    return;
                }
            }
            synchronized (simulation) {
                Instant now = config.speedUp() == 1 ? Instant.now() : simulation.time().plus(config.simulation().tick());
                simulation.step(now);
                SimNamespace ns = namespace;
                if (ns != null) {
                    ns.publish(new DateTime(now), DateTime.now());
                }
            }
            long elapsed = System.nanoTime() - t0;
            lastTickNanos = elapsed;
            if (elapsed > maxTickNanos) {
                maxTickNanos = elapsed;
            }
            totalTickNanos.addAndGet(elapsed);
            ticks.incrementAndGet();
        } catch (RuntimeException e) {
            // A failing tick must not cancel the schedule.
            LOG.warn("simulation tick failed", e);
        }
    }

    private static String hostname(String bindAddress) {
        try {
            InetAddress a = InetAddress.getByName(bindAddress);
            if (a.isAnyLocalAddress()) {
                return "localhost";
            }
        } catch (IOException e) {
            return bindAddress;
        }
        return bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress;
    }

    private static int freePort(String bindAddress) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(bindAddress))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) {
        try {
            Files.walkFileTree(
                    dir,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                                throws IOException {
                            Files.deleteIfExists(file);
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                            Files.deleteIfExists(d);
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            LOG.debug("cannot delete temporary PKI directory {}", dir, e);
        }
    }
}
