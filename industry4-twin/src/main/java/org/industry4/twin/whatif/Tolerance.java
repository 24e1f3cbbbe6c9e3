package org.industry4.twin.whatif;

import java.util.Objects;

/**
 * An allowed band for one model output, e.g. spindle growth at most 40 micrometres.
 *
 * @param output the output name
 * @param lower  the lowest allowed value; may be {@code -Infinity}
 * @param upper  the highest allowed value; may be {@code +Infinity}; &gt;= lower, not NaN
 */
public record Tolerance(String output, double lower, double upper) {

    public Tolerance {
        Objects.requireNonNull(output, "output");
        if (output.isBlank()) {
            throw new IllegalArgumentException("output name is blank");
        }
        if (Double.isNaN(lower) || Double.isNaN(upper) || !(upper >= lower)
                || lower == Double.POSITIVE_INFINITY || upper == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("tolerance of " + output + " needs lower <= upper, not NaN, got ["
                    + lower + ", " + upper + "]");
        }
    }

    /** The output must stay at or below {@code max}. */
    public static Tolerance atMost(String output, double max) {
        return new Tolerance(output, Double.NEGATIVE_INFINITY, max);
    }

    /** The output must stay within {@code [-band, band]}. */
    public static Tolerance within(String output, double band) {
        return new Tolerance(output, -band, band);
    }

    /** How far {@code value} lies outside the band; 0 inside it. */
    public double excess(double value) {
        return Math.max(0, Math.max(value - upper, lower - value));
    }
}
