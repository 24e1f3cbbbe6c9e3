package org.industry4.core;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link FrameAligner}.
 *
 * @param interval     the spacing of frames; positive
 * @param maxStaleness how long a signal's last value is held; zero or positive. A frame at time
 *                     {@code t} uses a signal's latest sample at or before {@code t} only if it is
 *                     at most this old; otherwise the signal is BAD (NaN) in that frame.
 */
public record AlignerOptions(Duration interval, Duration maxStaleness) {

    public AlignerOptions {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(maxStaleness, "maxStaleness");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be > 0, got " + interval);
        }
        if (maxStaleness.isNegative()) {
            throw new IllegalArgumentException("maxStaleness must be >= 0, got " + maxStaleness);
        }
    }

    /** One frame a second, values held for up to five seconds. */
    public AlignerOptions() {
        this(Duration.ofSeconds(1), Duration.ofSeconds(5));
    }

    /** Frames every {@code interval}, values held for up to three intervals. */
    public static AlignerOptions every(Duration interval) {
        return new AlignerOptions(interval, interval.multipliedBy(3));
    }
}
