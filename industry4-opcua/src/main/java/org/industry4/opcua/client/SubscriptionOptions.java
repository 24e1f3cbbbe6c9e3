package org.industry4.opcua.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How the server samples and reports the nodes of one subscription.
 *
 * @param samplingInterval   how often the server samples each node; at least 1 ms (the server may
 *                           revise it: see {@link ItemResult#revisedSamplingInterval()})
 * @param publishingInterval how often the server sends the changes it collected; at least 1 ms
 * @param queueSize          how many changes the server keeps per node between two publications;
 *                           at least 1 (at least publishingInterval / samplingInterval to lose
 *                           nothing)
 * @param deadband           the data change filter; {@link Deadband#none()} reports every change
 * @param maxItemsPerCall    the most monitored items created per service call; 0 = the server's
 *                           limit ({@code MaxMonitoredItemsPerCall}), otherwise the smaller of both
 */
public record SubscriptionOptions(Duration samplingInterval, Duration publishingInterval,
                                  int queueSize, Deadband deadband, int maxItemsPerCall) {

    public SubscriptionOptions {
        Objects.requireNonNull(samplingInterval, "samplingInterval");
        Objects.requireNonNull(publishingInterval, "publishingInterval");
        Objects.requireNonNull(deadband, "deadband");
        if (samplingInterval.toMillis() < 1) {
            throw new IllegalArgumentException(
                    "samplingInterval must be at least 1 ms, got " + samplingInterval);
        }
        if (publishingInterval.toMillis() < 1) {
            throw new IllegalArgumentException(
                    "publishingInterval must be at least 1 ms, got " + publishingInterval);
        }
        if (queueSize < 1) {
            throw new IllegalArgumentException("queueSize must be >= 1, got " + queueSize);
        }
        if (maxItemsPerCall < 0) {
            throw new IllegalArgumentException(
                    "maxItemsPerCall must be >= 0 (0 = server limit), got " + maxItemsPerCall);
        }
    }

    /** Sampling and publishing every 100 ms, queue of 10, no deadband, the server's batch limit. */
    public SubscriptionOptions() {
        this(Duration.ofMillis(100), Duration.ofMillis(100), 10, Deadband.none(), 0);
    }

    /** A copy with another sampling interval. */
    public SubscriptionOptions withSamplingInterval(Duration interval) {
        return new SubscriptionOptions(interval, publishingInterval, queueSize, deadband, maxItemsPerCall);
    }

    /** A copy with another publishing interval. */
    public SubscriptionOptions withPublishingInterval(Duration interval) {
        return new SubscriptionOptions(samplingInterval, interval, queueSize, deadband, maxItemsPerCall);
    }

    /** A copy with another queue size. */
    public SubscriptionOptions withQueueSize(int size) {
        return new SubscriptionOptions(samplingInterval, publishingInterval, size, deadband, maxItemsPerCall);
    }

    /** A copy with another deadband. */
    public SubscriptionOptions withDeadband(Deadband filter) {
        return new SubscriptionOptions(samplingInterval, publishingInterval, queueSize, filter, maxItemsPerCall);
    }

    /** A copy with another per-call limit. */
    public SubscriptionOptions withMaxItemsPerCall(int max) {
        return new SubscriptionOptions(samplingInterval, publishingInterval, queueSize, deadband, max);
    }
}
