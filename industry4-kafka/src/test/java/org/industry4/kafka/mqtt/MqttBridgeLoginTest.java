package org.industry4.kafka.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.industry4.kafka.testing.LocalKafka;
import org.industry4.kafka.testing.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bridge against a broker that wants a user name and password, on its TCP port and on a TLS
 * port whose self-signed certificate (made by the JDK's keytool for 127.0.0.1) only a socket
 * factory with that certificate trusts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class MqttBridgeLoginTest {

    private static final String USER = "bridge";
    private static final String PASSWORD = "s3cret-passw0rd";
    private static final char[] STORE_PASSWORD = "changeit".toCharArray();
    private static final List<String> LEVELS = List.of("alarm", "rul", "setpoint", "kpi", "inspection", "route");

    private LocalKafka kafka;
    private TestMqttBroker broker;
    private KeyStore keys;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        keys = selfSigned(dir.resolve("broker.p12"));
        broker = TestMqttBroker.startWithLogin(USER, PASSWORD, keys, STORE_PASSWORD);
        kafka = LocalKafka.start();
        String[] topics = LEVELS.stream().map(l -> "login." + l).toArray(String[]::new);
        kafka.createTopics(1, topics);
        kafka.createTopics(1, "login.dead-letter");
    }

    @AfterAll
    void stop() {
        if (broker != null) {
            broker.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    private MqttBridgeOptions options(String url, String client) {
        return MqttBridgeOptions.of(url, kafka.bootstrapServers()).withClientId(client)
                .withTopicFilters(List.of("industry4/plant-login/#"))
                .withTopicMapping(KafkaTopicMapping.perLevel("login"))
                .withDeadLetterTopic("login.dead-letter")
                .withConnectTimeout(Duration.ofSeconds(5));
    }

    @Test
    void withTheLoginAndTheBrokersCertificateTheBridgeForwardsOverTls() throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        tls.init(null, trust.getTrustManagers(), null);
        MqttBridgeOptions options = options(broker.sslUrl(), "bridge-tls")
                .withLogin(USER, PASSWORD.toCharArray())
                .withSocketFactory(tls.getSocketFactory());
        String alarm = "{\"event\":\"start\",\"machine\":\"cnc-01\"}";
        try (MqttKafkaBridge bridge = MqttKafkaBridge.start(options)) {
            MqttClient publisher = new MqttClient(broker.sslUrl(), "publisher-tls", new MemoryPersistence());
            MqttConnectOptions connect = new MqttConnectOptions();
            connect.setUserName(USER);
            connect.setPassword(PASSWORD.toCharArray());
            connect.setSocketFactory(tls.getSocketFactory());
            publisher.connect(connect);
            publisher.publish("industry4/plant-login/cnc-01/alarm", alarm.getBytes(StandardCharsets.UTF_8), 1, false);
            publisher.disconnect();
            publisher.close();
            List<ConsumerRecord<String, byte[]>> records = List.of();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (records.isEmpty() && System.nanoTime() < deadline) {
                records = Topics.readAll(kafka.bootstrapServers(), "login.alarm", Duration.ofSeconds(1));
            }
            assertEquals(1, records.size());
            assertEquals("cnc-01", records.get(0).key());
            assertEquals(alarm, new String(records.get(0).value(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aWrongPasswordFailsStartWithTheBrokersRefusal() {
        MqttBridgeOptions options = options(broker.url(), "bridge-wrong").withLogin(USER, "guess".toCharArray());
        MqttConnectionException e = assertThrows(MqttConnectionException.class, () -> MqttKafkaBridge.start(options));
        assertTrue(e.getMessage().contains("reason code 4") || e.getMessage().contains("reason code 5"), e.getMessage());
        MqttConnectionException anonymous = assertThrows(MqttConnectionException.class,
                () -> MqttKafkaBridge.start(options(broker.url(), "bridge-anonymous")));
        assertTrue(anonymous.getMessage().contains(broker.url()), anonymous.getMessage());
    }

    @Test
    void aBrokerCertificateTheJvmDoesNotTrustFailsStartWithTheTlsError() {
        MqttBridgeOptions options = options(broker.sslUrl(), "bridge-untrusted").withLogin(USER, PASSWORD.toCharArray());
        MqttConnectionException e = assertThrows(MqttConnectionException.class, () -> MqttKafkaBridge.start(options));
        assertTrue(e.getMessage().contains("SSLHandshakeException") || e.getMessage().contains("PKIX"), e.getMessage());
    }

    /** A PKCS#12 key store with a fresh RSA key and a certificate for 127.0.0.1, made by the JDK's keytool. */
    private static KeyStore selfSigned(Path file) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "broker", "-keyalg", "RSA",
                "-keysize", "2048", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", new String(STORE_PASSWORD),
                "-keypass", new String(STORE_PASSWORD)).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, STORE_PASSWORD);
        }
        return store;
    }
}
