package org.industry4.routing;

import java.util.List;

/**
 * A set of routes and the cost its producer claims for it. The claim is never trusted:
 * {@link Verifier#verify(RoutingProblem, Solution)} recomputes it from the problem.
 *
 * @param routes the non-empty routes, one per vehicle used
 * @param cost the claimed total distance
 */
public record Solution(List<Route> routes, double cost) {

    public Solution {
        if (routes == null) {
            throw new IllegalArgumentException("routes must not be null");
        }
        routes = List.copyOf(routes);
        if (Double.isNaN(cost)) {
            throw new IllegalArgumentException("cost must be a number, got NaN");
        }
    }

    /** The number of vehicles used. */
    public int vehicles() {
        return routes.size();
    }
}
