package org.industry4.routing.ortools;

import com.google.ortools.constraintsolver.Assignment;
import com.google.ortools.constraintsolver.RoutingDimension;
import com.google.ortools.constraintsolver.RoutingIndexManager;
import com.google.ortools.constraintsolver.RoutingModel;
import com.google.ortools.constraintsolver.RoutingSearchParameters;
import com.google.ortools.constraintsolver.RoutingSearchStatus;
import com.google.ortools.constraintsolver.main;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.industry4.routing.Route;
import org.industry4.routing.RoutingProblem;
import org.industry4.routing.RoutingResult;
import org.industry4.routing.RoutingSolver;
import org.industry4.routing.Solution;
import org.industry4.routing.SolveOptions;
import org.industry4.routing.Verification;
import org.industry4.routing.Verifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Google OR-Tools' routing solver behind {@link RoutingSolver}.
 *
 * <p>The model: one vehicle per route, all identical; a capacity dimension; when the fleet is
 * unlimited as many vehicles as customers (unused vehicles are allowed and cost nothing); a
 * route-length dimension (travel plus service time, starting at 0, at most
 * {@link RoutingProblem#maxRouteLength()}) when limited; a time dimension (travel plus service,
 * waiting allowed, service start within each window, back by the depot's due time) when the problem
 * has time windows. The arc cost is the distance.
 *
 * <p><b>Integers.</b> OR-Tools works on integers: distances, service times, windows and limits are
 * multiplied by {@link OrToolsOptions#distanceScale()} (auto: 1 when all are integers, as under
 * EUC_2D, otherwise 1000). Arc costs are rounded to the nearest integer; constraint transits are
 * rounded up and limits down, so every route OR-Tools accepts is feasible in real numbers (at the
 * price of rejecting a route within {@code 1/scale} per arc of a limit). The returned cost is
 * always recomputed from the problem's own distances by {@link Verifier}, never the scaled
 * objective.
 *
 * <p><b>Threads and seed.</b> OR-Tools routing search is single-threaded: {@code threads > 1} is
 * accepted and ignored. It has no random seed: for a given model its search is deterministic, and
 * {@link SolveOptions#seed()} is ignored; because the search runs until the wall-clock time limit,
 * the solution found can still depend on machine speed.
 *
 * <p><b>Infeasible inputs.</b> Before building the model, the solver checks for causes it can name
 * and returns {@link RoutingResult.Status#INFEASIBLE} with a message: a customer whose
 * depot-customer-depot route (with service) is longer than the route-length limit, a customer whose
 * window cannot be reached from the depot or from which the depot cannot be reached before it closes,
 * and a limited fleet whose total capacity is below the total demand. Otherwise an OR-Tools failure
 * is {@code NO_SOLUTION}.
 *
 * <p>Every returned solution has been verified; a solution failing verification would be a bug in
 * this class and is thrown as {@link IllegalStateException} with the violations. Thread-safe: each
 * call builds its own model.
 */
public final class OrToolsSolver implements RoutingSolver {

    private static final Logger LOG = LoggerFactory.getLogger(OrToolsSolver.class);
    private static final long MAX_SCALED = 1L << 50;

    private final OrToolsOptions options;

    /** Plain OR-Tools GLS ({@link OrToolsOptions#OrToolsOptions()}). */
    public OrToolsSolver() {
        this(new OrToolsOptions());
    }

    public OrToolsSolver(OrToolsOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public OrToolsOptions options() {
        return options;
    }

    @Override
    public String name() {
        return options.name();
    }

    @Override
    public RoutingResult solve(RoutingProblem problem, SolveOptions solveOptions) {
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(solveOptions, "solveOptions");
        long t0 = System.nanoTime();
        String cause = infeasibility(problem);
        if (cause != null) {
            LOG.info("{}: {} is infeasible: {}", name(), problem.name(), cause);
            return new RoutingResult(RoutingResult.Status.INFEASIBLE, null, name(), since(t0), cause);
        }
        NativeLoader.ensureLoaded();
        if (solveOptions.threads() > 1) {
            LOG.debug("{}: OR-Tools routing is single-threaded; threads={} ignored", name(), solveOptions.threads());
        }
        long scale = options.distanceScale() != 0 ? options.distanceScale() : autoScale(problem);
        int n = problem.size();
        int vehicles = problem.limitedFleet() ? problem.vehicles() : problem.customerCount();
        LOG.info("{}: solving {} ({} customers, {} vehicles, scale {}, time limit {})", name(), problem.name(),
                problem.customerCount(), problem.limitedFleet() ? vehicles : "unlimited", scale, solveOptions.timeLimit());

        long[] cost = new long[n * n];
        long[] up = new long[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double d = problem.distance(i, j) * scale;
                double s = problem.serviceTime(i) * scale;
                if (d + s > MAX_SCALED) {
                    throw new IllegalArgumentException("distance " + problem.distance(i, j) + " from " + i + " to " + j
                            + " times scale " + scale + " is too large for OR-Tools' integers");
                }
                cost[i * n + j] = Math.round(d);
                up[i * n + j] = (long) Math.ceil(d - 1e-9) + (long) Math.ceil(s - 1e-9);
            }
        }
        RoutingIndexManager manager = new RoutingIndexManager(n, vehicles, RoutingProblem.DEPOT);
        RoutingModel routing = new RoutingModel(manager);
        int arc = routing.registerTransitCallback((from, to) ->
                cost[manager.indexToNode(from) * n + manager.indexToNode(to)]);
        routing.setArcCostEvaluatorOfAllVehicles(arc);
        int demand = routing.registerUnaryTransitCallback(from -> problem.demand(manager.indexToNode(from)));
        long[] caps = new long[vehicles];
        Arrays.fill(caps, problem.capacity());
        routing.addDimensionWithVehicleCapacity(demand, 0, caps, true, "Capacity");
        int timed = -1;
        if (problem.limitedRouteLength() || problem.hasTimeWindows()) {
            timed = routing.registerTransitCallback((from, to) ->
                    up[manager.indexToNode(from) * n + manager.indexToNode(to)]);
        }
        if (problem.limitedRouteLength()) {
            long limit = (long) Math.floor(problem.maxRouteLength() * scale + 1e-9);
            routing.addDimension(timed, 0, limit, true, "Length");
        }
        if (problem.hasTimeWindows()) {
            long horizon = (long) Math.floor(Math.min(problem.dueTime(0) * scale, MAX_SCALED));
            routing.addDimension(timed, horizon, horizon, false, "Time");
            RoutingDimension time = routing.getMutableDimension("Time");
            for (int c = 1; c < n; c++) {
                time.cumulVar(manager.nodeToIndex(c)).setRange(ceil(problem.readyTime(c), scale),
                        floor(problem.dueTime(c), scale));
            }
            long r0 = ceil(problem.readyTime(0), scale);
            for (int v = 0; v < vehicles; v++) {
                time.cumulVar(routing.start(v)).setRange(r0, horizon);
                time.cumulVar(routing.end(v)).setRange(r0, horizon);
            }
        }
        RoutingSearchParameters params = main.defaultRoutingSearchParameters().toBuilder()
                .setFirstSolutionStrategy(options.firstSolutionStrategy())
                .setLocalSearchMetaheuristic(options.metaheuristic())
                .setTimeLimit(com.google.protobuf.Duration.newBuilder()
                        .setSeconds(solveOptions.timeLimit().getSeconds())
                        .setNanos(solveOptions.timeLimit().getNano()))
                .setLogSearch(options.logSearch())
                .build();
        Assignment assignment = routing.solveWithParameters(params);
        RoutingSearchStatus.Value status = routing.status();
        if (assignment == null) {
            RoutingResult.Status s = status == RoutingSearchStatus.Value.ROUTING_INFEASIBLE
                    ? RoutingResult.Status.INFEASIBLE : RoutingResult.Status.NO_SOLUTION;
            LOG.info("{}: {} no solution ({}) after {} ms", name(), problem.name(), status, since(t0).toMillis());
            return new RoutingResult(s, null, name(), since(t0), "OR-Tools found no solution: " + status);
        }
        List<Route> routes = new ArrayList<>();
        for (int v = 0; v < vehicles; v++) {
            List<Integer> seq = new ArrayList<>();
            long index = assignment.value(routing.nextVar(routing.start(v)));
            while (!routing.isEnd(index)) {
                seq.add(manager.indexToNode(index));
                index = assignment.value(routing.nextVar(index));
            }
            if (!seq.isEmpty()) {
                routes.add(Route.of(seq.stream().mapToInt(Integer::intValue).toArray()));
            }
        }
        Solution solution = new Solution(routes, Verifier.cost(problem, routes));
        Verification verification = Verifier.verify(problem, solution);
        verification.orThrow(name() + " on " + problem.name() + " (a bug in OrToolsSolver)");
        Duration elapsed = since(t0);
        LOG.info("{}: {} cost {} with {} routes in {} ms ({}, objective {} at scale {})", name(), problem.name(),
                solution.cost(), routes.size(), elapsed.toMillis(), status, assignment.objectiveValue(), scale);
        return new RoutingResult(RoutingResult.Status.SOLVED, solution, name(), elapsed,
                "OR-Tools " + status + ", scale " + scale);
    }

    /** A named reason no solution can exist, or null. */
    static String infeasibility(RoutingProblem p) {
        int n = p.size();
        if (p.limitedFleet() && p.totalDemand() > (long) p.vehicles() * p.capacity()) {
            return "total demand " + p.totalDemand() + " exceeds the fleet's capacity " + p.vehicles() + " x "
                    + p.capacity();
        }
        for (int c = 1; c < n; c++) {
            double out = p.distance(0, c);
            double back = p.distance(c, 0);
            if (p.limitedRouteLength()) {
                double len = out + p.serviceTime(c) + back;
                if (len > p.maxRouteLength() + 1e-9 * p.maxRouteLength() + 1e-6) {
                    return "customer " + c + " alone needs a route of length " + len + " (depot-customer-depot with"
                            + " service), above the limit " + p.maxRouteLength();
                }
            }
            if (p.hasTimeWindows()) {
                double arrive = p.readyTime(0) + out;
                if (arrive > p.dueTime(c) + 1e-6) {
                    return "customer " + c + " cannot be reached before its due time " + p.dueTime(c)
                            + ": earliest arrival from the depot is " + arrive;
                }
                double home = Math.max(arrive, p.readyTime(c)) + p.serviceTime(c) + back;
                if (home > p.dueTime(0) + 1e-6) {
                    return "after serving customer " + c + " the vehicle is back at the depot at " + home
                            + " at the earliest, after it closes at " + p.dueTime(0);
                }
            }
        }
        return null;
    }

    /** 1 when every distance, service time, window and limit is an integer, otherwise 1000. */
    static long autoScale(RoutingProblem p) {
        int n = p.size();
        for (int i = 0; i < n; i++) {
            if (!integral(p.serviceTime(i)) || !integral(p.readyTime(i))
                    || (p.hasTimeWindows() && !integral(p.dueTime(i)))) {
                return 1000;
            }
            for (int j = 0; j < n; j++) {
                if (!integral(p.distance(i, j))) {
                    return 1000;
                }
            }
        }
        return p.limitedRouteLength() && !integral(p.maxRouteLength()) ? 1000 : 1;
    }

    private static boolean integral(double v) {
        return v == Math.rint(v);
    }

    private static long ceil(double v, long scale) {
        return (long) Math.ceil(v * scale - 1e-9);
    }

    private static long floor(double v, long scale) {
        return v == Double.POSITIVE_INFINITY ? MAX_SCALED : (long) Math.floor(v * scale + 1e-9);
    }

    private static Duration since(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0);
    }
}
