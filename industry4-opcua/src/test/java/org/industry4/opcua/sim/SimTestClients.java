package org.industry4.opcua.sim;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.OpcUaClientConfigBuilder;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.DefaultClientCertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.MemoryTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;

/** Plain Milo clients for the tests (no collector code: the server is tested on its own). */
final class SimTestClients {

  static final String CLIENT_URI = "urn:industry4:sim-test-client";

  /** One PKI directory for every server in the test JVM, so the server key is generated once. */
  static final Path SHARED_PKI = Path.of("target", "sim-test-pki");

  private static ClientCredentials trusted;
  private static ClientCredentials untrusted;

  private SimTestClients() {}

  /** A client key pair and self-signed certificate. */
  record ClientCredentials(KeyPair keyPair, X509Certificate certificate) {}

  /** Credentials of a client the tests trust (generated once per JVM). */
  static synchronized ClientCredentials trustedClient() throws Exception {
    if (trusted == null) {
      trusted = newCredentials();
    }
    return trusted;
  }

  /** Credentials of a client no server trusts (generated once per JVM). */
  static synchronized ClientCredentials untrustedClient() throws Exception {
    if (untrusted == null) {
      untrusted = newCredentials();
    }
    return untrusted;
  }

  private static ClientCredentials newCredentials() throws Exception {
    KeyPair keyPair = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
    X509Certificate cert =
        new SelfSignedCertificateBuilder(keyPair)
            .setCommonName("industry4 sim test client")
            .setApplicationUri(CLIENT_URI)
            .addDnsName("localhost")
            .addIpAddress("127.0.0.1")
            .build();
    return new ClientCredentials(keyPair, cert);
  }

  /** Client settings for a secure channel: its credentials and trust in the server's certificate. */
  static Consumer<OpcUaClientConfigBuilder> secure(
      SimulatedMachineServer server, ClientCredentials credentials) {
    var trustList = new MemoryTrustListManager();
    trustList.addTrustedCertificate(server.certificate());
    return cfg ->
        cfg.setKeyPair(credentials.keyPair())
            .setCertificate(credentials.certificate())
            .setCertificateChain(new X509Certificate[] {credentials.certificate()})
            .setCertificateValidator(
                new DefaultClientCertificateValidator(trustList, new MemoryCertificateQuarantine()));
  }

  /** The status code of a failure, looking through wrapping exceptions. */
  static long statusOf(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof UaException e && e.getStatusCode().isBad()) {
        return e.getStatusCode().value();
      }
    }
    return -1;
  }

  /** A connected client on the None endpoint with the anonymous identity. */
  static OpcUaClient connectAnonymous(SimulatedMachineServer server) throws UaException {
    return connect(server, SecurityPolicy.None, MessageSecurityMode.None, cfg -> {});
  }

  /** A connected client on the endpoint with the given security, configured further by {@code more}. */
  static OpcUaClient connect(
      SimulatedMachineServer server,
      SecurityPolicy policy,
      MessageSecurityMode mode,
      Consumer<OpcUaClientConfigBuilder> more)
      throws UaException {
    OpcUaClient client = create(server, policy, mode, more);
    try {
      client.connect();
    } catch (UaException e) {
      client.disconnectAsync();
      throw e;
    }
    return client;
  }

  static OpcUaClient create(
      SimulatedMachineServer server,
      SecurityPolicy policy,
      MessageSecurityMode mode,
      Consumer<OpcUaClientConfigBuilder> more)
      throws UaException {
    return OpcUaClient.create(
        server.endpointUrl(),
        endpoints ->
            endpoints.stream()
                .filter(e -> policy.getUri().equals(e.getSecurityPolicyUri()))
                .filter(e -> e.getSecurityMode() == mode)
                .findFirst()
                .or(Optional::empty),
        transport -> {},
        cfg -> {
          cfg.setApplicationName(LocalizedText.english("industry4 sim test client"))
              .setApplicationUri(CLIENT_URI)
              .setRequestTimeout(uint(10_000));
          more.accept(cfg);
        });
  }

  static void disconnect(OpcUaClient client) {
    if (client != null) {
      try {
        client.disconnect();
      } catch (UaException | RuntimeException e) {
        // the server may already be gone
      }
    }
  }
}
