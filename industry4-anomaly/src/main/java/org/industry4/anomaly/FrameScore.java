package org.industry4.anomaly;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;
import org.industry4.core.Quality;

/**
 * The anomaly score of one {@link org.industry4.core.TelemetryFrame}, or why there is none.
 *
 * @param time    the frame's time
 * @param score   the score; empty when a signal the model needs was BAD (missing, stale, failed)
 * @param quality GOOD, UNCERTAIN when a needed signal was uncertain, BAD when not scored
 * @param reason  empty when scored from good values; otherwise which signal made it uncertain or
 *                unscorable
 */
public record FrameScore(Instant time, OptionalDouble score, Quality quality, String reason) {

    public FrameScore {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(score, "score");
        Objects.requireNonNull(quality, "quality");
        Objects.requireNonNull(reason, "reason");
        if (score.isEmpty() != (quality == Quality.BAD)) {
            throw new IllegalArgumentException("a frame score is empty exactly when its quality is BAD, got score="
                    + score + ", quality=" + quality);
        }
    }

    /** Whether the frame could be scored. */
    public boolean isScored() {
        return score.isPresent();
    }
}
