package org.industry4.opcua.store;

/**
 * What a {@link StoreAndForward} does with samples that arrive while its queue is full.
 * Whatever the policy, every sample is accounted for in {@link StoreAndForwardStats}.
 */
public enum BackPressure {
    /**
     * The caller waits for room, up to {@link StoreAndForwardOptions#offerTimeout()}; then (or
     * at once if the queue is closed or the downstream starts failing meanwhile) {@code accept}
     * throws a {@link QueueFullException} saying how many of the batch's samples were taken, in
     * order; a batch larger than the capacity is taken piece by piece as room appears. Nothing
     * taken is lost.
     */
    BLOCK,
    /**
     * {@code accept} throws a {@link QueueFullException} at once, taking none of the batch, when the
     * whole batch does not fit. The caller knows and decides.
     */
    REJECT,
    /**
     * The oldest queued samples are evicted to make room; each eviction is counted in
     * {@link StoreAndForwardStats#dropped()} and logged (one warning at most every few seconds).
     * Gaps and signal descriptions are never evicted. The caller never waits.
     */
    DROP_OLDEST
}
