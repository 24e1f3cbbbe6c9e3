package org.industry4.twin.sim;

import java.util.List;
import java.util.Objects;
import org.industry4.twin.dynamics.Adaptive;
import org.industry4.twin.dynamics.SetpointSchedule;
import org.industry4.twin.dynamics.Simulator;
import org.industry4.twin.dynamics.StateSpaceModel;
import org.industry4.twin.dynamics.Trajectory;

/**
 * The ground truth of a CNC axis's thermal deformation: the lag of {@link CncThermalPhysics}
 * ({@code growth = alpha L dT (1 - exp(-t/tau))} after a step) plus effects the physics lacks,
 * <pre>
 *   growth = alpha L theta (1 + beta theta) + drift t     (micrometres, drift per hour)
 * </pre>
 * a nonlinear expansion that grows with the temperature rise (the expansion coefficient of
 * steel and the structure's bending grow with temperature) and a slow drift.
 *
 * <p>Defaults ({@link Constants#defaults()}): {@code beta} = 0.02 /K (2 % more growth per kelvin
 * of rise, +10 % at 5 K, +30 % at 15 K), drift 1 micrometre per hour, noise 0.02 K on the
 * structure rise and 0.3 micrometres on the growth. Immutable and thread-safe; as a
 * {@link StateSpaceModel} noise-free.
 */
public final class CncThermalDeformationTruth implements StateSpaceModel {

    /**
     * The truth's constants.
     *
     * @param physics      the parameters shared with the physics model
     * @param nonlinearity {@code beta}, 1/K; &gt;= 0
     * @param driftRate    micrometres per hour; finite
     * @param riseNoise    standard deviation of the structure-rise measurement, K; &gt;= 0
     * @param growthNoise  standard deviation of the growth measurement, micrometres; &gt;= 0
     */
    public record Constants(CncThermalParameters physics, double nonlinearity, double driftRate, double riseNoise,
                            double growthNoise) {

        public Constants {
            Objects.requireNonNull(physics, "physics");
            SpindleThermalParameters.nonNegative("nonlinearity", nonlinearity);
            if (!Double.isFinite(driftRate)) {
                throw new IllegalArgumentException("driftRate must be finite, got " + driftRate);
            }
            SpindleThermalParameters.nonNegative("riseNoise", riseNoise);
            SpindleThermalParameters.nonNegative("growthNoise", growthNoise);
        }

        /** The defaults described in {@link CncThermalDeformationTruth}. */
        public static Constants defaults() {
            return new Constants(CncThermalParameters.defaults(), 0.02, 1.0, 0.02, 0.3);
        }

        /** The truth without unmodelled effects: exactly the physics. */
        public Constants withoutUnmodelledEffects() {
            return new Constants(physics, 0, 0, riseNoise, growthNoise);
        }
    }

    private final Constants constants;
    private final CncThermalPhysics physics;

    /** The truth with these constants. */
    public CncThermalDeformationTruth(Constants constants) {
        this.constants = Objects.requireNonNull(constants, "constants");
        this.physics = new CncThermalPhysics(constants.physics());
    }

    /** The truth with {@link Constants#defaults()}. */
    public CncThermalDeformationTruth() {
        this(Constants.defaults());
    }

    /** The constants. */
    public Constants constants() {
        return constants;
    }

    /** The physics-only model with the truth's own parameters. */
    public CncThermalPhysics physics() {
        return physics;
    }

    @Override
    public List<String> stateNames() {
        return CncThermalPhysics.STATES;
    }

    @Override
    public List<String> inputNames() {
        return CncThermalPhysics.INPUTS;
    }

    @Override
    public List<String> outputNames() {
        return CncThermalPhysics.OUTPUTS;
    }

    @Override
    public void derivative(double t, double[] x, double[] u, double[] dxdt) {
        physics.derivative(t, x, u, dxdt);
    }

    @Override
    public void output(double t, double[] x, double[] u, double[] y) {
        double theta = x[0];
        y[0] = constants.physics().growthPerKelvin() * theta * (1 + constants.nonlinearity() * theta)
                + constants.driftRate() * t / 3600.0;
    }

    /**
     * Simulates from {@code initialRise} (K) and measures with seeded noise.
     *
     * @param schedule    input {@link CncThermalPhysics#TEMP_RISE} over time
     * @param initialRise the structure's temperature rise at the start, K
     * @param dt          sample interval, seconds
     * @param seed        the seed of the noise
     */
    public MeasuredRun run(SetpointSchedule schedule, double initialRise, double dt, long seed) {
        Trajectory truth = new Simulator().simulate(this, new double[] {initialRise}, schedule, dt,
                new Adaptive(1e-9, 1e-9, 1e-9, 1e9));
        return MeasuredRun.measure(this, truth, new double[] {constants.riseNoise()},
                new double[] {constants.growthNoise()}, seed);
    }

    @Override
    public String toString() {
        return "CncThermalDeformationTruth[" + constants + "]";
    }
}
