package org.industry4.kafka.mqtt;

/**
 * Why the bridge wrote a message to the dead-letter topic instead of its mapped topic; the
 * {@link #headerValue()} is the value of the record's {@value MqttKafkaBridge#HEADER_DLQ_REASON}
 * header, and {@value MqttKafkaBridge#HEADER_DLQ_DETAIL} says it in words.
 */
public enum DeadLetterReason {

    /**
     * The MQTT topic is not in the industry4 layout (see {@link MqttKafkaBridge}), so the bridge
     * knows neither the asset nor the target topic. The record's value is the payload unchanged and
     * its key the MQTT topic.
     */
    TOPIC_NOT_IN_LAYOUT("topic-not-in-layout"),

    /**
     * The payload is bigger than {@link MqttBridgeOptions#maxPayloadBytes()}. The record's value is
     * the payload's first {@code maxPayloadBytes} bytes, and its
     * {@value MqttKafkaBridge#HEADER_DLQ_PAYLOAD_BYTES} header the full size.
     */
    PAYLOAD_TOO_LARGE("payload-too-large");

    private final String headerValue;

    DeadLetterReason(String headerValue) {
        this.headerValue = headerValue;
    }

    /** The value of the {@value MqttKafkaBridge#HEADER_DLQ_REASON} header, e.g. {@code payload-too-large}. */
    public String headerValue() {
        return headerValue;
    }
}
