package org.industry4.anomaly.spc;

import java.util.Objects;

/**
 * Settings of a {@link PcaSpcTrainer}.
 *
 * @param components       the number of principal components to keep; {@code 0} chooses the
 *                         smallest number whose eigenvalues explain at least
 *                         {@code varianceFraction} of the total variance. A fixed count must be
 *                         less than the number of features, so that Q has a residual space
 *                         (checked at fit time)
 * @param varianceFraction the fraction of variance the kept components must explain when
 *                         {@code components} is 0; in (0, 1)
 * @param confidence       the confidence level of both control limits, e.g. 0.99: a normal
 *                         observation exceeds each limit with probability about
 *                         {@code 1 - confidence}; in (0, 1)
 * @param standardise      whether each feature is z-scored with the training mean and standard
 *                         deviation before PCA (PCA on the correlation matrix). If false, features
 *                         are only centred (PCA on the covariance matrix), so features with large
 *                         units dominate
 * @param qLimitMethod     how the Q limit is computed; {@link QLimitMethod#JACKSON_MUDHOLKAR}
 *                         falls back to {@link QLimitMethod#BOX} where it is degenerate
 */
public record PcaSpcOptions(int components, double varianceFraction, double confidence, boolean standardise,
                            QLimitMethod qLimitMethod) {

    public PcaSpcOptions {
        Objects.requireNonNull(qLimitMethod, "qLimitMethod");
        if (components < 0) {
            throw new IllegalArgumentException(
                    "components must be >= 0 (0 chooses the count by varianceFraction), got " + components);
        }
        if (!(varianceFraction > 0 && varianceFraction < 1)) {
            throw new IllegalArgumentException("varianceFraction must be in (0, 1), got " + varianceFraction);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
    }

    /**
     * Components explaining 90 % of the variance, 99 % control limits, standardised inputs,
     * Jackson-Mudholkar Q limit.
     */
    public PcaSpcOptions() {
        this(0, 0.90, 0.99, true, QLimitMethod.JACKSON_MUDHOLKAR);
    }

    /** A copy that keeps a fixed number of components ({@code 0}: choose by variance fraction). */
    public PcaSpcOptions withComponents(int components) {
        return new PcaSpcOptions(components, varianceFraction, confidence, standardise, qLimitMethod);
    }

    /** A copy that chooses the number of components by this variance fraction ({@code components} set to 0). */
    public PcaSpcOptions withVarianceFraction(double varianceFraction) {
        return new PcaSpcOptions(0, varianceFraction, confidence, standardise, qLimitMethod);
    }

    /** A copy with this confidence level for the control limits. */
    public PcaSpcOptions withConfidence(double confidence) {
        return new PcaSpcOptions(components, varianceFraction, confidence, standardise, qLimitMethod);
    }

    /** A copy that standardises (true) or only centres (false) the features. */
    public PcaSpcOptions withStandardise(boolean standardise) {
        return new PcaSpcOptions(components, varianceFraction, confidence, standardise, qLimitMethod);
    }

    /** A copy with this Q limit method. */
    public PcaSpcOptions withQLimitMethod(QLimitMethod qLimitMethod) {
        return new PcaSpcOptions(components, varianceFraction, confidence, standardise, qLimitMethod);
    }
}
