package org.industry4.rul;

/**
 * A remaining-useful-life estimate with its split-conformal prediction interval. RUL values are in
 * cycles (or the sampling steps of the history) and refer to the capped target the model learned:
 * the model cannot tell 200 cycles left from 125 when the cap is 125, so {@code rul == cap} reads
 * "at least about cap". Planners act on {@link #lower()}.
 *
 * @param rul      the point estimate, in {@code [0, cap]}
 * @param lower    the interval's lower end, {@code max(0, rul - halfWidth)}
 * @param upper    the interval's upper end, {@code rul + halfWidth}
 * @param coverage the interval's target coverage (e.g. 0.9)
 */
public record RulEstimate(double rul, double lower, double upper, double coverage) {

    public RulEstimate {
        if (!Double.isFinite(rul) || !Double.isFinite(lower) || !Double.isFinite(upper) || !(lower <= rul)
                || !(rul <= upper)) {
            throw new IllegalArgumentException("an estimate needs finite lower <= rul <= upper, got " + lower + " <= "
                    + rul + " <= " + upper);
        }
        if (!(coverage > 0 && coverage < 1)) {
            throw new IllegalArgumentException("coverage must be in (0, 1), got " + coverage);
        }
    }

    /** Whether {@code trueRul} lies inside the interval. */
    public boolean covers(double trueRul) {
        return lower <= trueRul && trueRul <= upper;
    }
}
