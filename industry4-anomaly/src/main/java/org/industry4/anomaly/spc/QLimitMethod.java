package org.industry4.anomaly.spc;

/**
 * How the control limit of the Q statistic (squared prediction error) is computed from the
 * eigenvalues {@code lambda_k .. lambda_(p-1)} of the residual space, with
 * {@code theta_m = sum lambda_i^m} for {@code m = 1, 2, 3}.
 */
public enum QLimitMethod {

    /**
     * Jackson and Mudholkar (1979), "Control procedures for residuals associated with principal
     * component analysis", Technometrics 21(3):
     * <pre>
     * h0    = 1 - 2 theta1 theta3 / (3 theta2^2)
     * Q_lim = theta1 [ z_c sqrt(2 theta2 h0^2) / theta1 + 1 + theta2 h0 (h0 - 1) / theta1^2 ]^(1 / h0)
     * </pre>
     * with {@code z_c} the standard normal quantile at the confidence level. The approximation is
     * degenerate when {@code h0 <= 0} (residual eigenvalues spread over orders of magnitude) or the
     * bracket is not positive (low confidence levels); the trainer then uses {@link #BOX} and the
     * model reports {@code BOX} as the method used.
     */
    JACKSON_MUDHOLKAR,

    /**
     * Box (1954), "Some theorems on quadratic forms applied in the study of analysis of variance
     * problems", Annals of Mathematical Statistics 25(2): Q is approximated by a scaled chi-square,
     * <pre>
     * Q_lim = g chi2_c(h),   g = theta2 / theta1,   h = theta1^2 / theta2
     * </pre>
     * with {@code chi2_c(h)} the quantile at the confidence level of a chi-square with {@code h}
     * (not necessarily whole) degrees of freedom. Always defined when the residual space holds
     * variance.
     */
    BOX
}
