package org.industry4.anomaly.alarm;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An alarm ended: at {@code time} the clear rule was met.
 *
 * @param time      the time of the sample that met the clear rule (the first sample no longer in alarm)
 * @param startTime when the alarm started
 * @param duration  {@code time - startTime}
 * @param peakScore the highest score while the alarm was active
 */
public record AlarmEnded(Instant time, Instant startTime, Duration duration, double peakScore) implements AlarmEvent {

    public AlarmEnded {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(startTime, "startTime");
        Objects.requireNonNull(duration, "duration");
        if (!duration.equals(Duration.between(startTime, time))) {
            throw new IllegalArgumentException("duration must be time - startTime = "
                    + Duration.between(startTime, time) + ", got " + duration);
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException("an alarm cannot end (" + time + ") before it starts (" + startTime + ")");
        }
    }
}
