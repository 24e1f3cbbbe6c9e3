package org.industry4.examples.factory.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A plain Paho subscriber, as a dashboard would be: it queues what arrives for the test to take. */
final class MqttTestSubscriber implements AutoCloseable {

    /** One message as it arrived. */
    record Received(String topic, String payload, int qos, boolean retained) {
    }

    private final MqttClient client;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

    private MqttTestSubscriber(MqttClient client) {
        this.client = client;
    }

    /** Connects to {@code url} and subscribes to {@code filter} at QoS 1; returns once the broker has granted it. */
    static MqttTestSubscriber subscribe(String url, String filter) throws MqttException {
        MqttClient client = new MqttClient(url, "test-sub-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setConnectionTimeout(10);
        client.connect(options);
        MqttTestSubscriber subscriber = new MqttTestSubscriber(client);
        client.subscribe(filter, 1, (topic, message) -> subscriber.received.add(new Received(topic,
                new String(message.getPayload(), StandardCharsets.UTF_8), message.getQos(), message.isRetained())));
        return subscriber;
    }

    /** The next message, waiting up to {@code seconds}; null if none came. */
    Received next(int seconds) throws InterruptedException {
        return received.poll(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws MqttException {
        try {
            client.disconnect(1_000);
        } finally {
            client.close(true);
        }
    }
}
