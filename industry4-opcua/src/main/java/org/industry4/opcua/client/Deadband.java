package org.industry4.opcua.client;

import java.util.Objects;

/**
 * A data change filter applied by the server: a value is reported only when it moved by more than
 * the deadband since the last reported value.
 *
 * <p>{@link Kind#PERCENT} is relative to the variable's {@code EURange} and only allowed on analog
 * items that have one; elsewhere the server refuses the monitored item (the subscription reports it
 * as a failed item, for example with {@code Bad_FilterNotAllowed} or
 * {@code Bad_MonitoredItemFilterUnsupported}).
 *
 * @param kind  none, absolute or percent
 * @param value the deadband: 0 for {@link Kind#NONE}, {@code >= 0} in engineering units for
 *              {@link Kind#ABSOLUTE}, in {@code [0, 100]} for {@link Kind#PERCENT}
 */
public record Deadband(Kind kind, double value) {

    /** The kind of deadband. */
    public enum Kind {
        /** Every change is reported. */
        NONE,
        /** Changes larger than {@code value} engineering units are reported. */
        ABSOLUTE,
        /** Changes larger than {@code value} percent of the EURange span are reported. */
        PERCENT
    }

    private static final Deadband NONE = new Deadband(Kind.NONE, 0.0);

    public Deadband {
        Objects.requireNonNull(kind, "kind");
        switch (kind) {
            case NONE -> {
                if (value != 0.0) {
                    throw new IllegalArgumentException("a NONE deadband has value 0, got " + value);
                }
            }
            case ABSOLUTE -> {
                if (!(value >= 0.0) || Double.isInfinite(value)) {
                    throw new IllegalArgumentException(
                            "absolute deadband must be a finite value >= 0, got " + value);
                }
            }
            case PERCENT -> {
                if (!(value >= 0.0 && value <= 100.0)) {
                    throw new IllegalArgumentException(
                            "percent deadband must be in [0, 100], got " + value);
                }
            }
        }
    }

    /** No deadband: every change is reported. */
    public static Deadband none() {
        return NONE;
    }

    /** Report changes larger than {@code units} engineering units. */
    public static Deadband absolute(double units) {
        return new Deadband(Kind.ABSOLUTE, units);
    }

    /** Report changes larger than {@code percent} % of the variable's EURange. */
    public static Deadband percent(double percent) {
        return new Deadband(Kind.PERCENT, percent);
    }
}
