package org.industry4.anomaly.iforest;

import java.util.SplittableRandom;
import org.industry4.core.FeatureSchema;

/** Data the tests generate: Gaussian blobs, far points, circles. */
final class TestData {

    private TestData() {
    }

    static FeatureSchema schema(int d) {
        String[] names = new String[d];
        for (int j = 0; j < d; j++) {
            names[j] = "x" + j;
        }
        return FeatureSchema.of(names);
    }

    /** {@code n} rows of a standard Gaussian blob in {@code d} dimensions. */
    static double[][] blob(int n, int d, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] rows = new double[n][d];
        for (double[] row : rows) {
            for (int j = 0; j < d; j++) {
                row[j] = random.nextGaussian();
            }
        }
        return rows;
    }

    /** {@code n} points at distance {@code radius} from the origin in random directions. */
    static double[][] far(int n, int d, double radius, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] rows = new double[n][d];
        for (double[] row : rows) {
            double norm = 0;
            for (int j = 0; j < d; j++) {
                row[j] = random.nextGaussian();
                norm += row[j] * row[j];
            }
            norm = Math.sqrt(norm);
            for (int j = 0; j < d; j++) {
                row[j] *= radius / norm;
            }
        }
        return rows;
    }

    /** {@code n} points evenly spaced on a circle of the given radius in the plane. */
    static double[][] circle(int n, double radius) {
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            double a = 2 * Math.PI * i / n;
            rows[i] = new double[] {radius * Math.cos(a), radius * Math.sin(a)};
        }
        return rows;
    }

    static double[][] concat(double[][] a, double[][] b) {
        double[][] out = new double[a.length + b.length][];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    static double std(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / v.length);
    }

    static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) {
            m = Math.min(m, x);
        }
        return m;
    }
}
