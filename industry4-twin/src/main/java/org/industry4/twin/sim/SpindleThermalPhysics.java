package org.industry4.twin.sim;

import java.util.List;
import java.util.Objects;
import org.industry4.twin.dynamics.StateSpaceModel;

/**
 * The physics-only spindle thermal model, what an engineer writes down without data:
 * {@code C dT/dt = k_n n + k_l load n - h (1 + h_c coolant) (T - Ta)},
 * {@code growth = alpha Ls (T - T_ref)} in micrometres. It lacks the bearing friction heat and the
 * slow drift of {@link SpindleThermalTruth}.
 *
 * <p>State {@value #TEMPERATURE} (C); inputs {@value #SPEED} (rpm), {@value #LOAD} (0..1),
 * {@value #AMBIENT} (C), {@value #COOLANT} (0 off, 1 on); output {@value #GROWTH} (micrometres).
 * Immutable and thread-safe.
 *
 * @param parameters the physical parameters
 */
public record SpindleThermalPhysics(SpindleThermalParameters parameters) implements StateSpaceModel {

    /** The state: spindle temperature, C. */
    public static final String TEMPERATURE = "spindle_temp";
    /** Input: spindle speed, rpm. */
    public static final String SPEED = "spindle_speed";
    /** Input: relative load, 0..1. */
    public static final String LOAD = "load";
    /** Input: ambient temperature, C. */
    public static final String AMBIENT = "ambient_temp";
    /** Input: coolant, 0 (off) or 1 (on). */
    public static final String COOLANT = "coolant";
    /** Output: thermal growth of the spindle, micrometres. */
    public static final String GROWTH = "growth_um";

    static final List<String> STATES = List.of(TEMPERATURE);
    static final List<String> INPUTS = List.of(SPEED, LOAD, AMBIENT, COOLANT);
    static final List<String> OUTPUTS = List.of(GROWTH);

    public SpindleThermalPhysics {
        Objects.requireNonNull(parameters, "parameters");
    }

    /** The physics with {@link SpindleThermalParameters#defaults()}. */
    public SpindleThermalPhysics() {
        this(SpindleThermalParameters.defaults());
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

    /** The heat input of the modelled sources, W: {@code k_n n + k_l load n}. */
    public double modelledHeat(double speed, double load) {
        return parameters.speedHeat() * speed + parameters.loadHeat() * load * speed;
    }

    /** The heat lost to the surroundings, W. */
    public double heatLoss(double temp, double ambient, double coolant) {
        return parameters.heatLoss() * (1 + parameters.coolantFactor() * coolant) * (temp - ambient);
    }

    @Override
    public void derivative(double t, double[] x, double[] u, double[] dxdt) {
        dxdt[0] = (modelledHeat(u[0], u[1]) - heatLoss(x[0], u[2], u[3])) / parameters.heatCapacity();
    }

    @Override
    public void output(double t, double[] x, double[] u, double[] y) {
        y[0] = parameters.growthPerKelvin() * (x[0] - parameters.referenceTemp());
    }
}
