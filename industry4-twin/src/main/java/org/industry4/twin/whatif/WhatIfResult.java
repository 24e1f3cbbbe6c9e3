package org.industry4.twin.whatif;

import java.util.Objects;
import org.industry4.twin.dynamics.Trajectory;

/**
 * The outcome of one what-if simulation.
 *
 * @param trajectory the predicted trajectory
 * @param tolerance  the tolerance checked
 * @param violations how the tolerance's output breaks it
 */
public record WhatIfResult(Trajectory trajectory, Tolerance tolerance, Violations violations) {

    public WhatIfResult {
        Objects.requireNonNull(trajectory, "trajectory");
        Objects.requireNonNull(tolerance, "tolerance");
        Objects.requireNonNull(violations, "violations");
    }

    /** Whether the prediction stays within the tolerance over the whole horizon. */
    public boolean withinTolerance() {
        return !violations.violated();
    }

    /** The largest value of the tolerance's output over the horizon. */
    public double peak() {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : trajectory.output(tolerance.output())) {
            max = Math.max(max, v);
        }
        return max;
    }
}
