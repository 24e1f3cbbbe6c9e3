package org.industry4.examples.factory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.industry4.routing.DistanceConvention;
import org.industry4.routing.Route;
import org.industry4.routing.RoutingProblem;
import org.industry4.routing.RoutingResult;
import org.industry4.routing.RoutingSolver;
import org.industry4.routing.Solution;
import org.industry4.routing.SolveOptions;
import org.industry4.routing.map.RouteMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maintenance logistics: machines whose RUL lower bound falls below the horizon get a bearing
 * replacement job; pending jobs are planned into technician tours from the spare-parts store (the
 * depot) across the plant's sites, solved as a capacitated vehicle-routing problem (a van carries
 * {@link #VAN_CAPACITY} spare bearings) by the routing module's solver. Distances are kilometres
 * between site coordinates; a van drives {@link #KM_PER_HOUR} km/h and a replacement takes
 * {@link #SERVICE}. Each planned visit says when the technician arrives and when the new bearing
 * is in. Not thread-safe.
 */
final class MaintenancePlanner {

    private static final Logger LOG = LoggerFactory.getLogger(MaintenancePlanner.class);

    static final int VAN_CAPACITY = 3;
    static final double KM_PER_HOUR = 40;
    static final Duration SERVICE = Duration.ofMinutes(30);

    /** A site of the plant, coordinates in km from the spare-parts store. */
    record Site(String name, double x, double y) {
    }

    /** A replacement asked for because the RUL interval's lower bound fell below the horizon. */
    record Job(String machine, Instant requested, double rulLowerMinutes) {
    }

    /** One stop of a tour. */
    record Visit(String machine, String site, int tour, Instant arrival, Instant done) {
    }

    /** One planning round: the problem solved, its verified solution, the visits and the route map. */
    record Plan(Instant time, List<Job> jobs, RoutingProblem problem, Solution solution, List<Visit> visits,
                String svg, String solver, Duration solveTime) {
    }

    static final List<Site> SITES = List.of(new Site("Hall A", 6, 4), new Site("Hall B", -9, 12),
            new Site("Works C", 18, -7), new Site("Works D", -14, -11));

    private final RoutingSolver solver;
    private final Duration timeLimit;
    private final Map<String, Job> pending = new LinkedHashMap<>();
    private final Map<String, Visit> scheduled = new LinkedHashMap<>();
    private final List<Plan> plans = new ArrayList<>();

    MaintenancePlanner(RoutingSolver solver, Duration timeLimit) {
        this.solver = solver;
        this.timeLimit = timeLimit;
    }

    static Site siteOf(String machine, List<String> machines) {
        return SITES.get(machines.indexOf(machine) % SITES.size());
    }

    /** Asks for a job unless one is pending or scheduled for the machine; returns whether it was new. */
    boolean request(Job job) {
        if (pending.containsKey(job.machine()) || scheduled.containsKey(job.machine())) {
            return false;
        }
        pending.put(job.machine(), job);
        return true;
    }

    /** The visit scheduled for a machine, if any. */
    Optional<Visit> scheduled(String machine) {
        return Optional.ofNullable(scheduled.get(machine));
    }

    /** The machine's bearing is new (a visit done, or a repair): its pending or planned job is dropped. */
    void completed(String machine) {
        scheduled.remove(machine);
        pending.remove(machine);
    }

    List<Plan> plans() {
        return List.copyOf(plans);
    }

    /** Plans the pending jobs into tours leaving now; empty when there is nothing to plan. */
    Optional<Plan> plan(Instant now, List<String> machines) {
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        List<Job> jobs = new ArrayList<>(pending.values());
        RoutingProblem.Builder b = RoutingProblem.builder("maintenance-" + now.getEpochSecond()).depot(0, 0)
                .convention(DistanceConvention.EXACT_2D).capacity(VAN_CAPACITY);
        for (Job j : jobs) {
            Site s = siteOf(j.machine(), machines);
            b.customer(s.x(), s.y(), 1);
        }
        RoutingProblem problem = b.build();
        RoutingResult result = solver.solve(problem, new SolveOptions().withTimeLimit(timeLimit));
        if (result.status() != RoutingResult.Status.SOLVED) {
            LOG.warn("maintenance tour not solved ({}): {}; jobs stay pending", result.status(), result.message());
            return Optional.empty();
        }
        Solution solution = result.solution();
        List<Visit> visits = new ArrayList<>();
        int tour = 0;
        for (Route r : solution.routes()) {
            tour++;
            Instant t = now;
            int at = RoutingProblem.DEPOT;
            for (int c : r.customers()) {
                t = t.plus(drive(problem.distance(at, c)));
                Job j = jobs.get(c - 1);
                Instant done = t.plus(SERVICE);
                Visit v = new Visit(j.machine(), siteOf(j.machine(), machines).name(), tour, t, done);
                visits.add(v);
                scheduled.put(j.machine(), v);
                pending.remove(j.machine());
                t = done;
                at = c;
            }
        }
        List<String> labels = new ArrayList<>();
        labels.add("spare-parts store");
        for (Job j : jobs) {
            labels.add(j.machine() + " (" + siteOf(j.machine(), machines).name() + ")");
        }
        Plan plan = new Plan(now, jobs, problem, solution, visits, RouteMap.svg(problem, solution, labels),
                result.solver(), result.elapsed());
        plans.add(plan);
        LOG.info("maintenance tours planned: {} jobs, {} tours, {} km", jobs.size(), solution.routes().size(),
                String.format("%.1f", solution.cost()));
        return Optional.of(plan);
    }

    static Duration drive(double km) {
        return Duration.ofSeconds(Math.round(km / KM_PER_HOUR * 3600));
    }
}
