package org.industry4.kafka.mqtt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards the messages of an MQTT broker into Kafka, without losing one: each MQTT message is
 * acknowledged to the broker only after Kafka has confirmed its write.
 *
 * <pre>{@code
 * try (MqttKafkaBridge bridge = MqttKafkaBridge.start(
 *         MqttBridgeOptions.of("tcp://mqtt.plant-7:1883", "kafka-1:9092"))) {
 *     ... bridge.stats() ...
 * }
 * }</pre>
 *
 * <h2>Records</h2>
 * Topics follow the industry4 layout: {@code industry4/<plant>/<machine>/alarm|rul|setpoint|kpi},
 * {@code industry4/<plant>/kpi}, {@code industry4/<plant>/quality/inspection} and
 * {@code industry4/<plant>/maintenance/route}. A message becomes one Kafka record in the topic
 * {@link MqttBridgeOptions#topicMapping()} picks for the MQTT topic's last level, with
 * <ul>
 *   <li>key: the asset, the {@code <machine>} level, or the plant id for plant-level topics, so
 *       that one machine's messages stay in one partition and in order;</li>
 *   <li>value: the MQTT payload's bytes, unchanged;</li>
 *   <li>headers (UTF-8): {@value #HEADER_MQTT_TOPIC}, {@value #HEADER_MQTT_QOS} (the QoS it was
 *       delivered at), {@value #HEADER_MQTT_RETAINED} ({@code true} for a retained message the
 *       broker sent on subscribing) and {@value #HEADER_PLANT}.</li>
 * </ul>
 * A message whose topic is outside the layout, or whose payload is over
 * {@link MqttBridgeOptions#maxPayloadBytes()}, goes to the dead-letter topic instead, with the
 * headers {@value #HEADER_DLQ_REASON} (a {@link DeadLetterReason#headerValue()}) and
 * {@value #HEADER_DLQ_DETAIL}; see {@link DeadLetterReason} for its key and value. It is counted
 * and logged, and the bridge goes on.
 *
 * <h2>Guarantees</h2>
 * At least once from the MQTT broker into Kafka, for messages delivered at QoS 1:
 * <ul>
 *   <li>the producer is idempotent with {@code acks=all}: its retries neither duplicate nor
 *       reorder records;</li>
 *   <li>the MQTT session is persistent (clean session false) and acknowledgements are manual: a
 *       message is acknowledged after Kafka confirms it (in its mapped topic or the dead-letter
 *       topic). A message Kafka does not take, or one in flight when the bridge dies, stays
 *       unacknowledged, and the broker sends it again when a bridge with the same client id
 *       connects: nothing is lost, and a crash can write a message twice. Until then such a
 *       message holds a place in the broker's window of unacknowledged messages (Mosquitto's
 *       default is 20): while Kafka refuses writes for long enough to fill it, the broker sends
 *       nothing more, and {@link MqttBridgeStats#failed()} tells why. The bridge does not drop its
 *       session to get them sent again; restarting it does;</li>
 *   <li>messages of one MQTT topic arrive in order, and records of one key go to one partition in
 *       the order they were sent, so one machine's records keep their order while Kafka accepts
 *       them. A write that fails and is sent again later lands after the ones that followed it.</li>
 * </ul>
 * Acknowledgements go out as Kafka confirms, which may differ from the arrival order across
 * partitions; brokers match them by packet id. Retained messages are forwarded each time the bridge
 * subscribes (at start, and after a reconnect that found no session on the broker).
 *
 * <h2>Connection</h2>
 * When the connection drops, the bridge reconnects by itself, after 1 s and then backing off to
 * 30 s, and subscribes again if the broker no longer has its session. It does this on one daemon
 * thread of its own rather than with Paho's {@code setAutomaticReconnect}: in Paho 1.2.5 that keeps
 * its back-off in a static field shared by every client of the JVM and leaves a non-daemon timer
 * thread behind when a client is closed while the broker is down.
 *
 * <p>Thread-safe. {@link #close()} waits for writes in flight (up to {@value #CLOSE_TIMEOUT_SECONDS}
 * s) so that their messages are acknowledged, then disconnects; it is idempotent.
 */
public final class MqttKafkaBridge implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MqttKafkaBridge.class);

    /** Header: the MQTT topic the message came from. */
    public static final String HEADER_MQTT_TOPIC = "mqtt.topic";
    /** Header: the QoS the bridge received the message at, {@code 0} or {@code 1}. */
    public static final String HEADER_MQTT_QOS = "mqtt.qos";
    /** Header: {@code true} for a retained message, {@code false} otherwise. */
    public static final String HEADER_MQTT_RETAINED = "mqtt.retained";
    /** Header: the plant id, the topic's second level (absent on records of topics outside the layout). */
    public static final String HEADER_PLANT = "industry4.plant";
    /** Dead-letter header: the {@link DeadLetterReason#headerValue()}. */
    public static final String HEADER_DLQ_REASON = "industry4.dlq.reason";
    /** Dead-letter header: the reason in words. */
    public static final String HEADER_DLQ_DETAIL = "industry4.dlq.detail";
    /** Dead-letter header on {@link DeadLetterReason#PAYLOAD_TOO_LARGE}: the full payload size in bytes. */
    public static final String HEADER_DLQ_PAYLOAD_BYTES = "industry4.dlq.payload-bytes";

    /** How long {@link #close()} waits for Kafka to confirm the writes in flight. */
    public static final int CLOSE_TIMEOUT_SECONDS = 30;
    static final Duration FIRST_RECONNECT_DELAY = Duration.ofSeconds(1);
    static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(30);
    private static final int KEEP_ALIVE_SECONDS = 30;
    private static final long DISCONNECT_QUIESCE_MILLIS = 2_000;
    private static final int SUBSCRIPTION_REFUSED = 0x80;

    private final MqttBridgeOptions options;
    private final KafkaProducer<String, byte[]> producer;
    private final MqttAsyncClient client;
    private final MqttConnectOptions connectOptions;
    private final ScheduledExecutorService reconnector;

    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean closing;
    /** Whether the broker has confirmed every subscription of the current session. */
    private volatile boolean subscribed;
    private long reconnectDelayMillis = FIRST_RECONNECT_DELAY.toMillis(); // only on the reconnect thread

    private final AtomicLong received = new AtomicLong();
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong ackFailures = new AtomicLong();
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();

    private final ThrottledWarning deadLetterWarning = new ThrottledWarning(LOG, 10, TimeUnit.SECONDS);
    private final ThrottledWarning failureWarning = new ThrottledWarning(LOG, 10, TimeUnit.SECONDS);

    private MqttKafkaBridge(MqttBridgeOptions options, KafkaProducer<String, byte[]> producer,
                            MqttAsyncClient client) {
        this.options = options;
        this.producer = producer;
        this.client = client;
        this.connectOptions = connectOptions(options);
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "mqtt-bridge-reconnect-" + options.clientId());
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.reconnector = executor;
    }

    /**
     * Starts a bridge: creates the Kafka producer, checks that the dead-letter topic exists,
     * connects to the MQTT broker and subscribes to the topic filters. Messages flow as soon as
     * this returns (retained ones included).
     *
     * @throws MqttConnectionException naming the broker URL if the MQTT broker cannot be reached
     *         within {@link MqttBridgeOptions#connectTimeout()}, refuses the connection or refuses
     *         a subscription
     * @throws IOException naming the bootstrap servers if Kafka cannot be reached or has no
     *         dead-letter topic within the producer's {@code max.block.ms} (60 s unless set)
     * @throws IllegalArgumentException if Kafka rejects a producer property
     */
    public static MqttKafkaBridge start(MqttBridgeOptions options) throws IOException {
        Objects.requireNonNull(options, "options");
        KafkaProducer<String, byte[]> producer = createProducer(options);
        MqttAsyncClient client;
        try {
            checkDeadLetterTopic(producer, options);
            client = new MqttAsyncClient(options.brokerUrl(), options.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            producer.close(Duration.ZERO);
            throw new MqttConnectionException(options.brokerUrl(), "cannot create an MQTT client: " + describe(e), e);
        } catch (IOException | RuntimeException e) {
            producer.close(Duration.ZERO);
            throw e;
        }
        MqttKafkaBridge bridge = new MqttKafkaBridge(options, producer, client);
        try {
            bridge.connectAndSubscribe();
        } catch (MqttConnectionException | RuntimeException e) {
            bridge.release();
            throw e;
        }
        return bridge;
    }

    /** The settings this bridge runs with. */
    public MqttBridgeOptions options() {
        return options;
    }

    /** The bridge's counters now. */
    public MqttBridgeStats stats() {
        return new MqttBridgeStats(!closed.get() && client.isConnected(), received.get(), forwarded.get(),
                deadLettered.get(), failed.get(), ackFailures.get(), inFlight.get(), reconnects.get());
    }

    /**
     * Stops taking messages, waits up to {@value #CLOSE_TIMEOUT_SECONDS} s for Kafka to confirm the
     * writes in flight and acknowledges their messages, then disconnects from the MQTT broker and
     * closes the producer. Messages not confirmed by then stay unacknowledged: the broker keeps them
     * for the next bridge with this client id. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closing = true;
        reconnector.shutdownNow();
        try {
            // Flushes: each confirmed write's callback acknowledges its MQTT message.
            producer.close(Duration.ofSeconds(CLOSE_TIMEOUT_SECONDS));
        } catch (RuntimeException e) {
            LOG.warn("Closing the Kafka producer of the MQTT bridge \"{}\" failed: {}", options.clientId(), e.toString(), e);
        }
        if (client.isConnected()) {
            try {
                // Quiescing lets the acknowledgements queued by the callbacks go out first.
                client.disconnect(DISCONNECT_QUIESCE_MILLIS).waitForCompletion(DISCONNECT_QUIESCE_MILLIS + 1_000);
            } catch (MqttException e) {
                LOG.debug("MQTT disconnect from {} failed: {}", options.brokerUrl(), describe(e));
            }
        }
        release();
        MqttBridgeStats stats = stats();
        LOG.info("MQTT bridge \"{}\" closed: {} received, {} forwarded, {} dead-lettered, {} failed",
                options.clientId(), stats.received(), stats.forwarded(), stats.deadLettered(), stats.failed());
    }

    // ---------------------------------------------------------------------------------- start-up

    private static KafkaProducer<String, byte[]> createProducer(MqttBridgeOptions options) {
        Properties config = new Properties();
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "industry4-mqtt-bridge-" + options.clientId());
        config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        config.putAll(options.producerProperties());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        try {
            return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        } catch (KafkaException e) {
            throw new IllegalArgumentException("Kafka rejected the producer settings " + options.producerProperties().keySet()
                    + " for " + options.bootstrapServers() + ": " + causes(e), e);
        }
    }

    /** Asks for the dead-letter topic's partitions: proves Kafka is reachable and the topic exists. */
    private static void checkDeadLetterTopic(KafkaProducer<String, byte[]> producer, MqttBridgeOptions options)
            throws IOException {
        try {
            producer.partitionsFor(options.deadLetterTopic());
        } catch (KafkaException e) {
            throw new IOException("Kafka at " + options.bootstrapServers() + " could not be reached or has no dead-letter topic \""
                    + options.deadLetterTopic() + "\" (create it before starting the bridge): " + causes(e), e);
        }
    }

    private static MqttConnectOptions connectOptions(MqttBridgeOptions options) {
        MqttConnectOptions connect = new MqttConnectOptions();
        connect.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        connect.setCleanSession(false);
        connect.setAutomaticReconnect(false); // see the class comment: the bridge reconnects itself
        connect.setConnectionTimeout((int) Math.max(1, (options.connectTimeout().toMillis() + 999) / 1000));
        connect.setKeepAliveInterval(KEEP_ALIVE_SECONDS);
        if (options.login() != null) {
            connect.setUserName(options.login().username());
            connect.setPassword(options.login().password());
            if (!options.tls()) {
                LOG.warn("MQTT bridge \"{}\" sends the password of user {} to {} unencrypted; use ssl:// where the"
                        + " network is not trusted", options.clientId(), options.login().username(), options.brokerUrl());
            }
        }
        if (options.socketFactory() != null) {
            connect.setSocketFactory(options.socketFactory());
        }
        return connect;
    }

    private void connectAndSubscribe() throws MqttConnectionException {
        client.setManualAcks(true);
        client.setCallback(new Events());
        long waitMillis = options.connectTimeout().toMillis() + 1_000;
        try {
            IMqttToken connected = client.connect(connectOptions);
            connected.waitForCompletion(waitMillis);
            LOG.info("MQTT bridge \"{}\" connected to {} (session {}), forwarding {} to Kafka at {}",
                    options.clientId(), options.brokerUrl(), connected.getSessionPresent() ? "resumed" : "new",
                    options.topicFilters(), options.bootstrapServers());
            IMqttToken subscription = subscribe(null);
            subscription.waitForCompletion(waitMillis);
            String refused = refusedFilter(subscription.getGrantedQos());
            if (refused != null) {
                throw new MqttConnectionException(options.brokerUrl(), "the broker refused the subscription to \""
                        + refused + "\" for client \"" + options.clientId() + "\"", null);
            }
            this.subscribed = true;
        } catch (MqttException e) {
            throw new MqttConnectionException(options.brokerUrl(), describe(e) + " (client \"" + options.clientId()
                    + "\", connect timeout " + options.connectTimeout().toSeconds() + " s)", e);
        }
    }

    /** The first filter the broker refused in its SUBACK (granted QoS 0x80), or null. */
    private String refusedFilter(int[] granted) {
        for (int i = 0; granted != null && i < granted.length && i < options.topicFilters().size(); i++) {
            if (granted[i] == SUBSCRIPTION_REFUSED) {
                return options.topicFilters().get(i);
            }
        }
        return null;
    }

    private IMqttToken subscribe(IMqttActionListener listener) throws MqttException {
        int[] qos = new int[options.topicFilters().size()];
        Arrays.fill(qos, options.qos());
        return client.subscribe(options.topicFilters().toArray(String[]::new), qos, null, listener);
    }

    /** Stops the reconnector and the MQTT client's threads, whatever state they are in. */
    private void release() {
        closing = true;
        reconnector.shutdownNow();
        try {
            client.disconnectForcibly(0, 1_000, false);
        } catch (MqttException e) {
            LOG.trace("MQTT forced disconnect: {}", describe(e));
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("Closing the MQTT client for {} failed: {}", options.brokerUrl(), describe(e));
        }
        if (!closed.get()) {
            producer.close(Duration.ZERO); // start failed: nothing was sent
        }
    }

    // ---------------------------------------------------------------------------------- messages

    /** Turns one MQTT message into one Kafka record and sends it; runs on Paho's callback thread. */
    private void forward(String topic, MqttMessage message) {
        received.incrementAndGet();
        if (closing) {
            return; // not acknowledged: the broker keeps it for the next session
        }
        byte[] payload = message.getPayload();
        Optional<MqttTopicLayout.Route> route = MqttTopicLayout.route(topic);
        RecordHeaders headers = new RecordHeaders();
        header(headers, HEADER_MQTT_TOPIC, topic);
        header(headers, HEADER_MQTT_QOS, Integer.toString(message.getQos()));
        header(headers, HEADER_MQTT_RETAINED, Boolean.toString(message.isRetained()));
        route.ifPresent(r -> header(headers, HEADER_PLANT, r.plant()));
        String key = route.map(MqttTopicLayout.Route::asset).orElse(topic);

        ProducerRecord<String, byte[]> record;
        DeadLetterReason reason = null;
        if (payload.length > options.maxPayloadBytes()) {
            reason = DeadLetterReason.PAYLOAD_TOO_LARGE;
            String detail = "payload of " + payload.length + " bytes is over maxPayloadBytes " + options.maxPayloadBytes()
                    + "; the value holds its first " + options.maxPayloadBytes() + " bytes";
            header(headers, HEADER_DLQ_REASON, reason.headerValue());
            header(headers, HEADER_DLQ_DETAIL, detail);
            header(headers, HEADER_DLQ_PAYLOAD_BYTES, Integer.toString(payload.length));
            record = new ProducerRecord<>(options.deadLetterTopic(), null, key,
                    Arrays.copyOf(payload, options.maxPayloadBytes()), headers);
        } else if (route.isEmpty()) {
            reason = DeadLetterReason.TOPIC_NOT_IN_LAYOUT;
            header(headers, HEADER_DLQ_REASON, reason.headerValue());
            header(headers, HEADER_DLQ_DETAIL, "topic \"" + topic + "\" is not in the layout " + MqttTopicLayout.DESCRIPTION);
            record = new ProducerRecord<>(options.deadLetterTopic(), null, key, payload, headers);
        } else {
            String kafkaTopic = options.topicMapping().topicFor(route.get().lastLevel());
            record = new ProducerRecord<>(kafkaTopic, null, key, payload, headers);
        }
        Delivery delivery = new Delivery(topic, message.getId(), message.getQos(), reason);
        inFlight.incrementAndGet();
        try {
            producer.send(record, delivery);
        } catch (RuntimeException e) {
            // Thrown rather than reported to the callback: the producer is closed or interrupted.
            delivery.onCompletion(null, e);
        }
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Acknowledges a message to the MQTT broker once Kafka has it; any thread. */
    private void acknowledge(int messageId, int qos) {
        if (qos == 0) {
            return;
        }
        try {
            client.messageArrivedComplete(messageId, qos);
        } catch (MqttException | RuntimeException e) {
            ackFailures.incrementAndGet();
            LOG.debug("MQTT acknowledgement of message {} failed (the broker will send it again): {}", messageId, e.toString());
        }
    }

    /** One message handed to Kafka: settles once, as written (and acknowledged) or failed. */
    private final class Delivery implements Callback {
        private final String mqttTopic;
        private final int messageId;
        private final int qos;
        private final DeadLetterReason deadLetterReason;
        private final AtomicBoolean settled = new AtomicBoolean();

        Delivery(String mqttTopic, int messageId, int qos, DeadLetterReason deadLetterReason) {
            this.mqttTopic = mqttTopic;
            this.messageId = messageId;
            this.qos = qos;
            this.deadLetterReason = deadLetterReason;
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception error) {
            if (!settled.compareAndSet(false, true)) {
                return;
            }
            try {
                if (error == null) {
                    if (deadLetterReason == null) {
                        forwarded.incrementAndGet();
                    } else {
                        deadLettered.incrementAndGet();
                        deadLetterWarning.warn("MQTT message on {} went to the dead-letter topic {}: {}", mqttTopic,
                                options.deadLetterTopic(), deadLetterReason.headerValue());
                    }
                    acknowledge(messageId, qos);
                } else if (closing) {
                    failed.incrementAndGet();
                    LOG.debug("MQTT message on {} not written before the bridge closed; the broker keeps it: {}",
                            mqttTopic, error.toString());
                } else {
                    failed.incrementAndGet();
                    failureWarning.warn("Kafka did not take the MQTT message on {} ({}); it is not acknowledged, so the"
                            + " broker sends it again when the bridge's session resumes", mqttTopic, causes(error));
                }
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    // ---------------------------------------------------------------------------------- connection

    private void scheduleReconnect() {
        if (closing) {
            return;
        }
        long delay = reconnectDelayMillis;
        reconnectDelayMillis = Math.min(delay * 2, MAX_RECONNECT_DELAY.toMillis());
        try {
            reconnector.schedule(this::reconnect, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    private void reconnect() {
        if (closing || client.isConnected()) {
            return;
        }
        try {
            client.connect(connectOptions, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    reconnects.incrementAndGet();
                    boolean sessionPresent = token.getSessionPresent();
                    LOG.info("MQTT bridge \"{}\" reconnected to {} (session {})", options.clientId(),
                            options.brokerUrl(), sessionPresent ? "resumed" : "lost");
                    onReconnectThread(() -> reconnectDelayMillis = FIRST_RECONNECT_DELAY.toMillis());
                    if (!sessionPresent || !subscribed) {
                        resubscribe();
                    }
                }

                @Override
                public void onFailure(IMqttToken token, Throwable cause) {
                    LOG.debug("MQTT reconnect to {} failed: {}", options.brokerUrl(), String.valueOf(cause));
                    onReconnectThread(MqttKafkaBridge.this::scheduleReconnect);
                }
            });
        } catch (MqttException | RuntimeException e) {
            LOG.debug("MQTT reconnect to {} failed: {}", options.brokerUrl(), e.toString());
            scheduleReconnect();
        }
    }

    private void resubscribe() {
        subscribed = false;
        try {
            subscribe(new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    String refused = refusedFilter(token.getGrantedQos());
                    if (refused != null) {
                        resubscribeFailed("the broker refused the subscription to \"" + refused + "\"");
                    } else {
                        subscribed = true;
                        LOG.info("MQTT bridge \"{}\" subscribed again to {}", options.clientId(), options.topicFilters());
                    }
                }

                @Override
                public void onFailure(IMqttToken token, Throwable cause) {
                    resubscribeFailed(String.valueOf(cause));
                }
            });
        } catch (MqttException | RuntimeException e) {
            resubscribeFailed(e.toString());
        }
    }

    /** Without its subscriptions the bridge would sit idle: drop the connection and try again. */
    private void resubscribeFailed(String reason) {
        LOG.error("MQTT bridge \"{}\" could not subscribe again to {} on {}: {}; reconnecting", options.clientId(),
                options.topicFilters(), options.brokerUrl(), reason);
        onReconnectThread(() -> {
            try {
                client.disconnectForcibly(0, 1_000, true);
            } catch (MqttException e) {
                LOG.debug("MQTT forced disconnect: {}", describe(e));
            }
            scheduleReconnect();
        });
    }

    private void onReconnectThread(Runnable task) {
        try {
            reconnector.execute(task);
        } catch (RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    /** Paho's callbacks: messages in, connection lost. */
    private final class Events implements MqttCallbackExtended {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            try {
                forward(topic, message);
            } catch (RuntimeException e) {
                // Never thrown into Paho, which would drop the connection; the message stays unacknowledged.
                failed.incrementAndGet();
                LOG.error("MQTT bridge could not forward the message on {}: {}", topic, e.toString(), e);
            }
        }

        @Override
        public void connectionLost(Throwable cause) {
            if (closing) {
                return;
            }
            LOG.warn("MQTT bridge \"{}\" lost its connection to {}: {}; reconnecting", options.clientId(),
                    options.brokerUrl(), cause instanceof MqttException m ? describe(m) : String.valueOf(cause));
            onReconnectThread(MqttKafkaBridge.this::scheduleReconnect);
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            // logged where the connect completes
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // the bridge publishes nothing
        }
    }

    private static String describe(MqttException e) {
        String text = e.getMessage() + " (reason code " + e.getReasonCode() + ")";
        return e.getCause() == null ? text : text + ": " + e.getCause();
    }

    private static String causes(Throwable e) {
        StringBuilder text = new StringBuilder(e.toString());
        Throwable c = e.getCause();
        for (int depth = 0; c != null && depth < 5; depth++, c = c.getCause()) {
            text.append(" <- ").append(c);
        }
        return text.toString();
    }
}
