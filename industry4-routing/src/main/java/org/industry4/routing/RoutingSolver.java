package org.industry4.routing;

/**
 * Solves a {@link RoutingProblem}. Every solution a solver returns has passed
 * {@link Verifier#verify(RoutingProblem, Solution)}; a solver that cannot find one says why in its
 * {@link RoutingResult} instead of dropping customers.
 */
public interface RoutingSolver {

    /** A short name for tables and logs, e.g. {@code "ortools-gls"}. */
    String name();

    /** Solves {@code problem} within {@code options}' time limit. */
    RoutingResult solve(RoutingProblem problem, SolveOptions options);
}
