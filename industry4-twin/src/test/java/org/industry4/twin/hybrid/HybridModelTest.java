package org.industry4.twin.hybrid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class HybridModelTest {

    private static final HybridModel MODEL = SharedModel.MODEL;

    @Property(tries = 200)
    void thePredictionIsThePhysicsPlusTheCorrection(@ForAll @DoubleRange(min = -5, max = 5) double x1,
                                                    @ForAll @DoubleRange(min = -5, max = 5) double x2,
                                                    @ForAll @DoubleRange(min = -5, max = 5) double x3) {
        double[] row = {x1, x2, x3, 0.3, -0.2};
        assertEquals(MODEL.physics(row) + MODEL.correction(row), MODEL.predict(row), 0.0);
        double physics = MODEL.parameter("a") * x1 + MODEL.parameter("b") * Math.exp(-x2 / MODEL.parameter("c"));
        assertEquals(physics, MODEL.physics(row), 1e-12 * Math.max(1, Math.abs(physics)));
        assertEquals(MODEL.physics(row), MODEL.withoutCorrection().predict(row), 0.0);
    }

    @Test
    void theCorrectionReadsOnlyItsInputs() {
        double[] row = {1, 2, 0.5, 0, 0};
        double[] other = {7, 2, 0.5, -3, 9};
        assertEquals(MODEL.correction(row), MODEL.correction(other), 0.0);
        assertTrue(MODEL.hasCorrection());
        assertFalse(MODEL.withoutCorrection().hasCorrection());
        assertEquals(0.0, MODEL.withoutCorrection().correction(row));
        assertEquals(MODEL.parameters(), MODEL.withoutCorrection().parameters());
    }

    @Test
    void theModelIsImmutable() {
        double[] before = MODEL.predictAll(SharedModel.DATA.x);
        Map<String, Double> params = MODEL.parameters();
        assertThrows(UnsupportedOperationException.class, () -> params.put("a", 0.0));
        assertThrows(UnsupportedOperationException.class, () -> MODEL.spec().inputNames().set(0, "z"));
        double[] row = SharedModel.DATA.x[0].clone();
        double p = MODEL.predict(row);
        row[0] = 99;
        assertEquals(p, MODEL.predict(SharedModel.DATA.x[0]));
        assertArrayEquals(before, MODEL.predictAll(SharedModel.DATA.x));
        assertEquals(List.of("a", "b", "c"), List.copyOf(params.keySet()));
    }

    @Test
    void badRowsAndNamesAreRefused() {
        assertEquals("expected 5 inputs [x1, x2, x3, x4, x5], got 3",
                assertThrows(IllegalArgumentException.class, () -> MODEL.predict(new double[3])).getMessage());
        assertEquals("input x3 (column 2) is NaN", assertThrows(IllegalArgumentException.class,
                () -> MODEL.predict(new double[] {0, 0, Double.NaN, 0, 0})).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MODEL.parameter("alpha")).getMessage()
                .contains("unknown parameter \"alpha\""));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MODEL.penaltyResiduals("cap")).getMessage()
                .contains("unknown penalty \"cap\""));
    }
}
