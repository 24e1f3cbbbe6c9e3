package org.industry4.opcua.client;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.net.ConnectException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.eclipse.milo.opcua.sdk.client.DiscoveryClient;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.OpcUaClientConfig;
import org.eclipse.milo.opcua.sdk.client.OpcUaClientConfigBuilder;
import org.eclipse.milo.opcua.sdk.client.SessionActivityListener;
import org.eclipse.milo.opcua.sdk.client.UaSession;
import org.eclipse.milo.opcua.sdk.client.identity.AnonymousProvider;
import org.eclipse.milo.opcua.sdk.client.identity.UsernameProvider;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.UserTokenType;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.UserTokenPolicy;
import org.eclipse.milo.opcua.stack.core.util.EndpointUtil;
import org.eclipse.milo.opcua.stack.transport.client.tcp.OpcTcpClientTransport;
import org.eclipse.milo.opcua.stack.transport.client.tcp.OpcTcpClientTransportConfig;
import org.eclipse.milo.opcua.stack.transport.client.tcp.OpcTcpClientTransportConfigBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session with the server: a Milo {@link OpcUaClient} that the collector opened and will close.
 * The collector replaces it by a new one after the server went away (see {@link OpcUaCollector}),
 * so Milo's own reconnect loop of this client is stopped as soon as the loss is noticed.
 */
final class UaConnection {

    private static final Logger LOG = LoggerFactory.getLogger(UaConnection.class);

    /** What {@link #open} needs besides the config. */
    record Security(ClientPki pki, ClientPki.ApplicationKeys keys,
                    org.eclipse.milo.opcua.stack.core.security.TrustListManager trustList) {
    }

    private final OpcUaClient client;
    private final long generation;
    private final EndpointDescription endpoint;

    private UaConnection(OpcUaClient client, long generation, EndpointDescription endpoint) {
        this.client = client;
        this.generation = generation;
        this.endpoint = endpoint;
    }

    OpcUaClient client() {
        return client;
    }

    /** Increases with every connection the collector opens. */
    long generation() {
        return generation;
    }

    EndpointDescription endpoint() {
        return endpoint;
    }

    /**
     * Discovers the endpoints, selects one, opens a session.
     *
     * @param security null when the config has no PKI folder
     * @param onLost   called (once per loss, on a Milo thread) when this session stops being active
     */
    static UaConnection open(CollectorConfig config, Security security, long generation,
                             Consumer<String> onLost) throws OpcUaConnectException {
        String url = config.endpointUrl();
        long connectMs = config.connectTimeout().toMillis();
        Consumer<OpcTcpClientTransportConfigBuilder> transport =
                b -> b.setConnectTimeout(uint(connectMs)).setAcknowledgeTimeout(uint(connectMs));

        List<EndpointDescription> endpoints;
        try {
            endpoints = DiscoveryClient.getEndpoints(url, transport).get(connectMs + 2_000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw failure(url, "cannot get endpoints", e, null);
        }
        EndpointDescription endpoint = select(config, endpoints);

        ServerCertificateValidator validator = security == null ? null
                : new ServerCertificateValidator(security.pki(), security.trustList(), config.trustMode());

        OpcUaClientConfigBuilder cb = OpcUaClientConfig.builder()
                .setEndpoint(endpoint)
                .setDiscoveryEndpoints(endpoints)
                .setApplicationName(LocalizedText.english(config.applicationName()))
                .setApplicationUri(config.applicationUri())
                .setProductUri("urn:industry4:opcua")
                .setRequestTimeout(uint(config.requestTimeout().toMillis()))
                .setSessionTimeout(uint(config.sessionTimeout().toMillis()))
                .setKeepAliveInterval(uint(config.keepAliveInterval().toMillis()))
                .setKeepAliveTimeout(uint(Math.max(1_000, config.keepAliveInterval().toMillis())))
                .setKeepAliveFailuresAllowed(uint(1))
                .setIdentityProvider(identityProvider(config.identity()));
        if (security != null) {
            cb.setKeyPair(security.keys().keyPair())
                    .setCertificate(security.keys().certificate())
                    .setCertificateChain(new X509Certificate[]{security.keys().certificate()})
                    .setCertificateValidator(validator);
        }
        OpcTcpClientTransportConfigBuilder tb = OpcTcpClientTransportConfig.newBuilder();
        transport.accept(tb);
        OpcUaClient client = new OpcUaClient(cb.build(), new OpcTcpClientTransport(tb.build()));
        client.addSessionActivityListener(new SessionActivityListener() {
            private boolean reported;

            @Override
            public synchronized void onSessionInactive(UaSession session) {
                if (!reported) {
                    reported = true;
                    onLost.accept("session inactive (connection lost or keep-alive failed)");
                }
            }
        });
        try {
            client.connectAsync().get(connectMs + config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            client.disconnectAsync();
            throw failure(url, "cannot open a session", e, validator);
        }
        var connection = new UaConnection(client, generation, endpoint);
        LOG.info("connected to {} ({} / {}, {}), session {}", url, policyName(endpoint.getSecurityPolicyUri()),
                endpoint.getSecurityMode(), config.identity(), generation);
        return connection;
    }

    /**
     * Stops this client: Milo's reconnect loop ends, the session is closed if the server is still
     * there. Does not wait longer than {@code waitMillis}.
     */
    void close(long waitMillis) {
        CompletableFuture<OpcUaClient> f = client.disconnectAsync();
        if (waitMillis > 0) {
            try {
                f.get(waitMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.debug("disconnect of session {} did not finish: {}", generation, e.toString());
            }
        }
    }

    private static org.eclipse.milo.opcua.sdk.client.identity.IdentityProvider identityProvider(Identity identity) {
        if (identity.kind() == Identity.Kind.USERNAME) {
            return new UsernameProvider(identity.userName().orElseThrow(), identity::passwordUtf8);
        }
        return new AnonymousProvider();
    }

    /** The endpoint matching the configured security and identity, its host and port set to the URL's. */
    static EndpointDescription select(CollectorConfig config, List<EndpointDescription> endpoints)
            throws OpcUaConnectException {
        String policy = switch (config.security()) {
            case NONE -> SecurityPolicy.None.getUri();
            case BASIC256SHA256_SIGN, BASIC256SHA256_SIGN_AND_ENCRYPT -> SecurityPolicy.Basic256Sha256.getUri();
        };
        MessageSecurityMode mode = switch (config.security()) {
            case NONE -> MessageSecurityMode.None;
            case BASIC256SHA256_SIGN -> MessageSecurityMode.Sign;
            case BASIC256SHA256_SIGN_AND_ENCRYPT -> MessageSecurityMode.SignAndEncrypt;
        };
        UserTokenType token = config.identity().kind() == Identity.Kind.USERNAME
                ? UserTokenType.UserName : UserTokenType.Anonymous;
        Optional<EndpointDescription> match = endpoints.stream()
                .filter(e -> policy.equals(e.getSecurityPolicyUri()) && e.getSecurityMode() == mode)
                .filter(e -> tokens(e).stream().anyMatch(t -> t.getTokenType() == token))
                .filter(e -> e.getEndpointUrl() != null && e.getEndpointUrl().startsWith("opc.tcp:"))
                .max((a, b) -> Integer.compare(a.getSecurityLevel().intValue(), b.getSecurityLevel().intValue()));
        if (match.isEmpty()) {
            String offered = endpoints.stream().map(UaConnection::describe).distinct()
                    .collect(Collectors.joining("; ", "[", "]"));
            throw new OpcUaConnectException(config.endpointUrl(), "the server offers no endpoint with "
                    + policyName(policy) + "/" + mode + " and a " + token + " token; it offers " + offered,
                    OpcUaStatus.of(StatusCodes.Bad_SecurityPolicyRejected), null);
        }
        return EndpointUtil.updateUrl(match.get(), config.host(), config.port());
    }

    private static List<UserTokenPolicy> tokens(EndpointDescription e) {
        return e.getUserIdentityTokens() == null ? List.of() : Arrays.asList(e.getUserIdentityTokens());
    }

    private static String describe(EndpointDescription e) {
        return policyName(e.getSecurityPolicyUri()) + "/" + e.getSecurityMode() + " "
                + tokens(e).stream().map(t -> String.valueOf(t.getTokenType())).distinct().toList();
    }

    static String policyName(String uri) {
        if (uri == null) {
            return "(none)";
        }
        int hash = uri.lastIndexOf('#');
        return hash >= 0 ? uri.substring(hash + 1) : uri;
    }

    /** Maps a Milo failure to the exception users see. */
    static OpcUaConnectException failure(String url, String what, Throwable e,
                                         ServerCertificateValidator validator) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        if (e instanceof TimeoutException) {
            return new OpcUaConnectException(url, what + ": no answer in time",
                    OpcUaStatus.of(StatusCodes.Bad_Timeout), e);
        }
        X509Certificate rejected = validator == null ? null : validator.rejectedCertificate();
        Optional<UaException> ua = UaException.extract(cause);
        OpcUaStatus status = ua.map(u -> OpcUaStatus.of(u.getStatusCode())).orElse(null);
        if (rejected != null) {
            String subject = rejected.getSubjectX500Principal().getName();
            String thumb = ClientPki.thumbprint(rejected);
            return new OpcUaConnectException(url, "the server certificate \"" + subject + "\" (SHA-1 thumbprint "
                    + thumb + ") is not trusted; it was stored in " + validator.rejectedFile()
                    + "; if it is the right server, trust it with ClientPki.trust(...) or"
                    + " OpcUaCollector.trustServerCertificate(pkiDirectory, certificate), or move that file to "
                    + validator.rejectedFile().getParent().resolveSibling("trusted").resolve("certs")
                    + ", then connect again",
                    status == null ? OpcUaStatus.of(StatusCodes.Bad_CertificateUntrusted) : status,
                    rejected, validator.rejectedFile(), cause);
        }
        String reason = what + ": " + describeCause(cause, ua);
        return new OpcUaConnectException(url, reason, status, cause);
    }

    private static String describeCause(Throwable cause, Optional<UaException> ua) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "connection refused (nothing accepts connections at that host and port)";
            }
        }
        List<String> parts = new ArrayList<>();
        for (Throwable t = cause; t != null && parts.size() < 3; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && !m.isBlank() && parts.stream().noneMatch(p -> p.contains(m))) {
                parts.add(m);
            }
        }
        if (parts.isEmpty()) {
            parts.add(ua.map(u -> OpcUaStatus.of(u.getStatusCode()).name())
                    .orElse(Objects.toString(cause)));
        }
        return String.join(": ", parts);
    }
}
