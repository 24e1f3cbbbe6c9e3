package org.industry4.opcua.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.industry4.opcua.sim.SimServerConfig;
import org.industry4.opcua.sim.SimulatedMachineServer;
import org.industry4.opcua.sim.SimulationOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Basic256Sha256 endpoints, user names and trust lists against the simulated server, which only
 * accepts client certificates in its trust list. Keys are generated once per class.
 */
class CollectorSecurityTest {

    private static final String SPEED = "ns=2;s=cnc-01/spindle_speed";

    @TempDir
    static Path temp;

    private static SimulatedMachineServer server;
    /** A client PKI whose certificate the server trusts and which trusts the server. */
    private static Path trustedPki;

    @BeforeAll
    static void start() throws IOException {
        server = SimulatedMachineServer.start(SimServerConfig.builder()
                .pkiDirectory(temp.resolve("server-pki"))
                .simulation(new SimulationOptions(1, 0, Duration.ofMillis(100), 5))
                .allowAnonymous(true)
                .user("operator", "secret")
                .acceptAnyClientCertificate(false)
                .build());
        trustedPki = temp.resolve("client-pki");
        server.trustClientCertificate(OpcUaCollector.applicationCertificate(config(trustedPki,
                SecurityMode.BASIC256SHA256_SIGN_AND_ENCRYPT, Identity.anonymous()).build()));
        OpcUaCollector.trustServerCertificate(trustedPki, server.certificate());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static CollectorConfig.Builder config(Path pki, SecurityMode mode, Identity identity) {
        return CollectorConfig.builder(server.endpointUrl()).pkiDirectory(pki).security(mode).identity(identity);
    }

    @Test
    void signAndEncryptWithTheRightPasswordConnectsAndReads() throws Exception {
        try (OpcUaCollector collector = OpcUaCollector.connect(config(trustedPki,
                SecurityMode.BASIC256SHA256_SIGN_AND_ENCRYPT, Identity.username("operator", "secret")).build())) {
            assertTrue(collector.read(List.of(SPEED)).get(0).isGood());
            assertTrue(collector.write(List.of(WriteRequest.of("ns=2;s=cnc-01/setpoint/coolant_on", false)))
                    .get(0).isGood());
        }
    }

    @Test
    void aWrongPasswordIsUserAccessDenied() {
        var e = assertThrows(OpcUaConnectException.class, () -> OpcUaCollector.connect(config(trustedPki,
                SecurityMode.BASIC256SHA256_SIGN_AND_ENCRYPT,
                Identity.username("operator", "wrong".toCharArray())).build()));
        assertTrue(e.getMessage().contains("Bad_UserAccessDenied"), e.getMessage());
        assertEquals("Bad_UserAccessDenied", e.status().orElseThrow().name());
        assertFalse(e.getMessage().contains("wrong"), "the password is never shown: " + e.getMessage());
    }

    @Test
    void signOnlyWithAnonymousConnects() throws Exception {
        try (OpcUaCollector collector = OpcUaCollector.connect(config(trustedPki,
                SecurityMode.BASIC256SHA256_SIGN, Identity.anonymous()).build())) {
            assertTrue(collector.isConnected());
        }
    }

    @Test
    void theApplicationCertificateIsCreatedOnceAndReused() throws Exception {
        CollectorConfig c = config(trustedPki, SecurityMode.BASIC256SHA256_SIGN, Identity.anonymous()).build();
        X509Certificate first = OpcUaCollector.applicationCertificate(c);
        assertEquals(first, OpcUaCollector.applicationCertificate(c));
        assertTrue(Files.exists(trustedPki.resolve("own").resolve("application.pfx")));
        CollectorConfig otherUri = config(trustedPki, SecurityMode.BASIC256SHA256_SIGN, Identity.anonymous())
                .applicationUri("urn:somebody:else").build();
        var e = assertThrows(IOException.class, () -> OpcUaCollector.applicationCertificate(otherUri));
        assertTrue(e.getMessage().contains("urn:somebody:else"), e.getMessage());
    }

    @Test
    void anUntrustedServerCertificateIsRejectedClearlyAndCanThenBeTrusted() throws Exception {
        Path pki = temp.resolve("fresh-client-pki");
        CollectorConfig config = config(pki, SecurityMode.BASIC256SHA256_SIGN_AND_ENCRYPT,
                Identity.username("operator", "secret")).build();
        server.trustClientCertificate(OpcUaCollector.applicationCertificate(config));

        var e = assertThrows(OpcUaConnectException.class, () -> OpcUaCollector.connect(config));
        X509Certificate serverCert = server.certificate();
        String thumbprint = ClientPki.thumbprint(serverCert);
        assertEquals(serverCert, e.rejectedCertificate().orElseThrow());
        assertTrue(e.getMessage().contains(serverCert.getSubjectX500Principal().getName()), e.getMessage());
        assertTrue(e.getMessage().contains(thumbprint), e.getMessage());
        assertTrue(e.getMessage().contains("trust"), e.getMessage());
        Path rejected = e.rejectedCertificateFile().orElseThrow();
        assertTrue(Files.exists(rejected), rejected.toString());
        assertTrue(e.getMessage().contains(rejected.toString()), e.getMessage());
        assertEquals(List.of(serverCert), ClientPki.open(pki).rejectedCertificates());

        OpcUaCollector.trustServerCertificate(pki, e.rejectedCertificate().get());
        assertFalse(Files.exists(rejected), "trusting removes it from the rejected folder");
        try (OpcUaCollector collector = OpcUaCollector.connect(config)) {
            assertTrue(collector.read(List.of(SPEED)).get(0).isGood());
        }
    }

    @Test
    void trustOnFirstUseStoresTheFirstServerCertificate() throws Exception {
        Path pki = temp.resolve("tofu-client-pki");
        CollectorConfig config = config(pki, SecurityMode.BASIC256SHA256_SIGN_AND_ENCRYPT, Identity.anonymous())
                .trustServerCertificates(TrustMode.TRUST_ON_FIRST_USE).build();
        server.trustClientCertificate(OpcUaCollector.applicationCertificate(config));
        try (OpcUaCollector collector = OpcUaCollector.connect(config)) {
            assertTrue(collector.isConnected());
        }
        ClientPki clientPki = ClientPki.open(pki);
        assertEquals(List.of(server.certificate()), clientPki.trustedCertificates());
        assertTrue(clientPki.isTrusted(server.certificate()));
    }

    @Test
    void aUserNameOrSecurityWithoutPkiFolderIsAConfigurationError() {
        var e = assertThrows(IllegalArgumentException.class, () -> CollectorConfig.builder(server.endpointUrl())
                .security(SecurityMode.BASIC256SHA256_SIGN).build());
        assertTrue(e.getMessage().contains("pkiDirectory"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CollectorConfig.builder(server.endpointUrl())
                .identity(Identity.username("operator", "secret")).build());
    }
}
