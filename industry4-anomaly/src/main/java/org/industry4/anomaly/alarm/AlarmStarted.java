package org.industry4.anomaly.alarm;

import java.time.Instant;
import java.util.Objects;

/**
 * An alarm started: at {@code time} the raise rule was met.
 *
 * @param time  the time of the sample that met the raise rule
 * @param score that sample's score (above the raise threshold)
 */
public record AlarmStarted(Instant time, double score) implements AlarmEvent {

    public AlarmStarted {
        Objects.requireNonNull(time, "time");
    }
}
