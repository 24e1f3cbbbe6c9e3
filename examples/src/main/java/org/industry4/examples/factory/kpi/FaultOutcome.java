package org.industry4.examples.factory.kpi;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.industry4.opcua.sim.FaultEvent;
import org.industry4.opcua.sim.FaultKind;

/**
 * Whether one fault of the ground truth was detected, and how fast.
 *
 * @param fault the fault
 * @param alarm the alarm that detected it, empty if missed
 * @param delay {@code alarm.start - fault time}, empty if missed
 */
public record FaultOutcome(FaultEvent fault, Optional<RaisedAlarm> alarm, Optional<Duration> delay) {

    /** Rejects nulls and an alarm without a delay or the reverse. */
    public FaultOutcome {
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(alarm, "alarm");
        Objects.requireNonNull(delay, "delay");
        if (alarm.isPresent() != delay.isPresent()) {
            throw new IllegalArgumentException("alarm and delay must both be present or both empty, got alarm "
                    + alarm + ", delay " + delay);
        }
    }

    /** Whether an alarm detected the fault. */
    public boolean detected() {
        return alarm.isPresent();
    }

    /** The faulty machine. */
    public String machineId() {
        return fault.machineId();
    }

    /** The fault's kind. */
    public FaultKind kind() {
        return fault.kind();
    }

    /** When the fault began. */
    public Instant time() {
        return fault.wallTime();
    }
}
