package org.industry4.opcua.sim;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the ground-truth log: a fault that began on a machine.
 *
 * @param machineId the machine, e.g. {@code cnc-01}
 * @param kind what happened
 * @param signal for sensor faults ({@link FaultKind#SENSOR_DROPOUT}, {@link
 *     FaultKind#STUCK_SENSOR}) the affected signal's name, e.g. {@code vibration}; {@code ""} for
 *     physical faults, which affect several signals
 * @param tick the simulation tick at which the fault began
 * @param wallTime the time of that tick (the source timestamp the server gives its values)
 */
public record FaultEvent(
        String machineId, FaultKind kind, String signal, long tick, Instant wallTime) {

    /** Rejects nulls and negative ticks. */
    public FaultEvent {
        Objects.requireNonNull(machineId, "machineId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(wallTime, "wallTime");
        if (tick < 0) {
            throw new IllegalArgumentException("tick must be >= 0, got " + tick);
        }
    }
}
