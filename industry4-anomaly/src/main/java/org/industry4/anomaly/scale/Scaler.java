package org.industry4.anomaly.scale;

import org.industry4.core.FeatureSchema;

/**
 * A per-feature affine transform fitted on normal data: {@code z[i] = (x[i] - center[i]) / scale[i]}.
 * Instances are immutable and thread-safe; one scaler may serve many threads.
 *
 * <p>Every method checks its input against {@link #schema()}: a vector of the wrong length gives
 * "expected 8 features, got 7", a NaN or infinite value gives "feature pump_temp (index 3) must be
 * finite, got NaN". A scaler never returns NaN.
 */
public sealed interface Scaler permits StandardScaler, RobustScaler {

    /** The features the scaler was fitted on, in column order. */
    FeatureSchema schema();

    /** A copy of the per-feature centre (mean or median). */
    double[] center();

    /** A copy of the per-feature scale (standard deviation or interquartile range); every entry {@code > 0}. */
    double[] scale();

    /**
     * Scales {@code x} into a new array.
     *
     * @throws IllegalArgumentException if {@code x} does not fit the schema or is not finite
     */
    double[] transform(double[] x);

    /**
     * Scales {@code x} into {@code out} without allocating; {@code out} may be {@code x} itself.
     *
     * @throws IllegalArgumentException if {@code x} or {@code out} does not fit the schema, or
     *                                  {@code x} is not finite
     */
    void transform(double[] x, double[] out);

    /**
     * Scales every row into new arrays.
     *
     * @throws IllegalArgumentException naming the row when one does not fit the schema or is not finite
     */
    double[][] transformAll(double[][] rows);

    /**
     * Undoes {@link #transform(double[])}: {@code x[i] = z[i] * scale[i] + center[i]}.
     *
     * @throws IllegalArgumentException if {@code z} does not fit the schema or is not finite
     */
    double[] inverse(double[] z);
}
