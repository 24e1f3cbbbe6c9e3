package org.industry4.anomaly.spc;

/**
 * The two monitoring statistics of one observation and their control limits.
 *
 * @param t2      Hotelling's T² in the space of the kept principal components; {@code >= 0}
 * @param q       Q, the squared prediction error in the residual space; {@code >= 0}
 * @param t2Limit the control limit of T²; {@code > 0}
 * @param qLimit  the control limit of Q; {@code > 0}
 */
public record SpcStatistics(double t2, double q, double t2Limit, double qLimit) {

    public SpcStatistics {
        if (!(t2 >= 0) || !(q >= 0) || Double.isInfinite(t2) || Double.isInfinite(q)) {
            throw new IllegalArgumentException("t2 and q must be finite and >= 0, got t2=" + t2 + ", q=" + q);
        }
        if (!(t2Limit > 0) || !(qLimit > 0) || Double.isInfinite(t2Limit) || Double.isInfinite(qLimit)) {
            throw new IllegalArgumentException(
                    "limits must be finite and > 0, got t2Limit=" + t2Limit + ", qLimit=" + qLimit);
        }
    }

    /** Whether T² exceeds its limit: the observation moves unusually far within the model's plane. */
    public boolean t2OutOfControl() {
        return t2 > t2Limit;
    }

    /** Whether Q exceeds its limit: the observation breaks the correlation structure of normal data. */
    public boolean qOutOfControl() {
        return q > qLimit;
    }

    /** Whether either statistic exceeds its limit. */
    public boolean outOfControl() {
        return t2OutOfControl() || qOutOfControl();
    }

    /**
     * {@code max(t2 / t2Limit, q / qLimit)}: above 1 exactly when {@link #outOfControl()}; the
     * value {@link PcaSpcModel#score(double[])} returns.
     */
    public double score() {
        return Math.max(t2 / t2Limit, q / qLimit);
    }
}
