package org.industry4.anomaly.alarm;

import java.time.Instant;
import java.util.Objects;

/**
 * One alarm of a finished series: active on the samples {@code [startIndex, endIndex)}.
 *
 * @param startIndex the index of the sample at which the alarm started
 * @param endIndex   the index of the sample at which it ended, or the series length if it was still active
 * @param start      the time of sample {@code startIndex}
 * @param end        the time of sample {@code endIndex}, or of the last sample if the alarm was still active
 * @param peakScore  the highest score of samples {@code [startIndex, endIndex)}
 * @param ongoing    true if the alarm was still active at the end of the series
 */
public record AlarmInterval(int startIndex, int endIndex, Instant start, Instant end, double peakScore,
                            boolean ongoing) {

    public AlarmInterval {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (startIndex < 0 || endIndex <= startIndex) {
            throw new IllegalArgumentException("indices must satisfy 0 <= startIndex < endIndex, got "
                    + startIndex + " and " + endIndex);
        }
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("end " + end + " is before start " + start);
        }
    }

    /** The number of samples in alarm. */
    public int samples() {
        return endIndex - startIndex;
    }
}
