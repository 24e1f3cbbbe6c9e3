package org.industry4.anomaly.scale;

import org.industry4.core.FeatureSchema;

/**
 * Standardisation: {@code z = (x - mean) / std} per feature, with the mean and the
 * <em>population</em> standard deviation (divisor {@code n}, as scikit-learn's
 * {@code StandardScaler}) of the training data, so the standardised training columns have mean 0
 * and population standard deviation 1.
 *
 * <p>Immutable and thread-safe. Sensitive to outliers in the training data; where the "normal"
 * data may hold a few of them, {@link RobustScaler} is the safer choice.
 */
public final class StandardScaler implements Scaler {

    private final Affine affine;

    StandardScaler(FeatureSchema schema, double[] mean, double[] std) {
        this.affine = new Affine(schema, mean, std);
    }

    /**
     * Fits the mean and population standard deviation of every column.
     *
     * @param rows   the training data, one row per sample, columns in schema order; at least 2 rows
     * @param schema the names of the columns
     * @throws IllegalArgumentException if there are fewer than 2 rows ("training data must have at
     *                                  least 2 rows, got 0"), a row has the wrong width ("row 4:
     *                                  expected 8 features, got 7"), a value is NaN or infinite
     *                                  ("row 12: feature pump_temp (index 3) must be finite, got
     *                                  NaN"), or a column is constant ("feature pump_temp (index 3)
     *                                  is constant (1.25) in the training data; ...")
     */
    public static StandardScaler fit(double[][] rows, FeatureSchema schema) {
        Checks.requireTrainingData(rows, schema, 2);
        int n = rows.length;
        int d = schema.size();
        double[] mean = new double[d];
        double[] std = new double[d];
        for (int j = 0; j < d; j++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double[] row : rows) {
                min = Math.min(min, row[j]);
                max = Math.max(max, row[j]);
            }
            if (min == max) {
                throw Checks.constant(schema, j, min, "train on data in which it varies");
            }
            // Work on the column divided by a power of two (exact), so that neither the sum nor
            // the squares overflow or underflow, then scale back exactly.
            int exponent = Math.getExponent(Math.max(Math.abs(min), Math.abs(max)));
            double sum = 0;
            for (double[] row : rows) {
                sum += Math.scalb(row[j], -exponent);
            }
            double m = sum / n;
            double squares = 0;
            double residual = 0;
            for (double[] row : rows) {
                double dev = Math.scalb(row[j], -exponent) - m;
                squares += dev * dev;
                residual += dev;
            }
            // Corrected two-pass algorithm (Chan, Golub and LeVeque 1983).
            double variance = (squares - residual * residual / n) / n;
            double s = Math.scalb(Math.sqrt(Math.max(variance, 0)), exponent);
            if (!(s > 0) || !Double.isFinite(s)) {
                throw new IllegalArgumentException(Checks.feature(schema, j) + " has a standard deviation of "
                        + s + " in the training data (values from " + min + " to " + max
                        + "), which cannot scale it; drop it from the schema or rescale it first");
            }
            mean[j] = Math.scalb(m, exponent);
            std[j] = s;
        }
        return new StandardScaler(schema, mean, std);
    }

    @Override
    public FeatureSchema schema() {
        return affine.schema;
    }

    /** A copy of the per-feature training means. */
    @Override
    public double[] center() {
        return affine.center();
    }

    /** A copy of the per-feature population standard deviations. */
    @Override
    public double[] scale() {
        return affine.scale();
    }

    @Override
    public double[] transform(double[] x) {
        return affine.transform(x);
    }

    @Override
    public void transform(double[] x, double[] out) {
        affine.transform(x, out);
    }

    @Override
    public double[][] transformAll(double[][] rows) {
        return affine.transformAll(rows);
    }

    @Override
    public double[] inverse(double[] z) {
        return affine.inverse(z);
    }

    Affine affine() {
        return affine;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StandardScaler s && affine.equals(s.affine);
    }

    @Override
    public int hashCode() {
        return 31 * affine.hashCode() + 1;
    }

    @Override
    public String toString() {
        return "StandardScaler[" + affine.schema.size() + " features]";
    }
}
