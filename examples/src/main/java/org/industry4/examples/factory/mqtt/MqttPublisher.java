package org.industry4.examples.factory.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.MqttTopic;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the demo's JSON events to an MQTT broker (Eclipse Paho, MQTT 3.1.1) at QoS 1, without
 * ever holding up the caller: {@link #publish} hands the message to the client and returns; the
 * broker's acknowledgement is counted in {@link #published()}, and a message that cannot be sent
 * (broker gone, too many in flight, publisher closed) is counted in {@link #failed()} and logged,
 * at most one warning per {@value #FAILURE_LOG_INTERVAL_SECONDS} s, instead of being thrown into
 * the analytics thread.
 *
 * <p>The session is clean and kept in memory (nothing is written to disk). When the connection
 * drops, the publisher reconnects by itself, after 1 s and then backing off to 30 s; messages
 * published while it is disconnected are not queued: they count as failed. The reconnecting is
 * done here, on one daemon thread this publisher owns, rather than by Paho's
 * {@code setAutomaticReconnect}: Paho 1.2.5 leaves its non-daemon reconnect timer running after
 * {@code close()} when the broker is down, which keeps a finished demo's JVM alive.
 *
 * <p>{@link #close()} waits up to {@value #CLOSE_WAIT_SECONDS} s for the messages still in flight
 * to be acknowledged (only while connected), counts the rest as failed, disconnects and releases
 * the client's threads; it is idempotent. All methods are thread-safe.
 */
public final class MqttPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MqttPublisher.class);

    /** Every message is published at QoS 1: at least once, acknowledged by the broker. */
    public static final int QOS = 1;
    /** How long {@link #connect} waits for the broker. */
    public static final int CONNECT_TIMEOUT_SECONDS = 5;
    /** How long {@link #close()} waits for in-flight messages to be acknowledged. */
    public static final int CLOSE_WAIT_SECONDS = 5;
    /** At most one failure warning per this many seconds; the others are counted in it. */
    public static final int FAILURE_LOG_INTERVAL_SECONDS = 10;

    /** Paho's default of 10 unacknowledged messages is too few for a burst of alarms. */
    static final int MAX_IN_FLIGHT = 1000;
    static final Duration FIRST_RECONNECT_DELAY = Duration.ofSeconds(1);
    static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(30);

    private final MqttAsyncClient client;
    private final MqttConnectOptions options;
    private final String brokerUrl;
    private final String clientId;
    private final ScheduledExecutorService reconnects;

    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Set<Delivery> inFlight = ConcurrentHashMap.newKeySet();
    private final Object inFlightChanged = new Object();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean connectedOnce = new AtomicBoolean();

    private final AtomicLong lastFailureLogNanos = new AtomicLong();
    private final AtomicBoolean failureLogged = new AtomicBoolean();
    private final AtomicLong failuresNotLogged = new AtomicLong();
    private long reconnectDelayMillis = FIRST_RECONNECT_DELAY.toMillis(); // only on the reconnect thread

    private MqttPublisher(MqttAsyncClient client, MqttConnectOptions options, String brokerUrl, String clientId) {
        this.client = client;
        this.options = options;
        this.brokerUrl = brokerUrl;
        this.clientId = clientId;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "mqtt-reconnect-" + clientId);
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.reconnects = executor;
    }

    /**
     * Connects to the broker at {@code brokerUrl} as {@code clientId}.
     *
     * @param brokerUrl {@code tcp://host:port} (or {@code ssl://}, {@code ws://}, {@code wss://})
     * @param clientId the MQTT client id; a broker drops an older connection with the same id
     * @throws MqttConnectionException naming the URL if the broker cannot be reached within
     *         {@value #CONNECT_TIMEOUT_SECONDS} s or refuses the connection
     * @throws IllegalArgumentException if the URL is not an MQTT URL or the client id is blank
     */
    public static MqttPublisher connect(String brokerUrl, String clientId) throws MqttConnectionException {
        if (brokerUrl == null || brokerUrl.isBlank()) {
            throw new IllegalArgumentException("MQTT broker URL is " + (brokerUrl == null ? "null" : "blank"));
        }
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("MQTT client id is " + (clientId == null ? "null" : "blank"));
        }
        MqttAsyncClient client;
        try {
            client = new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an MQTT broker URL (expected tcp://host:port): \""
                    + brokerUrl + "\"", e);
        } catch (MqttException e) {
            throw new MqttConnectionException(brokerUrl, "could not create an MQTT client for "
                    + brokerUrl + ": " + describe(e), e);
        }
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setAutomaticReconnect(false); // see the class comment: we reconnect ourselves
        options.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS);
        options.setKeepAliveInterval(30);
        options.setMaxInflight(MAX_IN_FLIGHT);

        MqttPublisher publisher = new MqttPublisher(client, options, brokerUrl, clientId);
        client.setCallback(publisher.new ConnectionEvents());
        try {
            client.connect(options).waitForCompletion(TimeUnit.SECONDS.toMillis(CONNECT_TIMEOUT_SECONDS + 1));
        } catch (MqttException e) {
            publisher.release();
            throw new MqttConnectionException(brokerUrl, "could not connect to the MQTT broker at "
                    + brokerUrl + " as client \"" + clientId + "\": " + describe(e), e);
        }
        LOG.info("MQTT publisher \"{}\" connected to {}", clientId, brokerUrl);
        return publisher;
    }

    /**
     * Publishes {@code jsonPayload} (UTF-8) to {@code topic} at QoS 1 and returns at once. The
     * outcome is counted: {@link #published()} when the broker acknowledges it, {@link #failed()}
     * if it cannot be sent or this publisher is closed.
     *
     * @param retained whether the broker keeps it as the topic's last value for later subscribers
     * @throws IllegalArgumentException if the topic is null, empty or has a wildcard, or the payload is null
     */
    public void publish(String topic, String jsonPayload, boolean retained) {
        validTopic(topic);
        if (jsonPayload == null) {
            throw new IllegalArgumentException("payload for topic \"" + topic + "\" is null");
        }
        if (closed.get()) {
            recordFailure(topic, "the publisher is closed");
            return;
        }
        Delivery delivery = new Delivery(topic);
        inFlight.add(delivery);
        MqttMessage message = new MqttMessage(jsonPayload.getBytes(StandardCharsets.UTF_8));
        message.setQos(QOS);
        message.setRetained(retained);
        try {
            client.publish(topic, message, null, delivery);
        } catch (MqttException | RuntimeException e) {
            delivery.fail(describe(e));
        }
    }

    /** {@link #publish(String, String, boolean)} with {@code payload.toString()}. */
    public void publish(String topic, Json payload, boolean retained) {
        if (payload == null) {
            throw new IllegalArgumentException("payload for topic \"" + topic + "\" is null");
        }
        publish(topic, payload.toString(), retained);
    }

    /** Messages the broker has acknowledged. */
    public long published() {
        return published.get();
    }

    /** Messages that could not be delivered: rejected by the client, lost with the connection, or published after close. */
    public long failed() {
        return failed.get();
    }

    /** Messages handed to the client and not yet acknowledged or failed. */
    public int inFlight() {
        return inFlight.size();
    }

    /** Whether the client is connected to the broker now. */
    public boolean isConnected() {
        return client.isConnected();
    }

    /** The broker URL this publisher was connected to. */
    public String brokerUrl() {
        return brokerUrl;
    }

    /** The MQTT client id. */
    public String clientId() {
        return clientId;
    }

    /**
     * Waits (up to {@value #CLOSE_WAIT_SECONDS} s, and only while connected) for in-flight messages
     * to be acknowledged, counts any still unacknowledged as failed, then disconnects and releases
     * the client. Idempotent; later {@link #publish} calls are counted as failed.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        reconnects.shutdownNow();
        awaitInFlight(TimeUnit.SECONDS.toNanos(CLOSE_WAIT_SECONDS));
        for (Delivery delivery : inFlight) {
            delivery.fail("not acknowledged before the publisher closed");
        }
        if (client.isConnected()) {
            try {
                client.disconnect(1_000).waitForCompletion(2_000);
            } catch (MqttException e) {
                LOG.debug("MQTT disconnect from {} failed: {}", brokerUrl, describe(e));
            }
        }
        release();
        LOG.info("MQTT publisher \"{}\" closed: {} published, {} failed", clientId, published(), failed());
    }

    private void awaitInFlight(long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        synchronized (inFlightChanged) {
            while (!inFlight.isEmpty() && client.isConnected()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    // Wakes on every acknowledgement; the 100 ms cap re-checks the connection.
                    inFlightChanged.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 100)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Stops the client's threads whatever state it is in. */
    private void release() {
        reconnects.shutdownNow();
        try {
            client.disconnectForcibly(0, 1_000, false);
        } catch (MqttException e) {
            LOG.trace("MQTT forced disconnect: {}", describe(e));
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("closing the MQTT client for {} failed: {}", brokerUrl, describe(e));
        }
    }

    private static String validTopic(String topic) {
        if (topic == null || topic.isEmpty()) {
            throw new IllegalArgumentException("MQTT topic is " + (topic == null ? "null" : "empty"));
        }
        try {
            MqttTopic.validate(topic, false);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a topic to publish to: \"" + topic + "\" ("
                    + e.getMessage() + ")", e);
        }
        return topic;
    }

    private void recordFailure(String topic, String reason) {
        long total = failed.incrementAndGet();
        long now = System.nanoTime();
        long last = lastFailureLogNanos.get();
        boolean due = (!failureLogged.get()
                || now - last >= TimeUnit.SECONDS.toNanos(FAILURE_LOG_INTERVAL_SECONDS))
                && lastFailureLogNanos.compareAndSet(last, now);
        if (!due) {
            failuresNotLogged.incrementAndGet();
            return;
        }
        failureLogged.set(true);
        long quiet = failuresNotLogged.getAndSet(0);
        LOG.warn("MQTT publish to {} on {} failed: {} ({} failed in all{})", topic, brokerUrl, reason, total,
                quiet == 0 ? "" : ", " + quiet + " not logged since the last warning");
    }

    private void scheduleReconnect() {
        if (closed.get()) {
            return;
        }
        long delay = reconnectDelayMillis;
        reconnectDelayMillis = Math.min(delay * 2, MAX_RECONNECT_DELAY.toMillis());
        try {
            reconnects.schedule(this::reconnect, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    private void reconnect() {
        if (closed.get() || client.isConnected()) {
            return;
        }
        try {
            client.connect(options, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    executeQuietly(() -> reconnectDelayMillis = FIRST_RECONNECT_DELAY.toMillis());
                }

                @Override
                public void onFailure(IMqttToken token, Throwable cause) {
                    LOG.debug("MQTT reconnect to {} failed: {}", brokerUrl, cause.toString());
                    executeQuietly(MqttPublisher.this::scheduleReconnect);
                }
            });
        } catch (MqttException | RuntimeException e) {
            LOG.debug("MQTT reconnect to {} failed: {}", brokerUrl, e.toString());
            scheduleReconnect();
        }
    }

    private void executeQuietly(Runnable task) {
        try {
            reconnects.execute(task);
        } catch (RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    private static String describe(Throwable e) {
        if (e instanceof MqttException m) {
            String text = m.getMessage() + " (reason code " + m.getReasonCode() + ")";
            return m.getCause() == null ? text : text + ": " + m.getCause();
        }
        return e.toString();
    }

    /** One message in flight: settles exactly once, as acknowledged or failed. */
    private final class Delivery implements IMqttActionListener {
        private final String topic;
        private final AtomicBoolean settled = new AtomicBoolean();

        Delivery(String topic) {
            this.topic = topic;
        }

        @Override
        public void onSuccess(IMqttToken token) {
            if (settled.compareAndSet(false, true)) {
                published.incrementAndGet();
                leave();
            }
        }

        @Override
        public void onFailure(IMqttToken token, Throwable cause) {
            fail(cause == null ? "unknown cause" : describe(cause));
        }

        void fail(String reason) {
            if (settled.compareAndSet(false, true)) {
                recordFailure(topic, reason);
                leave();
            }
        }

        /** Leaves the in-flight set after being counted, so that close() sees the count once none is in flight. */
        private void leave() {
            inFlight.remove(this);
            synchronized (inFlightChanged) {
                inFlightChanged.notifyAll();
            }
        }
    }

    /** Logs the connection's ups and downs and starts reconnecting when it drops. */
    private final class ConnectionEvents implements MqttCallbackExtended {
        @Override
        public void connectionLost(Throwable cause) {
            if (closed.get()) {
                return;
            }
            LOG.warn("MQTT publisher \"{}\" lost its connection to {}: {}; reconnecting", clientId, brokerUrl,
                    cause == null ? "unknown cause" : describe(cause));
            executeQuietly(MqttPublisher.this::scheduleReconnect);
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            if (!connectedOnce.compareAndSet(false, true)) {
                LOG.info("MQTT publisher \"{}\" reconnected to {}", clientId, serverUri);
            }
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // a publisher subscribes to nothing
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // counted by each message's Delivery listener
        }
    }
}
