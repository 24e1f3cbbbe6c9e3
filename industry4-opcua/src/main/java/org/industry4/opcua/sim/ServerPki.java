package org.industry4.opcua.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.security.CertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.DefaultApplicationGroup;
import org.eclipse.milo.opcua.stack.core.security.DefaultCertificateManager;
import org.eclipse.milo.opcua.stack.core.security.DefaultServerCertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.FileBasedCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.FileBasedTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.KeyStoreCertificateStore;
import org.eclipse.milo.opcua.stack.core.security.RsaSha256CertificateFactory;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's certificate material under one directory: {@code server-keystore.pfx} (the
 * self-signed application certificate, generated on first use and reused), {@code trusted/certs}
 * and {@code issuer/certs} (the trust list for client certificates), {@code rejected} (client
 * certificates that failed validation).
 */
final class ServerPki implements AutoCloseable {

    static final String APPLICATION_URI = "urn:industry4:simulated-machines:server";
    private static final String KEYSTORE = "server-keystore.pfx";
    /** The keystore protects a demo server's self-signed key; the password is not a secret. */
    private static final char[] KEYSTORE_PASSWORD = "industry4-sim".toCharArray();

    private static final Logger LOG = LoggerFactory.getLogger(ServerPki.class);

    private final FileBasedTrustListManager trustList;
    private final KeyStoreCertificateStore store;
    private final DefaultCertificateManager certificateManager;
    private final X509Certificate certificate;

    private ServerPki(
            FileBasedTrustListManager trustList,
            KeyStoreCertificateStore store,
            DefaultCertificateManager certificateManager,
            X509Certificate certificate) {
        this.trustList = trustList;
        this.store = store;
        this.certificateManager = certificateManager;
        this.certificate = certificate;
    }

    static ServerPki open(Path dir, boolean acceptAnyClientCertificate) throws IOException {
        Files.createDirectories(dir);
        FileBasedTrustListManager trustList = FileBasedTrustListManager.createAndInitialize(dir);
        KeyStoreCertificateStore store = null;
        try {
            FileBasedCertificateQuarantine quarantine =
                    FileBasedCertificateQuarantine.create(dir.resolve("rejected"));
            store =
                    KeyStoreCertificateStore.createAndInitialize(
                            new KeyStoreCertificateStore.Settings(
                                    dir.resolve(KEYSTORE), () -> KEYSTORE_PASSWORD, alias -> KEYSTORE_PASSWORD));
            CertificateValidator validator =
                    acceptAnyClientCertificate
                            ? new CertificateValidator.InsecureCertificateValidator()
                            : new DefaultServerCertificateValidator(trustList, quarantine);
            long t0 = System.nanoTime();
            DefaultApplicationGroup group =
                    DefaultApplicationGroup.createAndInitialize(
                            trustList, store, new SelfSignedFactory(), validator);
            X509Certificate certificate =
                    group
                            .getCertificateChain(NodeIds.RsaSha256ApplicationCertificateType)
                            .map(chain -> chain[0])
                            .orElseThrow(() -> new IOException("no server certificate in " + dir));
            LOG.debug("server certificate ready in {} ms", (System.nanoTime() - t0) / 1_000_000);
            return new ServerPki(
                    trustList, store, new DefaultCertificateManager(quarantine, List.of(group)), certificate);
        } catch (IOException e) {
            closeQuietly(trustList, store);
            throw e;
        } catch (Exception e) {
            closeQuietly(trustList, store);
            throw new IOException("cannot set up the server PKI in " + dir + ": " + e.getMessage(), e);
        }
    }

    DefaultCertificateManager certificateManager() {
        return certificateManager;
    }

    X509Certificate certificate() {
        return certificate;
    }

    void trust(X509Certificate clientCertificate) {
        trustList.addTrustedCertificate(clientCertificate);
    }

    @Override
    public void close() {
        closeQuietly(trustList, store);
    }

    private static void closeQuietly(FileBasedTrustListManager trustList, KeyStoreCertificateStore store) {
        try {
            trustList.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("closing the trust list failed", e);
        }
        if (store != null) {
            try {
                store.close();
            } catch (IOException | RuntimeException e) {
                LOG.debug("closing the keystore failed", e);
            }
        }
    }

    /** Creates the self-signed RSA-SHA256 application certificate on first use. */
    private static final class SelfSignedFactory extends RsaSha256CertificateFactory {
        @Override
        protected X509Certificate[] createRsaSha256CertificateChain(KeyPair keyPair) throws Exception {
            X509Certificate cert =
                    new SelfSignedCertificateBuilder(keyPair)
                            .setCommonName("industry4 simulated machines")
                            .setOrganization("industry4")
                            .setApplicationUri(APPLICATION_URI)
                            .addDnsName("localhost")
                            .addIpAddress("127.0.0.1")
                            .build();
            return new X509Certificate[] {cert};
        }
    }

}
