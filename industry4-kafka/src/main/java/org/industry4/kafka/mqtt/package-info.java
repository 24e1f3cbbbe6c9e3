/**
 * The MQTT to Kafka bridge: {@link org.industry4.kafka.mqtt.MqttKafkaBridge} subscribes to the
 * industry4 MQTT topics ({@code industry4/<plant>/...}) and writes each message to Kafka keyed by
 * asset, acknowledging it to the MQTT broker only once Kafka has it.
 */
package org.industry4.kafka.mqtt;
