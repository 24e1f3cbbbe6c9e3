package org.industry4.kafka.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class MqttBridgeOptionsTest {

    private static final MqttBridgeOptions BASE = MqttBridgeOptions.of("tcp://127.0.0.1:1883", "localhost:9092");

    @Test
    void ofFillsInTheDocumentedDefaults() {
        assertEquals("tcp://127.0.0.1:1883", BASE.brokerUrl());
        assertEquals("localhost:9092", BASE.bootstrapServers());
        assertEquals("industry4-mqtt-kafka-bridge", BASE.clientId());
        assertEquals(List.of("industry4/#"), BASE.topicFilters());
        assertEquals(1, BASE.qos());
        assertEquals("industry4.dead-letter", BASE.deadLetterTopic());
        assertEquals(1_000_000, BASE.maxPayloadBytes());
        assertEquals(Duration.ofSeconds(10), BASE.connectTimeout());
        assertEquals(Map.of(), BASE.producerProperties());
        assertEquals(Set.of("industry4.alarm", "industry4.rul", "industry4.setpoint", "industry4.kpi",
                "industry4.inspection", "industry4.route"), BASE.topicMapping().topics());
    }

    @Test
    void theDefaultMappingNamesOneTopicPerLastLevelAndASingleMappingOne() {
        assertEquals("industry4.alarm", BASE.topicMapping().topicFor("alarm"));
        assertEquals("plant7.inspection", KafkaTopicMapping.perLevel("plant7").topicFor("inspection"));
        KafkaTopicMapping single = KafkaTopicMapping.single("factory-events");
        assertEquals("factory-events", single.topicFor("alarm"));
        assertEquals("factory-events", single.topicFor("route"));
        assertEquals(Set.of("factory-events"), single.topics());
    }

    @Test
    void withersChangeOneSettingAndKeepTheRest() {
        MqttBridgeOptions changed = BASE.withClientId("bridge-7").withQos(0).withMaxPayloadBytes(4_096)
                .withTopicFilters(List.of("industry4/plant-7/#", "industry4/plant-8/+/alarm"))
                .withDeadLetterTopic("dlq").withConnectTimeout(Duration.ofSeconds(3))
                .withTopicMapping(KafkaTopicMapping.single("events"))
                .withProducerProperties(Map.of("linger.ms", "20", "acks", "all"));
        assertEquals("bridge-7", changed.clientId());
        assertEquals(0, changed.qos());
        assertEquals(4_096, changed.maxPayloadBytes());
        assertEquals(List.of("industry4/plant-7/#", "industry4/plant-8/+/alarm"), changed.topicFilters());
        assertEquals("dlq", changed.deadLetterTopic());
        assertEquals(Duration.ofSeconds(3), changed.connectTimeout());
        assertEquals(KafkaTopicMapping.single("events"), changed.topicMapping());
        assertEquals(Map.of("linger.ms", "20", "acks", "all"), changed.producerProperties());
        assertEquals(BASE.brokerUrl(), changed.brokerUrl());
        assertEquals(BASE.bootstrapServers(), changed.bootstrapServers());
    }

    @Test
    void badBrokerUrlsAreRejectedNamingFieldAndValue() {
        for (String url : List.of("http://host:1883", "host:1883", "tcp://", "tcp://host:0", "tcp://host:70000",
                "tcp://host:1883/path", "tcp://ho st:1883")) {
            rejects(() -> MqttBridgeOptions.of(url, "localhost:9092"), "brokerUrl", url);
        }
        rejects(() -> MqttBridgeOptions.of(null, "localhost:9092"), "brokerUrl", "null");
        // ws:// may carry a path; ssl:// and an IPv6 host are fine.
        MqttBridgeOptions.of("ws://host:8080/mqtt", "localhost:9092");
        MqttBridgeOptions.of("ssl://[::1]:8883", "localhost:9092");
    }

    @Test
    void badClientIdsAndFiltersAreRejectedNamingFieldAndValue() {
        rejects(() -> BASE.withClientId(" "), "clientId", "\" \"");
        rejects(() -> BASE.withClientId(null), "clientId", "null");
        rejects(() -> BASE.withTopicFilters(List.of()), "topicFilters", "[]");
        rejects(() -> BASE.withTopicFilters(List.of("industry4/#", "a/#/b")), "topicFilters[1]", "a/#/b");
        rejects(() -> BASE.withTopicFilters(List.of("industry4/pl+nt/#")), "topicFilters[0]", "industry4/pl+nt/#");
        rejects(() -> BASE.withTopicFilters(List.of("x/#", "x/#")), "topicFilters[1]", "x/#");
        rejects(() -> BASE.withTopicFilters(Arrays.asList("x/#", null)), "topicFilters[1]", "null");
        rejects(() -> BASE.withTopicFilters(null), "topicFilters", "null");
    }

    @Property
    void aQosOtherThanZeroOrOneIsRejectedWithItsValue(@ForAll int qos) {
        if (qos == 0 || qos == 1) {
            assertEquals(qos, BASE.withQos(qos).qos());
        } else {
            rejects(() -> BASE.withQos(qos), "qos", Integer.toString(qos));
        }
    }

    @Test
    void qos2IsRefusedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BASE.withQos(2));
        assertTrue(e.getMessage().contains("QoS 2 is not supported"), e.getMessage());
    }

    @Test
    void badBootstrapServersAreRejectedNamingFieldAndValue() {
        for (String servers : List.of("", "kafka-1", "kafka-1:", "kafka-1:x", "kafka-1:9092,", ":9092", "kafka-1:0")) {
            rejects(() -> MqttBridgeOptions.of("tcp://h:1883", servers), "bootstrapServers", servers);
        }
        MqttBridgeOptions.of("tcp://h:1883", "kafka-1:9092, kafka-2:9092,[::1]:9093");
    }

    @Test
    void badKafkaTopicNamesAreRejectedNamingFieldAndValue() {
        rejects(() -> BASE.withDeadLetterTopic("dead letters"), "deadLetterTopic", "dead letters");
        rejects(() -> BASE.withDeadLetterTopic(""), "deadLetterTopic", "\"\"");
        rejects(() -> BASE.withDeadLetterTopic(".."), "deadLetterTopic", "..");
        rejects(() -> BASE.withDeadLetterTopic("t".repeat(250)), "deadLetterTopic", "250 characters");
        rejects(() -> BASE.withDeadLetterTopic("industry4.alarm"), "deadLetterTopic", "industry4.alarm");
        rejects(() -> KafkaTopicMapping.perLevel("plant/7"), "prefix", "plant/7");
        rejects(() -> KafkaTopicMapping.perLevel("p".repeat(240)), "prefix", "240 characters");
        rejects(() -> KafkaTopicMapping.single("a:b"), "topic", "a:b");
        rejects(() -> BASE.withTopicMapping(null), "topicMapping", "null");
    }

    @Test
    void payloadLimitAndTimeoutOutOfRangeAreRejectedWithTheirValues() {
        rejects(() -> BASE.withMaxPayloadBytes(0), "maxPayloadBytes", "got 0");
        rejects(() -> BASE.withMaxPayloadBytes(-5), "maxPayloadBytes", "got -5");
        // Kafka's default request of 1 MiB leaves room for a payload of 1 MiB - 16 KiB.
        BASE.withMaxPayloadBytes(1_048_576 - 16_384);
        rejects(() -> BASE.withMaxPayloadBytes(1_048_576 - 16_383), "maxPayloadBytes", "got 1032193");
        // A bigger request makes room for a bigger payload.
        BASE.withProducerProperties(Map.of("max.request.size", "4194304")).withMaxPayloadBytes(4_000_000);
        rejects(() -> BASE.withProducerProperties(Map.of("max.request.size", "100000")), "maxPayloadBytes", "got 1000000");
        rejects(() -> BASE.withConnectTimeout(Duration.ofMillis(500)), "connectTimeout", "PT0.5S");
        rejects(() -> BASE.withConnectTimeout(Duration.ofHours(2)), "connectTimeout", "PT2H");
        rejects(() -> BASE.withConnectTimeout(null), "connectTimeout", "null");
    }

    @Test
    void producerPropertiesThatWouldWeakenTheGuaranteesAreRejected() {
        rejects(() -> BASE.withProducerProperties(Map.of("acks", "1")), "acks", "\"1\"");
        rejects(() -> BASE.withProducerProperties(Map.of("enable.idempotence", "false")), "enable.idempotence", "false");
        rejects(() -> BASE.withProducerProperties(Map.of("bootstrap.servers", "x:1")), "bootstrap.servers", "x:1");
        rejects(() -> BASE.withProducerProperties(Map.of("value.serializer", "Foo")), "value.serializer", "Foo");
        rejects(() -> BASE.withProducerProperties(Map.of("transactional.id", "t")), "transactional.id", "\"t\"");
        rejects(() -> BASE.withProducerProperties(Map.of("max.request.size", "big")), "max.request.size", "big");
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("linger.ms", null);
        rejects(() -> BASE.withProducerProperties(nullValue), "producerProperties", "linger.ms=null");
        rejects(() -> BASE.withProducerProperties(null), "producerProperties", "null");
        assertEquals("-1", BASE.withProducerProperties(Map.of("acks", "-1")).producerProperties().get("acks"));
    }

    @Test
    void theOptionsCopyTheirCollectionsAndHideProducerPropertyValues() {
        List<String> filters = new ArrayList<>(List.of("industry4/#"));
        Map<String, String> properties = new HashMap<>(Map.of("sasl.jaas.config", "secret-password"));
        MqttBridgeOptions options = BASE.withTopicFilters(filters).withProducerProperties(properties);
        filters.add("other/#");
        properties.put("linger.ms", "1");
        assertEquals(List.of("industry4/#"), options.topicFilters());
        assertEquals(Set.of("sasl.jaas.config"), options.producerProperties().keySet());
        assertTrue(options.toString().contains("sasl.jaas.config"), options.toString());
        assertFalse(options.toString().contains("secret-password"), options.toString());
    }

    @Test
    void aLoginKeepsACopyOfThePasswordAndNeverPrintsIt() {
        char[] password = "s3cret".toCharArray();
        MqttBridgeOptions options = BASE.withLogin("bridge", password);
        password[0] = 'x';
        assertArrayEquals("s3cret".toCharArray(), options.login().password());
        assertEquals(new MqttLogin("bridge", "s3cret".toCharArray()), options.login());
        assertTrue(options.toString().contains("login=bridge"), options.toString());
        assertFalse(options.toString().contains("s3cret"), options.toString());
        assertFalse(options.login().toString().contains("s3cret"), options.login().toString());
        assertTrue(BASE.toString().contains("login=anonymous"), BASE.toString());
        rejects(() -> BASE.withLogin(" ", password), "username", "\" \"");
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> BASE.withLogin("b", null));
        assertEquals("password of user b must not be null (use an empty one for none)", none.getMessage());
    }

    @Test
    void aSocketFactoryMustMatchTheUrlsScheme() throws Exception {
        SSLSocketFactory tls = SSLContext.getDefault().getSocketFactory();
        rejects(() -> BASE.withSocketFactory(tls), "socketFactory", "tcp://127.0.0.1:1883");
        MqttBridgeOptions ssl = MqttBridgeOptions.of("ssl://127.0.0.1:8883", "127.0.0.1:9092");
        assertSame(tls, ssl.withSocketFactory(tls).socketFactory());
        rejects(() -> ssl.withSocketFactory(SocketFactory.getDefault()), "brokerUrl", "ssl://127.0.0.1:8883");
        assertSame(SocketFactory.getDefault(), BASE.withSocketFactory(SocketFactory.getDefault()).socketFactory());
    }

    @Property
    void aPositivePayloadLimitWithinTheRequestSizeIsKept(@ForAll @IntRange(min = 1, max = 1_032_192) int bytes) {
        assertEquals(bytes, BASE.withMaxPayloadBytes(bytes).maxPayloadBytes());
    }

    private static void rejects(Executable build, String field, String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build,
                "expected " + field + "=" + value + " to be rejected");
        assertTrue(e.getMessage().contains(field), "message should name " + field + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(value), "message should name " + value + ": " + e.getMessage());
    }
}
