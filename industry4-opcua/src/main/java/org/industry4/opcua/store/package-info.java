/**
 * Storing telemetry: {@link org.industry4.opcua.store.DuckDbSink} writes samples, a signal
 * catalogue and gaps into an embedded DuckDB database and exports them as Parquet;
 * {@link org.industry4.opcua.store.StoreAndForward} puts a bounded queue with an explicit
 * {@link org.industry4.opcua.store.BackPressure} policy in front of any slower
 * {@link org.industry4.core.TelemetrySink}.
 *
 * <p>Nothing here depends on OPC UA: these sinks take {@link org.industry4.core.TelemetrySample}s
 * from any {@link org.industry4.core.TelemetrySource}.
 */
package org.industry4.opcua.store;
