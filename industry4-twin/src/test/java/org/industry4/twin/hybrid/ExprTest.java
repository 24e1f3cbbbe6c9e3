package org.industry4.twin.hybrid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExprTest {

    private static final Binding BINDING = new Binding(List.of("x", "t"), List.of("k", "tau"));

    @Test
    void evaluatesInPlainJava() {
        Expr e = Expr.param("k").times(Expr.input("x")).times(
                Expr.constant(1).minus(Expr.input("t").div(Expr.param("tau")).neg().exp()));
        double expected = 2.0 * 3.0 * (1 - Math.exp(-4.0 / 5.0));
        assertEquals(expected, e.evaluate(new double[] {3, 4}, new double[] {2, 5}, BINDING), 1e-15);
        assertEquals(9.0, Expr.input("x").square().evaluate(new double[] {3, 0}, new double[] {0, 0}, BINDING));
        assertEquals(0.0, Expr.input("x").relu().evaluate(new double[] {-3, 0}, new double[] {0, 0}, BINDING));
        assertEquals(2.0, Expr.input("x").sqrt().evaluate(new double[] {4, 0}, new double[] {0, 0}, BINDING));
        assertEquals(4.5, Expr.input("x").plus(2).minus(1).times(2).div(2).plus(1.5)
                .evaluate(new double[] {2, 0}, new double[] {0, 0}, BINDING), 1e-15);
    }

    @Test
    void listsTheNamesItReads() {
        Expr e = Expr.param("k").times(Expr.input("x")).plus(Expr.input("t").div(Expr.param("k")));
        assertEquals(Set.of("x", "t"), e.inputs());
        assertEquals(Set.of("k"), e.params());
        assertEquals(List.of("x", "t"), List.copyOf(e.inputs()), "first-use order");
    }

    @Test
    void anUnknownNameIsAnErrorNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Expr.input("speed").evaluate(new double[] {1, 2}, new double[] {1, 2}, BINDING));
        assertTrue(e.getMessage().contains("\"speed\""), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Expr.param("alpha").evaluate(new double[] {1, 2}, new double[] {1, 2}, BINDING));
        assertTrue(e.getMessage().contains("\"alpha\""), e.getMessage());
    }

    @Test
    void arraysOfTheWrongLengthAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Expr.input("x").evaluate(new double[] {1}, new double[] {1, 2}, BINDING));
        assertTrue(e.getMessage().contains("expected 2 inputs"), e.getMessage());
    }

    @Test
    void constantsAndNamesAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> Expr.constant(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Expr.constant(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> Expr.input(" "));
        assertThrows(NullPointerException.class, () -> Expr.param(null));
        assertThrows(IllegalArgumentException.class, () -> new Binding(List.of("x", "x"), List.of()));
    }

    @Test
    void equalityIsStructuralAndToStringIsReadable() {
        Expr a = Expr.param("k").times(Expr.input("x")).exp();
        Expr b = Expr.param("k").times(Expr.input("x")).exp();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, Expr.param("k").times(Expr.input("t")).exp());
        assertEquals("exp((k * x))", a.toString());
    }
}
