package org.industry4.rul.metrics;

import java.util.Objects;

/**
 * Accuracy of RUL predictions over a set of engines (one prediction per engine, usually at its last row).
 *
 * @param count engines, {@code >= 1}
 * @param rmse  root mean squared error, in cycles
 * @param mae   mean absolute error, in cycles
 * @param phm08 the PHM08 challenge score, a sum over engines of {@code exp(-d / 13) - 1} for an early
 *              prediction ({@code d = predicted - truth < 0}) and {@code exp(d / 10) - 1} for a late
 *              one ({@code d >= 0}): lower is better and late predictions cost more; it can be
 *              {@link Double#POSITIVE_INFINITY} for predictions thousands of cycles off
 */
public record RulMetrics(int count, double rmse, double mae, double phm08) {

    /** Validates: {@code count >= 1}, errors {@code >= 0} and not NaN, rmse and mae finite. */
    public RulMetrics {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, got " + count);
        }
        if (!(rmse >= 0) || !Double.isFinite(rmse)) {
            throw new IllegalArgumentException("rmse must be finite and >= 0, got " + rmse);
        }
        if (!(mae >= 0) || !Double.isFinite(mae)) {
            throw new IllegalArgumentException("mae must be finite and >= 0, got " + mae);
        }
        if (!(phm08 >= 0)) {
            throw new IllegalArgumentException("phm08 must be >= 0, got " + phm08);
        }
    }

    /**
     * RMSE, MAE and PHM08 score of {@code predicted} against {@code truth}.
     *
     * @throws IllegalArgumentException for different or zero lengths or a non-finite value, naming it
     */
    public static RulMetrics of(double[] truth, double[] predicted) {
        check(truth, predicted, "predicted");
        double squares = 0;
        double absolute = 0;
        double score = 0;
        for (int i = 0; i < truth.length; i++) {
            double d = predicted[i] - truth[i];
            squares += d * d;
            absolute += Math.abs(d);
            score += phm08(d);
        }
        int n = truth.length;
        return new RulMetrics(n, Math.sqrt(squares / n), absolute / n, score);
    }

    /** The PHM08 penalty of one prediction error {@code d = predicted - truth}. */
    public static double phm08(double d) {
        if (Double.isNaN(d)) {
            throw new IllegalArgumentException("error must not be NaN");
        }
        return d < 0 ? Math.expm1(-d / 13) : Math.expm1(d / 10);
    }

    /**
     * The fraction of engines whose truth lies in its interval, {@code lower <= truth <= upper}.
     *
     * @throws IllegalArgumentException for different or zero lengths, a non-finite value, or {@code lower > upper}
     */
    public static double coverage(double[] truth, double[] lower, double[] upper) {
        check(truth, lower, "lower");
        check(truth, upper, "upper");
        int inside = 0;
        for (int i = 0; i < truth.length; i++) {
            if (lower[i] > upper[i]) {
                throw new IllegalArgumentException("interval " + i + " has lower " + lower[i] + " > upper " + upper[i]);
            }
            if (lower[i] <= truth[i] && truth[i] <= upper[i]) {
                inside++;
            }
        }
        return (double) inside / truth.length;
    }

    private static void check(double[] truth, double[] other, String name) {
        Objects.requireNonNull(truth, "truth");
        Objects.requireNonNull(other, name);
        if (truth.length == 0) {
            throw new IllegalArgumentException("truth is empty");
        }
        if (other.length != truth.length) {
            throw new IllegalArgumentException("expected " + truth.length + " " + name + " values, got " + other.length);
        }
        for (int i = 0; i < truth.length; i++) {
            if (!Double.isFinite(truth[i])) {
                throw new IllegalArgumentException("truth " + i + " is not finite: " + truth[i]);
            }
            if (!Double.isFinite(other[i])) {
                throw new IllegalArgumentException(name + " " + i + " is not finite: " + other[i]);
            }
        }
    }
}
