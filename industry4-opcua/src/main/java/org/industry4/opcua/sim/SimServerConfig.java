package org.industry4.opcua.sim;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of a {@link SimulatedMachineServer}; build with {@link #builder()}.
 *
 * <p>Defaults: bind address {@code 127.0.0.1}, port 0 (a free port is picked), path {@code
 * /industry4}, a new temporary PKI directory, {@link SimulationOptions#SimulationOptions() default
 * simulation options}, anonymous access allowed, no users, client certificates checked against the
 * server's trust list, Milo's default monitored-item limits.
 *
 * <h2>Operation limits</h2>
 *
 * Real PLC servers limit how many monitored items one service call and one session may carry, and
 * clients have to cope. {@link Builder#maxMonitoredItemsPerCall(int)} sets {@code
 * MaxMonitoredItemsPerCall}: the server publishes it in {@code
 * Server_ServerCapabilities_OperationLimits} and refuses any CreateMonitoredItems,
 * ModifyMonitoredItems, DeleteMonitoredItems or SetMonitoringMode request with more items (and any
 * SetTriggering request with more links to add or remove) as a whole with {@code
 * Bad_TooManyOperations}. {@link Builder#advertiseMaxMonitoredItemsPerCall(boolean)
 * advertiseMaxMonitoredItemsPerCall(false)} keeps enforcing the limit but publishes 0 ("no limit
 * stated"), like servers that do not fill in their OperationLimits: a client must then find the
 * limit by splitting refused calls. {@link Builder#maxMonitoredItemsPerSession(int)} caps the
 * monitored items of one session over all its subscriptions: items beyond it are refused one by
 * one with {@code Bad_TooManyMonitoredItems} while the rest of the call succeeds.
 *
 * <h2>Compressed time</h2>
 *
 * {@link Builder#speedUp(double)} runs the machines faster than real time: the physics still
 * advances by {@link SimulationOptions#tick()} per step, but steps come every {@code tick /
 * speedUp} of wall-clock time, and source timestamps and the ground truth are the simulation's own
 * clock (it starts at the server's start and moves one tick per step) instead of the wall clock.
 * With a tick of one second and a speed-up of 60, an hour of plant runs in a minute and every
 * timestamp a client sees is in simulated time. At the default speed-up of 1 source timestamps are
 * the wall clock, as on a real server.
 */
public final class SimServerConfig {

    private final String bindAddress;
    private final int port;
    private final String path;
    private final Path pkiDirectory;
    private final SimulationOptions simulation;
    private final boolean allowAnonymous;
    private final Map<String, String> users;
    private final boolean acceptAnyClientCertificate;
    private final int maxMonitoredItemsPerCall;
    private final int maxMonitoredItemsPerSession;
    private final boolean advertiseMaxMonitoredItemsPerCall;
    private final double speedUp;

    private SimServerConfig(Builder b) {
        this.bindAddress = b.bindAddress;
        this.port = b.port;
        this.path = b.path;
        this.pkiDirectory = b.pkiDirectory;
        this.simulation = b.simulation;
        this.allowAnonymous = b.allowAnonymous;
        this.users = Map.copyOf(b.users);
        this.acceptAnyClientCertificate = b.acceptAnyClientCertificate;
        this.maxMonitoredItemsPerCall = b.maxMonitoredItemsPerCall;
        this.maxMonitoredItemsPerSession = b.maxMonitoredItemsPerSession;
        this.advertiseMaxMonitoredItemsPerCall = b.advertiseMaxMonitoredItemsPerCall;
        this.speedUp = b.speedUp;
    }

    /** A builder with every default set. */
    public static Builder builder() {
        return new Builder();
    }

    /** Address the server listens on, e.g. {@code 127.0.0.1}. */
    public String bindAddress() {
        return bindAddress;
    }

    /** Port to listen on; 0 means a free port picked at start. */
    public int port() {
        return port;
    }

    /** Endpoint path, starting with {@code /}. */
    public String path() {
        return path;
    }

    /** PKI directory (server keystore, trust list); {@code null} means a new temporary directory. */
    public Path pkiDirectory() {
        return pkiDirectory;
    }

    /** The simulation to serve. */
    public SimulationOptions simulation() {
        return simulation;
    }

    /** Whether the anonymous identity is accepted. */
    public boolean allowAnonymous() {
        return allowAnonymous;
    }

    /** Accepted users, name to password. */
    public Map<String, String> users() {
        return users;
    }

    /** Whether every client certificate is trusted (insecure; demos only). */
    public boolean acceptAnyClientCertificate() {
        return acceptAnyClientCertificate;
    }

    /**
     * The most monitored items per service call, enforced with {@code Bad_TooManyOperations}; 0 means
     * Milo's default (10,000 published, nothing enforced).
     */
    public int maxMonitoredItemsPerCall() {
        return maxMonitoredItemsPerCall;
    }

    /**
     * The most monitored items per session, enforced per item with {@code Bad_TooManyMonitoredItems};
     * 0 means Milo's default (no practical limit: 2<sup>31</sup>-1).
     */
    public int maxMonitoredItemsPerSession() {
        return maxMonitoredItemsPerSession;
    }

    /**
     * Whether {@link #maxMonitoredItemsPerCall()} is published in the server's OperationLimits; if
     * not, the server publishes 0 (no limit stated) and still enforces it.
     */
    public boolean advertiseMaxMonitoredItemsPerCall() {
        return advertiseMaxMonitoredItemsPerCall;
    }

    /**
     * How many times faster than real time the machines run (default 1); see the class description.
     */
    public double speedUp() {
        return speedUp;
    }

    /** Wall-clock time between two steps: the simulation tick divided by the speed-up. */
    public java.time.Duration stepPeriod() {
        return java.time.Duration.ofNanos(Math.round(simulation.tick().toNanos() / speedUp));
    }

    @Override
    public String toString() {
        return "SimServerConfig[bindAddress=" + bindAddress + ", port=" + port + ", path=" + path
                + ", pkiDirectory=" + pkiDirectory + ", simulation=" + simulation + ", allowAnonymous="
                + allowAnonymous + ", users=" + users.keySet() + ", acceptAnyClientCertificate="
                + acceptAnyClientCertificate + ", maxMonitoredItemsPerCall=" + maxMonitoredItemsPerCall
                + ", maxMonitoredItemsPerSession=" + maxMonitoredItemsPerSession
                + ", advertiseMaxMonitoredItemsPerCall=" + advertiseMaxMonitoredItemsPerCall
                + ", speedUp=" + speedUp + "]";
    }

    /** Builder of {@link SimServerConfig}; each setter validates its argument. */
    public static final class Builder {
        private String bindAddress = "127.0.0.1";
        private int port = 0;
        private String path = "/industry4";
        private Path pkiDirectory;
        private SimulationOptions simulation = new SimulationOptions();
        private boolean allowAnonymous = true;
        private final Map<String, String> users = new LinkedHashMap<>();
        private boolean acceptAnyClientCertificate = false;
        private int maxMonitoredItemsPerCall = 0;
        private int maxMonitoredItemsPerSession = 0;
        private boolean advertiseMaxMonitoredItemsPerCall = true;
        private double speedUp = 1;

        private Builder() {}

        /**
         * Runs the machines {@code speedUp} times faster than real time, with source timestamps in
         * simulated time (default 1: real time, wall-clock timestamps); see the class description.
         *
         * @param speedUp a finite factor in 1..10,000
         * @return this builder
         */
        public Builder speedUp(double speedUp) {
            if (!(speedUp >= 1 && speedUp <= 10_000)) {
                throw new IllegalArgumentException("speedUp must be in 1..10000, got " + speedUp);
            }
            this.speedUp = speedUp;
            return this;
        }

        /**
         * Address to listen on (default {@code 127.0.0.1}).
         *
         * @param bindAddress a host name or IP address, not blank
         * @return this builder
         */
        public Builder bindAddress(String bindAddress) {
            Objects.requireNonNull(bindAddress, "bindAddress");
            if (bindAddress.isBlank()) {
                throw new IllegalArgumentException("bindAddress must not be blank");
            }
            this.bindAddress = bindAddress;
            return this;
        }

        /**
         * Port to listen on (default 0: a free port is picked at start and kept across restarts).
         *
         * @param port 0..65535
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be in 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Endpoint path (default {@code /industry4}).
         *
         * @param path starts with {@code /}, no whitespace
         * @return this builder
         */
        public Builder path(String path) {
            Objects.requireNonNull(path, "path");
            if (!path.startsWith("/") || path.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException(
                        "path must start with '/' and contain no whitespace, got '" + path + "'");
            }
            this.path = path;
            return this;
        }

        /**
         * Directory of the server's keystore and trust list (default: a new temporary directory).
         * The server certificate is generated once and reused from here on later starts; clients'
         * certificates trusted by hand go to {@code <pki>/trusted/certs}; rejected ones land in
         * {@code <pki>/rejected}.
         *
         * @param pkiDirectory the directory; created if missing
         * @return this builder
         */
        public Builder pkiDirectory(Path pkiDirectory) {
            this.pkiDirectory = Objects.requireNonNull(pkiDirectory, "pkiDirectory");
            return this;
        }

        /**
         * What to simulate (default {@link SimulationOptions#SimulationOptions()}).
         *
         * @param simulation the options
         * @return this builder
         */
        public Builder simulation(SimulationOptions simulation) {
            this.simulation = Objects.requireNonNull(simulation, "simulation");
            return this;
        }

        /**
         * Whether anonymous sessions are allowed (default true).
         *
         * @param allowAnonymous the flag
         * @return this builder
         */
        public Builder allowAnonymous(boolean allowAnonymous) {
            this.allowAnonymous = allowAnonymous;
            return this;
        }

        /**
         * Adds an accepted user name and password (repeatable).
         *
         * @param name not blank, not yet added
         * @param password not empty
         * @return this builder
         */
        public Builder user(String name, String password) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(password, "password");
            if (name.isBlank()) {
                throw new IllegalArgumentException("user name must not be blank");
            }
            if (password.isEmpty()) {
                throw new IllegalArgumentException("password of user '" + name + "' must not be empty");
            }
            if (users.containsKey(name)) {
                throw new IllegalArgumentException("user '" + name + "' added twice");
            }
            users.put(name, password);
            return this;
        }

        /**
         * Trust every client application certificate without checking the trust list (default
         * false). Insecure: any client can then open a signed or encrypted channel. For demos only.
         *
         * @param acceptAny the flag
         * @return this builder
         */
        public Builder acceptAnyClientCertificate(boolean acceptAny) {
            this.acceptAnyClientCertificate = acceptAny;
            return this;
        }

        /**
         * The most monitored items one CreateMonitoredItems, ModifyMonitoredItems,
         * DeleteMonitoredItems or SetMonitoringMode call may carry (default 0: Milo's default, which
         * publishes 10,000 and enforces nothing). A positive limit is published as {@code
         * MaxMonitoredItemsPerCall} in {@code Server_ServerCapabilities_OperationLimits} (unless
         * {@link #advertiseMaxMonitoredItemsPerCall(boolean)} is false) and enforced: a larger call
         * fails as a whole with {@code Bad_TooManyOperations} and creates, changes or deletes
         * nothing.
         *
         * @param max at least 0; 0 = Milo's default
         * @return this builder
         */
        public Builder maxMonitoredItemsPerCall(int max) {
            if (max < 0) {
                throw new IllegalArgumentException(
                        "maxMonitoredItemsPerCall must be >= 0 (0 = Milo's default), got " + max);
            }
            this.maxMonitoredItemsPerCall = max;
            return this;
        }

        /**
         * The most monitored items one session may have over all its subscriptions (default 0:
         * Milo's default, 2<sup>31</sup>-1). Milo enforces it item by item: in a call that crosses
         * the limit, the items that still fit are created and the others get {@code
         * Bad_TooManyMonitoredItems}; deleting items or subscriptions frees room again.
         *
         * @param max at least 0; 0 = Milo's default
         * @return this builder
         */
        public Builder maxMonitoredItemsPerSession(int max) {
            if (max < 0) {
                throw new IllegalArgumentException(
                        "maxMonitoredItemsPerSession must be >= 0 (0 = Milo's default), got " + max);
            }
            this.maxMonitoredItemsPerSession = max;
            return this;
        }

        /**
         * Whether the server publishes its {@link #maxMonitoredItemsPerCall(int)} in {@code
         * Server_ServerCapabilities_OperationLimits/MaxMonitoredItemsPerCall} (default true). With
         * false it publishes 0, which OPC UA reads as "no limit stated", and still refuses larger
         * calls with {@code Bad_TooManyOperations}: a client that sizes its calls by the published
         * limit cannot avoid the refusal and must split and retry. The server's other operation
         * limits (nodes per read, write, browse, ...) are Milo's defaults, published and enforced by
         * Milo, and unaffected.
         *
         * @param advertise the flag
         * @return this builder
         */
        public Builder advertiseMaxMonitoredItemsPerCall(boolean advertise) {
            this.advertiseMaxMonitoredItemsPerCall = advertise;
            return this;
        }

        /**
         * The configuration.
         *
         * @return the immutable configuration
         * @throws IllegalArgumentException if anonymous access is off and no user is configured, or
         *     the step period (tick / speedUp) is under 1 ms
         */
        public SimServerConfig build() {
            if (!allowAnonymous && users.isEmpty()) {
                throw new IllegalArgumentException(
                        "no identity accepted: allowAnonymous is false and no user is configured");
            }
            long periodNanos = Math.round(simulation.tick().toNanos() / speedUp);
            if (periodNanos < 1_000_000) {
                throw new IllegalArgumentException("tick / speedUp must be >= 1 ms, got tick " + simulation.tick()
                        + " and speedUp " + speedUp);
            }
            return new SimServerConfig(this);
        }
    }
}
