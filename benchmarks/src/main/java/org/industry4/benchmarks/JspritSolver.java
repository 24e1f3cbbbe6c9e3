package org.industry4.benchmarks;

import com.graphhopper.jsprit.core.algorithm.VehicleRoutingAlgorithm;
import com.graphhopper.jsprit.core.algorithm.box.Jsprit;
import com.graphhopper.jsprit.core.algorithm.termination.TimeTermination;
import com.graphhopper.jsprit.core.problem.Location;
import com.graphhopper.jsprit.core.problem.VehicleRoutingProblem;
import com.graphhopper.jsprit.core.problem.job.Service;
import com.graphhopper.jsprit.core.problem.solution.VehicleRoutingProblemSolution;
import com.graphhopper.jsprit.core.problem.solution.route.VehicleRoute;
import com.graphhopper.jsprit.core.problem.solution.route.activity.TourActivity;
import com.graphhopper.jsprit.core.problem.vehicle.VehicleImpl;
import com.graphhopper.jsprit.core.problem.vehicle.VehicleType;
import com.graphhopper.jsprit.core.problem.vehicle.VehicleTypeImpl;
import com.graphhopper.jsprit.core.util.Solutions;
import com.graphhopper.jsprit.core.util.VehicleRoutingTransportCostsMatrix;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.industry4.routing.Route;
import org.industry4.routing.RoutingProblem;
import org.industry4.routing.RoutingResult;
import org.industry4.routing.RoutingSolver;
import org.industry4.routing.Solution;
import org.industry4.routing.SolveOptions;
import org.industry4.routing.Verifier;

/**
 * jsprit 1.9.0-beta.11 (Apache-2.0) behind our interface, for the {@code cvrp} benchmark only: its
 * default algorithm ({@link Jsprit#createAlgorithm}) on our distance matrix, stopped by the time
 * limit; a best solution with unassigned customers is reported as no solution. Capacity and fleet
 * only: problems with route-length limits, service times or time windows are refused.
 */
final class JspritSolver implements RoutingSolver {

    @Override
    public String name() {
        return "jsprit";
    }

    @Override
    public RoutingResult solve(RoutingProblem p, SolveOptions options) {
        long start = System.nanoTime();
        if (p.limitedRouteLength() || p.hasServiceTimes() || p.hasTimeWindows()) {
            return new RoutingResult(RoutingResult.Status.NO_SOLUTION, null, name(), Duration.ZERO,
                    "this adapter handles capacity and fleet only");
        }
        int n = p.size();
        VehicleRoutingTransportCostsMatrix.Builder costs = VehicleRoutingTransportCostsMatrix.Builder.newInstance(false);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    costs.addTransportDistance(Integer.toString(i), Integer.toString(j), p.distance(i, j));
                    costs.addTransportTime(Integer.toString(i), Integer.toString(j), p.distance(i, j));
                }
            }
        }
        VehicleType type = VehicleTypeImpl.Builder.newInstance("truck").addCapacityDimension(0, p.capacity())
                .setCostPerDistance(1).setCostPerTransportTime(0).build();
        VehicleRoutingProblem.Builder b = VehicleRoutingProblem.Builder.newInstance().setRoutingCost(costs.build());
        if (p.limitedFleet()) {
            b.setFleetSize(VehicleRoutingProblem.FleetSize.FINITE);
            for (int k = 0; k < p.vehicles(); k++) {
                b.addVehicle(VehicleImpl.Builder.newInstance("v" + k).setStartLocation(Location.newInstance("0"))
                        .setType(type).setReturnToDepot(true).build());
            }
        } else {
            b.setFleetSize(VehicleRoutingProblem.FleetSize.INFINITE);
            b.addVehicle(VehicleImpl.Builder.newInstance("v").setStartLocation(Location.newInstance("0")).setType(type)
                    .setReturnToDepot(true).build());
        }
        for (int i = 1; i < n; i++) {
            b.addJob(Service.Builder.newInstance(Integer.toString(i)).addSizeDimension(0, p.demand(i))
                    .setLocation(Location.newInstance(Integer.toString(i))).build());
        }
        VehicleRoutingAlgorithm algorithm = Jsprit.Builder.newInstance(b.build())
                .setProperty(Jsprit.Parameter.THREADS, Integer.toString(options.threads()))
                .setRandom(new java.util.Random(options.seed())).buildAlgorithm();
        TimeTermination time = new TimeTermination(options.timeLimit().toMillis());
        algorithm.setPrematureAlgorithmTermination(time);
        algorithm.addListener(time);
        algorithm.setMaxIterations(Integer.MAX_VALUE);
        VehicleRoutingProblemSolution best = Solutions.bestOf(algorithm.searchSolutions());
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        if (!best.getUnassignedJobs().isEmpty()) {
            return new RoutingResult(RoutingResult.Status.NO_SOLUTION, null, name(), elapsed,
                    best.getUnassignedJobs().size() + " customers unassigned");
        }
        List<Route> routes = new ArrayList<>();
        for (VehicleRoute r : best.getRoutes()) {
            int[] customers = r.getActivities().stream().filter(a -> a instanceof TourActivity.JobActivity)
                    .mapToInt(a -> Integer.parseInt(((TourActivity.JobActivity) a).getJob().getId())).toArray();
            if (customers.length > 0) {
                routes.add(Route.of(customers));
            }
        }
        Solution solution = new Solution(routes, Verifier.cost(p, routes));
        Verifier.verify(p, solution).orThrow("jsprit on " + p.name());
        return new RoutingResult(RoutingResult.Status.SOLVED, solution, name(), elapsed, "jsprit default algorithm");
    }
}
