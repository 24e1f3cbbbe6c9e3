package org.industry4.core;

import java.time.Instant;
import java.util.Objects;

/**
 * One value of one signal, as a data source reported it.
 *
 * <p>A {@link Quality#GOOD} or {@link Quality#UNCERTAIN} sample carries a finite value. A
 * {@link Quality#BAD} sample may carry {@link Double#NaN} when the source delivered no usable value
 * (a failed sensor); any other non-finite value is rejected, never passed on.
 *
 * @param signal     which signal
 * @param sourceTime when the value was measured (the device's clock)
 * @param serverTime when the server that delivered it saw it; equal to {@code sourceTime} when the
 *                   source has no separate server
 * @param value      the value in the signal's engineering unit
 * @param quality    how far the value can be trusted
 */
public record TelemetrySample(SignalId signal, Instant sourceTime, Instant serverTime,
                              double value, Quality quality) {

    public TelemetrySample {
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(sourceTime, "sourceTime");
        Objects.requireNonNull(serverTime, "serverTime");
        Objects.requireNonNull(quality, "quality");
        if (!Double.isFinite(value) && !(quality == Quality.BAD && Double.isNaN(value))) {
            throw new IllegalArgumentException("value of " + signal + " at " + sourceTime
                    + " must be finite (only a BAD sample may be NaN), got " + value
                    + " with quality " + quality);
        }
    }

    /** A good sample whose server time equals its source time. */
    public static TelemetrySample good(SignalId signal, Instant time, double value) {
        return new TelemetrySample(signal, time, time, value, Quality.GOOD);
    }

    /** A bad sample without a value. */
    public static TelemetrySample bad(SignalId signal, Instant sourceTime, Instant serverTime) {
        return new TelemetrySample(signal, sourceTime, serverTime, Double.NaN, Quality.BAD);
    }
}
