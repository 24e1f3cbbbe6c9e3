package org.industry4.opcua.sim;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ubyte;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MonitoringMode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.MonitoredItemCreateRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.MonitoredItemCreateResult;
import org.eclipse.milo.opcua.stack.core.types.structured.MonitoredItemModifyRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.MonitoringParameters;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The monitored-item limits of the simulated server, seen through the raw OPC UA services of a
 * plain Milo client: the per-call limit published (or kept secret) and enforced as a whole-call
 * {@code Bad_TooManyOperations}, the per-session limit enforced item by item.
 */
class SimulatedMachineServerLimitsTest {

    private static final int PER_CALL = 25;
    private static final int PER_SESSION = 50;

    /** Publishes and enforces 25 items per call, 50 per session. */
    private static SimulatedMachineServer published;
    /** Enforces 25 items per call but publishes 0. */
    private static SimulatedMachineServer secret;
    private static List<NodeId> nodes;

    @BeforeAll
    static void startServers() throws Exception {
        SimulationOptions simulation = new SimulationOptions(1, 70, Duration.ofMillis(100), 5);
        published = SimulatedMachineServer.start(SimServerConfig.builder()
                .pkiDirectory(SimTestClients.SHARED_PKI)
                .simulation(simulation)
                .maxMonitoredItemsPerCall(PER_CALL)
                .maxMonitoredItemsPerSession(PER_SESSION)
                .build());
        secret = SimulatedMachineServer.start(SimServerConfig.builder()
                .pkiDirectory(SimTestClients.SHARED_PKI)
                .simulation(simulation)
                .maxMonitoredItemsPerCall(PER_CALL)
                .advertiseMaxMonitoredItemsPerCall(false)
                .build());
        nodes = published.variableNodeIds().stream().map(NodeId::parse).toList();
        assertTrue(nodes.size() >= 80, "enough distinct variables: " + nodes.size());
    }

    @AfterAll
    static void stopServers() {
        for (SimulatedMachineServer s : new SimulatedMachineServer[] {published, secret}) {
            if (s != null) {
                s.close();
            }
        }
    }

    @Test
    void thePerCallLimitIsPublishedInTheOperationLimitsUnlessKeptSecret() throws Exception {
        OpcUaClient a = SimTestClients.connectAnonymous(published);
        OpcUaClient b = SimTestClients.connectAnonymous(secret);
        try {
            assertEquals(uint(PER_CALL), a.readOperationLimits().maxMonitoredItemsPerCall().orElseThrow());
            assertEquals(uint(PER_CALL), a.readValue(0, TimestampsToReturn.Neither,
                    NodeIds.Server_ServerCapabilities_OperationLimits_MaxMonitoredItemsPerCall).value().value());
            assertEquals(uint(0), b.readOperationLimits().maxMonitoredItemsPerCall().orElseThrow(),
                    "0: no limit stated");
            // Milo's other operation limits stay as they are
            assertEquals(uint(10_000), b.readOperationLimits().maxNodesPerRead().orElseThrow());
        } finally {
            SimTestClients.disconnect(a);
            SimTestClients.disconnect(b);
        }
    }

    @Test
    void aMonitoredItemCallOverThePerCallLimitFailsAsAWholeWithBadTooManyOperations() throws Exception {
        for (SimulatedMachineServer server : List.of(published, secret)) {
            OpcUaClient client = SimTestClients.connectAnonymous(server);
            try {
                UInteger sub = createSubscription(client);
                long refusedBefore = server.monitoredItemCallsRefused();

                var tooMany = assertThrows(UaException.class, () -> create(client, sub, nodes.subList(0, PER_CALL + 1)));
                assertEquals(StatusCodes.Bad_TooManyOperations, SimTestClients.statusOf(tooMany));

                // nothing was created: a full call of the limit still fits the session and succeeds
                MonitoredItemCreateResult[] created = create(client, sub, nodes.subList(0, PER_CALL));
                assertTrue(Arrays.stream(created).allMatch(r -> r.getStatusCode().isGood()),
                        Arrays.toString(created));
                List<UInteger> ids = new ArrayList<>(Arrays.stream(created).map(r -> r.getMonitoredItemId()).toList());
                ids.add(uint(999_999)); // one more than the limit: refused before any id is looked at

                MonitoredItemModifyRequest[] modify = ids.stream().map(id -> new MonitoredItemModifyRequest(id,
                        new MonitoringParameters(uint(1), 200.0, null, uint(1), true)))
                        .toArray(MonitoredItemModifyRequest[]::new);
                assertEquals(StatusCodes.Bad_TooManyOperations, SimTestClients.statusOf(assertThrows(UaException.class,
                        () -> client.modifyMonitoredItems(sub, TimestampsToReturn.Both, List.of(modify)))));
                assertEquals(StatusCodes.Bad_TooManyOperations, SimTestClients.statusOf(assertThrows(UaException.class,
                        () -> client.setMonitoringMode(sub, MonitoringMode.Disabled, ids))));
                assertEquals(StatusCodes.Bad_TooManyOperations, SimTestClients.statusOf(assertThrows(UaException.class,
                        () -> client.deleteMonitoredItems(sub, ids))));
                assertEquals(refusedBefore + 4, server.monitoredItemCallsRefused());

                StatusCode[] deleted = client.deleteMonitoredItems(sub, ids.subList(0, PER_CALL)).getResults();
                assertTrue(Arrays.stream(deleted).allMatch(StatusCode::isGood), Arrays.toString(deleted));
            } finally {
                SimTestClients.disconnect(client);
            }
        }
    }

    @Test
    void itemsBeyondThePerSessionLimitAreRefusedOneByOneWithBadTooManyMonitoredItems() throws Exception {
        OpcUaClient client = SimTestClients.connectAnonymous(published);
        try {
            // two subscriptions of one session share the session's 50 items
            UInteger first = createSubscription(client);
            UInteger second = createSubscription(client);
            MonitoredItemCreateResult[] a = create(client, first, nodes.subList(0, 20));
            MonitoredItemCreateResult[] b = create(client, second, nodes.subList(20, 40));
            MonitoredItemCreateResult[] c = create(client, second, nodes.subList(40, 60));
            assertTrue(Arrays.stream(a).allMatch(r -> r.getStatusCode().isGood()));
            assertTrue(Arrays.stream(b).allMatch(r -> r.getStatusCode().isGood()));
            for (int i = 0; i < c.length; i++) {
                long expected = i < 10 ? StatusCodes.Good : StatusCodes.Bad_TooManyMonitoredItems;
                assertEquals(expected, c[i].getStatusCode().value(), "item " + i + " of the third call");
            }

            // another session has its own 50
            OpcUaClient other = SimTestClients.connectAnonymous(published);
            try {
                MonitoredItemCreateResult[] d = create(other, createSubscription(other), nodes.subList(60, 80));
                assertTrue(Arrays.stream(d).allMatch(r -> r.getStatusCode().isGood()));
            } finally {
                SimTestClients.disconnect(other);
            }

            // deleting items frees room in the session
            client.deleteMonitoredItems(first, Arrays.stream(a).limit(5).map(r -> r.getMonitoredItemId()).toList());
            MonitoredItemCreateResult[] e = create(client, first, nodes.subList(60, 66));
            assertEquals(List.of(true, true, true, true, true, false),
                    Arrays.stream(e).map(r -> r.getStatusCode().isGood()).toList());
            assertEquals(StatusCodes.Bad_TooManyMonitoredItems, e[5].getStatusCode().value());
        } finally {
            SimTestClients.disconnect(client);
        }
    }

    private static final AtomicInteger HANDLES = new AtomicInteger();

    private static UInteger createSubscription(OpcUaClient client) throws UaException {
        return client.createSubscription(1000.0, uint(60), uint(20), uint(0), true, ubyte(0))
                .getSubscriptionId();
    }

    private static MonitoredItemCreateResult[] create(OpcUaClient client, UInteger subscription, List<NodeId> ids)
            throws UaException {
        List<MonitoredItemCreateRequest> requests = ids.stream().map(id -> new MonitoredItemCreateRequest(
                new ReadValueId(id, AttributeId.Value.uid(), null, QualifiedName.NULL_VALUE),
                MonitoringMode.Reporting,
                new MonitoringParameters(uint(HANDLES.incrementAndGet()), 100.0, null, uint(1), true)))
                .toList();
        return client.createMonitoredItems(subscription, TimestampsToReturn.Both, requests).getResults();
    }
}
