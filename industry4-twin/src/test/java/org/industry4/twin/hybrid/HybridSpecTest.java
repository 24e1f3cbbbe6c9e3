package org.industry4.twin.hybrid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class HybridSpecTest {

    private static final List<String> IN = List.of("x1", "x2");
    private static final List<PhysicalParameter> PARAMS = List.of(new PhysicalParameter("a", 1, 0, 2));
    private static final Expr PHYSICS = Expr.param("a").times(Expr.input("x1"));

    private static String fails(Executable e) {
        return assertThrows(IllegalArgumentException.class, e).getMessage();
    }

    @Test
    void aValidSpecKeepsItsParts() {
        HybridSpec spec = new HybridSpec(IN, "y", PHYSICS, PARAMS, List.of("x2"), List.of());
        assertEquals(List.of("a"), spec.parameterNames());
        assertEquals(PARAMS.get(0), spec.parameter("a"));
        HybridSpec ml = HybridSpec.pureMl(IN, "y");
        assertEquals(IN, ml.correctionInputs());
        assertTrue(ml.parameters().isEmpty());
    }

    @Test
    void theCorrectionFactorIsOneUnlessStatedAndReadsInputsOnly() {
        HybridSpec plain = new HybridSpec(IN, "y", PHYSICS, PARAMS, List.of("x2"), List.of());
        assertEquals(Expr.constant(1), plain.correctionFactor());
        assertFalse(plain.hasCorrectionFactor());
        HybridSpec scaled = new HybridSpec(IN, "y", PHYSICS, PARAMS, List.of("x2"), List.of(), Expr.input("x1").div(1000));
        assertTrue(scaled.hasCorrectionFactor());
        String m = fails(() -> new HybridSpec(IN, "y", PHYSICS, PARAMS, IN, List.of(), Expr.input("x9")));
        assertTrue(m.contains("the correction factor reads input \"x9\"") && m.contains("not declared"), m);
        m = fails(() -> new HybridSpec(IN, "y", PHYSICS, PARAMS, IN, List.of(), Expr.input("y")));
        assertTrue(m.contains("the correction factor reads the output \"y\""), m);
        m = fails(() -> new HybridSpec(IN, "y", PHYSICS, PARAMS, IN, List.of(), Expr.param("a").times(Expr.input("x1"))));
        assertEquals("the correction factor reads parameters [a]; it may read inputs and constants only", m);
        assertThrows(NullPointerException.class, () -> new HybridSpec(IN, "y", PHYSICS, PARAMS, IN, List.of(), null));
    }

    @Test
    void namesTheExprUsesButDoesNotDeclare() {
        String m = fails(() -> new HybridSpec(IN, "y", PHYSICS.plus(Expr.input("x9")), PARAMS, IN, List.of()));
        assertTrue(m.contains("\"x9\"") && m.contains("not declared"), m);
        m = fails(() -> new HybridSpec(IN, "y", PHYSICS.times(Expr.param("b")), PARAMS, IN, List.of()));
        assertTrue(m.contains("\"b\"") && m.contains("not declared"), m);
        m = fails(() -> new HybridSpec(IN, "y", PHYSICS, PARAMS, List.of("x3"), List.of()));
        assertTrue(m.contains("\"x3\""), m);
        m = fails(() -> new HybridSpec(IN, "y", PHYSICS.plus(Expr.input("y")), PARAMS, IN, List.of()));
        assertTrue(m.contains("the physics reads the output \"y\""), m);
        Penalty p = Penalty.equality("bc", Expr.input("z").minus(Expr.input("y")), 1, new double[][] {{0, 0}});
        m = fails(() -> new HybridSpec(IN, "y", PHYSICS, PARAMS, IN, List.of(p)));
        assertTrue(m.contains("penalty bc") && m.contains("\"z\""), m);
    }

    @Test
    void duplicatesUnusedParametersAndClashingNamesAreRefused() {
        assertTrue(fails(() -> new HybridSpec(List.of("x1", "x1"), "y", PHYSICS, PARAMS, List.of(), List.of()))
                .contains("duplicate input name \"x1\""));
        assertTrue(fails(() -> new HybridSpec(IN, "x1", PHYSICS, PARAMS, IN, List.of()))
                .contains("outputName \"x1\" is also an input name"));
        List<PhysicalParameter> two = List.of(PARAMS.get(0), new PhysicalParameter("a", 1, 0, 3));
        assertTrue(fails(() -> new HybridSpec(IN, "y", PHYSICS, two, IN, List.of()))
                .contains("duplicate parameter name \"a\""));
        List<PhysicalParameter> unused = List.of(PARAMS.get(0), new PhysicalParameter("b", 1, 0, 3));
        assertTrue(fails(() -> new HybridSpec(IN, "y", PHYSICS, unused, IN, List.of()))
                .contains("parameter b is declared but neither"));
        assertTrue(fails(() -> new HybridSpec(List.of(), "y", Expr.constant(0), List.of(), List.of(), List.of()))
                .contains("at least 1 input"));
    }

    @Test
    void collocationRowsMustBeAsWideAsTheInputs() {
        Penalty p = Penalty.inequality("cap", Expr.input("y").minus(1), 1, new double[][] {{0, 0}, {1}});
        String m = fails(() -> new HybridSpec(IN, "y", PHYSICS, PARAMS, IN, List.of(p)));
        assertTrue(m.contains("penalty cap") && m.contains("collocation row 1 has 1 values, expected 2"), m);
    }

    @Test
    void penaltiesValidateTheirOwnFields() {
        assertTrue(fails(() -> Penalty.equality("p", Expr.constant(0), -1, new double[][] {{0}}))
                .contains("weight must be finite and >= 0, got -1.0"));
        assertTrue(fails(() -> Penalty.equality("p", Expr.constant(0), 1, new double[0][]))
                .contains("at least 1 collocation point"));
        assertTrue(fails(() -> Penalty.equality("p", Expr.constant(0), 1, new double[][] {{0, Double.NaN}}))
                .contains("collocation row 0, column 1 is NaN"));
    }
}
