package org.industry4.anomaly.metrics;

import java.util.Locale;
import java.util.Objects;

/**
 * Per-sample binary detection counts and the rates SKAB reports for its outlier-detection
 * leaderboard: F1, false-alarm rate (FAR) and missed-alarm rate (MAR).
 *
 * <p>Definitions follow SKAB's evaluation code (waico/SKAB {@code core/metrics.py}, taken from the
 * TSAD library: {@code chp_score(..., metric="binary")}; the README calls it "evaluated as binary
 * classification problem"). A sample is positive when labelled anomalous ({@code anomaly == 1}):
 * <pre>
 * TP = predicted and labelled    FP = predicted, not labelled
 * TN = neither                   FN = labelled, not predicted
 * F1  = TP / (TP + (FN + FP) / 2)   (= 2 TP / (2 TP + FP + FN))
 * FAR = FP / (FP + TN)
 * MAR = FN / (FN + TP)
 * </pre>
 * Over several series SKAB adds up the four counts first and computes the rates once (micro
 * average): do the same with {@link #plus}. SKAB prints FAR and MAR as percentages and all three
 * rounded to 2 decimals; these methods return unrounded fractions in [0, 1].
 *
 * <p>Where a denominator is 0 (no predicted positives for precision, no labelled positives for
 * recall or MAR, no labelled negatives for FAR, nothing at all for F1) the rate is 0, as
 * scikit-learn's {@code zero_division=0}; a rate is never NaN.
 *
 * @param truePositives  predicted and labelled anomalous
 * @param falsePositives predicted anomalous, labelled normal
 * @param trueNegatives  predicted and labelled normal
 * @param falseNegatives predicted normal, labelled anomalous
 */
public record DetectionMetrics(long truePositives, long falsePositives, long trueNegatives, long falseNegatives) {

    public DetectionMetrics {
        if (truePositives < 0 || falsePositives < 0 || trueNegatives < 0 || falseNegatives < 0) {
            throw new IllegalArgumentException("counts must be >= 0, got TP=" + truePositives + " FP=" + falsePositives
                    + " TN=" + trueNegatives + " FN=" + falseNegatives);
        }
    }

    /**
     * Counts per-sample predictions against labels.
     *
     * @param predicted per sample, whether the detector flagged it
     * @param actual    per sample, whether it is labelled anomalous
     * @throws IllegalArgumentException if the arrays are empty or differ in length
     */
    public static DetectionMetrics of(boolean[] predicted, boolean[] actual) {
        Objects.requireNonNull(predicted, "predicted");
        Objects.requireNonNull(actual, "actual");
        requireSameNonEmptyLength(predicted.length, actual.length);
        long tp = 0;
        long fp = 0;
        long tn = 0;
        long fn = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i]) {
                if (actual[i]) {
                    tp++;
                } else {
                    fp++;
                }
            } else if (actual[i]) {
                fn++;
            } else {
                tn++;
            }
        }
        return new DetectionMetrics(tp, fp, tn, fn);
    }

    /**
     * Counts scores against labels, predicting an anomaly where {@code score > threshold}.
     *
     * @throws IllegalArgumentException if the arrays are empty or differ in length, or a score is NaN
     */
    public static DetectionMetrics of(double[] scores, double threshold, boolean[] actual) {
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(actual, "actual");
        requireSameNonEmptyLength(scores.length, actual.length);
        boolean[] predicted = new boolean[scores.length];
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("score at index " + i + " is NaN");
            }
            predicted[i] = scores[i] > threshold;
        }
        return of(predicted, actual);
    }

    static void requireSameNonEmptyLength(int predicted, int actual) {
        if (predicted != actual) {
            throw new IllegalArgumentException("predictions and labels must have the same length, got "
                    + predicted + " and " + actual);
        }
        if (predicted == 0) {
            throw new IllegalArgumentException("predictions and labels must not be empty");
        }
    }

    /** The counts of this and {@code other} added: SKAB's way of evaluating several series at once. */
    public DetectionMetrics plus(DetectionMetrics other) {
        Objects.requireNonNull(other, "other");
        return new DetectionMetrics(Math.addExact(truePositives, other.truePositives),
                Math.addExact(falsePositives, other.falsePositives),
                Math.addExact(trueNegatives, other.trueNegatives),
                Math.addExact(falseNegatives, other.falseNegatives));
    }

    /** All samples counted. */
    public long total() {
        return truePositives + falsePositives + trueNegatives + falseNegatives;
    }

    /** TP / (TP + FP); 0 if nothing was predicted anomalous. */
    public double precision() {
        return ratio(truePositives, truePositives + falsePositives);
    }

    /** TP / (TP + FN); 0 if nothing is labelled anomalous. Equals 1 - {@link #missedAlarmRate()} when defined. */
    public double recall() {
        return ratio(truePositives, truePositives + falseNegatives);
    }

    /** 2 TP / (2 TP + FP + FN), SKAB's {@code TP / (TP + (FN + FP) / 2)}; 0 if TP + FP + FN is 0. */
    public double f1() {
        return ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives);
    }

    /** FAR = FP / (FP + TN): the share of normal samples flagged; 0 if nothing is labelled normal. */
    public double falseAlarmRate() {
        return ratio(falsePositives, falsePositives + trueNegatives);
    }

    /** MAR = FN / (FN + TP): the share of anomalous samples missed; 0 if nothing is labelled anomalous. */
    public double missedAlarmRate() {
        return ratio(falseNegatives, falseNegatives + truePositives);
    }

    /** (TP + TN) / total; 0 if nothing was counted. */
    public double accuracy() {
        return ratio(truePositives + trueNegatives, total());
    }

    static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0 : (double) numerator / denominator;
    }

    /** The counts and SKAB's three figures as SKAB prints them: "F1 0.78, FAR 13.55 %, MAR 28.02 %". */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "TP=%d FP=%d TN=%d FN=%d: F1 %.2f, FAR %.2f %%, MAR %.2f %%",
                truePositives, falsePositives, trueNegatives, falseNegatives,
                f1(), 100 * falseAlarmRate(), 100 * missedAlarmRate());
    }
}
