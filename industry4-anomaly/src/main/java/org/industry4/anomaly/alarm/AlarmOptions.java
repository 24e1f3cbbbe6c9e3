package org.industry4.anomaly.alarm;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of an {@link AlarmFilter}.
 *
 * <ul>
 *   <li><b>Raise</b> (k-of-n debouncing): while no alarm is active, an alarm starts at the sample
 *       where at least {@code raiseCount} of the last {@code window} scores are above
 *       {@code raiseThreshold} ({@code score > raiseThreshold}).</li>
 *   <li><b>Clear</b> (hysteresis): an active alarm ends at the sample where the last
 *       {@code clearCount} scores are all at or below {@code clearThreshold}
 *       ({@code score <= clearThreshold}), and at least {@code minActive} has passed since it
 *       started.</li>
 * </ul>
 * With {@code clearThreshold == raiseThreshold}, "above" and "at or below" are complements, so
 * {@code raiseCount = window = clearCount = 1} reproduces a plain threshold.
 *
 * @param raiseCount     k: how many of the last {@code window} scores must be above the raise threshold; in [1, window]
 * @param window         n: how many recent scores the raise rule looks at; in [1, {@value #MAX_WINDOW}]
 * @param raiseThreshold a score above this counts towards raising; finite
 * @param clearThreshold a score at or below this counts towards clearing; finite, {@code <= raiseThreshold}
 * @param clearCount     m: how many consecutive scores at or below the clear threshold end an alarm; {@code >= 1}
 * @param minActive      the shortest time an alarm stays active (a hold); not negative, {@link Duration#ZERO} for none
 */
public record AlarmOptions(int raiseCount, int window, double raiseThreshold, double clearThreshold,
                           int clearCount, Duration minActive) {

    /** The largest {@code window} accepted. */
    public static final int MAX_WINDOW = 1_000_000;

    public AlarmOptions {
        Objects.requireNonNull(minActive, "minActive");
        if (window < 1 || window > MAX_WINDOW) {
            throw new IllegalArgumentException("window must be in [1, " + MAX_WINDOW + "], got " + window);
        }
        if (raiseCount < 1 || raiseCount > window) {
            throw new IllegalArgumentException("raiseCount must be in [1, window = " + window + "], got " + raiseCount);
        }
        if (!Double.isFinite(raiseThreshold)) {
            throw new IllegalArgumentException("raiseThreshold must be finite, got " + raiseThreshold);
        }
        if (!Double.isFinite(clearThreshold)) {
            throw new IllegalArgumentException("clearThreshold must be finite, got " + clearThreshold);
        }
        if (clearThreshold > raiseThreshold) {
            throw new IllegalArgumentException("clearThreshold must be <= raiseThreshold (" + raiseThreshold
                    + "), got " + clearThreshold);
        }
        if (clearCount < 1) {
            throw new IllegalArgumentException("clearCount must be >= 1, got " + clearCount);
        }
        if (minActive.isNegative()) {
            throw new IllegalArgumentException("minActive must not be negative, got " + minActive);
        }
    }

    /**
     * Options for a scorer whose alarm threshold is {@code threshold}: raise when 3 of the last 5
     * scores are above it, clear after 5 consecutive scores at or below it, no hold. There is no
     * no-argument default because no threshold suits every scorer's scale.
     */
    public static AlarmOptions threshold(double threshold) {
        return new AlarmOptions(3, 5, threshold, threshold, 5, Duration.ZERO);
    }

    /** A copy that raises when {@code raiseCount} of the last {@code window} scores are above the raise threshold. */
    public AlarmOptions withDebounce(int raiseCount, int window) {
        return new AlarmOptions(raiseCount, window, raiseThreshold, clearThreshold, clearCount, minActive);
    }

    /** A copy that clears after {@code clearCount} consecutive scores at or below {@code clearThreshold}. */
    public AlarmOptions withClear(double clearThreshold, int clearCount) {
        return new AlarmOptions(raiseCount, window, raiseThreshold, clearThreshold, clearCount, minActive);
    }

    /** A copy whose alarms stay active at least {@code minActive}. */
    public AlarmOptions withMinActive(Duration minActive) {
        return new AlarmOptions(raiseCount, window, raiseThreshold, clearThreshold, clearCount, minActive);
    }
}
