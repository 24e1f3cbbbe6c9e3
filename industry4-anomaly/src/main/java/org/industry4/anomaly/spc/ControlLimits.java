package org.industry4.anomaly.spc;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.FDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;

/** The control limits of T² and Q; see {@link PcaSpcModel} and {@link QLimitMethod} for the formulas. */
final class ControlLimits {

    /** Accuracy of the inverse distribution functions (commons-math's default is 1e-9). */
    private static final double QUANTILE_ACCURACY = 1e-12;

    private ControlLimits() {
    }

    /** A Q limit and the method that produced it. */
    record QLimit(double value, QLimitMethod method) {
    }

    /**
     * {@code k (n-1)(n+1) / (n (n-k)) F_c(k, n-k)}: the T² limit for a new observation, {@code n}
     * training rows, {@code k} components, {@code n > k}.
     */
    static double t2Limit(int k, int n, double confidence) {
        // The null random generator: these distributions are only inverted, never sampled.
        FDistribution f = new FDistribution(null, k, n - k, QUANTILE_ACCURACY);
        double factor = (double) k * (n - 1) * (n + 1) / ((double) n * (n - k));
        return factor * f.inverseCumulativeProbability(confidence);
    }

    /**
     * The Q limit from the residual eigenvalues' {@code theta1..3}; Jackson-Mudholkar when asked
     * for and not degenerate, Box otherwise. {@code theta1 > 0} is required.
     */
    static QLimit qLimit(double theta1, double theta2, double theta3, double confidence, QLimitMethod method) {
        if (method == QLimitMethod.JACKSON_MUDHOLKAR) {
            double jm = jacksonMudholkar(theta1, theta2, theta3, confidence);
            if (jm > 0 && Double.isFinite(jm)) {
                return new QLimit(jm, QLimitMethod.JACKSON_MUDHOLKAR);
            }
        }
        return new QLimit(box(theta1, theta2, confidence), QLimitMethod.BOX);
    }

    /** The Jackson-Mudholkar limit, or NaN where it is degenerate ({@code h0 <= 0} or bracket {@code <= 0}). */
    static double jacksonMudholkar(double theta1, double theta2, double theta3, double confidence) {
        double h0 = 1 - 2 * theta1 * theta3 / (3 * theta2 * theta2);
        if (!(h0 > 0)) {
            return Double.NaN;
        }
        double z = new NormalDistribution(null, 0, 1, QUANTILE_ACCURACY).inverseCumulativeProbability(confidence);
        double bracket = z * Math.sqrt(2 * theta2 * h0 * h0) / theta1 + 1 + theta2 * h0 * (h0 - 1) / (theta1 * theta1);
        if (!(bracket > 0)) {
            return Double.NaN;
        }
        return theta1 * Math.pow(bracket, 1 / h0);
    }

    /** Box's {@code g chi2_c(h)} with {@code g = theta2 / theta1}, {@code h = theta1^2 / theta2}. */
    static double box(double theta1, double theta2, double confidence) {
        double g = theta2 / theta1;
        double h = theta1 * theta1 / theta2;
        return g * new ChiSquaredDistribution(null, h, QUANTILE_ACCURACY).inverseCumulativeProbability(confidence);
    }
}
