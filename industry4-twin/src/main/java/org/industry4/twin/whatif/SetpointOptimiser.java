package org.industry4.twin.whatif;

import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.DoubleFunction;
import org.industry4.twin.dynamics.SetpointSchedule;
import org.industry4.twin.dynamics.StateSpaceModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the highest-throughput setpoint (the largest value of one setpoint, such as the spindle
 * speed or the feed override, in {@code [min, max]}) whose predicted trajectory keeps an output
 * within its {@link Tolerance} over the whole horizon.
 *
 * <p>Method: the response is assumed monotone (more speed or feed, more heat, more growth), so
 * the feasible setpoints form an interval {@code [min, s*]}. The optimiser
 * <ol>
 *   <li>simulates a coarse grid of {@code gridPoints} setpoints from {@code min} to {@code max}
 *       and checks monotonicity there: the feasible points must be a prefix of the grid and the
 *       worst signed excess ({@code max_t (y - upper)}, or its two-sided form) must not decrease
 *       from point to point; if not, it logs a warning and says so in the result;</li>
 *   <li>returns {@link OptimisationResult.Status#INFEASIBLE} if {@code min} already violates,
 *       {@link OptimisationResult.Status#MAXIMUM_FEASIBLE} if {@code max} does not;</li>
 *   <li>otherwise bisects between the highest feasible grid point and the next one until the
 *       bracket is narrower than {@code relativeResolution * (max - min)}, and returns the
 *       bracket's feasible (lower) end, so the returned setpoint is always one that was simulated
 *       within tolerance.</li>
 * </ol>
 * The cost is {@code gridPoints + log2(1 / (gridPoints - 1) / relativeResolution)} simulations
 * (about 20 with the defaults). Bisection rather than golden section, because feasibility is a
 * yes/no test of a monotone response, not a unimodal objective. Immutable and thread-safe.
 */
public final class SetpointOptimiser {

    private static final Logger LOG = LoggerFactory.getLogger(SetpointOptimiser.class);

    private final OptimiserOptions options;

    /** An optimiser with these options. */
    public SetpointOptimiser(OptimiserOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** An optimiser with {@link OptimiserOptions#OptimiserOptions() default options}. */
    public SetpointOptimiser() {
        this(new OptimiserOptions());
    }

    /** The options. */
    public OptimiserOptions options() {
        return options;
    }

    /**
     * Maximises the input {@code input} of {@code base}, held constant over the horizon (all other
     * inputs as in {@code base}).
     *
     * @see #maximise(StateSpaceModel, double[], DoubleFunction, double, double, Tolerance)
     */
    public OptimisationResult maximise(StateSpaceModel model, double[] x0, SetpointSchedule base, String input,
                                       double min, double max, Tolerance tolerance) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(input, "input");
        if (!base.inputNames().contains(input)) {
            throw new IllegalArgumentException("unknown input \"" + input + "\"; the schedule sets " + base.inputNames());
        }
        return maximise(model, x0, s -> base.withConstant(input, s), min, max, tolerance);
    }

    /**
     * Finds the largest {@code s} in {@code [min, max]} such that the schedule
     * {@code scheduleFor.apply(s)} keeps the tolerance's output within tolerance, as described in
     * the class documentation.
     *
     * @param model       the model predicting the output
     * @param x0          the initial state
     * @param scheduleFor the schedule for a setpoint value; throughput must grow with the value
     * @param min         the lowest allowed setpoint; finite
     * @param max         the highest allowed setpoint; finite, &gt; min
     * @param tolerance   the band the output must stay in
     * @throws IllegalArgumentException for a bad range, or a model, state or schedule that do not fit
     */
    public OptimisationResult maximise(StateSpaceModel model, double[] x0, DoubleFunction<SetpointSchedule> scheduleFor,
                                       double min, double max, Tolerance tolerance) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(scheduleFor, "scheduleFor");
        Objects.requireNonNull(tolerance, "tolerance");
        if (!Double.isFinite(min) || !Double.isFinite(max) || !(max > min)) {
            throw new IllegalArgumentException("setpoint range must be finite with min < max, got [" + min + ", " + max
                    + "]");
        }
        int g = options.gridPoints();
        double[] grid = new double[g];
        WhatIfResult[] results = new WhatIfResult[g];
        double[] worst = new double[g];
        for (int i = 0; i < g; i++) {
            grid[i] = i == g - 1 ? max : min + (max - min) * i / (g - 1);
            results[i] = evaluate(model, x0, scheduleFor, grid[i], tolerance);
            worst[i] = worstSignedExcess(results[i]);
        }
        int evaluations = g;
        boolean monotone = true;
        int highestFeasible = -1;
        for (int i = 0; i < g; i++) {
            if (results[i].withinTolerance()) {
                if (highestFeasible != i - 1) {
                    monotone = false;
                }
                highestFeasible = i;
            }
            if (i > 0 && worst[i] < worst[i - 1] - 1e-9 * (1 + Math.abs(worst[i - 1]))) {
                monotone = false;
            }
        }
        if (!monotone) {
            LOG.warn("the response of {} is not monotone in the setpoint on a {}-point grid over [{}, {}] "
                    + "(worst excess {}); returning the boundary above the highest feasible grid point",
                    tolerance.output(), g, min, max, java.util.Arrays.toString(worst));
        }
        if (highestFeasible < 0) {
            LOG.info("no setpoint in [{}, {}] keeps {} within [{}, {}]: the minimum exceeds it by {}", min, max,
                    tolerance.output(), tolerance.lower(), tolerance.upper(), results[0].violations().maxExcess());
            return new OptimisationResult(OptimisationResult.Status.INFEASIBLE, OptionalDouble.empty(), results[0],
                    monotone, evaluations);
        }
        if (highestFeasible == g - 1) {
            return new OptimisationResult(OptimisationResult.Status.MAXIMUM_FEASIBLE, OptionalDouble.of(max),
                    results[g - 1], monotone, evaluations);
        }
        double lo = grid[highestFeasible];
        double hi = grid[highestFeasible + 1];
        WhatIfResult best = results[highestFeasible];
        double resolution = options.relativeResolution() * (max - min);
        while (hi - lo > resolution) {
            double mid = 0.5 * (lo + hi);
            WhatIfResult r = evaluate(model, x0, scheduleFor, mid, tolerance);
            evaluations++;
            if (r.withinTolerance()) {
                lo = mid;
                best = r;
            } else {
                hi = mid;
            }
        }
        LOG.debug("setpoint {} keeps {} within tolerance ({} simulations)", lo, tolerance.output(), evaluations);
        return new OptimisationResult(OptimisationResult.Status.BOUNDARY, OptionalDouble.of(lo), best, monotone,
                evaluations);
    }

    private WhatIfResult evaluate(StateSpaceModel model, double[] x0, DoubleFunction<SetpointSchedule> scheduleFor,
                                  double s, Tolerance tolerance) {
        SetpointSchedule schedule = Objects.requireNonNull(scheduleFor.apply(s), () -> "schedule for setpoint " + s);
        return WhatIf.run(model, x0, schedule, tolerance, options.whatIf());
    }

    /** {@code max_t} of the signed distance outside the band (negative: the closest approach). */
    private static double worstSignedExcess(WhatIfResult r) {
        Tolerance t = r.tolerance();
        double worst = Double.NEGATIVE_INFINITY;
        for (double v : r.trajectory().output(t.output())) {
            worst = Math.max(worst, Math.max(v - t.upper(), t.lower() - v));
        }
        return worst;
    }
}
