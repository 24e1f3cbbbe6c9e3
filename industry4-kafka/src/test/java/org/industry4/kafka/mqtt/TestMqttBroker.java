package org.industry4.kafka.mqtt;

import io.moquette.broker.ISslContextCreator;
import io.moquette.broker.Server;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.broker.security.IAuthenticator;
import io.moquette.broker.security.PermitAllAuthorizatorPolicy;
import io.netty.handler.ssl.SslContextBuilder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ConcurrentModificationException;
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

    private static TestMqttBroker start(int port, IAuthenticator login, ISslContextCreator tls) throws IOException {
        Properties p = new Properties();
        p.setProperty(IConfig.HOST_PROPERTY_NAME, HOST);
        p.setProperty(IConfig.PORT_PROPERTY_NAME, Integer.toString(port));
        p.setProperty(IConfig.WEB_SOCKET_PORT_PROPERTY_NAME, "disabled");
        p.setProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME, Boolean.toString(login == null));
        if (tls != null) {
            p.setProperty(IConfig.SSL_PORT_PROPERTY_NAME, "0");
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
        // Moquette records the bound port from Netty's event loop, just after startServer returns.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        int bound = portOf(server, false);
        int sslBound = tls == null ? 1 : portOf(server, true);
        while ((bound <= 0 || sslBound <= 0) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            bound = portOf(server, false);
            sslBound = tls == null ? 1 : portOf(server, true);
        }
        if (bound <= 0 || sslBound <= 0) {
            server.stopServer();
            throw new IOException("the test MQTT broker did not bind its ports on " + HOST);
        }
        return new TestMqttBroker(server, bound, tls == null ? -1 : sslBound);
    }

    private static int portOf(Server server, boolean ssl) {
        try {
            return ssl ? server.getSslPort() : server.getPort();
        } catch (ConcurrentModificationException e) {
            return 0; // Moquette fills a plain HashMap from Netty's thread while we read
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
