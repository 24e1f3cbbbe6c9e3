package org.industry4.twin.whatif;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The outcome of a {@link SetpointOptimiser} search.
 *
 * @param status         which case the search ended in
 * @param setpoint       the highest setpoint found within tolerance; empty when
 *                       {@link Status#INFEASIBLE}
 * @param prediction     the predicted trajectory and violations at {@code setpoint} (for an
 *                       infeasible search: at the minimum, showing how it violates)
 * @param monotoneOnGrid whether the coarse grid showed a monotone response (feasible points form
 *                       a prefix and the worst signed excess does not decrease with the setpoint);
 *                       when false the answer is the boundary above the highest feasible grid point
 *                       and a warning was logged
 * @param evaluations    the number of simulations run
 */
public record OptimisationResult(Status status, OptionalDouble setpoint, WhatIfResult prediction,
                                 boolean monotoneOnGrid, int evaluations) {

    /** How the search ended. */
    public enum Status {
        /** Even the maximum setpoint keeps the output within tolerance. */
        MAXIMUM_FEASIBLE,
        /** The boundary between feasible and violating setpoints was found by bisection. */
        BOUNDARY,
        /** Even the minimum setpoint violates the tolerance: no feasible setpoint in the range. */
        INFEASIBLE
    }

    public OptimisationResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(setpoint, "setpoint");
        Objects.requireNonNull(prediction, "prediction");
        if ((status == Status.INFEASIBLE) == setpoint.isPresent()) {
            throw new IllegalArgumentException("status " + status + " with setpoint " + setpoint);
        }
    }

    /** Whether a feasible setpoint was found. */
    public boolean feasible() {
        return status != Status.INFEASIBLE;
    }
}
