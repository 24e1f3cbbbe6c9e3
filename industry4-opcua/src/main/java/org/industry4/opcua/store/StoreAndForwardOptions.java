package org.industry4.opcua.store;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link StoreAndForward} queue.
 *
 * @param capacity     how many samples the queue holds; positive
 * @param maxBatch     the most samples handed to the downstream sink in one {@code accept}; positive
 * @param backPressure what happens when the queue is full
 * @param offerTimeout how long {@link BackPressure#BLOCK} lets a caller wait for room; zero or
 *                     positive
 * @param retries      how many times a failed downstream call is retried before the failure is
 *                     surfaced to callers (retrying goes on after that); zero or positive
 * @param retryBackoff the wait before the first retry, doubled on each further retry up to 64
 *                     times this; positive, at most an hour
 */
public record StoreAndForwardOptions(int capacity, int maxBatch, BackPressure backPressure,
                                     Duration offerTimeout, int retries, Duration retryBackoff) {

    /** The default capacity: two seconds of 10,000 signals at 100 ms. */
    public static final int DEFAULT_CAPACITY = 200_000;
    /** The default largest batch handed downstream. */
    public static final int DEFAULT_MAX_BATCH = 10_000;
    /** The default wait for room under {@link BackPressure#BLOCK}. */
    public static final Duration DEFAULT_OFFER_TIMEOUT = Duration.ofSeconds(10);
    /** The default number of retries before a downstream failure is surfaced. */
    public static final int DEFAULT_RETRIES = 5;
    /** The longest first retry wait allowed. */
    public static final Duration MAX_RETRY_BACKOFF = Duration.ofHours(1);
    /** The default wait before the first retry. */
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(100);

    public StoreAndForwardOptions {
        Objects.requireNonNull(backPressure, "backPressure");
        Objects.requireNonNull(offerTimeout, "offerTimeout");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be > 0, got " + capacity);
        }
        if (maxBatch <= 0) {
            throw new IllegalArgumentException("maxBatch must be > 0, got " + maxBatch);
        }
        if (offerTimeout.isNegative()) {
            throw new IllegalArgumentException("offerTimeout must be >= 0, got " + offerTimeout);
        }
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be >= 0, got " + retries);
        }
        if (retryBackoff.isNegative() || retryBackoff.isZero() || retryBackoff.compareTo(MAX_RETRY_BACKOFF) > 0) {
            throw new IllegalArgumentException("retryBackoff must be > 0 and <= " + MAX_RETRY_BACKOFF
                    + ", got " + retryBackoff);
        }
    }

    /** The given queue settings with the default retries (5, from 100 ms). */
    public StoreAndForwardOptions(int capacity, int maxBatch, BackPressure backPressure,
                                  Duration offerTimeout) {
        this(capacity, maxBatch, backPressure, offerTimeout, DEFAULT_RETRIES, DEFAULT_RETRY_BACKOFF);
    }

    /**
     * 200,000 samples, batches of up to 10,000, {@link BackPressure#BLOCK} for up to 10 s, five
     * retries from 100 ms.
     */
    public StoreAndForwardOptions() {
        this(DEFAULT_CAPACITY, DEFAULT_MAX_BATCH, BackPressure.BLOCK, DEFAULT_OFFER_TIMEOUT);
    }

    /** These settings with another back-pressure policy. */
    public StoreAndForwardOptions withBackPressure(BackPressure policy) {
        return new StoreAndForwardOptions(capacity, maxBatch, policy, offerTimeout, retries, retryBackoff);
    }
}
