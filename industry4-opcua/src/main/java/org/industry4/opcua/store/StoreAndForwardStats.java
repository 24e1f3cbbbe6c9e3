package org.industry4.opcua.store;

/**
 * Counters of a {@link StoreAndForward} queue, all in samples except
 * {@code downstreamFailures}. At any moment {@code accepted == written + dropped + queued}.
 *
 * @param accepted           samples taken by {@code accept}
 * @param written            samples the downstream sink took
 * @param queued             samples taken but not yet written (waiting, or being written)
 * @param dropped            samples evicted under {@link BackPressure#DROP_OLDEST}
 * @param rejected           samples refused: under {@link BackPressure#REJECT}, or left when
 *                           {@link BackPressure#BLOCK} timed out; never counted as accepted
 * @param downstreamFailures downstream calls that threw (each retry counts)
 * @param maxQueueDepth      the most samples the queue has held
 */
public record StoreAndForwardStats(long accepted, long written, long queued, long dropped,
                                   long rejected, long downstreamFailures, long maxQueueDepth) {
}
