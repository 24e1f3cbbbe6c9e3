package org.industry4.anomaly.alarm;

import java.time.Instant;

/** A change of an {@link AlarmFilter}'s state: {@link AlarmStarted} or {@link AlarmEnded}. */
public sealed interface AlarmEvent permits AlarmStarted, AlarmEnded {

    /** The time of the sample at which the state changed. */
    Instant time();
}
