package org.industry4.examples.factory.kpi;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.industry4.opcua.sim.FaultKind;

/**
 * Settings of a {@link DetectionScorecard}.
 *
 * @param maxDetectionDelay the latest an alarm may start after a fault and still detect it (&gt; 0);
 *     10 minutes by default
 * @param grace extra time after {@code fault + maxDetectionDelay} during which an alarm on the
 *     faulty machine is not a false alarm (&gt;= 0); 1 minute by default
 * @param countedKinds the fault kinds that need detecting (not empty); all but {@link
 *     FaultKind#SENSOR_DROPOUT} by default, a few seconds of missing data being no machine fault
 */
public record ScorecardOptions(Duration maxDetectionDelay, Duration grace, Set<FaultKind> countedKinds) {

    /** Default maximum detection delay: 10 minutes. */
    public static final Duration DEFAULT_MAX_DETECTION_DELAY = Duration.ofMinutes(10);
    /** Default grace: 1 minute. */
    public static final Duration DEFAULT_GRACE = Duration.ofMinutes(1);

    /**
     * Validates and copies {@code countedKinds}.
     *
     * @throws IllegalArgumentException naming the component and its value
     */
    public ScorecardOptions {
        Objects.requireNonNull(maxDetectionDelay, "maxDetectionDelay");
        Objects.requireNonNull(grace, "grace");
        Objects.requireNonNull(countedKinds, "countedKinds");
        if (maxDetectionDelay.isNegative() || maxDetectionDelay.isZero()) {
            throw new IllegalArgumentException("maxDetectionDelay must be > 0, got " + maxDetectionDelay);
        }
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must be >= 0, got " + grace);
        }
        if (countedKinds.isEmpty()) {
            throw new IllegalArgumentException("countedKinds must name at least one fault kind, got []");
        }
        countedKinds = Collections.unmodifiableSet(EnumSet.copyOf(countedKinds));
    }

    /** The defaults: 10 minutes, 1 minute grace, every kind but SENSOR_DROPOUT. */
    public ScorecardOptions() {
        this(DEFAULT_MAX_DETECTION_DELAY, DEFAULT_GRACE, EnumSet.complementOf(EnumSet.of(FaultKind.SENSOR_DROPOUT)));
    }

    /** These options counting {@code kinds}. */
    public ScorecardOptions withCountedKinds(Set<FaultKind> kinds) {
        return new ScorecardOptions(maxDetectionDelay, grace, kinds);
    }
}
