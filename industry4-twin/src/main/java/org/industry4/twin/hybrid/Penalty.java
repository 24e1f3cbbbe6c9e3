package org.industry4.twin.hybrid;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A physics penalty added to a hybrid model's training loss: a residual {@link Expr} evaluated at
 * fixed collocation points (input rows that need no measured output).
 * <ul>
 *   <li>{@link Kind#EQUALITY}: adds {@code weight * mean(residual^2)}: the residual should be 0
 *   (an equation the physics or the whole model must satisfy, a boundary condition).</li>
 *   <li>{@link Kind#INEQUALITY}: adds {@code weight * mean(relu(residual)^2)}: the constraint is
 *   {@code residual <= 0}, and only violations cost.</li>
 * </ul>
 * The residual may read the inputs and parameters of the {@link HybridSpec}, and the input named
 * {@link HybridSpec#outputName()}, which stands for the model's whole prediction (physics plus
 * correction) at that point; that is how a constraint on the output is stated
 * ({@code Expr.input("growth").minus(0.05)} with {@code INEQUALITY}: growth at most 0.05). The
 * residual is in its own units (not scaled by the target's spread), so the weight sets its scale.
 *
 * @param name              names the penalty in logs and errors; not blank
 * @param residual          the residual
 * @param kind              equality or inequality
 * @param weight            the penalty's weight, finite and {@code >= 0}
 * @param collocationInputs the points, one row per point, columns in the order of
 *                          {@link HybridSpec#inputNames()} (checked by the spec); at least one row;
 *                          copied
 */
public record Penalty(String name, Expr residual, Kind kind, double weight, double[][] collocationInputs) {

    /** How the residual is penalised. */
    public enum Kind {
        /** {@code weight * mean(residual^2)}: residual = 0. */
        EQUALITY,
        /** {@code weight * mean(relu(residual)^2)}: residual <= 0. */
        INEQUALITY
    }

    public Penalty {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(residual, "residual");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(collocationInputs, "collocationInputs");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a penalty name must not be blank, got \"" + name + "\"");
        }
        if (!(weight >= 0 && Double.isFinite(weight))) {
            throw new IllegalArgumentException("penalty " + name + ": weight must be finite and >= 0, got " + weight);
        }
        if (collocationInputs.length == 0) {
            throw new IllegalArgumentException("penalty " + name + ": needs at least 1 collocation point, got 0");
        }
        double[][] copy = new double[collocationInputs.length][];
        for (int i = 0; i < copy.length; i++) {
            double[] row = Objects.requireNonNull(collocationInputs[i], "collocation row " + i);
            for (int j = 0; j < row.length; j++) {
                if (!Double.isFinite(row[j])) {
                    throw new IllegalArgumentException("penalty " + name + ": collocation row " + i + ", column " + j
                            + " is " + row[j]);
                }
            }
            copy[i] = row.clone();
        }
        collocationInputs = copy;
    }

    /** An equality penalty {@code weight * mean(residual^2)}. */
    public static Penalty equality(String name, Expr residual, double weight, double[][] collocationInputs) {
        return new Penalty(name, residual, Kind.EQUALITY, weight, collocationInputs);
    }

    /** An inequality penalty {@code weight * mean(relu(residual)^2)}: the constraint {@code residual <= 0}. */
    public static Penalty inequality(String name, Expr residual, double weight, double[][] collocationInputs) {
        return new Penalty(name, residual, Kind.INEQUALITY, weight, collocationInputs);
    }

    /** A copy of the collocation points. */
    @Override
    public double[][] collocationInputs() {
        double[][] copy = new double[collocationInputs.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = collocationInputs[i].clone();
        }
        return copy;
    }

    /** The number of collocation points. */
    public int points() {
        return collocationInputs.length;
    }

    double[] row(int i) {
        return collocationInputs[i];
    }

    /** The penalty of one residual value: {@code r^2} or {@code relu(r)^2}, before the weight and the mean. */
    double cost(double r) {
        double v = kind == Kind.EQUALITY ? r : Math.max(0.0, r);
        return v * v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Penalty p && name.equals(p.name) && residual.equals(p.residual) && kind == p.kind
                && Double.compare(weight, p.weight) == 0 && Arrays.deepEquals(collocationInputs, p.collocationInputs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, residual, kind, weight, Arrays.deepHashCode(collocationInputs));
    }

    @Override
    public String toString() {
        return "Penalty[" + name + ", " + kind.name().toLowerCase(Locale.ROOT) + ", " + residual + ", weight " + weight
                + ", " + collocationInputs.length + " points]";
    }
}
