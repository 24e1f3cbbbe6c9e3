/**
 * Fleet scale on Apache Kafka: telemetry records keyed by asset, a lossless sink for the OPC UA
 * collector, and a Kafka Streams topology that runs the product's models next to the data, one
 * state per asset, exactly once.
 */
package org.industry4.kafka;
