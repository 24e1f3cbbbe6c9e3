package org.industry4.opcua.client;

import java.time.Duration;
import java.util.Objects;

/**
 * Counters of an {@link OpcUaCollector} since it was connected. A snapshot: counters are read one
 * after the other, not atomically together.
 *
 * @param connected             whether a session is active now
 * @param reconnects            how many times collection resumed after the server went away
 * @param lastReconnectDuration from noticing the last loss to having every subscription's items
 *                              created again; zero before the first reconnect
 * @param lastDisconnectReason  why the last connection was lost; {@code ""} if never
 * @param notificationsReceived values received in data change notifications
 * @param samplesDelivered      samples handed to sinks without the sink throwing
 * @param badSamples            of the delivered samples, how many were BAD (bad status or no
 *                              numeric value)
 * @param sinkFailures          sink calls (accept, gap, describe) that threw; their samples count
 *                              as not delivered
 * @param gapsRecorded          gaps handed to sinks
 * @param activeItems           monitored items being collected, over all open subscriptions
 * @param failedItems           items of open subscriptions that are not collected
 */
public record CollectorStats(boolean connected, long reconnects, Duration lastReconnectDuration,
                             String lastDisconnectReason, long notificationsReceived,
                             long samplesDelivered, long badSamples, long sinkFailures,
                             long gapsRecorded, int activeItems, int failedItems) {

    public CollectorStats {
        Objects.requireNonNull(lastReconnectDuration, "lastReconnectDuration");
        Objects.requireNonNull(lastDisconnectReason, "lastDisconnectReason");
    }
}
