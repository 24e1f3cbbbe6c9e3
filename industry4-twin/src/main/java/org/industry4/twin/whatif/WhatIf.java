package org.industry4.twin.whatif;

import java.util.Objects;
import org.industry4.twin.dynamics.SetpointSchedule;
import org.industry4.twin.dynamics.Simulator;
import org.industry4.twin.dynamics.StateSpaceModel;
import org.industry4.twin.dynamics.Trajectory;

/**
 * What-if simulation: predicts a model's trajectory under a setpoint schedule and reports where
 * an output leaves its tolerance.
 *
 * <pre>{@code
 * WhatIfResult r = WhatIf.run(model, new double[] {20.0}, schedule, Tolerance.atMost("growth_um", 40));
 * if (r.violations().violated()) {
 *     double t = r.violations().firstViolation().getAsDouble();
 * }
 * }</pre>
 */
public final class WhatIf {

    private WhatIf() {
    }

    /** {@link #run(StateSpaceModel, double[], SetpointSchedule, Tolerance, WhatIfOptions)} with default options. */
    public static WhatIfResult run(StateSpaceModel model, double[] x0, SetpointSchedule schedule, Tolerance tolerance) {
        return run(model, x0, schedule, tolerance, new WhatIfOptions());
    }

    /**
     * Simulates {@code model} from {@code x0} under {@code schedule} and checks {@code tolerance}.
     *
     * @throws IllegalArgumentException if the tolerance names an output the model lacks, or the
     *                                  schedule, state or options do not fit the model
     * @throws IllegalStateException    if the integration fails
     */
    public static WhatIfResult run(StateSpaceModel model, double[] x0, SetpointSchedule schedule, Tolerance tolerance,
                                   WhatIfOptions options) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(tolerance, "tolerance");
        Objects.requireNonNull(options, "options");
        if (!model.outputNames().contains(tolerance.output())) {
            throw new IllegalArgumentException("tolerance output \"" + tolerance.output()
                    + "\" is not a model output; the model has " + model.outputNames());
        }
        double dt = (schedule.endTime() - schedule.startTime()) / options.samples();
        Trajectory tr = new Simulator().simulate(model, x0, schedule, dt, options.integrator());
        return new WhatIfResult(tr, tolerance,
                Violations.of(tr.times(), tr.output(tolerance.output()), tolerance));
    }
}
