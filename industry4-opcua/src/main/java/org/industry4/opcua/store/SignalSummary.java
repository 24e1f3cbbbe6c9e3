package org.industry4.opcua.store;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalDouble;
import org.industry4.core.SignalId;

/**
 * What a {@link DuckDbSink} holds about one signal.
 *
 * <p>{@code min}, {@code mean} and {@code max} are taken over the values of GOOD and UNCERTAIN
 * samples only; they are empty when the signal has no such sample (only BAD samples, or only
 * gaps, or only a catalogue entry). They are never NaN.
 *
 * @param signal   the signal
 * @param count    samples stored, of every quality
 * @param badCount of which BAD
 * @param min      the smallest GOOD or UNCERTAIN value, if any
 * @param mean     the mean of the GOOD and UNCERTAIN values, if any
 * @param max      the largest GOOD or UNCERTAIN value, if any
 * @param gapCount gaps recorded for the signal
 * @param gapTime  the summed length of those gaps, to the microsecond
 */
public record SignalSummary(SignalId signal, long count, long badCount, OptionalDouble min,
                            OptionalDouble mean, OptionalDouble max, long gapCount,
                            Duration gapTime) {

    public SignalSummary {
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(gapTime, "gapTime");
        if (count < 0 || badCount < 0 || badCount > count) {
            throw new IllegalArgumentException("badCount must be in 0.." + count + " and count >= 0, got count="
                    + count + ", badCount=" + badCount + " for " + signal);
        }
        if (gapCount < 0 || gapTime.isNegative()) {
            throw new IllegalArgumentException("gapCount and gapTime must be >= 0, got " + gapCount
                    + " and " + gapTime + " for " + signal);
        }
        if (min.isPresent() != mean.isPresent() || mean.isPresent() != max.isPresent()) {
            throw new IllegalArgumentException("min, mean and max of " + signal
                    + " must be all present or all empty, got " + min + ", " + mean + ", " + max);
        }
    }

    /** The number of samples that are GOOD or UNCERTAIN. */
    public long usableCount() {
        return count - badCount;
    }
}
