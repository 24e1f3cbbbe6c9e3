package org.industry4.core;

import java.time.Instant;
import java.util.Objects;

/**
 * A stretch of time in which a signal was not observed, for example while the connection to its
 * server was lost. Recorded so that analysis never mistakes an outage for a flat line.
 *
 * @param signal which signal
 * @param start  the last moment the signal was known to be observed
 * @param end    the moment observation resumed; not before {@code start}
 * @param reason why, in words (for example {@code "connection lost: Bad_ConnectionClosed"})
 */
public record TelemetryGap(SignalId signal, Instant start, Instant end, String reason) {

    public TelemetryGap {
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(reason, "reason");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("gap of " + signal + " ends before it starts: start="
                    + start + ", end=" + end);
        }
    }

    /** The length of the gap. */
    public java.time.Duration duration() {
        return java.time.Duration.between(start, end);
    }
}
