package org.industry4.kafka.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class JsonNumbersProperties {

    /**
     * {@code %.6g} with the trailing zeros of the fraction stripped. (The stages used to strip with
     * {@code replaceFirst("\\.?0+(e|$)", "$1")}, which also ate the zeros of {@code 100000} and of
     * an exponent like {@code e+10}.)
     */
    private static String reference(double v) {
        String g = String.format(Locale.ROOT, "%.6g", v);
        int e = g.indexOf('e');
        String mantissa = e < 0 ? g : g.substring(0, e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceFirst("\\.?0+$", "");
        }
        return mantissa + (e < 0 ? "" : g.substring(e));
    }

    @Provide
    Arbitrary<Double> numbers() {
        return Arbitraries.oneOf(Arbitraries.doubles(),
                Arbitraries.doubles().between(-1e3, 1e3).ofScale(9),
                Arbitraries.doubles().between(-1e-3, 1e-3).ofScale(12),
                Arbitraries.integers().between(-2_000_000, 2_000_000).map(i -> i / 1000.0),
                Arbitraries.of(999999.5, 999999.4, 9.999995e-5, 0.0001, 0.00009999995, 1e6, 123456.5, 1e-300,
                        Double.MAX_VALUE, Double.MIN_VALUE, -0.5, 0.1 + 0.2));
    }

    @Property(tries = 5000)
    void writesWhatFormatAndStrippingWrote(@ForAll("numbers") double v) {
        assertEquals(reference(v), JsonNumbers.sixDigits(v), () -> "for " + v);
    }

    @Example
    void nonFiniteNumbersAreJsonNull() {
        assertEquals("null", JsonNumbers.sixDigits(Double.NaN));
        assertEquals("null", JsonNumbers.sixDigits(Double.POSITIVE_INFINITY));
        assertEquals("0", JsonNumbers.sixDigits(0.0));
        assertEquals("-0", JsonNumbers.sixDigits(-0.0));
        assertEquals("1.5e+07", JsonNumbers.sixDigits(1.5e7));
        assertEquals("0.042", JsonNumbers.sixDigits(0.042));
        assertEquals("100000", JsonNumbers.sixDigits(99999.95));
        assertEquals("-5.39816e+10", JsonNumbers.sixDigits(-5.398160960759E10));
    }
}
