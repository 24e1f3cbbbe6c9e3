package org.industry4.core;

/**
 * How far a value can be trusted, in the three classes OPC UA status codes fall into
 * (OPC 10000-4, 7.39: the two most significant bits of the 32-bit code).
 *
 * <p>The constants are ordered from best to worst, so {@link #worst(Quality)} is a max.
 */
public enum Quality {
    /** The value is reliable. */
    GOOD,
    /** The value may be usable but is not known to be right (for example a held, old value). */
    UNCERTAIN,
    /** The value is not usable: the sensor failed, the signal was lost, or no value exists. */
    BAD;

    /**
     * Maps a 32-bit OPC UA status code to its quality class: severity bits {@code 00} are good,
     * {@code 01} uncertain, {@code 10} and {@code 11} bad.
     *
     * @param statusCode the status code as an unsigned 32-bit value held in a {@code long}
     * @throws IllegalArgumentException if the value does not fit in 32 unsigned bits
     */
    public static Quality fromStatusCode(long statusCode) {
        if (statusCode < 0 || statusCode > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(
                    "status code must be an unsigned 32-bit value, got " + statusCode);
        }
        int severity = (int) (statusCode >>> 30);
        return switch (severity) {
            case 0 -> GOOD;
            case 1 -> UNCERTAIN;
            default -> BAD;
        };
    }

    /** The worse of this quality and {@code other}. */
    public Quality worst(Quality other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
