package org.industry4.examples.factory.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** Publishing through a real embedded broker to a real Paho subscriber. */
class MqttPublisherTest {

    private static EmbeddedMqttBroker broker;

    @BeforeAll
    static void startBroker() throws IOException {
        broker = EmbeddedMqttBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    /** Each test its own plant, so retained messages of one test never reach another. */
    private static String plant(TestInfo test) {
        return "plant-" + test.getTestMethod().orElseThrow().getName();
    }

    @Test
    void alarmArrivesOnItsTopicWithItsExactPayload(TestInfo test) throws Exception {
        String plant = plant(test);
        String topic = FactoryTopics.alarm(plant, "cnc-02");
        String alarm = Json.object()
                .put("event", "start")
                .put("machine", "cnc-02")
                .put("time", Instant.parse("2024-05-01T10:15:30.250Z"))
                .put("score", 27.4)
                .put("chart", "Q")
                .put("top_contributor", "vibration_rms")
                .put("fault_class", "bearing")
                .put("fault_probability", 0.91)
                .put("note", "spindle \"B\" \u00e9\u20ac\n")
                .toString();
        try (MqttTestSubscriber subscriber = MqttTestSubscriber.subscribe(broker.url(), FactoryTopics.everything(plant));
             MqttPublisher publisher = MqttPublisher.connect(broker.url(), "alarm-publisher")) {
            publisher.publish(FactoryTopics.rul(plant, "cnc-02"), "{\"rul_minutes\":37.5}", false);
            publisher.publish(topic, alarm, false);

            MqttTestSubscriber.Received first = subscriber.next(10);
            MqttTestSubscriber.Received second = subscriber.next(10);
            assertNotNull(second, "both messages within 10 s");
            assertEquals(FactoryTopics.rul(plant, "cnc-02"), first.topic(), "QoS 1 from one client keeps order");
            assertEquals(topic, second.topic());
            assertEquals(alarm, second.payload());
            assertEquals(1, second.qos());
            assertFalse(second.retained());
        }
    }

    @Test
    void retainedPlantKpiReachesALateSubscriber(TestInfo test) throws Exception {
        String plant = plant(test);
        String kpi = Json.object().put("plant", plant).put("oee", 0.802).put("mtbf_min", 182).toString();
        try (MqttPublisher publisher = MqttPublisher.connect(broker.url(), "kpi-publisher")) {
            publisher.publish(FactoryTopics.plantKpi(plant), "{\"oee\":0.5}", true);
            publisher.publish(FactoryTopics.plantKpi(plant), kpi, true); // replaces the first
        } // close waits for the broker's acknowledgements
        try (MqttTestSubscriber late = MqttTestSubscriber.subscribe(broker.url(), FactoryTopics.plantKpi(plant))) {
            MqttTestSubscriber.Received got = late.next(10);
            assertNotNull(got, "no retained KPI within 10 s");
            assertEquals(kpi, got.payload()); // the publisher had gone: only the broker's retained copy can be it
            // got.retained() is not asserted: Moquette 0.17 delivers retained messages with RETAIN = 0
            // (MQTT 3.1.1 [MQTT-3.3.1-8] asks for 1); Mosquitto and HiveMQ set it.
            assertNull(late.next(1), "only the last retained message is kept");
        }
    }

    @Test
    void unreachableBrokerGivesAnExceptionNamingTheUrl() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "tcp://127.0.0.1:" + closedPort;
        MqttConnectionException e = assertThrows(MqttConnectionException.class,
                () -> MqttPublisher.connect(url, "nobody-home"));
        assertTrue(e.getMessage().contains(url), e.getMessage());
        assertEquals(url, e.brokerUrl());
        assertTrue(e instanceof IOException);
    }

    @Test
    void badUrlAndTopicsAreArgumentErrorsNamingTheValue() throws Exception {
        IllegalArgumentException url = assertThrows(IllegalArgumentException.class,
                () -> MqttPublisher.connect("localhost:1883", "x"));
        assertTrue(url.getMessage().contains("\"localhost:1883\""), url.getMessage());
        try (MqttPublisher publisher = MqttPublisher.connect(broker.url(), "topic-checks")) {
            IllegalArgumentException wildcard = assertThrows(IllegalArgumentException.class,
                    () -> publisher.publish("industry4/+/kpi", "{}", false));
            assertTrue(wildcard.getMessage().contains("\"industry4/+/kpi\""), wildcard.getMessage());
            assertThrows(IllegalArgumentException.class, () -> publisher.publish("", "{}", false));
            assertThrows(IllegalArgumentException.class, () -> publisher.publish("a/b", (String) null, false));
            assertEquals(0, publisher.failed());
        }
    }

    /**
     * On a broker of its own: Moquette 0.17 sometimes releases a forwarded message twice when the
     * subscriber's acknowledgements of a burst arrive (IllegalReferenceCountException in
     * Session.pubAckReceived), and the session executor that hits it dies, so every later client
     * routed to it times out. Seen once in a cold CI run; it broke this class's next two tests.
     */
    @Test
    void closeWaitsForEveryAcknowledgementAndIsIdempotent(TestInfo test) throws Exception {
        String topic = FactoryTopics.machineKpi(plant(test), "cnc-01");
        int messages = 500;
        try (EmbeddedMqttBroker own = EmbeddedMqttBroker.start()) {
            closeWaitsForEveryAcknowledgement(own, topic, messages);
        }
    }

    private static void closeWaitsForEveryAcknowledgement(EmbeddedMqttBroker own, String topic, int messages)
            throws Exception {
        MqttPublisher publisher = MqttPublisher.connect(own.url(), "burst-publisher");
        try (MqttTestSubscriber subscriber = MqttTestSubscriber.subscribe(own.url(), topic)) {
            for (int i = 0; i < messages; i++) {
                publisher.publish(topic, Json.object().put("i", i), false);
            }
            publisher.close();
            assertEquals(messages, publisher.published(), "acknowledged when close returns");
            assertEquals(0, publisher.failed());
            assertEquals(0, publisher.inFlight());
            for (int i = 0; i < messages; i++) {
                MqttTestSubscriber.Received got = subscriber.next(10);
                assertNotNull(got, "message " + i + " within 10 s");
                assertEquals("{\"i\":" + i + "}", got.payload());
            }
        }
        publisher.close();
        assertFalse(publisher.isConnected());
    }

    @Test
    void publishAfterCloseIsCountedNotThrown() throws Exception {
        MqttPublisher publisher = MqttPublisher.connect(broker.url(), "closed-publisher");
        publisher.close();
        publisher.publish("industry4/demo-plant/kpi", "{}", true);
        publisher.publish("industry4/demo-plant/kpi", "{}", true);
        assertEquals(2, publisher.failed());
        assertEquals(0, publisher.published());
    }

    @Test
    void lostBrokerIsCountedNotThrownIntoTheCaller(TestInfo test) throws Exception {
        EmbeddedMqttBroker doomed = EmbeddedMqttBroker.start();
        MqttPublisher publisher = MqttPublisher.connect(doomed.url(), "orphan-publisher");
        String topic = FactoryTopics.alarm(plant(test), "cnc-01");
        publisher.publish(topic, "{}", false);
        doomed.close(); // drops the connection
        AtomicInteger attempts = new AtomicInteger(1);
        CountDownLatch analyticsDone = new CountDownLatch(1);
        Thread analytics = new Thread(() -> {
            for (int i = 0; i < 50; i++) {
                publisher.publish(topic, "{}", false);
                attempts.incrementAndGet();
            }
            analyticsDone.countDown();
        }, "analytics");
        analytics.setUncaughtExceptionHandler((t, e) -> { }); // a throw would leave the latch up
        analytics.start();
        assertTrue(analyticsDone.await(30, TimeUnit.SECONDS), "publish calls returned without throwing");
        publisher.close();
        assertEquals(attempts.get(), publisher.published() + publisher.failed(), "every message accounted for");
        assertTrue(publisher.failed() >= 50, "failed " + publisher.failed());
    }

    @Test
    void reconnectsWhenTheBrokerComesBackOnTheSamePort(TestInfo test) throws Exception {
        String topic = FactoryTopics.alarm(plant(test), "cnc-03");
        EmbeddedMqttBroker first = EmbeddedMqttBroker.start();
        int port = first.port();
        MqttPublisher publisher = MqttPublisher.connect(first.url(), "reconnecting-publisher");
        try {
            first.close();
            awaitTrue(() -> !publisher.isConnected(), 20, "the publisher noticed the broker was gone");
            try (EmbeddedMqttBroker second = EmbeddedMqttBroker.start(port)) {
                awaitTrue(publisher::isConnected, 20, "the publisher reconnected by itself");
                try (MqttTestSubscriber subscriber = MqttTestSubscriber.subscribe(second.url(), topic)) {
                    publisher.publish(topic, "{\"event\":\"end\"}", false);
                    MqttTestSubscriber.Received got = subscriber.next(10);
                    assertNotNull(got, "a message after the reconnect within 10 s");
                    assertEquals("{\"event\":\"end\"}", got.payload());
                }
            }
        } finally {
            publisher.close();
        }
    }

    @Test
    void fixedPortOutOfRangeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EmbeddedMqttBroker.start(70_000));
        assertTrue(e.getMessage().contains("70000"), e.getMessage());
    }

    /** Polls a condition the code under test reaches by itself, up to a generous bound. */
    private static void awaitTrue(BooleanSupplier condition, int seconds, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within " + seconds + " s: " + what);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}
