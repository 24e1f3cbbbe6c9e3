package org.industry4.examples.factory.kpi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An alarm a detector raised, to be scored against the ground truth by {@link DetectionScorecard}.
 *
 * @param machineId the machine, e.g. {@code cnc-01}
 * @param start when the alarm was raised
 * @param end when it cleared, {@code null} while still active
 */
public record RaisedAlarm(String machineId, Instant start, Instant end) {

    /** Rejects a null machine or start and an end before the start. */
    public RaisedAlarm {
        Objects.requireNonNull(machineId, "machineId");
        Objects.requireNonNull(start, "start");
        if (end != null && end.isBefore(start)) {
            throw new IllegalArgumentException("alarm end must not be before its start " + start + ", got " + end);
        }
    }

    /** An alarm still active. */
    public static RaisedAlarm active(String machineId, Instant start) {
        return new RaisedAlarm(machineId, start, null);
    }

    /** The end, empty while the alarm is active. */
    public Optional<Instant> endTime() {
        return Optional.ofNullable(end);
    }
}
