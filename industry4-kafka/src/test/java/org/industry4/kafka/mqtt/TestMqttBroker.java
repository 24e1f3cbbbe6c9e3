package org.industry4.kafka.mqtt;

import io.moquette.broker.Server;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.config.MemoryConfig;

import java.io.IOException;
import java.util.ConcurrentModificationException;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * An MQTT 3.1.1 broker (Moquette 0.17) in the test JVM, for the bridge's tests: loopback only, a
 * port the OS picks (or a given one, to restart a broker where the bridge expects it), anonymous,
 * everything in memory, no telemetry. The same setup as the examples' {@code EmbeddedMqttBroker},
 * without depending on that module.
 */
final class TestMqttBroker implements AutoCloseable {

    static final String HOST = "127.0.0.1";
    /** Largest message accepted: above the payload limits the tests set. */
    static final int MAX_MESSAGE_BYTES = 1 << 20;

    private final Server server;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();

    private TestMqttBroker(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    /** A broker on a free port. */
    static TestMqttBroker start() throws IOException {
        return start(0);
    }

    /** A broker on {@code port} (0: the OS picks). */
    static TestMqttBroker start(int port) throws IOException {
        Properties p = new Properties();
        p.setProperty(IConfig.HOST_PROPERTY_NAME, HOST);
        p.setProperty(IConfig.PORT_PROPERTY_NAME, Integer.toString(port));
        p.setProperty(IConfig.WEB_SOCKET_PORT_PROPERTY_NAME, "disabled");
        p.setProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME, "true");
        p.setProperty(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, "false");
        p.setProperty(IConfig.ENABLE_TELEMETRY_NAME, "false");
        p.setProperty(IConfig.NETTY_MAX_BYTES_PROPERTY_NAME, Integer.toString(MAX_MESSAGE_BYTES));
        Server server = new Server();
        try {
            server.startServer(new MemoryConfig(p));
        } catch (IOException | RuntimeException e) {
            server.stopServer();
            throw new IOException("could not start the test MQTT broker on " + HOST + ":" + port + ": " + e, e);
        }
        // Moquette records the bound port from Netty's event loop, just after startServer returns.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        int bound = portOf(server);
        while (bound <= 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            bound = portOf(server);
        }
        if (bound <= 0) {
            server.stopServer();
            throw new IOException("the test MQTT broker did not bind a port on " + HOST);
        }
        return new TestMqttBroker(server, bound);
    }

    private static int portOf(Server server) {
        try {
            return server.getPort();
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

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stopServer();
        }
    }
}
