package org.industry4.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Checks a {@link Solution} against its {@link RoutingProblem} independently of the solver that
 * produced it, and recomputes its cost.
 *
 * <p>Rules checked, each reported as a {@link Violation} naming the route (1-based, in the order
 * of {@link Solution#routes()}), the customer (our node index) and the values:
 * <ul>
 *   <li>every customer visited exactly once; no depot, negative or out-of-range index in a route;
 *       no empty route;</li>
 *   <li>each route's total demand at most the capacity;</li>
 *   <li>each route's length, travel distance plus the service times of its customers, at most
 *       {@link RoutingProblem#maxRouteLength()};</li>
 *   <li>with time windows: the vehicle leaves the depot at its ready time, travel time equals
 *       distance, it may wait when early, service must start no later than the due time, and the
 *       vehicle must be back by the depot's due time;</li>
 *   <li>no more routes than {@link RoutingProblem#vehicles()};</li>
 *   <li>the claimed cost equals the recomputed total travel distance (service excluded) within
 *       {@code 1e-9 * |recomputed| + 1e-6}.</li>
 * </ul>
 * Comparisons against limits use the same tolerance, so that sums of non-integer distances
 * accumulated in another order do not count as violations.
 *
 * <p>Stateless and thread-safe.
 */
public final class Verifier {

    /** The relative part of the tolerance for costs and limits. */
    public static final double RELATIVE_TOLERANCE = 1e-9;
    /** The absolute part of the tolerance for costs and limits. */
    public static final double ABSOLUTE_TOLERANCE = 1e-6;

    private Verifier() {
    }

    /** Verifies {@code solution} against {@code problem}; never throws for a bad solution. */
    public static Verification verify(RoutingProblem problem, Solution solution) {
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(solution, "solution");
        int n = problem.size();
        List<Violation> out = new ArrayList<>();
        int[] visits = new int[n];
        int[] firstRoute = new int[n];
        double total = 0;
        List<Route> routes = solution.routes();
        for (int r = 0; r < routes.size(); r++) {
            Route route = routes.get(r);
            int label = r + 1;
            if (route.size() == 0) {
                out.add(new Violation(Violation.Kind.EMPTY_ROUTE, "route " + label + " visits no customer"));
                continue;
            }
            boolean valid = true;
            for (int k = 0; k < route.size(); k++) {
                int c = route.customer(k);
                if (c <= 0 || c >= n) {
                    valid = false;
                    out.add(new Violation(Violation.Kind.INVALID_NODE, "route " + label + " position " + (k + 1)
                            + " holds " + (c == RoutingProblem.DEPOT ? "the depot (node 0)"
                            : "node " + c + ", outside the customers 1.." + (n - 1))));
                    continue;
                }
                if (visits[c]++ == 0) {
                    firstRoute[c] = label;
                } else {
                    out.add(new Violation(Violation.Kind.DUPLICATE_CUSTOMER, "customer " + c + " visited again in route "
                            + label + " (first in route " + firstRoute[c] + ")"));
                }
            }
            if (!valid) {
                continue;
            }
            total += checkRoute(problem, route, label, out);
        }
        for (int c = 1; c < n; c++) {
            if (visits[c] == 0) {
                out.add(new Violation(Violation.Kind.MISSING_CUSTOMER, "customer " + c + " is in no route"));
            }
        }
        if (problem.limitedFleet() && routes.size() > problem.vehicles()) {
            out.add(new Violation(Violation.Kind.FLEET_SIZE, routes.size() + " routes but the fleet has "
                    + problem.vehicles() + " vehicles"));
        }
        if (!withinTolerance(solution.cost(), total)) {
            out.add(new Violation(Violation.Kind.COST_MISMATCH, "claimed cost " + solution.cost()
                    + " but the routes' travel distance is " + total));
        }
        return new Verification(out.isEmpty(), total, out);
    }

    /** Checks one route whose indices are valid; returns its travel distance. */
    private static double checkRoute(RoutingProblem p, Route route, int label, List<Violation> out) {
        long load = 0;
        double travel = 0;
        double service = 0;
        double time = p.readyTime(RoutingProblem.DEPOT);
        int prev = RoutingProblem.DEPOT;
        for (int k = 0; k < route.size(); k++) {
            int c = route.customer(k);
            load += p.demand(c);
            double d = p.distance(prev, c);
            travel += d;
            service += p.serviceTime(c);
            if (p.hasTimeWindows()) {
                double arrival = time + d;
                double start = Math.max(arrival, p.readyTime(c));
                if (exceeds(start, p.dueTime(c))) {
                    out.add(new Violation(Violation.Kind.TIME_WINDOW, "route " + label + " starts service at customer "
                            + c + " at " + start + ", after its due time " + p.dueTime(c) + " (window ["
                            + p.readyTime(c) + ", " + p.dueTime(c) + "])"));
                }
                time = start + p.serviceTime(c);
            }
            prev = c;
        }
        double back = p.distance(prev, RoutingProblem.DEPOT);
        travel += back;
        if (p.hasTimeWindows() && exceeds(time + back, p.dueTime(RoutingProblem.DEPOT))) {
            out.add(new Violation(Violation.Kind.TIME_WINDOW, "route " + label + " returns to the depot at "
                    + (time + back) + ", after it closes at " + p.dueTime(RoutingProblem.DEPOT)));
        }
        if (load > p.capacity()) {
            out.add(new Violation(Violation.Kind.CAPACITY, "route " + label + " carries " + load
                    + ", above the capacity " + p.capacity()));
        }
        double length = travel + service;
        if (p.limitedRouteLength() && exceeds(length, p.maxRouteLength())) {
            out.add(new Violation(Violation.Kind.ROUTE_LENGTH, "route " + label + " has length " + length
                    + " (travel " + travel + " + service " + service + "), above the limit " + p.maxRouteLength()));
        }
        return travel;
    }

    /** The total travel distance of {@code routes} (service excluded), each from and back to the depot. */
    public static double cost(RoutingProblem problem, List<Route> routes) {
        double total = 0;
        for (Route r : routes) {
            total += travel(problem, r);
        }
        return total;
    }

    /** The travel distance of one route, depot to depot. */
    public static double travel(RoutingProblem problem, Route route) {
        double travel = 0;
        int prev = RoutingProblem.DEPOT;
        for (int k = 0; k < route.size(); k++) {
            travel += problem.distance(prev, route.customer(k));
            prev = route.customer(k);
        }
        return route.size() == 0 ? 0 : travel + problem.distance(prev, RoutingProblem.DEPOT);
    }

    /** The length of one route as limited by {@link RoutingProblem#maxRouteLength()}: travel plus service. */
    public static double length(RoutingProblem problem, Route route) {
        double s = 0;
        for (int k = 0; k < route.size(); k++) {
            s += problem.serviceTime(route.customer(k));
        }
        return travel(problem, route) + s;
    }

    /** Whether {@code a} and {@code b} agree within {@code 1e-9 * |b| + 1e-6}. */
    public static boolean withinTolerance(double a, double b) {
        return Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.abs(b) + ABSOLUTE_TOLERANCE;
    }

    private static boolean exceeds(double value, double limit) {
        return value > limit + RELATIVE_TOLERANCE * Math.abs(limit) + ABSOLUTE_TOLERANCE;
    }
}
