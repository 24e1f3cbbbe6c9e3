package org.industry4.vision.metrics;

import java.util.Arrays;
import java.util.Objects;

/**
 * The area under the ROC curve: the probability that a random positive (defective) scores above a
 * random negative (good), ties counting one half; the Mann-Whitney U statistic divided by
 * {@code P * N}. Exact, in {@code O(n log n)}: both classes' scores are sorted and merged. Higher
 * scores must mean "more anomalous".
 */
public final class Auroc {

    private Auroc() {
    }

    /**
     * The exact ROC AUC of {@code scores} against {@code positive}, ties counted as one half.
     *
     * @param scores   one finite score per sample, higher = more anomalous
     * @param positive true for a positive (defective) sample
     * @throws IllegalArgumentException if the lengths differ, a score is NaN or infinite (naming its
     *                                  index), or either class is missing
     */
    public static double of(double[] scores, boolean[] positive) {
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(positive, "positive");
        if (scores.length != positive.length) {
            throw new IllegalArgumentException("scores and labels differ in length: " + scores.length + " scores, "
                    + positive.length + " labels");
        }
        int p = 0;
        for (boolean b : positive) {
            if (b) {
                p++;
            }
        }
        int n = scores.length - p;
        if (p == 0 || n == 0) {
            throw new IllegalArgumentException("AUROC needs both classes, got " + p + " positives and " + n
                    + " negatives");
        }
        double[] pos = new double[p];
        double[] neg = new double[n];
        int ip = 0;
        int in = 0;
        for (int i = 0; i < scores.length; i++) {
            double s = scores[i];
            if (!Double.isFinite(s)) {
                throw new IllegalArgumentException("score at index " + i + " is " + s);
            }
            if (positive[i]) {
                pos[ip++] = s;
            } else {
                neg[in++] = s;
            }
        }
        Arrays.sort(pos);
        Arrays.sort(neg);
        long twiceU = 0;
        int lo = 0;
        int hi = 0;
        for (double s : pos) {
            while (lo < n && neg[lo] < s) {
                lo++;
            }
            if (hi < lo) {
                hi = lo;
            }
            while (hi < n && neg[hi] <= s) {
                hi++;
            }
            twiceU += 2L * lo + (hi - lo);
        }
        return twiceU / (2.0 * p * n);
    }
}
