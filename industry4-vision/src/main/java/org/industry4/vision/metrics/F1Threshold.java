package org.industry4.vision.metrics;

/**
 * A decision threshold and the F1 score, precision and recall it gives: a sample whose score is
 * {@code >= threshold} is flagged as defective.
 *
 * @param threshold the score at or above which a sample is flagged, finite
 * @param f1        the harmonic mean of precision and recall, in [0, 1]
 * @param precision flagged positives / flagged, in [0, 1]
 * @param recall    flagged positives / positives, in [0, 1]
 */
public record F1Threshold(double threshold, double f1, double precision, double recall) {

    /** @throws IllegalArgumentException if the threshold is not finite or a rate is outside [0, 1] */
    public F1Threshold {
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold must be finite, got " + threshold);
        }
        check("f1", f1);
        check("precision", precision);
        check("recall", recall);
    }

    private static void check(String name, double v) {
        if (!(v >= 0.0 && v <= 1.0)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + v);
        }
    }
}
