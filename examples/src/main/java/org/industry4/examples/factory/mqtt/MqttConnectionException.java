package org.industry4.examples.factory.mqtt;

import java.io.IOException;

/** A connection to an MQTT broker could not be made; the message names the broker URL and the reason. */
public final class MqttConnectionException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String brokerUrl;

    /** A failure to reach {@code brokerUrl}. */
    public MqttConnectionException(String brokerUrl, String message, Throwable cause) {
        super(message, cause);
        this.brokerUrl = brokerUrl;
    }

    /** The URL of the broker that could not be reached, e.g. {@code tcp://127.0.0.1:1883}. */
    public String brokerUrl() {
        return brokerUrl;
    }
}
