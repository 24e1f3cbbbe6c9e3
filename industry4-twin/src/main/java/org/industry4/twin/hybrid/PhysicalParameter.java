package org.industry4.twin.hybrid;

import java.util.Objects;

/**
 * A learnable physical constant of a hybrid model with the interval it must stay in. The trainer
 * never moves it outside: it learns an unbounded {@code raw} value and uses
 * {@code value = lower + (upper - lower) * sigmoid(raw)}, which is strictly inside
 * {@code (lower, upper)} for every finite {@code raw}; training starts at {@code raw = logit((initial
 * - lower) / (upper - lower))}, i.e. at {@code initial}.
 *
 * @param name    the name {@link Expr#param} refers to; not blank
 * @param initial the starting value, finite and strictly between the bounds
 * @param lower   the lower bound, finite
 * @param upper   the upper bound, finite and {@code > lower}
 */
public record PhysicalParameter(String name, double initial, double lower, double upper) {

    public PhysicalParameter {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a parameter name must not be blank, got \"" + name + "\"");
        }
        if (!Double.isFinite(lower) || !Double.isFinite(upper)) {
            throw new IllegalArgumentException("parameter " + name + ": bounds must be finite, got lower " + lower
                    + ", upper " + upper);
        }
        if (!(lower < upper)) {
            throw new IllegalArgumentException("parameter " + name + ": lower must be < upper, got lower " + lower
                    + ", upper " + upper);
        }
        if (!(initial > lower && initial < upper)) {
            throw new IllegalArgumentException("parameter " + name + ": initial must be strictly inside (" + lower
                    + ", " + upper + "), got " + initial);
        }
    }

    /** The value of an unbounded {@code raw}: {@code lower + (upper - lower) * sigmoid(raw)}. */
    public double value(double raw) {
        double v = lower + (upper - lower) / (1.0 + Math.exp(-raw));
        // Rounding can land on a bound for |raw| >> 1; the value stays within [lower, upper].
        return Math.min(upper, Math.max(lower, v));
    }

    /** The raw value that gives {@link #initial()}. */
    public double initialRaw() {
        double u = (initial - lower) / (upper - lower);
        return Math.log(u / (1.0 - u));
    }
}
