package org.industry4.opcua.client;

import java.io.IOException;
import java.util.Optional;

/**
 * A whole service call (browse, read, write, creating a subscription) failed: the collector is not
 * connected, the connection broke during the call, or the server refused the request as a whole.
 * Failures of single items are never thrown: they are per-item statuses in the results.
 */
public class OpcUaServiceException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient OpcUaStatus status;

    OpcUaServiceException(String message, OpcUaStatus status, Throwable cause) {
        super(message + (status == null || message.contains(status.name()) ? "" : " (" + status.name() + ")"),
                cause);
        this.status = status;
    }

    /** The OPC UA status of the failure, if there is one. */
    public Optional<OpcUaStatus> status() {
        return Optional.ofNullable(status);
    }
}
