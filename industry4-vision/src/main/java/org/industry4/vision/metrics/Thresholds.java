package org.industry4.vision.metrics;

import java.util.Arrays;
import java.util.Objects;

/** Choosing a decision threshold on anomaly scores. */
public final class Thresholds {

    private Thresholds() {
    }

    /**
     * The {@code percentile}-th percentile of the good parts' scores, with linear interpolation
     * between the two nearest ranks as numpy's default ({@code method="linear"}): for sorted scores
     * {@code x[0..n-1]}, position {@code h = (n - 1) * percentile / 100}, result
     * {@code x[floor(h)] + (h - floor(h)) * (x[floor(h) + 1] - x[floor(h)])}.
     *
     * @param goodScores at least one finite score
     * @param percentile in {@code [0, 100]}
     * @throws IllegalArgumentException if {@code goodScores} is empty, a score is not finite (naming
     *                                  its index), or {@code percentile} is outside {@code [0, 100]}
     */
    public static double percentile(double[] goodScores, double percentile) {
        Objects.requireNonNull(goodScores, "goodScores");
        if (!(percentile >= 0.0 && percentile <= 100.0)) {
            throw new IllegalArgumentException("percentile must be in [0, 100], got " + percentile);
        }
        if (goodScores.length == 0) {
            throw new IllegalArgumentException("goodScores must not be empty");
        }
        double[] x = goodScores.clone();
        requireFinite(x);
        Arrays.sort(x);
        double h = (x.length - 1) * percentile / 100.0;
        int lo = (int) Math.floor(h);
        if (lo >= x.length - 1) {
            return x[x.length - 1];
        }
        double frac = h - lo;
        return x[lo] + frac * (x[lo + 1] - x[lo]);
    }

    /**
     * The threshold with the highest F1 score, trying every distinct score as threshold (a score
     * {@code >= threshold} is flagged). Of thresholds with equal F1, the highest is returned (the
     * fewest flags). {@code O(n log n)} on primitive arrays, so pixel-level use is fine.
     *
     * @param scores   one finite score per sample, higher = more anomalous
     * @param positive true for a positive (defective) sample; at least one
     * @throws IllegalArgumentException if the lengths differ, a score is not finite (naming its
     *                                  index), or there is no positive
     */
    public static F1Threshold f1Optimal(double[] scores, boolean[] positive) {
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(positive, "positive");
        if (scores.length != positive.length) {
            throw new IllegalArgumentException("scores and labels differ in length: " + scores.length + " scores, "
                    + positive.length + " labels");
        }
        requireFinite(scores);
        int n = scores.length;
        long positives = 0;
        for (boolean b : positive) {
            if (b) {
                positives++;
            }
        }
        if (positives == 0) {
            throw new IllegalArgumentException("F1 needs at least one positive, got 0 of " + n + " samples");
        }
        // Both sorted ascending; walking the distinct scores downwards, everything from index i of
        // `all` and from index j of `pos` is >= the threshold.
        double[] all = new double[n];
        double[] pos = new double[(int) positives];
        for (int s = 0, k = 0; s < n; s++) {
            all[s] = scores[s] + 0.0; // -0.0 ties with 0.0
            if (positive[s]) {
                pos[k++] = all[s];
            }
        }
        Arrays.sort(all);
        Arrays.sort(pos);
        int i = n;
        int j = pos.length;
        F1Threshold best = null;
        while (i > 0) {
            double threshold = all[i - 1];
            while (i > 0 && all[i - 1] == threshold) {
                i--;
            }
            while (j > 0 && pos[j - 1] >= threshold) {
                j--;
            }
            long flagged = n - i;
            long tp = pos.length - j;
            double precision = (double) tp / flagged;
            double recall = (double) tp / positives;
            double f1 = 2.0 * tp / (flagged + positives);
            if (best == null || f1 > best.f1()) {
                best = new F1Threshold(threshold, f1, precision, recall);
            }
        }
        return best;
    }

    private static void requireFinite(double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("score at index " + i + " is " + values[i]);
            }
        }
    }
}
