package org.industry4.anomaly.scale;

import java.util.Arrays;
import java.util.Objects;
import org.industry4.core.FeatureSchema;
import org.industry4.core.Scorer;

/**
 * The shared arithmetic of the scalers: {@code z = (x - center) / scale} per feature. Immutable;
 * the arrays are never handed out.
 */
final class Affine {

    final FeatureSchema schema;
    private final double[] center;
    private final double[] scale;

    Affine(FeatureSchema schema, double[] center, double[] scale) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.center = center.clone();
        this.scale = scale.clone();
        if (this.center.length != schema.size() || this.scale.length != schema.size()) {
            throw new IllegalArgumentException("expected " + schema.size() + " centres and scales, got "
                    + this.center.length + " and " + this.scale.length);
        }
        for (int i = 0; i < this.scale.length; i++) {
            if (!Double.isFinite(this.center[i])) {
                throw new IllegalArgumentException("centre of " + Checks.feature(schema, i)
                        + " must be finite, got " + this.center[i]);
            }
            if (!(this.scale[i] > 0) || !Double.isFinite(this.scale[i])) {
                throw new IllegalArgumentException("scale of " + Checks.feature(schema, i)
                        + " must be finite and > 0, got " + this.scale[i]);
            }
        }
    }

    double[] center() {
        return center.clone();
    }

    double[] scale() {
        return scale.clone();
    }

    double centerAt(int i) {
        return center[i];
    }

    double scaleAt(int i) {
        return scale[i];
    }

    double[] transform(double[] x) {
        double[] out = new double[center.length];
        transform(x, out);
        return out;
    }

    void transform(double[] x, double[] out) {
        Scorer.requireFinite(schema, x);
        Objects.requireNonNull(out, "out");
        if (out.length != center.length) {
            throw new IllegalArgumentException("output array: expected " + center.length
                    + " features, got " + out.length);
        }
        for (int i = 0; i < center.length; i++) {
            out[i] = (x[i] - center[i]) / scale[i];
        }
    }

    double[][] transformAll(double[][] rows) {
        Objects.requireNonNull(rows, "rows");
        double[][] out = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            Checks.requireRow(schema, rows, r);
            double[] z = new double[center.length];
            double[] x = rows[r];
            for (int i = 0; i < center.length; i++) {
                z[i] = (x[i] - center[i]) / scale[i];
            }
            out[r] = z;
        }
        return out;
    }

    double[] inverse(double[] z) {
        Scorer.requireFinite(schema, z);
        double[] x = new double[center.length];
        for (int i = 0; i < center.length; i++) {
            x[i] = z[i] * scale[i] + center[i];
        }
        return x;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Affine a && schema.equals(a.schema) && Arrays.equals(center, a.center)
                && Arrays.equals(scale, a.scale);
    }

    @Override
    public int hashCode() {
        return Objects.hash(schema, Arrays.hashCode(center), Arrays.hashCode(scale));
    }
}
