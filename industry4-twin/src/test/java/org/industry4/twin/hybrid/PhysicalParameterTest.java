package org.industry4.twin.hybrid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class PhysicalParameterTest {

    private static String message(double initial, double lower, double upper) {
        return assertThrows(IllegalArgumentException.class,
                () -> new PhysicalParameter("alpha", initial, lower, upper)).getMessage();
    }

    @Test
    void badBoundsAreRefusedNamingTheParameterAndTheValue() {
        String m = message(1, 2, 2);
        assertTrue(m.contains("alpha") && m.contains("lower 2.0") && m.contains("upper 2.0"), m);
        m = message(1, 3, 2);
        assertTrue(m.contains("alpha") && m.contains("lower must be < upper"), m);
        m = message(5, 0, 2);
        assertTrue(m.contains("alpha") && m.contains("got 5.0"), m);
        m = message(0, 0, 2);
        assertTrue(m.contains("alpha") && m.contains("strictly inside") && m.contains("got 0.0"), m);
        m = message(Double.NaN, 0, 2);
        assertTrue(m.contains("alpha") && m.contains("NaN"), m);
        m = message(1, Double.NaN, 2);
        assertTrue(m.contains("alpha") && m.contains("NaN"), m);
        m = message(1, 0, Double.POSITIVE_INFINITY);
        assertTrue(m.contains("alpha") && m.contains("Infinity"), m);
        assertThrows(IllegalArgumentException.class, () -> new PhysicalParameter(" ", 1, 0, 2));
    }

    @Test
    void theInitialRawValueGivesTheInitialValue() {
        PhysicalParameter p = new PhysicalParameter("tau", 12.5, 1, 100);
        assertEquals(12.5, p.value(p.initialRaw()), 1e-12);
    }

    @Property(tries = 200)
    void everyRawValueMapsInsideTheBounds(@ForAll @DoubleRange(min = -1e6, max = 1e6) double raw,
                                          @ForAll @DoubleRange(min = -100, max = 100) double lower,
                                          @ForAll @DoubleRange(min = 0.01, max = 100) double width) {
        PhysicalParameter p = new PhysicalParameter("p", lower + width / 2, lower, lower + width);
        double v = p.value(raw);
        assertTrue(v >= p.lower() && v <= p.upper(), v + " outside " + p);
    }
}
