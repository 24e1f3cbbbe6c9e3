package org.industry4.examples.factory.mqtt;

import io.moquette.broker.Server;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.config.MemoryConfig;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MQTT 3.1.1 broker (Moquette) inside this JVM, for the demo and tests: it listens on
 * {@code 127.0.0.1} only, on a port the operating system picks, lets any client in without a
 * password, and keeps sessions, queues and retained messages in memory only: it writes no file
 * (no H2 store, no {@code data/} folder) and sends no usage telemetry.
 *
 * <pre>{@code
 * try (EmbeddedMqttBroker broker = EmbeddedMqttBroker.start();
 *      MqttPublisher publisher = MqttPublisher.connect(broker.url(), "factory-demo")) {
 *     publisher.publish(FactoryTopics.plantKpi(), kpi.toString(), true);
 * }
 * }</pre>
 *
 * <p>{@link #close()} stops the listener and the broker's threads (Netty's event loops take about
 * two seconds to wind down); it is idempotent.
 */
public final class EmbeddedMqttBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMqttBroker.class);

    /** The host the broker binds to: loopback only, never every interface. */
    public static final String HOST = "127.0.0.1";
    /** Largest MQTT message accepted, in bytes (Moquette's default, 8 KiB, is too small for a route). */
    static final int MAX_MESSAGE_BYTES = 1 << 20;
    private static final long BIND_WAIT_MILLIS = 5_000;

    private final Server server;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedMqttBroker(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Starts a broker on {@code 127.0.0.1} and a free port the operating system picks.
     *
     * @throws IOException if the broker cannot start
     */
    public static EmbeddedMqttBroker start() throws IOException {
        return start(0);
    }

    /**
     * Starts a broker on {@code 127.0.0.1} and {@code port}, for a dashboard configured with a fixed
     * port (1883 is MQTT's); 0 lets the operating system pick a free one.
     *
     * @throws IllegalArgumentException if {@code port} is not in [0, 65535]
     * @throws IOException if the broker cannot start, for instance because the port is taken
     */
    public static EmbeddedMqttBroker start(int port) throws IOException {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
        }
        if (port != 0) {
            return startOn(port);
        }
        // A free port found first, rather than Moquette's getPort(): Moquette 0.17 records the bound
        // port in a plain HashMap from Netty's thread, and a full build once saw it stay 0 for 5 s.
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int free;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
                free = probe.getLocalPort();
            }
            try {
                return startOn(free);
            } catch (IOException e) {
                last = e; // taken in the meantime: another one
            }
        }
        throw last;
    }

    private static EmbeddedMqttBroker startOn(int port) throws IOException {
        Server server = new Server();
        long started = System.nanoTime();
        try {
            server.startServer(config(port));
        } catch (IOException | RuntimeException e) {
            stopQuietly(server);
            throw new IOException("could not start the embedded MQTT broker on " + HOST + ":" + port + ": " + e, e);
        }
        if (!listening(port)) {
            stopQuietly(server);
            throw new IOException("the embedded MQTT broker did not listen on " + HOST + ":" + port + " within "
                    + BIND_WAIT_MILLIS + " ms");
        }
        EmbeddedMqttBroker broker = new EmbeddedMqttBroker(server, port);
        LOG.info("Embedded MQTT broker listening on {} (started in {} ms)", broker.url(),
                (System.nanoTime() - started) / 1_000_000);
        return broker;
    }

    /** Whether a TCP connection to {@code port} succeeds within {@value #BIND_WAIT_MILLIS} ms. */
    private static boolean listening(int port) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BIND_WAIT_MILLIS);
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

    /** The broker's settings: loopback, the port (0: the OS picks), anonymous, memory only, no telemetry. */
    static IConfig config(int port) {
        Properties p = new Properties();
        p.setProperty(IConfig.HOST_PROPERTY_NAME, HOST);
        p.setProperty(IConfig.PORT_PROPERTY_NAME, Integer.toString(port));
        p.setProperty(IConfig.WEB_SOCKET_PORT_PROPERTY_NAME, "disabled");
        p.setProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME, "true");
        // No H2 store and no data/ folder; the data_path is never created when this is false.
        p.setProperty(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, "false");
        // Moquette 0.17 otherwise writes a .moquette_uuid file and posts usage data over the network.
        p.setProperty(IConfig.ENABLE_TELEMETRY_NAME, "false");
        p.setProperty(IConfig.NETTY_MAX_BYTES_PROPERTY_NAME, Integer.toString(MAX_MESSAGE_BYTES));
        return new MemoryConfig(p);
    }

    /** The URL clients connect to: {@code tcp://127.0.0.1:PORT}. */
    public String url() {
        return "tcp://" + HOST + ":" + port;
    }

    /** The TCP port the broker listens on. */
    public int port() {
        return port;
    }

    /** Stops the broker: disconnects its clients, closes the port, stops its threads. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            stopQuietly(server);
            LOG.info("Embedded MQTT broker on {} stopped", url());
        }
    }

    private static void stopQuietly(Server server) {
        try {
            server.stopServer();
        } catch (RuntimeException e) {
            LOG.warn("Stopping the embedded MQTT broker failed: {}", e.toString(), e);
        }
    }
}
