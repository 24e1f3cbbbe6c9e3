package org.industry4.twin.hybrid;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.industry4.core.ModelFormatException;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A small arithmetic expression over named inputs, named physical parameters and constants: the
 * physics of a hybrid model and the residuals of its penalties. One definition has two evaluators
 * that compute the same function: {@link #evaluate} in plain Java (prediction, no native library)
 * and a SameDiff graph built by the trainer (training, with gradients for the parameters).
 *
 * <pre>{@code
 * Expr growth = Expr.param("alpha").times(Expr.input("length")).times(Expr.input("dT"))
 *         .times(Expr.constant(1).minus(Expr.input("t").div(Expr.param("tau")).neg().exp()));
 * }</pre>
 *
 * Immutable and thread-safe. {@code equals} is structural.
 */
public final class Expr {

    /** The operation of a node. Stable names: saved model files refer to them. */
    enum Op {
        INPUT(0), PARAM(0), CONSTANT(0),
        PLUS(2), MINUS(2), TIMES(2), DIV(2),
        NEG(1), EXP(1), LOG(1), SQUARE(1), SQRT(1), RELU(1), TANH(1), SIGMOID(1);

        final int arity;

        Op(int arity) {
            this.arity = arity;
        }
    }

    /** Deeper expressions are refused when read from a file (a sign of damage, and a stack guard). */
    static final int MAX_DEPTH = 200;

    private final Op op;
    private final String name;
    private final double value;
    private final Expr a;
    private final Expr b;

    private Expr(Op op, String name, double value, Expr a, Expr b) {
        this.op = op;
        this.name = name;
        this.value = value;
        this.a = a;
        this.b = b;
    }

    /** The value of the input called {@code name}. */
    public static Expr input(String name) {
        return new Expr(Op.INPUT, checkName(name, "input"), 0, null, null);
    }

    /** The value of the physical parameter called {@code name} (see {@link PhysicalParameter}). */
    public static Expr param(String name) {
        return new Expr(Op.PARAM, checkName(name, "parameter"), 0, null, null);
    }

    /**
     * The constant {@code v}.
     *
     * @throws IllegalArgumentException if {@code v} is NaN or infinite
     */
    public static Expr constant(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("an Expr constant must be finite, got " + v);
        }
        return new Expr(Op.CONSTANT, null, v, null, null);
    }

    private static String checkName(String name, String what) {
        Objects.requireNonNull(name, what + " name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("an Expr " + what + " name must not be blank, got \"" + name + "\"");
        }
        return name;
    }

    private static Expr binary(Op op, Expr a, Expr b) {
        return new Expr(op, null, 0, a, Objects.requireNonNull(b, "operand"));
    }

    private Expr unary(Op op) {
        return new Expr(op, null, 0, this, null);
    }

    /** {@code this + o}. */
    public Expr plus(Expr o) {
        return binary(Op.PLUS, this, o);
    }

    /** {@code this + v}. */
    public Expr plus(double v) {
        return plus(constant(v));
    }

    /** {@code this - o}. */
    public Expr minus(Expr o) {
        return binary(Op.MINUS, this, o);
    }

    /** {@code this - v}. */
    public Expr minus(double v) {
        return minus(constant(v));
    }

    /** {@code this * o}. */
    public Expr times(Expr o) {
        return binary(Op.TIMES, this, o);
    }

    /** {@code this * v}. */
    public Expr times(double v) {
        return times(constant(v));
    }

    /** {@code this / o}. */
    public Expr div(Expr o) {
        return binary(Op.DIV, this, o);
    }

    /** {@code this / v}. */
    public Expr div(double v) {
        return div(constant(v));
    }

    /** {@code -this}. */
    public Expr neg() {
        return unary(Op.NEG);
    }

    /** {@code e^this}. */
    public Expr exp() {
        return unary(Op.EXP);
    }

    /** The natural logarithm of {@code this}. */
    public Expr log() {
        return unary(Op.LOG);
    }

    /** {@code this^2}. */
    public Expr square() {
        return unary(Op.SQUARE);
    }

    /** The square root of {@code this}. */
    public Expr sqrt() {
        return unary(Op.SQRT);
    }

    /** {@code max(0, this)}. */
    public Expr relu() {
        return unary(Op.RELU);
    }

    /** The hyperbolic tangent of {@code this}. */
    public Expr tanh() {
        return unary(Op.TANH);
    }

    /** The logistic function {@code 1 / (1 + e^-this)}. */
    public Expr sigmoid() {
        return unary(Op.SIGMOID);
    }

    /** The names of the inputs this expression reads, in first-use order. */
    public Set<String> inputs() {
        Set<String> names = new LinkedHashSet<>();
        collect(Op.INPUT, names);
        return Collections.unmodifiableSet(names);
    }

    /** The names of the parameters this expression reads, in first-use order. */
    public Set<String> params() {
        Set<String> names = new LinkedHashSet<>();
        collect(Op.PARAM, names);
        return Collections.unmodifiableSet(names);
    }

    private void collect(Op kind, Set<String> names) {
        if (op == kind) {
            names.add(name);
        }
        if (a != null) {
            a.collect(kind, names);
        }
        if (b != null) {
            b.collect(kind, names);
        }
    }

    /**
     * The value of this expression in plain Java.
     *
     * @param inputs the input values, positioned as {@code binding.inputNames()}
     * @param params the parameter values, positioned as {@code binding.paramNames()}
     * @throws IllegalArgumentException if the expression reads a name the binding lacks (the
     *                                  message names it), or an array is shorter than its names
     */
    public double evaluate(double[] inputs, double[] params, Binding binding) {
        Objects.requireNonNull(binding, "binding");
        if (inputs.length != binding.inputNames().size()) {
            throw new IllegalArgumentException("expected " + binding.inputNames().size() + " inputs "
                    + binding.inputNames() + ", got " + inputs.length);
        }
        if (params.length != binding.paramNames().size()) {
            throw new IllegalArgumentException("expected " + binding.paramNames().size() + " parameters "
                    + binding.paramNames() + ", got " + params.length);
        }
        return compile(binding).evaluate(inputs, params);
    }

    /** An evaluator with every name resolved to its position once. */
    @FunctionalInterface
    interface Compiled {
        double evaluate(double[] inputs, double[] params);
    }

    /** This expression with names resolved against {@code binding}, for repeated evaluation. */
    Compiled compile(Binding binding) {
        switch (op) {
            case INPUT: {
                int i = binding.inputIndex(name);
                return (x, p) -> x[i];
            }
            case PARAM: {
                int i = binding.paramIndex(name);
                return (x, p) -> p[i];
            }
            case CONSTANT: {
                double v = value;
                return (x, p) -> v;
            }
            default:
                break;
        }
        Compiled ca = a.compile(binding);
        Compiled cb = b == null ? null : b.compile(binding);
        return switch (op) {
            case PLUS -> (x, p) -> ca.evaluate(x, p) + cb.evaluate(x, p);
            case MINUS -> (x, p) -> ca.evaluate(x, p) - cb.evaluate(x, p);
            case TIMES -> (x, p) -> ca.evaluate(x, p) * cb.evaluate(x, p);
            case DIV -> (x, p) -> ca.evaluate(x, p) / cb.evaluate(x, p);
            case NEG -> (x, p) -> -ca.evaluate(x, p);
            case EXP -> (x, p) -> Math.exp(ca.evaluate(x, p));
            case LOG -> (x, p) -> Math.log(ca.evaluate(x, p));
            case SQUARE -> (x, p) -> {
                double v = ca.evaluate(x, p);
                return v * v;
            };
            case SQRT -> (x, p) -> Math.sqrt(ca.evaluate(x, p));
            case RELU -> (x, p) -> Math.max(0.0, ca.evaluate(x, p));
            case TANH -> (x, p) -> Math.tanh(ca.evaluate(x, p));
            case SIGMOID -> (x, p) -> 1.0 / (1.0 + Math.exp(-ca.evaluate(x, p)));
            default -> throw new IllegalStateException("unexpected op " + op);
        };
    }

    /**
     * This expression as a SameDiff graph (double precision).
     *
     * @param inputs gives the variable of an input name (a column {@code [n, 1]}); throws
     *               {@link IllegalArgumentException} for an unknown name
     * @param params gives the variable of a parameter name (a scalar)
     */
    SDVariable toSameDiff(SameDiff sd, Function<String, SDVariable> inputs, Function<String, SDVariable> params) {
        switch (op) {
            case INPUT:
                return Objects.requireNonNull(inputs.apply(name), name);
            case PARAM:
                return Objects.requireNonNull(params.apply(name), name);
            case CONSTANT:
                return sd.constant(Nd4j.scalar(DataType.DOUBLE, value));
            default:
                break;
        }
        SDVariable va = a.toSameDiff(sd, inputs, params);
        SDVariable vb = b == null ? null : b.toSameDiff(sd, inputs, params);
        return switch (op) {
            case PLUS -> va.add(vb);
            case MINUS -> va.sub(vb);
            case TIMES -> va.mul(vb);
            case DIV -> va.div(vb);
            case NEG -> va.neg();
            case EXP -> sd.math().exp(va);
            case LOG -> sd.math().log(va);
            case SQUARE -> sd.math().square(va);
            case SQRT -> sd.math().sqrt(va);
            case RELU -> sd.nn().relu(va, 0.0);
            case TANH -> sd.math().tanh(va);
            case SIGMOID -> sd.nn().sigmoid(va);
            default -> throw new IllegalStateException("unexpected op " + op);
        };
    }

    /** Writes this expression in prefix order: op name, then a name, a value or the operands. */
    void write(DataOutputStream out) throws IOException {
        out.writeUTF(op.name());
        switch (op) {
            case INPUT, PARAM -> out.writeUTF(name);
            case CONSTANT -> out.writeDouble(value);
            default -> {
                a.write(out);
                if (b != null) {
                    b.write(out);
                }
            }
        }
    }

    /** Reads what {@link #write} wrote. */
    static Expr read(DataInputStream in, String source) throws IOException {
        return read(in, source, 0);
    }

    private static Expr read(DataInputStream in, String source, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new ModelFormatException(source + " has an expression deeper than " + MAX_DEPTH);
        }
        String opName = in.readUTF();
        Op op;
        try {
            op = Op.valueOf(opName);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(source + " has an unknown expression operation \"" + opName + "\"", e);
        }
        return switch (op) {
            case INPUT -> input(in.readUTF());
            case PARAM -> param(in.readUTF());
            case CONSTANT -> constant(in.readDouble());
            default -> {
                Expr a = read(in, source, depth + 1);
                yield op.arity == 2 ? binary(op, a, read(in, source, depth + 1)) : a.unary(op);
            }
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Expr e && op == e.op && Objects.equals(name, e.name)
                && Double.doubleToLongBits(value) == Double.doubleToLongBits(e.value)
                && Objects.equals(a, e.a) && Objects.equals(b, e.b);
    }

    @Override
    public int hashCode() {
        return Objects.hash(op, name, value, a, b);
    }

    /** A fully parenthesised infix form, e.g. {@code (a * x1)}. */
    @Override
    public String toString() {
        return switch (op) {
            case INPUT, PARAM -> name;
            case CONSTANT -> Double.toString(value);
            case PLUS -> "(" + a + " + " + b + ")";
            case MINUS -> "(" + a + " - " + b + ")";
            case TIMES -> "(" + a + " * " + b + ")";
            case DIV -> "(" + a + " / " + b + ")";
            case NEG -> "-" + a;
            default -> op.name().toLowerCase(java.util.Locale.ROOT) + "(" + a + ")";
        };
    }
}
