package org.industry4.twin.thermal;

import static org.industry4.twin.sim.SpindleThermalPhysics.AMBIENT;
import static org.industry4.twin.sim.SpindleThermalPhysics.COOLANT;
import static org.industry4.twin.sim.SpindleThermalPhysics.GROWTH;
import static org.industry4.twin.sim.SpindleThermalPhysics.LOAD;
import static org.industry4.twin.sim.SpindleThermalPhysics.SPEED;
import static org.industry4.twin.sim.SpindleThermalPhysics.TEMPERATURE;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.industry4.twin.dynamics.StateSpaceModel;
import org.industry4.twin.hybrid.HybridModel;

/**
 * A trained spindle thermal twin: a {@link StateSpaceModel} whose temperature derivative is a
 * {@link HybridModel} of the heating and whose thermal growth is a second one, so it plugs into
 * {@link org.industry4.twin.dynamics.Simulator}, {@link org.industry4.twin.whatif.WhatIf},
 * {@link org.industry4.twin.whatif.SetpointOptimiser} and
 * {@link org.industry4.twin.online.TwinFollower}.
 *
 * <p>Names as {@link org.industry4.twin.sim.SpindleThermalPhysics}: state {@code spindle_temp} (C);
 * inputs {@code spindle_speed} (rpm), {@code load} (0..1), {@code ambient_temp} (C),
 * {@code coolant} (0/1); output {@code growth_um} (micrometres). The heating model reads
 * {@link #HEATING_INPUTS} and predicts {@value #HEATING} in K/s; the growth model reads the
 * temperature and the time since the start ({@value #TIME}, the {@code t} of
 * {@link #output(double, double[], double[], double[])}), so that a correction can learn a slow
 * drift. Immutable and thread-safe. Built by {@link SpindleThermalTwinTrainer}.
 */
public final class SpindleThermalTwin implements StateSpaceModel {

    /** The heating model's output: the temperature derivative, K/s. */
    public static final String HEATING = "d_spindle_temp_dt";
    /** The heating model's inputs, in order. */
    public static final List<String> HEATING_INPUTS = List.of(SPEED, LOAD, AMBIENT, COOLANT, TEMPERATURE);
    /** The time input of the growth model: seconds since the twin started (slow drift is a function of it). */
    public static final String TIME = "time";
    /** The growth model's inputs, in order. */
    public static final List<String> GROWTH_INPUTS = List.of(TEMPERATURE, TIME);

    /** Heating parameter: K/s per 1000 rpm ({@code k_n 1000 / C}). */
    public static final String SPEED_GAIN = "speed_gain";
    /** Heating parameter: K/s per 1000 rpm at full load ({@code k_l 1000 / C}). */
    public static final String LOAD_GAIN = "load_gain";
    /** Heating parameter: the thermal time constant without coolant, s ({@code C / h}). */
    public static final String TIME_CONSTANT = "time_constant";
    /** Heating parameter: coolant multiplies the heat loss by {@code 1 + coolant_factor}. */
    public static final String COOLANT_FACTOR = "coolant_factor";
    /** Growth parameter: micrometres per kelvin above the reference temperature ({@code alpha Ls}). */
    public static final String GROWTH_PER_KELVIN = "growth_per_kelvin";

    private static final List<String> STATES = List.of(TEMPERATURE);
    private static final List<String> INPUTS = List.of(SPEED, LOAD, AMBIENT, COOLANT);
    private static final List<String> OUTPUTS = List.of(GROWTH);

    private final SpindleTwinVariant variant;
    private final HybridModel heating;
    private final HybridModel growth;

    /**
     * A twin from its two models.
     *
     * @throws IllegalArgumentException if the models do not read and predict the names above
     */
    public SpindleThermalTwin(SpindleTwinVariant variant, HybridModel heating, HybridModel growth) {
        this.variant = Objects.requireNonNull(variant, "variant");
        this.heating = Objects.requireNonNull(heating, "heating");
        this.growth = Objects.requireNonNull(growth, "growth");
        require("heating", heating, HEATING_INPUTS, HEATING);
        require("growth", growth, GROWTH_INPUTS, GROWTH);
    }

    private static void require(String what, HybridModel m, List<String> inputs, String output) {
        if (!m.spec().inputNames().equals(inputs) || !m.spec().outputName().equals(output)) {
            throw new IllegalArgumentException("the " + what + " model must read " + inputs + " and predict " + output
                    + ", got " + m.spec().inputNames() + " -> " + m.spec().outputName());
        }
    }

    public SpindleTwinVariant variant() {
        return variant;
    }

    /** The model of the temperature derivative (K/s). */
    public HybridModel heating() {
        return heating;
    }

    /** The model of the thermal growth (micrometres). */
    public HybridModel growth() {
        return growth;
    }

    /** The same twin without the neural correction (its physics with the fitted parameters). */
    public SpindleThermalTwin physicsOnly() {
        if (variant == SpindleTwinVariant.PURE_ML) {
            throw new IllegalStateException("a pure-ML twin has no physics");
        }
        return new SpindleThermalTwin(SpindleTwinVariant.PHYSICS_ONLY, heating.withoutCorrection(),
                growth.withoutCorrection());
    }

    /** The fitted physical parameters of both models by name (empty for pure ML). */
    public Map<String, Double> physicalParameters() {
        Map<String, Double> out = new LinkedHashMap<>(heating.parameters());
        out.putAll(growth.parameters());
        return out;
    }

    /** The heating row the models read: the inputs in {@link #HEATING_INPUTS} order. */
    public static double[] heatingRow(double[] u, double temperature) {
        return new double[] {u[0], u[1], u[2], u[3], temperature};
    }

    @Override
    public List<String> stateNames() {
        return STATES;
    }

    @Override
    public List<String> inputNames() {
        return INPUTS;
    }

    @Override
    public List<String> outputNames() {
        return OUTPUTS;
    }

    @Override
    public void derivative(double t, double[] x, double[] u, double[] dxdt) {
        dxdt[0] = heating.predict(heatingRow(u, x[0]));
    }

    @Override
    public void output(double t, double[] x, double[] u, double[] y) {
        y[0] = growth.predict(new double[] {x[0], t});
    }

    @Override
    public String toString() {
        return "SpindleThermalTwin[" + variant + ", " + physicalParameters() + "]";
    }
}
