package org.industry4.core;

import java.util.Objects;

/**
 * The name of one signal, unique within a plant, for example {@code "cnc-01/spindle_temp"}.
 *
 * @param value the name; not blank, no leading or trailing white space
 */
public record SignalId(String value) implements Comparable<SignalId> {

    public SignalId {
        Objects.requireNonNull(value, "signal id value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("signal id must not be blank, got \"" + value + "\"");
        }
        if (!value.equals(value.strip())) {
            throw new IllegalArgumentException(
                    "signal id must not start or end with white space, got \"" + value + "\"");
        }
    }

    /** Shorthand for {@code new SignalId(value)}. */
    public static SignalId of(String value) {
        return new SignalId(value);
    }

    @Override
    public int compareTo(SignalId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
