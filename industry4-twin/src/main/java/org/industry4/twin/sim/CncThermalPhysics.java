package org.industry4.twin.sim;

import java.util.List;
import java.util.Objects;
import org.industry4.twin.dynamics.StateSpaceModel;

/**
 * The physics-only CNC thermal deformation model as a first-order lag: the structure's
 * effective temperature rise {@code theta} follows the applied rise {@code dT} with time
 * constant {@code tau}, {@code tau dtheta/dt = dT - theta}, and {@code growth = alpha L theta}
 * (micrometres). From rest under a constant {@code dT} this is exactly
 * {@code alpha L dT (1 - exp(-t/tau))}. Immutable and thread-safe.
 *
 * <p>State {@value #STRUCTURE_RISE} (K); input {@value #TEMP_RISE} (K); output {@value #GROWTH}
 * (micrometres).
 *
 * @param parameters the parameters
 */
public record CncThermalPhysics(CncThermalParameters parameters) implements StateSpaceModel {

    /** The state: effective temperature rise of the structure, K. */
    public static final String STRUCTURE_RISE = "structure_rise";
    /** The input: applied temperature rise (e.g. of the spindle housing or environment), K. */
    public static final String TEMP_RISE = "temp_rise";
    /** The output: thermal deformation along the axis, micrometres. */
    public static final String GROWTH = "growth_um";

    static final List<String> STATES = List.of(STRUCTURE_RISE);
    static final List<String> INPUTS = List.of(TEMP_RISE);
    static final List<String> OUTPUTS = List.of(GROWTH);

    public CncThermalPhysics {
        Objects.requireNonNull(parameters, "parameters");
    }

    /** The physics with {@link CncThermalParameters#defaults()}. */
    public CncThermalPhysics() {
        this(CncThermalParameters.defaults());
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
        dxdt[0] = (u[0] - x[0]) / parameters.timeConstant();
    }

    @Override
    public void output(double t, double[] x, double[] u, double[] y) {
        y[0] = parameters.growthPerKelvin() * x[0];
    }
}
