package org.industry4.anomaly.spc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ControlLimitsTest {

    @Test
    void theT2LimitFollowsTheFDistributionFormulaAndTendsToTheChiSquareQuantile() {
        // k = 2, n = 1000, 99 %: with 2 numerator degrees of freedom the F quantile has a closed form,
        // F_c(2, m) = (m / 2) ((1 - c)^(-2 / m) - 1); the factor is 2 * 999 * 1001 / (1000 * 998).
        double m = 998;
        double f = m / 2 * (Math.pow(0.01, -2 / m) - 1);
        double expected = 2.0 * 999 * 1001 / (1000.0 * 998) * f;
        assertEquals(expected, ControlLimits.t2Limit(2, 1000, 0.99), 1e-9);
        // For large n the limit approaches the chi-square quantile chi2_0.99(2) = -2 ln(0.01) = 9.2103.
        assertEquals(-2 * Math.log(0.01), ControlLimits.t2Limit(2, 10_000_000, 0.99), 1e-4);
        // Few training rows widen it: the estimated covariance is uncertain.
        assertTrue(ControlLimits.t2Limit(2, 20, 0.99) > 1.3 * ControlLimits.t2Limit(2, 1000, 0.99));
    }

    @Test
    void jacksonMudholkarAndBoxAgreeOnWellBehavedResidualEigenvalues() {
        double[] residual = {0.09, 0.085, 0.07};
        double t1 = 0;
        double t2 = 0;
        double t3 = 0;
        for (double l : residual) {
            t1 += l;
            t2 += l * l;
            t3 += l * l * l;
        }
        ControlLimits.QLimit jm = ControlLimits.qLimit(t1, t2, t3, 0.99, QLimitMethod.JACKSON_MUDHOLKAR);
        ControlLimits.QLimit box = ControlLimits.qLimit(t1, t2, t3, 0.99, QLimitMethod.BOX);
        assertEquals(QLimitMethod.JACKSON_MUDHOLKAR, jm.method());
        assertEquals(QLimitMethod.BOX, box.method());
        assertEquals(box.value(), jm.value(), 0.03 * box.value());
        // Three equal eigenvalues l: Q / l is exactly chi-square with 3 degrees of freedom, which Box reproduces.
        ControlLimits.QLimit equal = ControlLimits.qLimit(3, 3, 3, 0.99, QLimitMethod.BOX);
        assertEquals(11.3449, equal.value(), 1e-3);
    }

    @Test
    void jacksonMudholkarFallsBackToBoxWhereItIsDegenerate() {
        // One residual eigenvalue of 1 and fifty of 0.02: theta1 theta3 / theta2^2 > 1.5, so h0 < 0.
        double t1 = 1 + 50 * 0.02;
        double t2 = 1 + 50 * 0.02 * 0.02;
        double t3 = 1 + 50 * 0.02 * 0.02 * 0.02;
        assertTrue(Double.isNaN(ControlLimits.jacksonMudholkar(t1, t2, t3, 0.99)));
        ControlLimits.QLimit limit = ControlLimits.qLimit(t1, t2, t3, 0.99, QLimitMethod.JACKSON_MUDHOLKAR);
        assertEquals(QLimitMethod.BOX, limit.method());
        assertEquals(ControlLimits.box(t1, t2, 0.99), limit.value());
        // A low confidence level makes the bracket negative (one residual eigenvalue of 0.1, 1 % level).
        assertTrue(Double.isNaN(ControlLimits.jacksonMudholkar(0.1, 0.01, 0.001, 0.01)));
        assertEquals(QLimitMethod.BOX, ControlLimits.qLimit(0.1, 0.01, 0.001, 0.01, QLimitMethod.JACKSON_MUDHOLKAR)
                .method());
        // There Box is exact: Q / 0.1 is chi-square with 1 degree of freedom, whose 1 % quantile is 1.5708e-4.
        assertEquals(0.1 * 1.5708e-4, ControlLimits.box(0.1, 0.01, 0.01), 1e-8);
    }
}
