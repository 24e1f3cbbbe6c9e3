package org.industry4.opcua.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how the collector connects: endpoint URL, security, identity, PKI folder, timeouts and
 * reconnection. Immutable; build with {@link #builder(String)}.
 *
 * <pre>{@code
 * CollectorConfig config = CollectorConfig.builder("opc.tcp://plc-7:4840/line2")
 *     .security(SecurityMode.BASIC256SHA256_SIGN_AND_ENCRYPT)
 *     .identity(Identity.username("collector", password))
 *     .pkiDirectory(Path.of("/var/lib/industry4/pki"))
 *     .build();
 * }</pre>
 */
public final class CollectorConfig {

    private final String endpointUrl;
    private final String host;
    private final int port;
    private final SecurityMode security;
    private final Identity identity;
    private final Path pkiDirectory;
    private final String applicationName;
    private final String applicationUri;
    private final Duration requestTimeout;
    private final Duration connectTimeout;
    private final Duration sessionTimeout;
    private final Duration keepAliveInterval;
    private final ReconnectOptions reconnect;
    private final TrustMode trustMode;

    private CollectorConfig(Builder b) {
        this.endpointUrl = b.endpointUrl;
        this.host = b.host;
        this.port = b.port;
        this.security = b.security;
        this.identity = b.identity;
        this.pkiDirectory = b.pkiDirectory;
        this.applicationName = b.applicationName;
        this.applicationUri = b.applicationUri;
        this.requestTimeout = b.requestTimeout;
        this.connectTimeout = b.connectTimeout;
        this.sessionTimeout = b.sessionTimeout;
        this.keepAliveInterval = b.keepAliveInterval;
        this.reconnect = b.reconnect;
        this.trustMode = b.trustMode;
    }

    /**
     * Starts a configuration for a server.
     *
     * @param endpointUrl {@code opc.tcp://host[:port][/path]}; host a name, an IPv4 address or an
     *                    IPv6 address in brackets; port 1..65535, 4840 when left out
     * @throws IllegalArgumentException if the URL does not have that shape
     */
    public static Builder builder(String endpointUrl) {
        return new Builder(endpointUrl);
    }

    /** The endpoint URL as given. */
    public String endpointUrl() {
        return endpointUrl;
    }

    /** The host part of the endpoint URL (IPv6 without brackets). */
    public String host() {
        return host;
    }

    /** The port of the endpoint URL (4840 if the URL had none). */
    public int port() {
        return port;
    }

    /** The required security policy and mode. */
    public SecurityMode security() {
        return security;
    }

    /** The user identity. */
    public Identity identity() {
        return identity;
    }

    /** The PKI folder, if configured (always present with security other than NONE). */
    public Optional<Path> pkiDirectory() {
        return Optional.ofNullable(pkiDirectory);
    }

    /** The application name the collector gives the server. */
    public String applicationName() {
        return applicationName;
    }

    /** The application URI, also in the application certificate. */
    public String applicationUri() {
        return applicationUri;
    }

    /** How long a single service call may take. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** How long opening one connection (TCP, secure channel, session) may take. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** The session timeout requested from the server. */
    public Duration sessionTimeout() {
        return sessionTimeout;
    }

    /** How often the collector checks that an idle connection is alive. */
    public Duration keepAliveInterval() {
        return keepAliveInterval;
    }

    /** How the collector retries after losing the server. */
    public ReconnectOptions reconnect() {
        return reconnect;
    }

    /** How server certificates are trusted. */
    public TrustMode trustMode() {
        return trustMode;
    }

    @Override
    public String toString() {
        return "CollectorConfig[" + endpointUrl + ", " + security + ", " + identity + ", pki="
                + pkiDirectory + ", trust=" + trustMode + "]";
    }

    /** Builds a {@link CollectorConfig}; every setting has a default except the endpoint URL. */
    public static final class Builder {
        private final String endpointUrl;
        private final String host;
        private final int port;
        private SecurityMode security = SecurityMode.NONE;
        private Identity identity = Identity.anonymous();
        private Path pkiDirectory;
        private String applicationName = "industry4 collector";
        private String applicationUri = "urn:industry4:opcua:collector";
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration sessionTimeout = Duration.ofSeconds(60);
        private Duration keepAliveInterval = Duration.ofSeconds(2);
        private ReconnectOptions reconnect = new ReconnectOptions();
        private TrustMode trustMode = TrustMode.STRICT;

        private Builder(String endpointUrl) {
            Objects.requireNonNull(endpointUrl, "endpointUrl");
            this.endpointUrl = endpointUrl.strip();
            URI uri;
            try {
                uri = new URI(this.endpointUrl);
            } catch (URISyntaxException e) {
                throw invalid(endpointUrl, e.getReason());
            }
            if (!"opc.tcp".equalsIgnoreCase(uri.getScheme())) {
                throw invalid(endpointUrl, "the scheme must be opc.tcp");
            }
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                throw invalid(endpointUrl, "no host");
            }
            if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw invalid(endpointUrl, "user info, query and fragment are not allowed");
            }
            String rawAuthority = uri.getRawAuthority();
            if (rawAuthority != null && rawAuthority.endsWith(":")) {
                throw invalid(endpointUrl, "empty port");
            }
            int p = uri.getPort();
            if (p == -1) {
                p = 4840;
            }
            if (p < 1 || p > 65535) {
                throw invalid(endpointUrl, "port must be in 1..65535, got " + p);
            }
            String h = uri.getHost();
            if (h.startsWith("[") && h.endsWith("]")) {
                h = h.substring(1, h.length() - 1);
            }
            this.host = h;
            this.port = p;
        }

        private static IllegalArgumentException invalid(String url, String why) {
            return new IllegalArgumentException("invalid endpoint URL \"" + url
                    + "\": " + why + " (expected opc.tcp://host:port[/path])");
        }

        /** Security policy and mode; default {@link SecurityMode#NONE}. */
        public Builder security(SecurityMode mode) {
            this.security = Objects.requireNonNull(mode, "security");
            return this;
        }

        /** User identity; default {@link Identity#anonymous()}. */
        public Builder identity(Identity identity) {
            this.identity = Objects.requireNonNull(identity, "identity");
            return this;
        }

        /**
         * The PKI folder (application certificate and trust list, see {@link ClientPki}); required
         * with any security other than NONE and with a user name identity.
         */
        public Builder pkiDirectory(Path directory) {
            this.pkiDirectory = Objects.requireNonNull(directory, "pkiDirectory");
            return this;
        }

        /** Application name shown by the server; default {@code "industry4 collector"}. */
        public Builder applicationName(String name) {
            this.applicationName = requireText(name, "applicationName");
            return this;
        }

        /** Application URI (also in the certificate); default {@code "urn:industry4:opcua:collector"}. */
        public Builder applicationUri(String uri) {
            this.applicationUri = requireText(uri, "applicationUri");
            return this;
        }

        /** Timeout of one service call (read, write, browse, create items); default 10 s. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = requirePositive(timeout, "requestTimeout");
            return this;
        }

        /** Timeout of opening one connection and session; default 5 s. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = requirePositive(timeout, "connectTimeout");
            return this;
        }

        /** Session timeout requested from the server; default 60 s. */
        public Builder sessionTimeout(Duration timeout) {
            this.sessionTimeout = requirePositive(timeout, "sessionTimeout");
            return this;
        }

        /**
         * How often an idle connection is checked (a read of the server state); two failed checks
         * in a row count as a lost connection. Default 2 s. A closed TCP connection is noticed at
         * once regardless.
         */
        public Builder keepAliveInterval(Duration interval) {
            this.keepAliveInterval = requirePositive(interval, "keepAliveInterval");
            return this;
        }

        /** Reconnection backoff; default {@code new ReconnectOptions()}. */
        public Builder reconnect(ReconnectOptions options) {
            this.reconnect = Objects.requireNonNull(options, "reconnect");
            return this;
        }

        /** How server certificates are trusted; default {@link TrustMode#STRICT}. */
        public Builder trustServerCertificates(TrustMode mode) {
            this.trustMode = Objects.requireNonNull(mode, "trustMode");
            return this;
        }

        /**
         * The configuration.
         *
         * @throws IllegalArgumentException if security other than NONE, or a user name identity, is
         *                                  asked for without a PKI folder (a password is only sent
         *                                  encrypted for a server certificate in the trust list)
         */
        public CollectorConfig build() {
            if (security != SecurityMode.NONE && pkiDirectory == null) {
                throw new IllegalArgumentException("security " + security
                        + " needs a pkiDirectory for the application certificate and the trust list");
            }
            if (identity.kind() == Identity.Kind.USERNAME && pkiDirectory == null) {
                throw new IllegalArgumentException("identity " + identity + " needs a pkiDirectory: the password"
                        + " is encrypted for the server certificate, which must be in the trust list");
            }
            return new CollectorConfig(this);
        }

        private static String requireText(String s, String what) {
            Objects.requireNonNull(s, what);
            if (s.isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank, got \"" + s + "\"");
            }
            return s;
        }

        private static Duration requirePositive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.toMillis() < 1 || d.toMillis() > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException(what + " must be between 1 ms and 2^32-1 ms, got " + d);
            }
            return d;
        }
    }
}
