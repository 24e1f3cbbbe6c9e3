package org.industry4.opcua.client;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * The collector could not open a session with the server. The message names the endpoint, the
 * reason and, where the server or the stack gave one, the OPC UA status code name (for example
 * {@code Bad_UserAccessDenied}, {@code Bad_SecurityChecksFailed}, {@code Bad_CertificateUntrusted},
 * or {@code Bad_ConnectionRejected} for a refused TCP connection).
 *
 * <p>When the server's certificate was not trusted, {@link #rejectedCertificate()} holds it and
 * {@link #rejectedCertificateFile()} where it was stored; pass it to {@link ClientPki#trust} (or
 * {@link OpcUaCollector#trustServerCertificate}) to accept that server.
 */
public class OpcUaConnectException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String endpointUrl;
    private final transient OpcUaStatus status;
    private final transient X509Certificate rejectedCertificate;
    private final transient Path rejectedCertificateFile;

    OpcUaConnectException(String endpointUrl, String reason, OpcUaStatus status, Throwable cause) {
        this(endpointUrl, reason, status, null, null, cause);
    }

    OpcUaConnectException(String endpointUrl, String reason, OpcUaStatus status,
                          X509Certificate rejectedCertificate, Path rejectedCertificateFile,
                          Throwable cause) {
        super("cannot connect to " + endpointUrl + ": " + reason
                + (status == null || reason.contains(status.name()) ? "" : " (" + status.name() + ")"), cause);
        this.endpointUrl = endpointUrl;
        this.status = status;
        this.rejectedCertificate = rejectedCertificate;
        this.rejectedCertificateFile = rejectedCertificateFile;
    }

    /** The endpoint URL the collector tried. */
    public String endpointUrl() {
        return endpointUrl;
    }

    /** The OPC UA status that explains the failure, if there is one. */
    public Optional<OpcUaStatus> status() {
        return Optional.ofNullable(status);
    }

    /** The server certificate that was not trusted, if that was the reason. */
    public Optional<X509Certificate> rejectedCertificate() {
        return Optional.ofNullable(rejectedCertificate);
    }

    /** Where the rejected server certificate was stored, if that was the reason. */
    public Optional<Path> rejectedCertificateFile() {
        return Optional.ofNullable(rejectedCertificateFile);
    }
}
