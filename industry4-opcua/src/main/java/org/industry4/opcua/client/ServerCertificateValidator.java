package org.industry4.opcua.client;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.CertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.CertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.DefaultClientCertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.TrustListManager;
import org.eclipse.milo.opcua.stack.core.util.CertificateUtil;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates server certificates against the trust list of a {@link ClientPki} (via Milo's
 * {@link DefaultClientCertificateValidator}); remembers the last rejected certificate so that the
 * connect error can name it; implements {@link TrustMode#TRUST_ON_FIRST_USE}. One per connection
 * attempt.
 */
final class ServerCertificateValidator implements CertificateValidator {

    private static final Logger LOG = LoggerFactory.getLogger(ServerCertificateValidator.class);

    private final ClientPki pki;
    private final TrustListManager trustList;
    private final TrustMode mode;
    private final DefaultClientCertificateValidator delegate;
    private volatile X509Certificate rejected;
    private volatile Path rejectedFile;

    ServerCertificateValidator(ClientPki pki, TrustListManager trustList, TrustMode mode) {
        this.pki = pki;
        this.trustList = trustList;
        this.mode = mode;
        this.delegate = new DefaultClientCertificateValidator(trustList, new Quarantine());
    }

    @Override
    public void validateCertificateChain(List<X509Certificate> chain, @Nullable String applicationUri,
                                         String @Nullable [] validHostNames) throws UaException {
        try {
            delegate.validateCertificateChain(chain, applicationUri, validHostNames);
        } catch (UaException e) {
            X509Certificate leaf = chain.isEmpty() ? null : chain.get(0);
            if (leaf != null && mode == TrustMode.TRUST_ON_FIRST_USE && !pki.isTrusted(leaf) && firstUse(leaf)) {
                try {
                    pki.trust(leaf);
                    trustList.addTrustedCertificate(leaf);
                    try {
                        delegate.validateCertificateChain(chain, applicationUri, validHostNames);
                    } catch (UaException again) {
                        pki.untrust(leaf);
                        trustList.removeTrustedCertificate(CertificateUtil.thumbprint(leaf));
                        throw again;
                    }
                    LOG.warn("TRUST_ON_FIRST_USE: trusted server certificate {} (thumbprint {}) without"
                                    + " verification; verify it out of band or switch to STRICT",
                            leaf.getSubjectX500Principal().getName(), ClientPki.thumbprint(leaf));
                    return;
                } catch (IOException io) {
                    LOG.warn("cannot add server certificate to the trust list: {}", io.toString());
                }
            }
            if (leaf != null) {
                rejected = leaf;
                rejectedFile = pki.rejectedFile(leaf);
            }
            throw e;
        }
    }

    /** Whether no certificate for the leaf's application URI is trusted yet. */
    private boolean firstUse(X509Certificate leaf) {
        Optional<String> uri = CertificateUtil.getSanUri(leaf);
        if (uri.isEmpty()) {
            return trustList.getTrustedCertificates().isEmpty();
        }
        return trustList.getTrustedCertificates().stream()
                .noneMatch(c -> uri.equals(CertificateUtil.getSanUri(c)));
    }

    /** The server certificate rejected during this attempt, if any. */
    X509Certificate rejectedCertificate() {
        return rejected;
    }

    /** Where the rejected certificate was stored. */
    Path rejectedFile() {
        return rejectedFile;
    }

    /** Stores rejected certificates in the PKI's rejected folder. */
    private final class Quarantine implements CertificateQuarantine {
        @Override
        public List<X509Certificate> getRejectedCertificates() {
            try {
                return pki.rejectedCertificates();
            } catch (IOException e) {
                return List.of();
            }
        }

        @Override
        public void addRejectedCertificate(X509Certificate certificate) {
            try {
                pki.reject(certificate);
            } catch (IOException e) {
                LOG.warn("cannot store rejected certificate {}: {}",
                        certificate.getSubjectX500Principal().getName(), e.toString());
            }
        }

        @Override
        public void removeRejectedCertificate(X509Certificate certificate) {
            try {
                java.nio.file.Files.deleteIfExists(pki.rejectedFile(certificate));
            } catch (IOException e) {
                LOG.debug("cannot remove rejected certificate: {}", e.toString());
            }
        }
    }
}
