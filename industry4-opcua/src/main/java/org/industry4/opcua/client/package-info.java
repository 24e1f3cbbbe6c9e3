/**
 * Collecting data from OPC UA servers (PLCs, SCADA servers) with Eclipse Milo.
 *
 * <p>{@link org.industry4.opcua.client.OpcUaCollector} connects with a
 * {@link org.industry4.opcua.client.CollectorConfig} (endpoint URL, security None or Basic256Sha256
 * Sign / SignAndEncrypt, anonymous or user name identity, a PKI folder with the application
 * certificate and the trust list, see {@link org.industry4.opcua.client.ClientPki}), then browses,
 * reads and writes with a status per item, and subscribes to thousands of nodes, delivering
 * {@link org.industry4.core.TelemetrySample}s to any {@link org.industry4.core.TelemetrySink}.
 * When the server goes away the collector reconnects with backoff, creates its subscriptions again,
 * and records the outage as a {@link org.industry4.core.TelemetryGap} per signal.
 *
 * <pre>{@code
 * CollectorConfig config = CollectorConfig.builder("opc.tcp://127.0.0.1:4840/industry4").build();
 * try (OpcUaCollector collector = OpcUaCollector.connect(config)) {
 *     List<String> nodes = collector.browseVariables().stream()
 *             .filter(VariableInfo::numeric).map(VariableInfo::nodeId).toList();
 *     try (CollectorSubscription subscription =
 *                  collector.subscribe(nodes, new SubscriptionOptions(), sink)) {
 *         ... // samples flow to the sink until the subscription or the collector is closed
 *     }
 * }
 * }</pre>
 */
package org.industry4.opcua.client;
