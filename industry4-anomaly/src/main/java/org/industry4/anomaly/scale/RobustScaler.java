package org.industry4.anomaly.scale;

import java.util.Arrays;
import org.industry4.core.FeatureSchema;

/**
 * Robust scaling: {@code z = (x - median) / IQR} per feature, where IQR is the interquartile range
 * {@code Q(0.75) - Q(0.25)} of the training data (scikit-learn's {@code RobustScaler} with its
 * default quantile range). A few outliers in the "normal" training data barely move it.
 *
 * <p>Quantiles use linear interpolation between order statistics, Hyndman and Fan's type 7 (the
 * default of R's {@code quantile} and NumPy's {@code percentile}): for the sorted values
 * {@code v[0] <= ... <= v[n-1]}, {@code h = (n - 1) p}, {@code Q(p) = v[floor(h)] + (h - floor(h))
 * (v[floor(h) + 1] - v[floor(h)])}. The median is {@code Q(0.5)}. So the scaled training columns
 * have median 0 and interquartile range 1.
 *
 * <p>Immutable and thread-safe.
 */
public final class RobustScaler implements Scaler {

    private final Affine affine;

    RobustScaler(FeatureSchema schema, double[] median, double[] iqr) {
        this.affine = new Affine(schema, median, iqr);
    }

    /**
     * Fits the median and interquartile range of every column.
     *
     * @param rows   the training data, one row per sample, columns in schema order; at least 2 rows
     * @param schema the names of the columns
     * @throws IllegalArgumentException if there are fewer than 2 rows, a row has the wrong width, a
     *                                  value is NaN or infinite (naming row and feature), a column is
     *                                  constant, or its interquartile range is 0 (at least half of
     *                                  its values are equal: message names the value)
     */
    public static RobustScaler fit(double[][] rows, FeatureSchema schema) {
        Checks.requireTrainingData(rows, schema, 2);
        int n = rows.length;
        int d = schema.size();
        double[] median = new double[d];
        double[] iqr = new double[d];
        double[] column = new double[n];
        for (int j = 0; j < d; j++) {
            for (int r = 0; r < n; r++) {
                column[r] = rows[r][j];
            }
            Arrays.sort(column);
            if (column[0] == column[n - 1]) {
                throw Checks.constant(schema, j, column[0], "train on data in which it varies");
            }
            double q25 = quantile(column, 0.25);
            double q75 = quantile(column, 0.75);
            double range = q75 - q25;
            if (range == 0) {
                throw new IllegalArgumentException(Checks.feature(schema, j)
                        + " has an interquartile range of 0 in the training data (its 25th and 75th percentiles"
                        + " are both " + q25 + ": at least half of its values are equal); drop it from the schema"
                        + " or use StandardScaler");
            }
            if (!Double.isFinite(range)) {
                throw new IllegalArgumentException(Checks.feature(schema, j) + " has an interquartile range from "
                        + q25 + " to " + q75 + " in the training data, too wide to represent; rescale it first");
            }
            median[j] = quantile(column, 0.5);
            iqr[j] = range;
        }
        return new RobustScaler(schema, median, iqr);
    }

    /**
     * The type-7 quantile of sorted, finite values (linear interpolation between order statistics).
     *
     * @param sorted the values in ascending order; not empty
     * @param p      the probability, in [0, 1]
     */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        if (lo >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        double lower = sorted[lo];
        double upper = sorted[lo + 1];
        double fraction = h - lo;
        // Interpolate as lower + f (upper - lower), but without the overflow of upper - lower for
        // values of opposite sign near the double range.
        double q = lower + fraction * (upper - lower);
        if (!Double.isFinite(q)) {
            q = (1 - fraction) * lower + fraction * upper;
        }
        return Math.min(Math.max(q, lower), upper);
    }

    @Override
    public FeatureSchema schema() {
        return affine.schema;
    }

    /** A copy of the per-feature training medians. */
    @Override
    public double[] center() {
        return affine.center();
    }

    /** A copy of the per-feature interquartile ranges. */
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
        return o instanceof RobustScaler s && affine.equals(s.affine);
    }

    @Override
    public int hashCode() {
        return 31 * affine.hashCode() + 2;
    }

    @Override
    public String toString() {
        return "RobustScaler[" + affine.schema.size() + " features]";
    }
}
