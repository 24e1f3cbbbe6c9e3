package org.industry4.twin.hybrid;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a hybrid model is:
 * {@code output = physics(inputs; parameters) + correctionFactor(inputs) * correction(correctionInputs)},
 * with the physics an {@link Expr}, its learnable bounded {@link PhysicalParameter}s, a neural
 * correction reading a subset of the inputs, an optional known factor it is multiplied by (1 unless
 * stated), and physics {@link Penalty}s on the training loss.
 * <p>
 * The factor puts known structure into the correction. A heat source the physics lacks but knows
 * the form of, such as a drag torque whose heat is torque times speed, is written as
 * {@code correctionFactor = speed}: the network then learns the torque, a smoother function that
 * a network continues more faithfully beyond the training range than the heat itself.
 * <p>
 * A pure-ML model is a spec with physics {@code Expr.constant(0)} and no parameters
 * ({@link #pureMl}); a physics-only fit uses {@link HybridOptions#withoutCorrection()}.
 *
 * @param inputNames       the columns of every input row, in order; at least one, no blanks, no
 *                         duplicates
 * @param outputName       the predicted quantity; not an input name. In a penalty's residual,
 *                         {@code Expr.input(outputName)} is the model's prediction
 * @param physics          the physics; may read only declared inputs and parameters (never the output)
 * @param parameters       the learnable parameters; unique names, each used by the physics or a penalty
 * @param correctionInputs the inputs the neural correction reads, a subset of {@code inputNames}
 *                         without duplicates; may be empty only for a physics-only fit
 * @param penalties        physics penalties; unique names, residuals reading only declared names,
 *                         collocation rows as wide as {@code inputNames}
 * @param correctionFactor what the correction network's output is multiplied by; may read declared
 *                         inputs and constants only (no parameters, not the output), so it is known
 *                         before training. {@code Expr.constant(1)} for a plain additive correction
 * @throws IllegalArgumentException naming the offending name or value when any of this fails
 */
public record HybridSpec(List<String> inputNames, String outputName, Expr physics, List<PhysicalParameter> parameters,
                         List<String> correctionInputs, List<Penalty> penalties, Expr correctionFactor) {

    /** A spec whose correction is added as it is (factor 1). */
    public HybridSpec(List<String> inputNames, String outputName, Expr physics, List<PhysicalParameter> parameters,
                      List<String> correctionInputs, List<Penalty> penalties) {
        this(inputNames, outputName, physics, parameters, correctionInputs, penalties, Expr.constant(1));
    }

    public HybridSpec {
        inputNames = List.copyOf(Objects.requireNonNull(inputNames, "inputNames"));
        Objects.requireNonNull(outputName, "outputName");
        Objects.requireNonNull(physics, "physics");
        parameters = List.copyOf(Objects.requireNonNull(parameters, "parameters"));
        correctionInputs = List.copyOf(Objects.requireNonNull(correctionInputs, "correctionInputs"));
        penalties = List.copyOf(Objects.requireNonNull(penalties, "penalties"));
        Objects.requireNonNull(correctionFactor, "correctionFactor");
        if (inputNames.isEmpty()) {
            throw new IllegalArgumentException("a hybrid spec needs at least 1 input name, got none");
        }
        Set<String> inputs = unique(inputNames, "input name");
        for (String name : inputNames) {
            if (name.isBlank()) {
                throw new IllegalArgumentException("input names must not be blank, got \"" + name + "\"");
            }
        }
        if (outputName.isBlank()) {
            throw new IllegalArgumentException("outputName must not be blank, got \"" + outputName + "\"");
        }
        if (inputs.contains(outputName)) {
            throw new IllegalArgumentException("outputName \"" + outputName + "\" is also an input name");
        }
        List<String> paramNames = new ArrayList<>();
        for (PhysicalParameter p : parameters) {
            paramNames.add(Objects.requireNonNull(p, "parameter").name());
        }
        Set<String> params = unique(paramNames, "parameter name");
        for (String name : physics.inputs()) {
            if (name.equals(outputName)) {
                throw new IllegalArgumentException("the physics reads the output \"" + outputName
                        + "\"; only a penalty's residual may");
            }
            requireKnown(name, inputs, "the physics reads input", "inputNames " + inputNames);
        }
        for (String name : physics.params()) {
            requireKnown(name, params, "the physics reads parameter", "parameters " + paramNames);
        }
        for (String name : correctionFactor.inputs()) {
            if (name.equals(outputName)) {
                throw new IllegalArgumentException("the correction factor reads the output \"" + outputName
                        + "\"; only a penalty's residual may");
            }
            requireKnown(name, inputs, "the correction factor reads input", "inputNames " + inputNames);
        }
        if (!correctionFactor.params().isEmpty()) {
            throw new IllegalArgumentException("the correction factor reads parameters " + correctionFactor.params()
                    + "; it may read inputs and constants only");
        }
        unique(correctionInputs, "correction input");
        for (String name : correctionInputs) {
            requireKnown(name, inputs, "correctionInputs names", "inputNames " + inputNames);
        }
        List<String> penaltyNames = new ArrayList<>();
        Set<String> used = new HashSet<>(physics.params());
        for (Penalty penalty : penalties) {
            Objects.requireNonNull(penalty, "penalty");
            penaltyNames.add(penalty.name());
            for (String name : penalty.residual().inputs()) {
                if (!name.equals(outputName)) {
                    requireKnown(name, inputs, "penalty " + penalty.name() + " reads input",
                            "inputNames " + inputNames + " and the output \"" + outputName + "\"");
                }
            }
            for (String name : penalty.residual().params()) {
                requireKnown(name, params, "penalty " + penalty.name() + " reads parameter", "parameters " + paramNames);
            }
            used.addAll(penalty.residual().params());
            for (int i = 0; i < penalty.points(); i++) {
                if (penalty.row(i).length != inputNames.size()) {
                    throw new IllegalArgumentException("penalty " + penalty.name() + ": collocation row " + i
                            + " has " + penalty.row(i).length + " values, expected " + inputNames.size() + " "
                            + inputNames);
                }
            }
        }
        unique(penaltyNames, "penalty name");
        for (String name : paramNames) {
            if (!used.contains(name)) {
                throw new IllegalArgumentException("parameter " + name
                        + " is declared but neither the physics nor a penalty reads it");
            }
        }
    }

    /**
     * A pure-ML spec: physics {@code constant(0)}, no parameters, the correction reading every input,
     * no penalties.
     */
    public static HybridSpec pureMl(List<String> inputNames, String outputName) {
        return new HybridSpec(inputNames, outputName, Expr.constant(0), List.of(), inputNames, List.of());
    }

    private static Set<String> unique(List<String> names, String what) {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            Objects.requireNonNull(name, what);
            if (!seen.add(name)) {
                throw new IllegalArgumentException("duplicate " + what + " \"" + name + "\"");
            }
        }
        return seen;
    }

    private static void requireKnown(String name, Set<String> known, String what, String declared) {
        if (!known.contains(name)) {
            throw new IllegalArgumentException(what + " \"" + name + "\", which is not declared; declared: " + declared);
        }
    }

    /** Whether the correction is multiplied by a factor other than the constant 1. */
    public boolean hasCorrectionFactor() {
        return !correctionFactor.equals(Expr.constant(1));
    }

    /** The names of the parameters, in order. */
    public List<String> parameterNames() {
        return parameters.stream().map(PhysicalParameter::name).toList();
    }

    /** The parameter called {@code name}. */
    public PhysicalParameter parameter(String name) {
        for (PhysicalParameter p : parameters) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown parameter \"" + name + "\"; parameters are " + parameterNames());
    }

    /** The binding of {@link #inputNames()} and the parameters (what the physics reads). */
    Binding binding() {
        return new Binding(inputNames, parameterNames());
    }

    /** The binding of a penalty residual: the inputs, then the output, and the parameters. */
    Binding penaltyBinding() {
        List<String> names = new ArrayList<>(inputNames);
        names.add(outputName);
        return new Binding(names, parameterNames());
    }
}
