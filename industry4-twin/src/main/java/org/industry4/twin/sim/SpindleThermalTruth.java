package org.industry4.twin.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.industry4.twin.dynamics.Adaptive;
import org.industry4.twin.dynamics.Integrator;
import org.industry4.twin.dynamics.SetpointSchedule;
import org.industry4.twin.dynamics.Simulator;
import org.industry4.twin.dynamics.StateSpaceModel;
import org.industry4.twin.dynamics.Trajectory;

/**
 * The ground truth of a motor spindle's thermal behaviour: the law of
 * {@link SpindleThermalPhysics} plus two effects the physics lacks,
 * <pre>
 *   C dT/dt = k_n n + k_l load n + q n^2 - h (1 + h_c coolant) (T - Ta)
 *   growth  = alpha Ls (T - T_ref) + drift t          (micrometres, t in hours for the drift)
 * </pre>
 * where {@code q n^2} is bearing friction heat and the drift a slow creep of the structure.
 *
 * <p>With {@link Constants#defaults()}: {@code q} = 1.5e-6 W/rpm^2 (96 W at 8000 rpm), a drift
 * of 1.5 micrometres per hour, measurement noise 0.05 C on the temperature and 0.3 micrometres
 * on the growth. At 8000 rpm, load 0.5, no coolant, 20 C ambient, the spindle heats with a
 * time constant of about 15 minutes towards 45.6 C (growth 59 micrometres); at 12000 rpm and 30 C
 * ambient towards 75.6 C. With coolant the rise halves.
 *
 * <p>As a {@link StateSpaceModel} the truth is noise-free (it can be simulated, optimised against
 * or followed like any model); {@link #run} adds seeded measurement noise and
 * {@link #trainingRows} produces training tables from random operating schedules
 * ({@link OperatingRange#training()} in range, {@link OperatingRange#outOfRange()} out of it).
 * Immutable and thread-safe.
 */
public final class SpindleThermalTruth implements StateSpaceModel {

    /**
     * The truth's constants.
     *
     * @param physics       the parameters shared with the physics model
     * @param frictionHeat  {@code q}, W/rpm^2, the unmodelled bearing friction; &gt;= 0
     * @param driftRate     slow growth drift, micrometres per hour; finite
     * @param tempNoise     standard deviation of the temperature measurement, C; &gt;= 0
     * @param growthNoise   standard deviation of the growth measurement, micrometres; &gt;= 0
     */
    public record Constants(SpindleThermalParameters physics, double frictionHeat, double driftRate,
                            double tempNoise, double growthNoise) {

        public Constants {
            Objects.requireNonNull(physics, "physics");
            SpindleThermalParameters.nonNegative("frictionHeat", frictionHeat);
            if (!Double.isFinite(driftRate)) {
                throw new IllegalArgumentException("driftRate must be finite, got " + driftRate);
            }
            SpindleThermalParameters.nonNegative("tempNoise", tempNoise);
            SpindleThermalParameters.nonNegative("growthNoise", growthNoise);
        }

        /** The defaults described in {@link SpindleThermalTruth}. */
        public static Constants defaults() {
            return new Constants(SpindleThermalParameters.defaults(), 1.5e-6, 1.5, 0.05, 0.3);
        }

        /** The truth without unmodelled effects ({@code q = 0}, no drift): exactly the physics. */
        public Constants withoutUnmodelledEffects() {
            return new Constants(physics, 0, 0, tempNoise, growthNoise);
        }

        /** A copy with this friction heat coefficient. */
        public Constants withFrictionHeat(double q) {
            return new Constants(physics, q, driftRate, tempNoise, growthNoise);
        }

        /** A copy with these noise levels. */
        public Constants withNoise(double tempNoise, double growthNoise) {
            return new Constants(physics, frictionHeat, driftRate, tempNoise, growthNoise);
        }
    }

    private final Constants constants;
    private final SpindleThermalPhysics physics;

    /** The truth with these constants. */
    public SpindleThermalTruth(Constants constants) {
        this.constants = Objects.requireNonNull(constants, "constants");
        this.physics = new SpindleThermalPhysics(constants.physics());
    }

    /** The truth with {@link Constants#defaults()}. */
    public SpindleThermalTruth() {
        this(Constants.defaults());
    }

    /** The constants. */
    public Constants constants() {
        return constants;
    }

    /** The physics-only model with the truth's own physical parameters (no friction heat, no drift). */
    public SpindleThermalPhysics physics() {
        return physics;
    }

    @Override
    public List<String> stateNames() {
        return SpindleThermalPhysics.STATES;
    }

    @Override
    public List<String> inputNames() {
        return SpindleThermalPhysics.INPUTS;
    }

    @Override
    public List<String> outputNames() {
        return SpindleThermalPhysics.OUTPUTS;
    }

    /** The unmodelled friction heat at {@code speed}, W: {@code q n^2}. */
    public double frictionHeat(double speed) {
        return constants.frictionHeat() * speed * speed;
    }

    @Override
    public void derivative(double t, double[] x, double[] u, double[] dxdt) {
        double heat = physics.modelledHeat(u[0], u[1]) + frictionHeat(u[0]);
        dxdt[0] = (heat - physics.heatLoss(x[0], u[2], u[3])) / constants.physics().heatCapacity();
    }

    @Override
    public void output(double t, double[] x, double[] u, double[] y) {
        physics.output(t, x, u, y);
        y[0] += constants.driftRate() * t / 3600.0;
    }

    /** The steady-state temperature under constant inputs, C. */
    public double steadyTemperature(double speed, double load, double ambient, double coolant) {
        SpindleThermalParameters p = constants.physics();
        double heat = physics.modelledHeat(speed, load) + frictionHeat(speed);
        return ambient + heat / (p.heatLoss() * (1 + p.coolantFactor() * coolant));
    }

    /**
     * Simulates the spindle (adaptive integration, accurate to 1e-9) and measures it with seeded noise.
     *
     * @param schedule    the operating schedule; inputs as in {@link SpindleThermalPhysics}
     * @param initialTemp the spindle temperature at the start, C
     * @param dt          the sample interval, seconds
     * @param seed        the seed of the measurement noise
     */
    public MeasuredRun run(SetpointSchedule schedule, double initialTemp, double dt, long seed) {
        Trajectory truth = new Simulator().simulate(this, new double[] {initialTemp}, schedule, dt, INTEGRATOR);
        return MeasuredRun.measure(this, truth, new double[] {constants.tempNoise()},
                new double[] {constants.growthNoise()}, seed);
    }

    /**
     * Training (or test) rows from {@code runs} random schedules drawn from {@code range}, each
     * {@code horizon} seconds long and starting at the ambient temperature, sampled every
     * {@code dt} seconds; the columns are described in {@link MeasuredRun#rows()}.
     *
     * @param range   where the operating points are drawn from
     * @param runs    the number of runs; &gt; 0
     * @param horizon seconds per run; &gt; 0
     * @param dt      sample interval, seconds; &gt; 0
     * @param seed    the seed of the schedules and the noise
     */
    public TrainingRows trainingRows(OperatingRange range, int runs, double horizon, double dt, long seed) {
        return TrainingRows.concat(runs(range, runs, horizon, dt, seed).stream().map(MeasuredRun::rows).toList());
    }

    /** The measured runs behind {@link #trainingRows}. */
    public List<MeasuredRun> runs(OperatingRange range, int runs, double horizon, double dt, long seed) {
        Objects.requireNonNull(range, "range");
        if (runs <= 0) {
            throw new IllegalArgumentException("runs must be > 0, got " + runs);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        List<MeasuredRun> out = new ArrayList<>(runs);
        for (int r = 0; r < runs; r++) {
            SetpointSchedule s = range.schedule(horizon, rnd.nextLong());
            out.add(run(s, s.valueAt(0, SpindleThermalPhysics.AMBIENT), dt, rnd.nextLong()));
        }
        return out;
    }

    private static final Integrator INTEGRATOR = new Adaptive(1e-9, 1e-9, 1e-9, 1e9);

    @Override
    public String toString() {
        return "SpindleThermalTruth[" + constants + "]";
    }
}
