package org.industry4.kafka.mqtt;

import io.moquette.broker.ISslContextCreator;
import io.moquette.broker.Server;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.broker.security.IAuthenticator;
import io.moquette.broker.security.PermitAllAuthorizatorPolicy;
import io.netty.handler.ssl.SslContextBuilder;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.KeyManagerFactory;

/**
 * An MQTT 3.1.1 broker (Moquette 0.17) in the test JVM, for the bridge's tests: loopback only, a
 * port the OS picks (or a given one, to restart a broker where the bridge expects it), anonymous
 * (or, from {@link #startWithLogin}, one user and a TLS port too), everything in memory, no
 * telemetry. The same setup as the examples' {@code EmbeddedMqttBroker},
 * without depending on that module.
 */
final class TestMqttBroker implements AutoCloseable {

    static final String HOST = "127.0.0.1";
    /** Largest message accepted: above the payload limits the tests set. */
    static final int MAX_MESSAGE_BYTES = 1 << 20;

    private final Server server;
    private final int port;
    private final int sslPort;
    private final AtomicBoolean closed = new AtomicBoolean();

    private TestMqttBroker(Server server, int port, int sslPort) {
        this.server = server;
        this.port = port;
        this.sslPort = sslPort;
    }

    /** A broker on a free port. */
    static TestMqttBroker start() throws IOException {
        return start(0);
    }

    /** A broker on {@code port} (0: the OS picks). */
    static TestMqttBroker start(int port) throws IOException {
        return start(port, null, null);
    }

    /**
     * A broker that lets in only {@code user} with {@code password}, on a TCP port and a TLS port,
     * the TLS port serving the key and certificate of {@code keys} (a key store with one key entry).
     */
    static TestMqttBroker startWithLogin(String user, String password, KeyStore keys, char[] keyPassword)
            throws IOException {
        IAuthenticator login = (clientId, username, pass) -> user.equals(username) && pass != null
                && password.equals(new String(pass, StandardCharsets.UTF_8));
        ISslContextCreator tls = () -> {
            try {
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, keyPassword);
                return SslContextBuilder.forServer(kmf).build();
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("the test broker's TLS context: " + e, e);
            }
        };
        return start(0, login, tls);
    }

    /**
     * Free ports are found first rather than read back from Moquette's {@code getPort()}: Moquette
     * 0.17 records the bound port in a plain HashMap from Netty's thread, and the examples' twin of
     * this class once saw it stay 0 for 5 s in a full build.
     */
    private static TestMqttBroker start(int port, IAuthenticator login, ISslContextCreator tls) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < (port == 0 ? 5 : 1); attempt++) {
            int plain = port == 0 ? freePort() : port;
            int ssl = tls == null ? -1 : freePort();
            try {
                return startOn(plain, ssl, login, tls);
            } catch (IOException e) {
                last = e; // a port was taken in the meantime: others
            }
        }
        throw last;
    }

    private static TestMqttBroker startOn(int port, int sslPort, IAuthenticator login, ISslContextCreator tls)
            throws IOException {
        Properties p = new Properties();
        p.setProperty(IConfig.HOST_PROPERTY_NAME, HOST);
        p.setProperty(IConfig.PORT_PROPERTY_NAME, Integer.toString(port));
        p.setProperty(IConfig.WEB_SOCKET_PORT_PROPERTY_NAME, "disabled");
        p.setProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME, Boolean.toString(login == null));
        if (tls != null) {
            p.setProperty(IConfig.SSL_PORT_PROPERTY_NAME, Integer.toString(sslPort));
        }
        p.setProperty(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, "false");
        p.setProperty(IConfig.ENABLE_TELEMETRY_NAME, "false");
        p.setProperty(IConfig.NETTY_MAX_BYTES_PROPERTY_NAME, Integer.toString(MAX_MESSAGE_BYTES));
        Server server = new Server();
        try {
            if (login == null) {
                server.startServer(new MemoryConfig(p));
            } else {
                server.startServer(new MemoryConfig(p), List.of(), tls, login, new PermitAllAuthorizatorPolicy());
            }
        } catch (IOException | RuntimeException e) {
            server.stopServer();
            throw new IOException("could not start the test MQTT broker on " + HOST + ":" + port + ": " + e, e);
        }
        if (!listening(port) || (tls != null && !listening(sslPort))) {
            server.stopServer();
            throw new IOException("the test MQTT broker did not listen on " + HOST + ":" + port
                    + (tls == null ? "" : " and " + sslPort) + " within 5 s");
        }
        return new TestMqttBroker(server, port, sslPort);
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return probe.getLocalPort();
        }
    }

    /** Whether a TCP connection to {@code port} succeeds within 5 s. */
    private static boolean listening(int port) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(HOST, port), 200);
                return true;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
        }
    }

    /** {@code tcp://127.0.0.1:PORT}. */
    String url() {
        return "tcp://" + HOST + ":" + port;
    }

    int port() {
        return port;
    }

    /** {@code ssl://127.0.0.1:PORT}, for a broker started with TLS. */
    String sslUrl() {
        if (sslPort < 0) {
            throw new IllegalStateException("this test broker has no TLS port");
        }
        return "ssl://" + HOST + ":" + sslPort;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stopServer();
        }
    }
}
