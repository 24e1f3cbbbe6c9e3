package org.industry4.kafka.mqtt;

/**
 * Counters of an {@link MqttKafkaBridge} since it started. A snapshot: the counters are read one
 * after the other, not atomically together.
 *
 * @param connected    whether the bridge is connected to the MQTT broker now
 * @param received     MQTT messages that arrived
 * @param forwarded    messages Kafka confirmed in their mapped topic (each then acknowledged to
 *                     the MQTT broker)
 * @param deadLettered messages Kafka confirmed in the dead-letter topic
 * @param failed       messages Kafka did not take (a write that failed or timed out). They are
 *                     not acknowledged, so the broker sends them again when the bridge's session
 *                     resumes (after a reconnect or a restart with the same client id)
 * @param ackFailures  messages Kafka confirmed whose MQTT acknowledgement could not be sent (the
 *                     connection was down): the broker sends them again, so Kafka gets them twice
 * @param inFlight     messages handed to Kafka and not yet confirmed or failed
 * @param reconnects   how many times the bridge connected again after losing the MQTT broker
 */
public record MqttBridgeStats(boolean connected, long received, long forwarded, long deadLettered,
                              long failed, long ackFailures, long inFlight, long reconnects) {
}
