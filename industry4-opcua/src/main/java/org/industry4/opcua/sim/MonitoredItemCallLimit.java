package org.industry4.opcua.sim;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.Session;
import org.eclipse.milo.opcua.sdk.server.diagnostics.ServiceCounter;
import org.eclipse.milo.opcua.sdk.server.diagnostics.SessionDiagnostics;
import org.eclipse.milo.opcua.sdk.server.servicesets.MonitoredItemServiceSet;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.structured.CreateMonitoredItemsRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.CreateMonitoredItemsResponse;
import org.eclipse.milo.opcua.stack.core.types.structured.DeleteMonitoredItemsRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.DeleteMonitoredItemsResponse;
import org.eclipse.milo.opcua.stack.core.types.structured.ModifyMonitoredItemsRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.ModifyMonitoredItemsResponse;
import org.eclipse.milo.opcua.stack.core.types.structured.RequestHeader;
import org.eclipse.milo.opcua.stack.core.types.structured.SetMonitoringModeRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.SetMonitoringModeResponse;
import org.eclipse.milo.opcua.stack.core.types.structured.SetTriggeringRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.SetTriggeringResponse;
import org.eclipse.milo.opcua.stack.transport.server.ServiceRequestContext;

/**
 * The MonitoredItem service set of the simulated server with {@code MaxMonitoredItemsPerCall}
 * enforced, as strict PLC servers do: a CreateMonitoredItems, ModifyMonitoredItems,
 * DeleteMonitoredItems or SetMonitoringMode request with more items than the limit, or a
 * SetTriggering request with more links to add or to remove, fails as a whole with {@code
 * Bad_TooManyOperations} (a service fault; no item is touched). Everything else goes to Milo's own
 * service set.
 *
 * <p>Milo 1.1.2 publishes {@code MaxMonitoredItemsPerCall} in the server's OperationLimits but
 * does not check it; it checks its other operation limits (nodes per read, write, browse, ...)
 * itself. The session is validated first, so a request on a bad session gets Milo's answer
 * ({@code Bad_SessionIdInvalid}, ...), and a refused request counts as an error in the session's
 * diagnostics like any other failed service call.
 */
final class MonitoredItemCallLimit implements MonitoredItemServiceSet {

    private final OpcUaServer server;
    private final MonitoredItemServiceSet delegate;
    private final int maxPerCall;
    private final AtomicLong refusedCalls;

    /**
     * @param server the server, for session lookup
     * @param delegate Milo's service set, which does the work
     * @param maxPerCall the most items per call, at least 1
     * @param refusedCalls counts the calls refused as too large
     */
    MonitoredItemCallLimit(OpcUaServer server, MonitoredItemServiceSet delegate, int maxPerCall,
                           AtomicLong refusedCalls) {
        if (maxPerCall < 1) {
            throw new IllegalArgumentException("maxPerCall must be >= 1, got " + maxPerCall);
        }
        this.server = server;
        this.delegate = delegate;
        this.maxPerCall = maxPerCall;
        this.refusedCalls = refusedCalls;
    }

    @Override
    public CreateMonitoredItemsResponse onCreateMonitoredItems(ServiceRequestContext context,
                                                               CreateMonitoredItemsRequest request)
            throws UaException {
        check(context, request.getRequestHeader(), length(request.getItemsToCreate()),
                SessionDiagnostics::getCreateMonitoredItemsCount);
        return delegate.onCreateMonitoredItems(context, request);
    }

    @Override
    public ModifyMonitoredItemsResponse onModifyMonitoredItems(ServiceRequestContext context,
                                                               ModifyMonitoredItemsRequest request)
            throws UaException {
        check(context, request.getRequestHeader(), length(request.getItemsToModify()),
                SessionDiagnostics::getModifyMonitoredItemsCount);
        return delegate.onModifyMonitoredItems(context, request);
    }

    @Override
    public DeleteMonitoredItemsResponse onDeleteMonitoredItems(ServiceRequestContext context,
                                                               DeleteMonitoredItemsRequest request)
            throws UaException {
        check(context, request.getRequestHeader(), length(request.getMonitoredItemIds()),
                SessionDiagnostics::getDeleteMonitoredItemsCount);
        return delegate.onDeleteMonitoredItems(context, request);
    }

    @Override
    public SetMonitoringModeResponse onSetMonitoringMode(ServiceRequestContext context,
                                                         SetMonitoringModeRequest request)
            throws UaException {
        check(context, request.getRequestHeader(), length(request.getMonitoredItemIds()),
                SessionDiagnostics::getSetMonitoringModeCount);
        return delegate.onSetMonitoringMode(context, request);
    }

    @Override
    public SetTriggeringResponse onSetTriggering(ServiceRequestContext context, SetTriggeringRequest request)
            throws UaException {
        check(context, request.getRequestHeader(),
                Math.max(length(request.getLinksToAdd()), length(request.getLinksToRemove())),
                SessionDiagnostics::getSetTriggeringCount);
        return delegate.onSetTriggering(context, request);
    }

    private void check(ServiceRequestContext context, RequestHeader header, int operations,
                       Function<SessionDiagnostics, ServiceCounter> counter) throws UaException {
        if (operations <= maxPerCall) {
            return;
        }
        Session session = server.getSessionManager().getSession(context, header);
        SessionDiagnostics diagnostics = session.getSessionDiagnostics();
        counter.apply(diagnostics).incrementTotalCount();
        counter.apply(diagnostics).incrementErrorCount();
        diagnostics.getTotalRequestCount().incrementTotalCount();
        diagnostics.getTotalRequestCount().incrementErrorCount();
        refusedCalls.incrementAndGet();
        throw new UaException(StatusCodes.Bad_TooManyOperations,
                operations + " operations in one call, MaxMonitoredItemsPerCall is " + maxPerCall);
    }

    private static int length(Object[] array) {
        return array == null ? 0 : array.length;
    }
}
