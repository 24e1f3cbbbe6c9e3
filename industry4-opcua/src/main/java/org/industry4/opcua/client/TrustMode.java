package org.industry4.opcua.client;

/**
 * How the collector decides whether to trust the certificate a server presents on a secured
 * connection ({@link SecurityMode#BASIC256SHA256_SIGN} or
 * {@link SecurityMode#BASIC256SHA256_SIGN_AND_ENCRYPT}; with {@link SecurityMode#NONE} no
 * certificate is checked).
 */
public enum TrustMode {
    /**
     * Only certificates in the trust list ({@code <pkiDirectory>/trusted/certs}) are accepted. An
     * untrusted certificate is copied to {@code <pkiDirectory>/rejected} and the connection fails
     * with an {@link OpcUaConnectException} naming its subject and thumbprint; trust it with
     * {@link ClientPki#trust} (or by moving the file into the trusted folder) and connect again.
     */
    STRICT,
    /**
     * Insecure convenience: the first certificate seen for a server application URI is added to the
     * trust list automatically (and logged as a warning); later a different certificate for the same
     * application URI is rejected as in {@link #STRICT}. A man in the middle present at the first
     * connection is trusted for good: use only on networks you control.
     */
    TRUST_ON_FIRST_USE
}
