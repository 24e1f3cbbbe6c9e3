package org.industry4.kafka.mqtt;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

import org.eclipse.paho.client.mqttv3.MqttTopic;
import org.industry4.kafka.TopicNames;

/**
 * Settings of an {@link MqttKafkaBridge}. Build with {@link #of(String, String)}, which fills in
 * every default, and change what differs with the {@code with...} methods:
 *
 * <pre>{@code
 * MqttBridgeOptions options = MqttBridgeOptions.of("tcp://mqtt.plant-7:1883", "kafka-1:9092,kafka-2:9092")
 *         .withTopicFilters(List.of("industry4/plant-7/#"))
 *         .withClientId("bridge-plant-7");
 * }</pre>
 *
 * @param brokerUrl          the MQTT broker, {@code tcp://host[:port]} (or {@code ssl://},
 *                           {@code ws://}, {@code wss://})
 * @param clientId           the MQTT client id. The bridge's session is persistent (clean session
 *                           false), so the broker keeps unacknowledged messages for this id while
 *                           the bridge is down; run one bridge per id. Non-blank, at most 65,535
 *                           UTF-8 bytes
 * @param topicFilters       the MQTT topic filters subscribed to; not empty, no duplicates, each a
 *                           valid filter ({@code +} and {@code #} only as whole levels,
 *                           {@code #} last). A broker may deliver a message once per matching
 *                           filter, so overlapping filters can write it twice
 * @param qos                the subscription QoS: 1 (default) for at-least-once from the broker
 *                           into Kafka, or 0 (the broker sends each message once and forgets it).
 *                           QoS 2 is refused: Paho keeps its half of a QoS 2 exchange in memory
 *                           here, so a crash mid-exchange could lose a message QoS 2 promised to
 *                           deliver; QoS 1 gives the bridge's guarantee without that gap
 * @param bootstrapServers   Kafka's {@code bootstrap.servers}: {@code host:port[,host:port...]}
 * @param topicMapping       which Kafka topic each message goes to
 * @param deadLetterTopic    the Kafka topic for messages outside the topic layout or over
 *                           {@code maxPayloadBytes}; it must exist when the bridge starts
 * @param maxPayloadBytes    the largest payload forwarded as it is; positive, and at most the
 *                           producer's {@code max.request.size} (1,048,576 unless set) minus
 *                           {@value #RECORD_HEADROOM_BYTES} bytes for key, headers and batch
 *                           framing. Keep it under the brokers' {@code message.max.bytes} too
 * @param connectTimeout     how long connecting to the MQTT broker may take; 1 s to 1 h
 * @param producerProperties extra Kafka producer settings ({@code linger.ms},
 *                           {@code compression.type}, security...). The bridge owns
 *                           {@code bootstrap.servers}, the serializers and
 *                           {@code transactional.id}; {@code acks} may only be {@code all} and
 *                           {@code enable.idempotence} only {@code true}
 * @param login              the user name and password for the MQTT broker, or null to connect
 *                           anonymously
 * @param socketFactory      the sockets to connect with, or null for Paho's (plain for
 *                           {@code tcp://}; for {@code ssl://} the JVM's default TLS context, that
 *                           is its default trust store). An {@link SSLSocketFactory}, for example
 *                           from an {@link javax.net.ssl.SSLContext} with the plant's CA or a client
 *                           certificate, needs {@code ssl://} or {@code wss://}, and those need an
 *                           {@code SSLSocketFactory}
 */
public record MqttBridgeOptions(String brokerUrl, String clientId, List<String> topicFilters, int qos,
                                String bootstrapServers, KafkaTopicMapping topicMapping,
                                String deadLetterTopic, int maxPayloadBytes, Duration connectTimeout,
                                Map<String, String> producerProperties, MqttLogin login,
                                SocketFactory socketFactory) {

    /** The default MQTT client id. */
    public static final String DEFAULT_CLIENT_ID = "industry4-mqtt-kafka-bridge";
    /** The default subscription: every topic of the industry4 layout, all plants. */
    public static final List<String> DEFAULT_TOPIC_FILTERS = List.of("industry4/#");
    /** The default subscription QoS. */
    public static final int DEFAULT_QOS = 1;
    /** The default mapping: {@code industry4.alarm}, {@code industry4.rul}, ... */
    public static final KafkaTopicMapping DEFAULT_TOPIC_MAPPING = KafkaTopicMapping.perLevel("industry4");
    /** The default dead-letter topic. */
    public static final String DEFAULT_DEAD_LETTER_TOPIC = "industry4.dead-letter";
    /** The default payload limit: 1,000,000 bytes, which fits Kafka's default 1 MiB request. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 1_000_000;
    /** The default MQTT connect timeout. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Room left in a Kafka request for the key, the headers and the batch framing. */
    public static final int RECORD_HEADROOM_BYTES = 16_384;

    /** Kafka's default {@code max.request.size}. */
    static final int KAFKA_DEFAULT_MAX_REQUEST_SIZE = 1_048_576;
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofHours(1);
    private static final Set<String> URL_SCHEMES = Set.of("tcp", "ssl", "ws", "wss");

    public MqttBridgeOptions {
        brokerUrl = requireBrokerUrl(brokerUrl);
        clientId = requireClientId(clientId);
        topicFilters = requireTopicFilters(topicFilters);
        if (qos != 0 && qos != 1) {
            throw new IllegalArgumentException("qos must be 0 or 1, got " + qos
                    + (qos == 2 ? " (QoS 2 is not supported: see MqttBridgeOptions)" : ""));
        }
        bootstrapServers = requireBootstrapServers(bootstrapServers);
        if (topicMapping == null) {
            throw new IllegalArgumentException("topicMapping must be set, got null");
        }
        deadLetterTopic = TopicNames.require("deadLetterTopic", deadLetterTopic);
        if (topicMapping.topics().contains(deadLetterTopic)) {
            throw new IllegalArgumentException("deadLetterTopic \"" + deadLetterTopic
                    + "\" is also a topic of topicMapping " + topicMapping + "; dead letters need a topic of their own");
        }
        if (connectTimeout == null || connectTimeout.compareTo(Duration.ofSeconds(1)) < 0
                || connectTimeout.compareTo(MAX_CONNECT_TIMEOUT) > 0) {
            throw new IllegalArgumentException("connectTimeout must be between 1 s and 1 h, got " + connectTimeout);
        }
        producerProperties = requireProducerProperties(producerProperties);
        requireSocketFactory(brokerUrl, socketFactory);
        int maxRequestSize = maxRequestSize(producerProperties);
        if (maxPayloadBytes <= 0 || maxPayloadBytes > maxRequestSize - RECORD_HEADROOM_BYTES) {
            throw new IllegalArgumentException("maxPayloadBytes must be > 0 and <= max.request.size ("
                    + maxRequestSize + ") - " + RECORD_HEADROOM_BYTES + " = " + (maxRequestSize - RECORD_HEADROOM_BYTES)
                    + ", got " + maxPayloadBytes);
        }
    }

    /**
     * The defaults for one MQTT broker and one Kafka cluster: client id
     * {@value #DEFAULT_CLIENT_ID}, filter {@code industry4/#}, QoS 1, topics
     * {@code industry4.<last level>}, dead letters to {@value #DEFAULT_DEAD_LETTER_TOPIC},
     * payloads up to 1,000,000 bytes, a 10 s connect timeout, no extra producer settings, no login,
     * Paho's sockets.
     */
    public static MqttBridgeOptions of(String brokerUrl, String bootstrapServers) {
        return new MqttBridgeOptions(brokerUrl, DEFAULT_CLIENT_ID, DEFAULT_TOPIC_FILTERS, DEFAULT_QOS,
                bootstrapServers, DEFAULT_TOPIC_MAPPING, DEFAULT_DEAD_LETTER_TOPIC, DEFAULT_MAX_PAYLOAD_BYTES,
                DEFAULT_CONNECT_TIMEOUT, Map.of(), null, null);
    }

    /** These settings with another MQTT client id. */
    public MqttBridgeOptions withClientId(String id) {
        return new MqttBridgeOptions(brokerUrl, id, topicFilters, qos, bootstrapServers, topicMapping,
                deadLetterTopic, maxPayloadBytes, connectTimeout, producerProperties, login,
                socketFactory);
    }

    /** These settings with other topic filters. */
    public MqttBridgeOptions withTopicFilters(List<String> filters) {
        return new MqttBridgeOptions(brokerUrl, clientId, filters, qos, bootstrapServers, topicMapping,
                deadLetterTopic, maxPayloadBytes, connectTimeout, producerProperties, login,
                socketFactory);
    }

    /** These settings with another subscription QoS. */
    public MqttBridgeOptions withQos(int q) {
        return new MqttBridgeOptions(brokerUrl, clientId, topicFilters, q, bootstrapServers, topicMapping,
                deadLetterTopic, maxPayloadBytes, connectTimeout, producerProperties, login,
                socketFactory);
    }

    /** These settings with another topic mapping. */
    public MqttBridgeOptions withTopicMapping(KafkaTopicMapping mapping) {
        return new MqttBridgeOptions(brokerUrl, clientId, topicFilters, qos, bootstrapServers, mapping,
                deadLetterTopic, maxPayloadBytes, connectTimeout, producerProperties, login,
                socketFactory);
    }

    /** These settings with another dead-letter topic. */
    public MqttBridgeOptions withDeadLetterTopic(String topic) {
        return new MqttBridgeOptions(brokerUrl, clientId, topicFilters, qos, bootstrapServers, topicMapping,
                topic, maxPayloadBytes, connectTimeout, producerProperties, login,
                socketFactory);
    }

    /** These settings with another payload limit. */
    public MqttBridgeOptions withMaxPayloadBytes(int bytes) {
        return new MqttBridgeOptions(brokerUrl, clientId, topicFilters, qos, bootstrapServers, topicMapping,
                deadLetterTopic, bytes, connectTimeout, producerProperties, login,
                socketFactory);
    }

    /** These settings with another MQTT connect timeout. */
    public MqttBridgeOptions withConnectTimeout(Duration timeout) {
        return new MqttBridgeOptions(brokerUrl, clientId, topicFilters, qos, bootstrapServers, topicMapping,
                deadLetterTopic, maxPayloadBytes, timeout, producerProperties, login,
                socketFactory);
    }

    /** These settings with other extra producer settings (replacing the previous ones). */
    public MqttBridgeOptions withProducerProperties(Map<String, String> properties) {
        return new MqttBridgeOptions(brokerUrl, clientId, topicFilters, qos, bootstrapServers, topicMapping,
                deadLetterTopic, maxPayloadBytes, connectTimeout, properties, login,
                socketFactory);
    }

    /** These settings with a user name and password for the MQTT broker (the password is copied). */
    public MqttBridgeOptions withLogin(String username, char[] password) {
        return new MqttBridgeOptions(brokerUrl, clientId, topicFilters, qos, bootstrapServers, topicMapping,
                deadLetterTopic, maxPayloadBytes, connectTimeout, producerProperties, new MqttLogin(username, password),
                socketFactory);
    }

    /**
     * These settings connecting with {@code factory}: an {@link SSLSocketFactory} (with
     * {@code ssl://} or {@code wss://}) for the plant's own CA or a client certificate.
     */
    public MqttBridgeOptions withSocketFactory(SocketFactory factory) {
        return new MqttBridgeOptions(brokerUrl, clientId, topicFilters, qos, bootstrapServers, topicMapping,
                deadLetterTopic, maxPayloadBytes, connectTimeout, producerProperties, login, factory);
    }

    /** Whether the connection is TLS: {@code ssl://} or {@code wss://}. */
    boolean tls() {
        return tls(brokerUrl);
    }

    private static boolean tls(String url) {
        return url.startsWith("ssl://") || url.startsWith("wss://");
    }

    private static void requireSocketFactory(String url, SocketFactory factory) {
        boolean tls = tls(url);
        if (factory instanceof SSLSocketFactory && !tls) {
            throw new IllegalArgumentException("socketFactory is a TLS socket factory (" + factory.getClass().getName()
                    + ") but brokerUrl " + url + " is not ssl:// or wss://");
        }
        if (factory != null && !(factory instanceof SSLSocketFactory) && tls) {
            throw new IllegalArgumentException("brokerUrl " + url + " needs a TLS socket factory (an SSLSocketFactory),"
                    + " got " + factory.getClass().getName());
        }
    }

    private static String requireBrokerUrl(String url) {
        if (url == null) {
            throw new IllegalArgumentException("brokerUrl must be an MQTT URL like tcp://host:1883, got null");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("brokerUrl must be an MQTT URL like tcp://host:1883, got \""
                    + url + "\" (" + e.getMessage() + ")", e);
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme == null || !URL_SCHEMES.contains(scheme)) {
            throw new IllegalArgumentException("brokerUrl must start with tcp://, ssl://, ws:// or wss://, got \""
                    + url + "\"");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("brokerUrl must name a host, got \"" + url + "\"");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65_535) {
            throw new IllegalArgumentException("brokerUrl port must be in [1, 65535], got \"" + url + "\"");
        }
        if ((scheme.equals("tcp") || scheme.equals("ssl")) && uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
            throw new IllegalArgumentException("brokerUrl must not have a path with " + scheme + "://, got \"" + url + "\"");
        }
        return url;
    }

    private static String requireClientId(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("clientId must not be blank, got "
                    + (id == null ? "null" : "\"" + id + "\""));
        }
        int bytes = id.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > 65_535) {
            throw new IllegalArgumentException("clientId must be at most 65535 UTF-8 bytes, got " + bytes + " bytes");
        }
        return id;
    }

    private static List<String> requireTopicFilters(List<String> filters) {
        if (filters == null || filters.isEmpty()) {
            throw new IllegalArgumentException("topicFilters must name at least one MQTT topic filter, got "
                    + filters);
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < filters.size(); i++) {
            String filter = filters.get(i);
            if (filter == null || filter.isEmpty()) {
                throw new IllegalArgumentException("topicFilters[" + i + "] must be an MQTT topic filter, got "
                        + (filter == null ? "null" : "\"\""));
            }
            try {
                MqttTopic.validate(filter, true);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("topicFilters[" + i + "] \"" + filter
                        + "\" is not a valid MQTT topic filter: " + e.getMessage(), e);
            }
            if (!seen.add(filter)) {
                throw new IllegalArgumentException("topicFilters[" + i + "] \"" + filter + "\" is listed twice");
            }
        }
        return List.copyOf(filters);
    }

    private static String requireBootstrapServers(String servers) {
        if (servers == null || servers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers must be host:port[,host:port...], got "
                    + (servers == null ? "null" : "\"" + servers + "\""));
        }
        for (String server : servers.split(",", -1)) {
            String s = server.strip();
            int colon = s.lastIndexOf(':');
            boolean ok = colon > 0 && colon < s.length() - 1;
            if (ok) {
                try {
                    int port = Integer.parseInt(s.substring(colon + 1));
                    ok = port >= 1 && port <= 65_535;
                } catch (NumberFormatException e) {
                    ok = false;
                }
            }
            if (!ok) {
                throw new IllegalArgumentException("bootstrapServers must be host:port[,host:port...], got \""
                        + servers + "\" (\"" + s + "\" is not host:port)");
            }
        }
        return servers;
    }

    private static Map<String, String> requireProducerProperties(Map<String, String> properties) {
        if (properties == null) {
            throw new IllegalArgumentException("producerProperties must be a map (empty for none), got null");
        }
        properties.forEach((key, value) -> {
            if (key == null || key.isBlank() || value == null) {
                throw new IllegalArgumentException("producerProperties must have non-blank keys and non-null values, got "
                        + key + "=" + value);
            }
            switch (key) {
                case "bootstrap.servers" -> throw new IllegalArgumentException(
                        "producerProperties must not set bootstrap.servers (use bootstrapServers), got \"" + value + "\"");
                case "key.serializer", "value.serializer" -> throw new IllegalArgumentException(
                        "producerProperties must not set " + key + " (the bridge writes String keys and byte[] values), got \""
                                + value + "\"");
                case "transactional.id" -> throw new IllegalArgumentException(
                        "producerProperties must not set transactional.id (the bridge's producer is idempotent, not transactional), got \""
                                + value + "\"");
                case "acks" -> {
                    if (!value.strip().equals("all") && !value.strip().equals("-1")) {
                        throw new IllegalArgumentException("producerProperties acks must be all, so that no write is lost, got \""
                                + value + "\"");
                    }
                }
                case "enable.idempotence" -> {
                    if (!value.strip().equalsIgnoreCase("true")) {
                        throw new IllegalArgumentException(
                                "producerProperties enable.idempotence must be true, so that retries neither duplicate nor reorder, got \""
                                        + value + "\"");
                    }
                }
                case "max.request.size" -> {
                    try {
                        if (Integer.parseInt(value.strip()) <= RECORD_HEADROOM_BYTES) {
                            throw new IllegalArgumentException("producerProperties max.request.size must be > "
                                    + RECORD_HEADROOM_BYTES + ", got \"" + value + "\"");
                        }
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("producerProperties max.request.size must be a number of bytes, got \""
                                + value + "\"", e);
                    }
                }
                default -> {
                    // Kafka checks the rest when the producer is created.
                }
            }
        });
        return Map.copyOf(properties);
    }

    private static int maxRequestSize(Map<String, String> properties) {
        String value = properties.get("max.request.size");
        return value == null ? KAFKA_DEFAULT_MAX_REQUEST_SIZE : Integer.parseInt(value.strip());
    }

    @Override
    public String toString() {
        // Producer properties may hold credentials (sasl.jaas.config): only their keys are shown.
        return "MqttBridgeOptions[brokerUrl=" + brokerUrl + ", clientId=" + clientId + ", topicFilters="
                + topicFilters + ", qos=" + qos + ", bootstrapServers=" + bootstrapServers + ", topicMapping="
                + topicMapping + ", deadLetterTopic=" + deadLetterTopic + ", maxPayloadBytes=" + maxPayloadBytes
                + ", connectTimeout=" + connectTimeout + ", producerProperties=" + producerProperties.keySet()
                + ", login=" + (login == null ? "anonymous" : login.username()) + ", socketFactory="
                + (socketFactory == null ? "default" : socketFactory.getClass().getName()) + "]";
    }
}
