package org.industry4.core;

/**
 * A fitted model that gives a feature vector an anomaly score: higher is more anomalous. Models
 * are immutable and thread-safe, so one scorer may serve many threads.
 */
public interface Scorer {

    /** The features a vector must hold, in order. */
    FeatureSchema schema();

    /**
     * The anomaly score of {@code x}; higher is more anomalous. The scale is the model's own (its
     * documentation says which), never NaN.
     *
     * @throws IllegalArgumentException if {@code x} does not fit the schema ("expected 14 features,
     *                                  got 13") or holds a NaN or infinite value (naming its feature)
     */
    double score(double[] x);

    /** Scores each row; the default calls {@link #score(double[])} per row. */
    default double[] scoreAll(double[][] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = score(rows[i]);
        }
        return out;
    }

    /** Checks a vector against the schema: size, and every value finite. */
    static void requireFinite(FeatureSchema schema, double[] x) {
        schema.requireSize(x);
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException("feature " + schema.names().get(i) + " (index " + i
                        + ") must be finite, got " + x[i]);
            }
        }
    }
}
