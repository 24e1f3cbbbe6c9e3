package org.industry4.opcua.client;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.industry4.core.Quality;

/**
 * The value of one node as {@link OpcUaCollector#read} got it.
 *
 * @param nodeId     the node id as requested
 * @param value      the value as Milo decoded it ({@code Double}, {@code Integer},
 *                   {@code UInteger}, {@code Boolean}, {@code String}, arrays...); null when the
 *                   server sent none (for example with a Bad status)
 * @param status     the status of this value ({@code Good}, {@code Bad_NodeIdUnknown}, ...)
 * @param sourceTime the source timestamp; null when the server sent none
 * @param serverTime the server timestamp; null when the server sent none
 */
public record ReadResult(String nodeId, Object value, OpcUaStatus status, Instant sourceTime,
                         Instant serverTime) {

    public ReadResult {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(status, "status");
    }

    /** The value as a double if it is a finite number or a Boolean (1/0), else empty. */
    public OptionalDouble numericValue() {
        double d = SampleConverter.toDouble(value);
        return Double.isFinite(d) ? OptionalDouble.of(d) : OptionalDouble.empty();
    }

    /** The quality class of the status. */
    public Quality quality() {
        return status.quality();
    }

    /** Whether the status is good. */
    public boolean isGood() {
        return status.isGood();
    }

    /** The source timestamp, if the server sent one. */
    public Optional<Instant> sourceTimestamp() {
        return Optional.ofNullable(sourceTime);
    }
}
