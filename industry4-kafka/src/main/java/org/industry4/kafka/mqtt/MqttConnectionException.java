package org.industry4.kafka.mqtt;

import java.io.IOException;

/**
 * The bridge could not connect or subscribe to its MQTT broker; the message names the broker URL
 * and the reason.
 */
public final class MqttConnectionException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String brokerUrl;

    MqttConnectionException(String brokerUrl, String reason, Throwable cause) {
        super("cannot connect the MQTT bridge to " + brokerUrl + ": " + reason, cause);
        this.brokerUrl = brokerUrl;
    }

    /** The URL of the broker that could not be reached, e.g. {@code tcp://127.0.0.1:1883}. */
    public String brokerUrl() {
        return brokerUrl;
    }
}
