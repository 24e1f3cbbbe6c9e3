package org.industry4.anomaly.spc;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.industry4.core.FeatureSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits a {@link PcaSpcModel} on rows of normal operation.
 *
 * <h2>Fitting</h2>
 * <ol>
 *   <li>Mean and standard deviation (divisor {@code n - 1}) of each feature, in two passes (the
 *   second pass corrects the mean's rounding). With {@link PcaSpcOptions#standardise()} each
 *   feature is divided by its standard deviation; a feature whose standard deviation is 0, or at
 *   most {@code 1e-12} of its mean's magnitude (rounding noise around a constant), is refused,
 *   since the control limits of a constant sensor are undefined.</li>
 *   <li>The covariance of the scaled data, accumulated from centred values (never as
 *   {@code E[x x] - E[x]E[x]}, which loses precision), and its symmetric eigen-decomposition
 *   (commons-math {@link EigenDecomposition}, Householder tridiagonalisation and implicit QL).
 *   Eigenvalues are sorted descending here rather than trusting the library's order, rounding
 *   negatives are set to 0, and each eigenvector's sign is fixed so that its largest-magnitude
 *   entry is positive (the statistics do not depend on signs; the saved loadings then do not
 *   either). On standardised data the covariance is the correlation matrix, whose condition is
 *   that of the data, so squaring the data (covariance instead of an SVD of the rows) costs no
 *   precision that the limits need.</li>
 *   <li>{@code k}: {@link PcaSpcOptions#components()} or the smallest count whose eigenvalues
 *   reach {@link PcaSpcOptions#varianceFraction()} of the total.</li>
 *   <li>The limits from {@code n}, {@code k} and the residual eigenvalues
 *   {@code lambda_k .. lambda_(p-1)}; see {@link PcaSpcModel}.</li>
 * </ol>
 * Fitting is deterministic (no randomness) and runs in the calling thread in {@code O(n p^2 + p^3)}.
 *
 * <h2>Requirements</h2>
 * At least 2 features; {@code 1 <= k < p} so that Q has a residual space; at least {@code k + 2}
 * rows (3 when {@code k} is chosen by variance fraction, checked again once {@code k} is known), so
 * that the F distribution of the T² limit has {@code n - k >= 2} degrees of freedom; kept
 * components and the residual space must hold variance.
 */
public final class PcaSpcTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(PcaSpcTrainer.class);
    /** Relative size below which a standard deviation or an eigenvalue counts as zero. */
    private static final double ZERO_TOLERANCE = 1e-12;

    private final PcaSpcOptions options;

    /** A trainer with these options. */
    public PcaSpcTrainer(PcaSpcOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** A trainer with the default {@link PcaSpcOptions}. */
    public PcaSpcTrainer() {
        this(new PcaSpcOptions());
    }

    /** The options this trainer fits with. */
    public PcaSpcOptions options() {
        return options;
    }

    /**
     * Fits the model on rows of normal operation (not modified).
     *
     * @param rows   one row per observation, each in schema order, all finite
     * @param schema the features
     * @throws IllegalArgumentException naming the problem: too few features or rows, a row of the
     *                                  wrong size or with a NaN or infinite value (row and feature
     *                                  named), a constant feature when standardising, too many
     *                                  components, or no variance in a kept component or in the
     *                                  residual space
     */
    public PcaSpcModel fit(double[][] rows, FeatureSchema schema) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(schema, "schema");
        int p = schema.size();
        int n = rows.length;
        int fixed = options.components();
        if (p < 2) {
            throw new IllegalArgumentException("PCA process control needs at least 2 features, got " + p);
        }
        if (fixed >= p) {
            throw new IllegalArgumentException("components must be less than the feature count " + p
                    + " so that Q has a residual space, got " + fixed);
        }
        int minRows = fixed > 0 ? fixed + 2 : 3;
        if (n < minRows) {
            throw new IllegalArgumentException(tooFewRows(minRows, fixed, n));
        }
        List<String> names = schema.names();
        for (int r = 0; r < n; r++) {
            double[] row = rows[r];
            if (row == null) {
                throw new IllegalArgumentException("training row " + r + " is null");
            }
            if (row.length != p) {
                throw new IllegalArgumentException("training row " + r + ": expected " + p + " features, got "
                        + row.length);
            }
            for (int j = 0; j < p; j++) {
                if (!Double.isFinite(row[j])) {
                    throw new IllegalArgumentException("training row " + r + ": feature " + names.get(j)
                            + " (index " + j + ") must be finite, got " + row[j]);
                }
            }
        }

        double[] mean = new double[p];
        double[] scale = new double[p];
        moments(rows, mean, scale);
        boolean standardise = options.standardise();
        for (int j = 0; j < p; j++) {
            boolean constant = scale[j] == 0 || scale[j] <= ZERO_TOLERANCE * Math.abs(mean[j]);
            if (standardise && constant) {
                throw new IllegalArgumentException("feature " + names.get(j) + " (index " + j
                        + ") is constant in the training data (standard deviation " + scale[j] + " around "
                        + mean[j] + "), so it cannot be standardised; drop it or set standardise to false");
            }
            if (!standardise) {
                scale[j] = 1;
            }
        }

        double[][] covariance = covariance(rows, mean, scale);
        double[] eigenvalues = new double[p];
        double[][] vectors = eigen(covariance, eigenvalues);
        double total = 0;
        for (double v : eigenvalues) {
            total += v;
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("the training data have no variance: every feature is constant");
        }

        int k = fixed > 0 ? fixed : componentsFor(eigenvalues, total, options.varianceFraction());
        if (k >= p) {
            throw new IllegalArgumentException("varianceFraction " + options.varianceFraction() + " needs all " + p
                    + " components, which leaves Q no residual space; lower varianceFraction or set components");
        }
        if (!(eigenvalues[k - 1] > ZERO_TOLERANCE * eigenvalues[0])) {
            throw new IllegalArgumentException("component " + k + " has no variance (eigenvalue "
                    + eigenvalues[k - 1] + "): the training data span fewer than " + k
                    + " dimensions; use fewer components");
        }
        if (n < k + 2) {
            throw new IllegalArgumentException(tooFewRows(k + 2, k, n));
        }
        double theta1 = 0;
        double theta2 = 0;
        double theta3 = 0;
        for (int i = k; i < p; i++) {
            double l = eigenvalues[i];
            theta1 += l;
            theta2 += l * l;
            theta3 += l * l * l;
        }
        if (!(theta1 > ZERO_TOLERANCE * total) || !(theta2 > 0)) {
            throw new IllegalArgumentException("the residual space of the " + k
                    + "-component model holds no variance (the eigenvalues after component " + k + " sum to "
                    + theta1 + "): the training data lie in a " + k
                    + "-dimensional subspace; drop linearly dependent features or use fewer components");
        }

        double confidence = options.confidence();
        double t2Limit = ControlLimits.t2Limit(k, n, confidence);
        ControlLimits.QLimit qLimit = ControlLimits.qLimit(theta1, theta2, theta3, confidence, options.qLimitMethod());
        double[] loadings = new double[p * k];
        for (int j = 0; j < p; j++) {
            for (int i = 0; i < k; i++) {
                loadings[j * k + i] = vectors[i][j];
            }
        }
        PcaSpcModel model = new PcaSpcModel(schema, mean, scale, eigenvalues, loadings, k,
                n, confidence, standardise, t2Limit, qLimit.value(), qLimit.method());
        if (LOG.isDebugEnabled()) {
            LOG.debug("fitted PCA SPC on {} rows x {} features: {} components explain {} of the variance; "
                            + "T2 limit {}, Q limit {} ({})", n, p, k, model.explainedVariance(), t2Limit,
                    qLimit.value(), qLimit.method());
        }
        return model;
    }

    private static String tooFewRows(int minRows, int components, int n) {
        return "training data must have at least " + minRows + " rows"
                + (components > 0 ? " for " + components + " component" + (components == 1 ? "" : "s") : "")
                + ", got " + n;
    }

    /** Two-pass mean (with the second pass's correction) and standard deviation, divisor n - 1. */
    private static void moments(double[][] rows, double[] mean, double[] std) {
        int n = rows.length;
        int p = mean.length;
        for (double[] row : rows) {
            for (int j = 0; j < p; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < p; j++) {
            mean[j] /= n;
        }
        double[] sum = new double[p];
        double[] squares = new double[p];
        for (double[] row : rows) {
            for (int j = 0; j < p; j++) {
                double d = row[j] - mean[j];
                sum[j] += d;
                squares[j] += d * d;
            }
        }
        for (int j = 0; j < p; j++) {
            double correction = sum[j] / n;
            mean[j] += correction;
            double variance = (squares[j] - sum[j] * correction) / (n - 1);
            std[j] = Math.sqrt(Math.max(0, variance));
        }
    }

    /** Covariance (divisor n - 1) of (x - mean) / scale; scale is all ones when not standardising. */
    private static double[][] covariance(double[][] rows, double[] mean, double[] scale) {
        int p = mean.length;
        double[][] c = new double[p][p];
        double[] z = new double[p];
        for (double[] row : rows) {
            for (int j = 0; j < p; j++) {
                z[j] = (row[j] - mean[j]) / scale[j];
            }
            for (int a = 0; a < p; a++) {
                double za = z[a];
                double[] ca = c[a];
                for (int b = a; b < p; b++) {
                    ca[b] += za * z[b];
                }
            }
        }
        double divisor = rows.length - 1;
        for (int a = 0; a < p; a++) {
            for (int b = a; b < p; b++) {
                c[a][b] /= divisor;
                c[b][a] = c[a][b];
            }
        }
        return c;
    }

    /**
     * Eigenvalues (descending, negatives from rounding set to 0) into {@code values}; returns the
     * eigenvectors as rows in the same order, each signed so that its largest-magnitude entry is
     * positive.
     */
    private static double[][] eigen(double[][] covariance, double[] values) {
        int p = values.length;
        EigenDecomposition decomposition = new EigenDecomposition(new Array2DRowRealMatrix(covariance, false));
        double[] raw = decomposition.getRealEigenvalues();
        Integer[] order = IntStream.range(0, p).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> raw[i]).reversed());
        double[][] vectors = new double[p][];
        for (int r = 0; r < p; r++) {
            int source = order[r];
            values[r] = Math.max(0, raw[source]);
            RealVector v = decomposition.getEigenvector(source);
            double[] vector = v.toArray();
            double norm = Math.sqrt(dot(vector, vector));
            int largest = 0;
            for (int j = 1; j < p; j++) {
                if (Math.abs(vector[j]) > Math.abs(vector[largest]) + 1e-12) {
                    largest = j;
                }
            }
            double sign = vector[largest] < 0 ? -1 : 1;
            for (int j = 0; j < p; j++) {
                vector[j] = sign * vector[j] / norm;
            }
            vectors[r] = vector;
        }
        return vectors;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** The smallest k whose leading eigenvalues reach {@code fraction} of {@code total}. */
    private static int componentsFor(double[] eigenvalues, double total, double fraction) {
        double cumulative = 0;
        for (int i = 0; i < eigenvalues.length; i++) {
            cumulative += eigenvalues[i];
            if (cumulative >= fraction * total) {
                return i + 1;
            }
        }
        return eigenvalues.length;
    }
}
