package org.industry4.twin.whatif;

import java.util.OptionalDouble;

/**
 * How a trajectory breaks a {@link Tolerance}.
 *
 * <p>Computed on the samples with linear interpolation between them: the first violation time
 * and the time above are where the linear interpolant crosses the band's edge, the maximum
 * excess is the largest sampled excess.
 *
 * @param firstViolation the first time the output leaves the band; empty if it never does
 * @param maxExcess      the largest distance outside the band; 0 if none
 * @param durationOutside the total time spent outside the band, seconds
 * @param violatingSamples the number of samples outside the band
 */
public record Violations(OptionalDouble firstViolation, double maxExcess, double durationOutside,
                         int violatingSamples) {

    /** Whether the tolerance is broken anywhere. */
    public boolean violated() {
        return firstViolation.isPresent();
    }

    /** The violations of {@code tolerance} by {@code values} sampled at {@code times}. */
    public static Violations of(double[] times, double[] values, Tolerance tolerance) {
        double first = Double.NaN;
        double max = 0;
        double duration = 0;
        int count = 0;
        for (int k = 0; k < values.length; k++) {
            double e = tolerance.excess(values[k]);
            if (e > 0) {
                count++;
                max = Math.max(max, e);
            }
            if (k == 0) {
                if (e > 0) {
                    first = times[0];
                }
                continue;
            }
            // signed distance inside (< 0) / outside (> 0) at both ends of the interval
            double a = signed(values[k - 1], tolerance);
            double b = signed(values[k], tolerance);
            double dt = times[k] - times[k - 1];
            double outside;
            double start;
            if (a > 0 && b > 0) {
                outside = dt;
                start = times[k - 1];
            } else if (a > 0 || b > 0) {
                double frac = a / (a - b); // where the interpolant crosses 0
                outside = a > 0 ? frac * dt : (1 - frac) * dt;
                start = a > 0 ? times[k - 1] : times[k - 1] + frac * dt;
            } else {
                continue;
            }
            duration += outside;
            if (Double.isNaN(first)) {
                first = start;
            }
        }
        return new Violations(Double.isNaN(first) ? OptionalDouble.empty() : OptionalDouble.of(first), max,
                duration, count);
    }

    /** Distance outside the nearer violated edge (> 0 outside, <= 0 inside; one edge suffices per interval). */
    private static double signed(double v, Tolerance t) {
        return Math.max(v - t.upper(), t.lower() - v);
    }
}
