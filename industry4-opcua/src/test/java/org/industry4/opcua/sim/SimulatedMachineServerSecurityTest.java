package org.industry4.opcua.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.identity.UsernameProvider;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.stack.core.util.CertificateUtil;
import org.eclipse.milo.opcua.sdk.client.DiscoveryClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedMachineServerSecurityTest {

  private static final NodeId SPEED = NodeId.parse("ns=2;s=cnc-01/spindle_speed");
  private static SimulatedMachineServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server =
        SimulatedMachineServer.start(
            SimServerConfig.builder()
                .pkiDirectory(SimTestClients.SHARED_PKI)
                .simulation(new SimulationOptions(1, 0, java.time.Duration.ofMillis(100), 3))
                .user("operator", "s3cret")
                .build());
    server.trustClientCertificate(SimTestClients.trustedClient().certificate());
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  private static void assertReads(OpcUaClient client) throws UaException {
    try {
      DataValue v = client.readValue(0, TimestampsToReturn.Both, SPEED);
      assertTrue(v.statusCode().isGood(), v.toString());
    } finally {
      SimTestClients.disconnect(client);
    }
  }

  @Test
  void serverOffersNoneSignAndSignAndEncryptWithAnonymousAndUserName() throws Exception {
    List<EndpointDescription> endpoints =
        DiscoveryClient.getEndpoints(server.endpointUrl()).get();
    Set<String> offered =
        endpoints.stream()
            .map(e -> e.getSecurityPolicyUri().substring(e.getSecurityPolicyUri().indexOf('#') + 1)
                + "/" + e.getSecurityMode())
            .collect(Collectors.toSet());
    assertEquals(
        Set.of("None/None", "Basic256Sha256/Sign", "Basic256Sha256/SignAndEncrypt"), offered);
    for (EndpointDescription e : endpoints) {
      assertEquals(2, e.getUserIdentityTokens().length, e.toString());
      assertEquals(server.endpointUrl(), e.getEndpointUrl());
    }
  }

  @Test
  void serverCertificateNamesTheApplicationAndHost() throws Exception {
    X509Certificate cert = server.certificate();
    assertEquals(
        "urn:industry4:simulated-machines:server",
        CertificateUtil.getSanUri(cert).orElseThrow());
    assertTrue(CertificateUtil.getSanDnsNames(cert).contains("localhost"));
    assertTrue(CertificateUtil.getSanIpAddresses(cert).contains("127.0.0.1"));
  }

  @Test
  void userWithTheRightPasswordConnects() throws Exception {
    assertReads(
        SimTestClients.connect(server, SecurityPolicy.None, MessageSecurityMode.None,
            cfg -> cfg.setIdentityProvider(new UsernameProvider("operator", "s3cret"))));
  }

  @Test
  void wrongPasswordIsRejectedWithUserAccessDenied() {
    UaException e =
        assertThrows(UaException.class,
            () -> SimTestClients.connect(server, SecurityPolicy.None, MessageSecurityMode.None,
                cfg -> cfg.setIdentityProvider(new UsernameProvider("operator", "wrong"))));
    assertEquals(StatusCodes.Bad_UserAccessDenied, SimTestClients.statusOf(e), e.toString());
    UaException unknown =
        assertThrows(UaException.class,
            () -> SimTestClients.connect(server, SecurityPolicy.None, MessageSecurityMode.None,
                cfg -> cfg.setIdentityProvider(new UsernameProvider("intruder", "s3cret"))));
    assertEquals(StatusCodes.Bad_UserAccessDenied, SimTestClients.statusOf(unknown));
  }

  @Test
  void trustedClientCertificateConnectsWithSignAndEncrypt() throws Exception {
    var credentials = SimTestClients.trustedClient();
    assertReads(
        SimTestClients.connect(server, SecurityPolicy.Basic256Sha256,
            MessageSecurityMode.SignAndEncrypt, SimTestClients.secure(server, credentials)));
    assertReads(
        SimTestClients.connect(server, SecurityPolicy.Basic256Sha256, MessageSecurityMode.Sign,
            SimTestClients.secure(server, credentials)
                .andThen(cfg -> cfg.setIdentityProvider(
                    new UsernameProvider("operator", "s3cret")))));
  }

  @Test
  void untrustedClientCertificateIsRejectedAndQuarantined() throws Exception {
    var credentials = SimTestClients.untrustedClient();
    UaException e =
        assertThrows(UaException.class,
            () -> SimTestClients.connect(server, SecurityPolicy.Basic256Sha256,
                MessageSecurityMode.SignAndEncrypt, SimTestClients.secure(server, credentials)));
    assertEquals(StatusCodes.Bad_SecurityChecksFailed, SimTestClients.statusOf(e), e.toString());
    Path rejected = server.pkiDirectory().resolve("rejected");
    try (var files = Files.list(rejected)) {
      assertTrue(files.findAny().isPresent(), "rejected certificate kept in " + rejected);
    }
  }

  @Test
  void serverCertificateIsReusedFromThePkiDirectory() throws Exception {
    try (var second =
        SimulatedMachineServer.start(
            SimServerConfig.builder().pkiDirectory(SimTestClients.SHARED_PKI).build())) {
      assertEquals(server.certificate(), second.certificate());
      assertTrue(Files.exists(SimTestClients.SHARED_PKI.resolve("server-keystore.pfx")));
    }
  }

  @Test
  void acceptAnyClientCertificateLetsAnUntrustedClientIn(@TempDir Path pki) throws Exception {
    // a fresh PKI directory also shows the first start generating the certificate
    try (var open =
        SimulatedMachineServer.start(
            SimServerConfig.builder().pkiDirectory(pki).acceptAnyClientCertificate(true).build())) {
      assertFalse(open.certificate().equals(server.certificate()));
      assertReads(
          SimTestClients.connect(open, SecurityPolicy.Basic256Sha256,
              MessageSecurityMode.SignAndEncrypt,
              SimTestClients.secure(open, SimTestClients.untrustedClient())));
    }
  }

  @Test
  void anonymousIsRefusedWhenNotAllowed() throws Exception {
    try (var closed =
        SimulatedMachineServer.start(
            SimServerConfig.builder()
                .pkiDirectory(SimTestClients.SHARED_PKI)
                .allowAnonymous(false)
                .user("operator", "s3cret")
                .build())) {
      assertThrows(UaException.class, () -> SimTestClients.connectAnonymous(closed));
      assertReads(
          SimTestClients.connect(closed, SecurityPolicy.None, MessageSecurityMode.None,
              cfg -> cfg.setIdentityProvider(new UsernameProvider("operator", "s3cret"))));
    }
  }
}
