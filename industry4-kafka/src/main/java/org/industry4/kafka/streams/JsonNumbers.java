package org.industry4.kafka.streams;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Numbers in the stages' JSON outputs: six significant digits without trailing zeros, as
 * {@code String.format("%.6g")} with the zeros stripped would write them ({@code 0.042},
 * {@code 27.4}, {@code 1.5e+07}), {@code null} for NaN and infinities (JSON has neither), without
 * {@link java.util.Formatter} and a regular expression per number: alarms and residuals are
 * written on the stream thread.
 */
final class JsonNumbers {

    private static final MathContext SIX = new MathContext(6, RoundingMode.HALF_UP);

    private JsonNumbers() {
    }

    static String sixDigits(double v) {
        if (!Double.isFinite(v)) {
            return "null";
        }
        if (v == 0) {
            return Double.doubleToRawLongBits(v) < 0 ? "-0" : "0";
        }
        BigDecimal d = BigDecimal.valueOf(v).round(SIX);
        int exponent = d.precision() - d.scale() - 1; // of the leading digit, after rounding
        if (exponent >= -4 && exponent < 6) {
            return d.stripTrailingZeros().toPlainString();
        }
        String mantissa = d.movePointLeft(exponent).stripTrailingZeros().toPlainString();
        int e = Math.abs(exponent);
        return mantissa + (exponent < 0 ? "e-" : "e+") + (e < 10 ? "0" : "") + e;
    }
}
