package org.industry4.opcua.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.milo.opcua.stack.core.util.CertificateUtil;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector's public key infrastructure in one folder: its own application certificate and the
 * list of server certificates it trusts.
 *
 * <p>Layout (compatible with Milo's {@code FileBasedTrustListManager}):
 * <pre>
 * &lt;dir&gt;/own/application.pfx   PKCS#12 key store: RSA 2048 key and self-signed certificate,
 *                             created on first use, reused after (store password "industry4";
 *                             protect the folder with file permissions)
 * &lt;dir&gt;/trusted/certs/*.der   trusted server certificates
 * &lt;dir&gt;/trusted/crl, issuer/certs, issuer/crl   CA certificates and revocation lists, if any
 * &lt;dir&gt;/rejected/*.der        server certificates the collector refused, to inspect and trust
 * </pre>
 * Certificate files are named by their SHA-1 thumbprint in lower-case hex. To trust a rejected
 * server, call {@link #trust(X509Certificate)} (or move its file from {@code rejected} to
 * {@code trusted/certs}). Instances hold no resources; methods are safe to call from several
 * threads on distinct certificates.
 */
public final class ClientPki {

    private static final Logger LOG = LoggerFactory.getLogger(ClientPki.class);

    static final String KEY_STORE_FILE = "application.pfx";
    private static final String ALIAS = "application";
    private static final char[] STORE_PASSWORD = "industry4".toCharArray();

    private final Path directory;
    private final Path ownDirectory;
    private final Path trustedCertsDirectory;
    private final Path rejectedDirectory;

    private ClientPki(Path directory) {
        this.directory = directory;
        this.ownDirectory = directory.resolve("own");
        this.trustedCertsDirectory = directory.resolve("trusted").resolve("certs");
        this.rejectedDirectory = directory.resolve("rejected");
    }

    /**
     * Opens (and creates where missing) the PKI folder.
     *
     * @throws IOException if the folders cannot be created
     */
    public static ClientPki open(Path directory) throws IOException {
        Objects.requireNonNull(directory, "directory");
        var pki = new ClientPki(directory.toAbsolutePath().normalize());
        for (Path p : List.of(pki.ownDirectory, pki.trustedCertsDirectory,
                directory.resolve("trusted").resolve("crl"), directory.resolve("issuer").resolve("certs"),
                directory.resolve("issuer").resolve("crl"), pki.rejectedDirectory)) {
            Files.createDirectories(p);
        }
        return pki;
    }

    /** The PKI folder. */
    public Path directory() {
        return directory;
    }

    /** Where trusted server certificates live ({@code <dir>/trusted/certs}). */
    public Path trustedDirectory() {
        return trustedCertsDirectory;
    }

    /** Where rejected server certificates are put ({@code <dir>/rejected}). */
    public Path rejectedDirectory() {
        return rejectedDirectory;
    }

    /**
     * The collector's application certificate for {@code applicationUri}: loaded from the key
     * store, or generated (RSA 2048, SHA-256, DNS {@code localhost}, IP {@code 127.0.0.1}) and stored
     * on first use. Give it to the server's administrator (or the server's trust list) so that the
     * server accepts the collector on secured endpoints.
     *
     * @throws IOException if the key store cannot be read or written, or if the stored certificate
     *                     was issued for another application URI
     */
    public X509Certificate applicationCertificate(String applicationUri) throws IOException {
        return applicationKeys(applicationUri, "industry4 collector").certificate();
    }

    /** The key pair and certificate, created on first use. */
    ApplicationKeys applicationKeys(String applicationUri, String applicationName) throws IOException {
        Objects.requireNonNull(applicationUri, "applicationUri");
        Path file = ownDirectory.resolve(KEY_STORE_FILE);
        if (!Files.exists(file)) {
            ApplicationKeys created = generate(applicationUri, applicationName);
            Path tmp = Files.createTempFile(ownDirectory, "application", ".tmp");
            try {
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    KeyStore store = KeyStore.getInstance("PKCS12");
                    store.load(null, null);
                    store.setKeyEntry(ALIAS, created.keyPair().getPrivate(), STORE_PASSWORD,
                            new X509Certificate[]{created.certificate()});
                    store.store(out, STORE_PASSWORD);
                }
                restrictToOwner(tmp);
                moveIfAbsent(tmp, file);
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot write application key store " + file + ": " + e.getMessage(), e);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        ApplicationKeys keys = load(file);
        Optional<String> uri = CertificateUtil.getSanUri(keys.certificate());
        if (uri.isEmpty() || !uri.get().equals(applicationUri)) {
            throw new IOException("application certificate in " + file + " was issued for application URI "
                    + uri.orElse("(none)") + ", but the configured application URI is " + applicationUri
                    + ": configure that URI, use another pkiDirectory, or delete the key store to generate a new one");
        }
        return keys;
    }

    private static ApplicationKeys generate(String applicationUri, String applicationName) throws IOException {
        try {
            KeyPair keyPair = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
            X509Certificate certificate = new SelfSignedCertificateBuilder(keyPair)
                    .setCommonName(applicationName)
                    .setOrganization("industry4")
                    .setApplicationUri(applicationUri)
                    .addDnsName("localhost")
                    .addIpAddress("127.0.0.1")
                    .build();
            LOG.info("generated application certificate for {} (thumbprint {})", applicationUri,
                    thumbprint(certificate));
            return new ApplicationKeys(keyPair, certificate);
        } catch (Exception e) {
            throw new IOException("cannot generate the application certificate for " + applicationUri
                    + ": " + e.getMessage(), e);
        }
    }

    private static ApplicationKeys load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, STORE_PASSWORD);
            if (!(store.getKey(ALIAS, STORE_PASSWORD) instanceof PrivateKey key)
                    || !(store.getCertificate(ALIAS) instanceof X509Certificate certificate)) {
                throw new IOException("key store " + file + " holds no private key and certificate under alias \""
                        + ALIAS + "\"");
            }
            return new ApplicationKeys(new KeyPair(certificate.getPublicKey(), key), certificate);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read application key store " + file + ": " + e.getMessage(), e);
        }
    }

    /** The certificates in the trust list. */
    public List<X509Certificate> trustedCertificates() throws IOException {
        return readAll(trustedCertsDirectory);
    }

    /** The certificates the collector has rejected so far. */
    public List<X509Certificate> rejectedCertificates() throws IOException {
        return readAll(rejectedDirectory);
    }

    /**
     * Adds a server certificate to the trust list and removes it from the rejected ones. A running
     * collector picks it up at its next connection attempt.
     *
     * @return the file written
     */
    public Path trust(X509Certificate certificate) throws IOException {
        Path file = write(trustedCertsDirectory, certificate);
        Files.deleteIfExists(rejectedDirectory.resolve(fileName(certificate)));
        LOG.info("trusted server certificate {} (thumbprint {})",
                certificate.getSubjectX500Principal().getName(), thumbprint(certificate));
        return file;
    }

    /**
     * Removes a certificate from the trust list.
     *
     * @return whether it was there
     */
    public boolean untrust(X509Certificate certificate) throws IOException {
        return Files.deleteIfExists(trustedCertsDirectory.resolve(fileName(certificate)));
    }

    /** Whether the certificate is in the trust list (exactly this certificate). */
    public boolean isTrusted(X509Certificate certificate) {
        return Files.exists(trustedCertsDirectory.resolve(fileName(certificate)));
    }

    /**
     * Puts a certificate among the rejected ones.
     *
     * @return the file written
     */
    public Path reject(X509Certificate certificate) throws IOException {
        return write(rejectedDirectory, certificate);
    }

    /** Where {@link #reject} puts this certificate. */
    Path rejectedFile(X509Certificate certificate) {
        return rejectedDirectory.resolve(fileName(certificate));
    }

    /** The SHA-1 thumbprint of the DER encoding in lower-case hex, as OPC UA identifies certificates. */
    public static String thumbprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot encode certificate "
                    + certificate.getSubjectX500Principal() + ": " + e.getMessage(), e);
        }
    }

    private static String fileName(X509Certificate certificate) {
        return thumbprint(certificate) + ".der";
    }

    private static Path write(Path dir, X509Certificate certificate) throws IOException {
        Path file = dir.resolve(fileName(certificate));
        try {
            Path tmp = Files.createTempFile(dir, "cert", ".tmp");
            try {
                Files.write(tmp, certificate.getEncoded());
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (CertificateException e) {
            throw new IOException("cannot encode certificate " + certificate.getSubjectX500Principal()
                    + ": " + e.getMessage(), e);
        }
        return file;
    }

    private static List<X509Certificate> readAll(Path dir) throws IOException {
        List<X509Certificate> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                try (InputStream in = Files.newInputStream(f)) {
                    out.add((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
                } catch (CertificateException e) {
                    LOG.warn("ignoring {}: not an X.509 certificate ({})", f, e.getMessage());
                }
            }
        }
        return out;
    }

    private static void moveIfAbsent(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target);
        } catch (FileAlreadyExistsException e) {
            LOG.debug("{} was created concurrently; using that one", target);
        }
    }

    private static void restrictToOwner(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            LOG.debug("cannot restrict permissions of {}: {}", file, e.toString());
        }
    }

    /** A key pair with its certificate. */
    record ApplicationKeys(KeyPair keyPair, X509Certificate certificate) {
    }
}
