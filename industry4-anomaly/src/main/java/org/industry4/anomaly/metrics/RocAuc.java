package org.industry4.anomaly.metrics;

import java.util.Arrays;
import java.util.Objects;

/**
 * The area under the ROC curve of anomaly scores against labels: the probability that a random
 * positive (anomaly) scores above a random negative, ties counting one half. Computed from the
 * Mann-Whitney U statistic with midranks for tied scores, in {@code O(n log n)}:
 * <pre>  AUC = (sum of the midranks of the positives - P (P + 1) / 2) / (P N)</pre>
 * Higher scores must mean "more anomalous", as {@link org.industry4.core.Scorer} defines them.
 */
public final class RocAuc {

    private RocAuc() {
    }

    /**
     * The ROC AUC of {@code scores}, where {@code labels[i]} is true for an anomaly (positive).
     *
     * @throws IllegalArgumentException if the arrays differ in length, a score is NaN, or one class
     *                                  is missing
     */
    public static double of(double[] scores, boolean[] labels) {
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(labels, "labels");
        if (scores.length != labels.length) {
            throw new IllegalArgumentException("scores and labels differ in length: " + scores.length
                    + " scores, " + labels.length + " labels");
        }
        long positives = 0;
        for (boolean label : labels) {
            if (label) {
                positives++;
            }
        }
        long negatives = labels.length - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("ROC AUC needs both classes, got " + positives + " positives and "
                    + negatives + " negatives");
        }
        double[] sorted = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("score at index " + i + " is NaN");
            }
            sorted[i] = scores[i] + 0.0; // -0.0 becomes 0.0, so the two tie as they compare equal
        }
        Arrays.sort(sorted);
        // For a positive with score s: midrank = (first index of s + 1 + last index of s + 1) / 2, 1-based.
        double rankSum = 0.0;
        for (int i = 0; i < scores.length; i++) {
            if (labels[i]) {
                double s = scores[i] + 0.0;
                int first = lowerBound(sorted, s);
                int end = upperBound(sorted, s);
                rankSum += (first + 1 + end) / 2.0;
            }
        }
        double u = rankSum - positives * (positives + 1) / 2.0;
        return u / ((double) positives * negatives);
    }

    /**
     * The ROC AUC with labels 1 (anomaly) and 0 (normal).
     *
     * @throws IllegalArgumentException as {@link #of(double[], boolean[])}, and for a label other
     *                                  than 0 or 1, naming its index
     */
    public static double of(double[] scores, int[] labels) {
        Objects.requireNonNull(labels, "labels");
        boolean[] positive = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException("label at index " + i + " must be 0 or 1, got " + labels[i]);
            }
            positive[i] = labels[i] == 1;
        }
        return of(scores, positive);
    }

    /** The first index whose value is {@code >= s}. */
    private static int lowerBound(double[] sorted, double s) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < s) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The first index whose value is {@code > s}. */
    private static int upperBound(double[] sorted, double s) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= s) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
