package org.industry4.opcua.sim;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.OpcUaClientConfigBuilder;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;

/** Plain Milo clients for the tests (no collector code: the server is tested on its own). */
final class SimTestClients {

  static final String CLIENT_URI = "urn:industry4:sim-test-client";

  private SimTestClients() {}

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
