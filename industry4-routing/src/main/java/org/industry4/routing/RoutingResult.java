package org.industry4.routing;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a solve: a verified solution, or the reason there is none.
 *
 * @param status what happened
 * @param solution the verified solution, null unless {@code status} is {@link Status#SOLVED}
 * @param solver the solver's name
 * @param elapsed the wall-clock time taken
 * @param message a human-readable explanation (the infeasibility's cause, the search's end)
 */
public record RoutingResult(Status status, Solution solution, String solver, Duration elapsed, String message) {

    /** What a solve ended with. */
    public enum Status {
        /** A solution was found and verified. */
        SOLVED,
        /** The problem has no solution; the message names the cause (e.g. a customer no vehicle can reach in time). */
        INFEASIBLE,
        /** No solution was found within the time limit, though one may exist. */
        NO_SOLUTION
    }

    public RoutingResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(solver, "solver");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(message, "message");
        if ((status == Status.SOLVED) != (solution != null)) {
            throw new IllegalArgumentException("a " + status + " result " + (solution == null ? "needs" : "has no")
                    + " solution");
        }
    }

    /** The solution, when there is one. */
    public Optional<Solution> optionalSolution() {
        return Optional.ofNullable(solution);
    }
}
