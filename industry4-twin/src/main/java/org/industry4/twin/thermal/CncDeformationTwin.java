package org.industry4.twin.thermal;

import java.util.List;
import java.util.Objects;
import org.industry4.twin.hybrid.Expr;
import org.industry4.twin.hybrid.HybridModel;
import org.industry4.twin.hybrid.HybridOptions;
import org.industry4.twin.hybrid.HybridSpec;
import org.industry4.twin.hybrid.HybridTrainer;
import org.industry4.twin.hybrid.PhysicalParameter;
import org.industry4.twin.sim.CncThermalParameters;
import org.industry4.twin.sim.CncThermalPhysics;
import org.industry4.twin.sim.MeasuredRun;

/**
 * The shipped CNC thermal deformation twin: the growth of a machine axis after a step in its
 * temperature rise {@code dT}, from rest,
 * <pre>
 *   growth = growth_per_kelvin dT (1 - exp(-t / time_constant))   (+ a correction reading dT and t)
 * </pre>
 * (coefficient x length x temperature rise with exponential damping; {@code growth_per_kelvin} is
 * {@code alpha L} in micrometres per kelvin). The correction learns what the linear law lacks,
 * e.g. expansion that grows faster than linearly with the rise, or a slow drift. Fitted by
 * {@link #fit(List, HybridOptions, boolean)} from step experiments; {@link #physics(double)} gives
 * the fitted physics as a state-space model ({@link CncThermalPhysics}) for arbitrary schedules.
 * Immutable and thread-safe.
 */
public final class CncDeformationTwin {

    /** Input: the temperature rise applied at {@code t = 0}, K. */
    public static final String TEMP_RISE = CncThermalPhysics.TEMP_RISE;
    /** Input: seconds since the step. */
    public static final String TIME = "time";
    /** Output: growth, micrometres. */
    public static final String GROWTH = CncThermalPhysics.GROWTH;
    /** Parameter: micrometres per kelvin ({@code alpha L}). */
    public static final String GROWTH_PER_KELVIN = SpindleThermalTwin.GROWTH_PER_KELVIN;
    /** Parameter: the damping time constant, s. */
    public static final String TIME_CONSTANT = SpindleThermalTwin.TIME_CONSTANT;

    private final HybridModel model;

    /** A twin from a fitted model of {@link #spec()}. */
    public CncDeformationTwin(HybridModel model) {
        this.model = Objects.requireNonNull(model, "model");
        if (!model.spec().inputNames().equals(List.of(TEMP_RISE, TIME)) || !model.spec().outputName().equals(GROWTH)) {
            throw new IllegalArgumentException("the model must read [" + TEMP_RISE + ", " + TIME + "] and predict "
                    + GROWTH + ", got " + model.spec().inputNames() + " -> " + model.spec().outputName());
        }
    }

    /** The hybrid spec: the damped linear law, its two bounded parameters, a correction reading both inputs. */
    public static HybridSpec spec() {
        Expr physics = Expr.param(GROWTH_PER_KELVIN).times(Expr.input(TEMP_RISE))
                .times(Expr.constant(1).minus(Expr.input(TIME).div(Expr.param(TIME_CONSTANT)).neg().exp()));
        return new HybridSpec(List.of(TEMP_RISE, TIME), GROWTH, physics,
                List.of(new PhysicalParameter(GROWTH_PER_KELVIN, 2, 0.01, 100),
                        new PhysicalParameter(TIME_CONSTANT, 600, 10, 20_000)),
                List.of(TEMP_RISE, TIME), List.of());
    }

    /**
     * Fits the twin on step experiments: each run starts from rest at {@code t = 0} under one
     * constant {@code temp_rise} and measures the growth.
     *
     * @param correction false for the physics alone
     * @throws IllegalArgumentException if a run is empty or its temperature rise changes during the run
     */
    public static CncDeformationTwin fit(List<MeasuredRun> steps, HybridOptions options, boolean correction) {
        Objects.requireNonNull(steps, "steps");
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("no step experiments");
        }
        int n = steps.stream().mapToInt(r -> r.truth().size()).sum();
        double[][] x = new double[n][];
        double[] y = new double[n];
        int k = 0;
        for (int r = 0; r < steps.size(); r++) {
            MeasuredRun run = steps.get(r);
            double[] rise = run.truth().input(TEMP_RISE);
            double[] growth = run.measuredOutput(GROWTH);
            for (int i = 0; i < rise.length; i++) {
                if (rise[i] != rise[0]) {
                    throw new IllegalArgumentException("step experiment " + r + " changes its temperature rise from "
                            + rise[0] + " to " + rise[i] + " at sample " + i + ": a step holds one rise");
                }
                x[k] = new double[] {rise[i], run.truth().time(i) - run.truth().time(0)};
                y[k++] = growth[i];
            }
        }
        HybridOptions o = correction ? options : options.withoutCorrection();
        return new CncDeformationTwin(new HybridTrainer(o).fit(spec(), x, y));
    }

    /** The growth {@code seconds} after a step of {@code tempRise} from rest, micrometres. */
    public double growth(double tempRise, double seconds) {
        return model.predict(new double[] {tempRise, seconds});
    }

    public HybridModel model() {
        return model;
    }

    public double growthPerKelvin() {
        return model.parameter(GROWTH_PER_KELVIN);
    }

    public double timeConstant() {
        return model.parameter(TIME_CONSTANT);
    }

    /** The fitted physics as a first-order lag for arbitrary schedules, for an axis of {@code length} mm. */
    public CncThermalPhysics physics(double length) {
        return new CncThermalPhysics(new CncThermalParameters(growthPerKelvin() / (length * 1000), length,
                timeConstant()));
    }
}
