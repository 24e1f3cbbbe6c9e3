package org.industry4.anomaly.spc;

import java.util.Objects;
import org.industry4.core.FeatureSchema;
import org.industry4.core.Scorer;

/**
 * A fitted PCA process-control model: Hotelling's T² and Q (squared prediction error) with their
 * control limits, and per-variable contributions. Immutable and thread-safe; made by
 * {@link PcaSpcTrainer}, saved and loaded by {@link PcaSpcFile}.
 *
 * <h2>Statistics</h2>
 * An observation {@code x} is first scaled, {@code z_j = (x_j - mean_j) / scale_j} (scale 1 when
 * the model was fitted without standardising). With {@code P} the {@code p x k} loadings (the
 * eigenvectors of the training covariance of {@code z}, orthonormal columns) and
 * {@code lambda_0 >= .. >= lambda_(k-1)} their eigenvalues:
 * <pre>
 * t   = P^T z                           scores, i &lt; k
 * T²  = sum_i t_i^2 / lambda_i          Hotelling's T² in the principal subspace
 * e   = z - P t                         residual
 * Q   = ||e||^2 = sum_j e_j^2           squared prediction error (SPE)
 * </pre>
 * T² measures how far the observation moves within the plane normal data span; Q how far it
 * leaves that plane, that is, how much it breaks the correlation between the variables.
 *
 * <h2>Limits</h2>
 * <ul>
 *   <li>T², for a new observation independent of the {@code n} training rows (Tracy, Young and
 *   Mason 1992, "Multivariate control charts for individual observations", J. Quality Technology
 *   24(2); Montgomery, "Introduction to Statistical Quality Control", section on phase II
 *   charts): {@code T²_lim = k (n-1)(n+1) / (n (n-k)) F_c(k, n-k)}, with {@code F_c} the quantile at
 *   the confidence level {@code c} of the F distribution.</li>
 *   <li>Q: Jackson and Mudholkar (1979), or Box's (1954) scaled chi-square where Jackson-Mudholkar
 *   is degenerate; see {@link QLimitMethod} and {@link #qLimitMethod()}.</li>
 * </ul>
 * Both assume roughly Gaussian, independent observations; autocorrelated process data give more
 * false alarms than {@code 1 - confidence}.
 *
 * <h2>Score</h2>
 * {@link #score(double[])} is {@code max(T² / T²_lim, Q / Q_lim)}: 0 or more, above 1 exactly when
 * the observation is out of control on either chart.
 *
 * <h2>Contributions</h2>
 * In the scaled space, per variable {@code j}, in schema order:
 * <ul>
 *   <li>{@link #t2Contributions}: {@code c_j = z_j sum_i (t_i / lambda_i) P_ji} (Nomikos 1996;
 *   Westerhuis, Gurden and Smilde 2000, "Generalized contribution plots in multivariate
 *   statistical process monitoring", Chemometrics and Intelligent Laboratory Systems 51). They sum
 *   to T² exactly (up to rounding) and can be negative: a variable that pulls the observation back
 *   towards the mean contributes negatively.</li>
 *   <li>{@link #qContributions}: {@code e_j^2}, which sum to Q and are never negative.</li>
 * </ul>
 * Contributions smear: a fault on one variable also moves the contributions of the variables
 * correlated with it, so the top contributor points at the likely sensor rather than proving it.
 *
 * <h2>Cost</h2>
 * {@link #score}, {@link #statistics} and the contribution methods run in {@code O(p k)} and
 * allocate one {@code double[k]} for the scores per call (plus the returned record or array);
 * nothing is shared between calls, so any number of threads may score at once.
 */
public final class PcaSpcModel implements Scorer {

    private final FeatureSchema schema;
    private final double[] mean;
    private final double[] scale;
    private final double[] eigenvalues;
    /** Row-major p x k: loadings[j * k + i] = P_ji. */
    private final double[] loadings;
    private final double[] inverseEigenvalues;
    private final int components;
    private final int trainingRows;
    private final double confidence;
    private final boolean standardised;
    private final double t2Limit;
    private final double qLimit;
    private final QLimitMethod qLimitMethod;

    /**
     * Arrays are taken over, not copied: callers hand over fresh arrays.
     *
     * @param eigenvalues all {@code p} eigenvalues, descending
     * @param loadings    row-major {@code p x k}
     * @throws IllegalArgumentException if the parts are inconsistent
     */
    PcaSpcModel(FeatureSchema schema, double[] mean, double[] scale, double[] eigenvalues, double[] loadings,
                int components, int trainingRows, double confidence, boolean standardised,
                double t2Limit, double qLimit, QLimitMethod qLimitMethod) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.qLimitMethod = Objects.requireNonNull(qLimitMethod, "qLimitMethod");
        int p = schema.size();
        if (components < 1 || components >= p) {
            throw new IllegalArgumentException("components must be in [1, " + (p - 1) + "], got " + components);
        }
        requireLength("mean", mean, p);
        requireLength("scale", scale, p);
        requireLength("eigenvalues", eigenvalues, p);
        requireLength("loadings", loadings, p * components);
        if (trainingRows < components + 2) {
            throw new IllegalArgumentException("trainingRows must be >= components + 2 = " + (components + 2)
                    + ", got " + trainingRows);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
        if (!(t2Limit > 0) || Double.isInfinite(t2Limit)) {
            throw new IllegalArgumentException("t2Limit must be finite and > 0, got " + t2Limit);
        }
        if (!(qLimit > 0) || Double.isInfinite(qLimit)) {
            throw new IllegalArgumentException("qLimit must be finite and > 0, got " + qLimit);
        }
        for (int j = 0; j < p; j++) {
            if (!Double.isFinite(mean[j])) {
                throw new IllegalArgumentException("mean[" + j + "] must be finite, got " + mean[j]);
            }
            if (!(scale[j] > 0) || Double.isInfinite(scale[j])) {
                throw new IllegalArgumentException("scale[" + j + "] must be finite and > 0, got " + scale[j]);
            }
            if (!(eigenvalues[j] >= 0) || Double.isInfinite(eigenvalues[j])
                    || (j > 0 && eigenvalues[j] > eigenvalues[j - 1])) {
                throw new IllegalArgumentException("eigenvalues must be finite, >= 0 and descending, got "
                        + eigenvalues[j] + " at index " + j);
            }
        }
        for (double v : loadings) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("loadings must be finite, got " + v);
            }
        }
        if (!(eigenvalues[components - 1] > 0)) {
            throw new IllegalArgumentException("eigenvalue of kept component " + components + " must be > 0, got "
                    + eigenvalues[components - 1]);
        }
        this.mean = mean;
        this.scale = scale;
        this.eigenvalues = eigenvalues;
        this.loadings = loadings;
        this.components = components;
        this.trainingRows = trainingRows;
        this.confidence = confidence;
        this.standardised = standardised;
        this.t2Limit = t2Limit;
        this.qLimit = qLimit;
        this.inverseEigenvalues = new double[components];
        for (int i = 0; i < components; i++) {
            inverseEigenvalues[i] = 1.0 / eigenvalues[i];
        }
    }

    private static void requireLength(String name, double[] values, int length) {
        Objects.requireNonNull(values, name);
        if (values.length != length) {
            throw new IllegalArgumentException(name + " must have " + length + " values, got " + values.length);
        }
    }

    @Override
    public FeatureSchema schema() {
        return schema;
    }

    /**
     * {@code max(T² / T²_lim, Q / Q_lim)}: 0 or more, above 1 exactly when the observation is out of
     * control on either chart.
     *
     * @throws IllegalArgumentException on a wrong feature count or a NaN or infinite value, naming it
     */
    @Override
    public double score(double[] x) {
        Scorer.requireFinite(schema, x);
        double[] t = scores(x);
        return Math.max(t2(t) / t2Limit, q(x, t) / qLimit);
    }

    /**
     * T², Q and their limits for {@code x}.
     *
     * @throws IllegalArgumentException on a wrong feature count or a NaN or infinite value, naming it
     */
    public SpcStatistics statistics(double[] x) {
        Scorer.requireFinite(schema, x);
        double[] t = scores(x);
        return new SpcStatistics(t2(t), q(x, t), t2Limit, qLimit);
    }

    /**
     * The contribution of each variable to T², in schema order: {@code c_j = z_j sum_i (t_i /
     * lambda_i) P_ji}. They sum to T² (up to rounding) and may be negative.
     *
     * @throws IllegalArgumentException on a wrong feature count or a NaN or infinite value, naming it
     */
    public double[] t2Contributions(double[] x) {
        Scorer.requireFinite(schema, x);
        double[] t = scores(x);
        int p = mean.length;
        int k = components;
        double[] out = new double[p];
        for (int j = 0; j < p; j++) {
            double z = (x[j] - mean[j]) / scale[j];
            double sum = 0;
            int row = j * k;
            for (int i = 0; i < k; i++) {
                sum += t[i] * inverseEigenvalues[i] * loadings[row + i];
            }
            out[j] = z * sum;
        }
        return out;
    }

    /**
     * The contribution of each variable to Q, in schema order: the squared residual {@code e_j^2}
     * in the scaled space. They sum to Q (up to rounding) and are never negative.
     *
     * @throws IllegalArgumentException on a wrong feature count or a NaN or infinite value, naming it
     */
    public double[] qContributions(double[] x) {
        Scorer.requireFinite(schema, x);
        double[] t = scores(x);
        int p = mean.length;
        double[] out = new double[p];
        for (int j = 0; j < p; j++) {
            double e = residual(x, t, j);
            out[j] = e * e;
        }
        return out;
    }

    /**
     * The name of the feature with the largest contribution (the first of equals), for example
     * {@code topContributor(qContributions(x))}: the sensor an operator looks at first.
     *
     * @throws IllegalArgumentException if {@code contributions} does not fit the schema or holds NaN
     */
    public String topContributor(double[] contributions) {
        Scorer.requireFinite(schema, contributions);
        int best = 0;
        for (int j = 1; j < contributions.length; j++) {
            if (contributions[j] > contributions[best]) {
                best = j;
            }
        }
        return schema.names().get(best);
    }

    private double[] scores(double[] x) {
        int p = mean.length;
        int k = components;
        double[] t = new double[k];
        for (int j = 0; j < p; j++) {
            double z = (x[j] - mean[j]) / scale[j];
            int row = j * k;
            for (int i = 0; i < k; i++) {
                t[i] += z * loadings[row + i];
            }
        }
        return t;
    }

    private double t2(double[] t) {
        double sum = 0;
        for (int i = 0; i < t.length; i++) {
            sum += t[i] * t[i] * inverseEigenvalues[i];
        }
        return sum;
    }

    private double q(double[] x, double[] t) {
        double sum = 0;
        for (int j = 0; j < mean.length; j++) {
            double e = residual(x, t, j);
            sum += e * e;
        }
        return sum;
    }

    private double residual(double[] x, double[] t, int j) {
        int k = components;
        int row = j * k;
        double reconstructed = 0;
        for (int i = 0; i < k; i++) {
            reconstructed += t[i] * loadings[row + i];
        }
        return (x[j] - mean[j]) / scale[j] - reconstructed;
    }

    /** The number of principal components kept, {@code k}. */
    public int components() {
        return components;
    }

    /** The number of training rows, {@code n}, the limits were computed from. */
    public int trainingRows() {
        return trainingRows;
    }

    /** The confidence level of both limits. */
    public double confidence() {
        return confidence;
    }

    /** Whether the features were standardised (true) or only centred (false). */
    public boolean standardised() {
        return standardised;
    }

    /** The control limit of T². */
    public double t2Limit() {
        return t2Limit;
    }

    /** The control limit of Q. */
    public double qLimit() {
        return qLimit;
    }

    /** The method the Q limit was actually computed with (after any fallback). */
    public QLimitMethod qLimitMethod() {
        return qLimitMethod;
    }

    /** All {@code p} eigenvalues of the training covariance of the scaled data, descending (a copy). */
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    /** The fraction of the total variance the kept components explain. */
    public double explainedVariance() {
        double kept = 0;
        double total = 0;
        for (int i = 0; i < eigenvalues.length; i++) {
            total += eigenvalues[i];
            if (i < components) {
                kept += eigenvalues[i];
            }
        }
        return kept / total;
    }

    /** The training mean of each feature, in schema order (a copy). */
    public double[] mean() {
        return mean.clone();
    }

    /** The scale of each feature (training standard deviation, or 1 if not standardised; a copy). */
    public double[] scale() {
        return scale.clone();
    }

    /**
     * The loadings as {@code p x k}: {@code loadings()[j][i]} is the weight of feature {@code j} in
     * component {@code i}; the columns are orthonormal (a copy).
     */
    public double[][] loadings() {
        int p = mean.length;
        double[][] out = new double[p][components];
        for (int j = 0; j < p; j++) {
            System.arraycopy(loadings, j * components, out[j], 0, components);
        }
        return out;
    }

    /** The loadings row-major as stored, for {@link PcaSpcFile} (not copied). */
    double[] loadingsRowMajor() {
        return loadings;
    }

    double[] meanArray() {
        return mean;
    }

    double[] scaleArray() {
        return scale;
    }

    double[] eigenvalueArray() {
        return eigenvalues;
    }

    @Override
    public String toString() {
        return "PcaSpcModel[" + schema.size() + " features, " + components + " components, n=" + trainingRows
                + ", confidence=" + confidence + ", T2 limit=" + t2Limit + ", Q limit=" + qLimit
                + " (" + qLimitMethod + ")]";
    }
}
