package org.industry4.anomaly.autoencoder;

import java.util.Arrays;
import java.util.Objects;

/**
 * How an autoencoder's alarm threshold is chosen from the reconstruction errors of the held-out
 * validation rows (normal data the network did not train on). A score above the threshold is an
 * anomaly.
 *
 * <ul>
 *   <li>{@link Percentile}: the {@code q}-th percentile of the validation errors, interpolated
 *   linearly between order statistics (type 7, NumPy's and R's default), e.g. 99.</li>
 *   <li>{@link FalseAlarmRate}: the smallest validation error such that, for a fresh normal row
 *   exchangeable with the validation rows, the chance of scoring above it is at most {@code rate}:
 *   the {@code ceil((m + 1)(1 - rate))}-th smallest of the {@code m} validation errors (the
 *   split-conformal quantile). When {@code m} is too small for that rank ({@code rate < 1 / (m + 1)})
 *   it is the largest validation error, and the guarantee does not hold.</li>
 * </ul>
 */
public sealed interface ThresholdRule permits ThresholdRule.Percentile, ThresholdRule.FalseAlarmRate {

    /**
     * The {@code percentile}-th percentile of the validation errors.
     *
     * @throws IllegalArgumentException unless {@code percentile} is in (0, 100]
     */
    static ThresholdRule percentile(double percentile) {
        return new Percentile(percentile);
    }

    /**
     * The conformal threshold for this target false-alarm rate.
     *
     * @throws IllegalArgumentException unless {@code rate} is in (0, 0.5]
     */
    static ThresholdRule falseAlarmRate(double rate) {
        return new FalseAlarmRate(rate);
    }

    /**
     * The threshold for these validation errors (not modified).
     *
     * @throws IllegalArgumentException if {@code errors} is empty or holds a NaN
     */
    double threshold(double[] errors);

    /** The rule's parameter: the percentile or the rate. */
    double value();

    /**
     * The {@code percentile}-th percentile of the validation errors, type-7 interpolation.
     *
     * @param percentile in (0, 100]; 99 alarms on about 1 % of normal rows
     */
    record Percentile(double percentile) implements ThresholdRule {

        public Percentile {
            if (!(percentile > 0 && percentile <= 100)) {
                throw new IllegalArgumentException("percentile must be in (0, 100], got " + percentile);
            }
        }

        @Override
        public double threshold(double[] errors) {
            double[] sorted = sorted(errors);
            double h = (sorted.length - 1) * percentile / 100.0;
            int lo = (int) Math.floor(h);
            int hi = Math.min(lo + 1, sorted.length - 1);
            return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
        }

        @Override
        public double value() {
            return percentile;
        }
    }

    /**
     * The split-conformal threshold for a target false-alarm rate.
     *
     * @param rate the target fraction of normal rows above the threshold, in (0, 0.5]
     */
    record FalseAlarmRate(double rate) implements ThresholdRule {

        public FalseAlarmRate {
            if (!(rate > 0 && rate <= 0.5)) {
                throw new IllegalArgumentException("false-alarm rate must be in (0, 0.5], got " + rate);
            }
        }

        @Override
        public double threshold(double[] errors) {
            double[] sorted = sorted(errors);
            int m = sorted.length;
            long rank = (long) Math.ceil((m + 1) * (1 - rate) - 1e-9);
            return sorted[(int) Math.min(Math.max(rank, 1), m) - 1];
        }

        @Override
        public double value() {
            return rate;
        }
    }

    private static double[] sorted(double[] errors) {
        Objects.requireNonNull(errors, "errors");
        if (errors.length == 0) {
            throw new IllegalArgumentException("a threshold needs at least 1 validation error, got 0");
        }
        double[] sorted = errors.clone();
        for (int i = 0; i < sorted.length; i++) {
            if (Double.isNaN(sorted[i])) {
                throw new IllegalArgumentException("validation error at index " + i + " is NaN");
            }
        }
        Arrays.sort(sorted);
        return sorted;
    }
}
