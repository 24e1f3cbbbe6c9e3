package org.industry4.routing.improve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.industry4.routing.RoutingProblem;
import org.industry4.routing.RoutingResult;
import org.industry4.routing.Solution;
import org.industry4.routing.SolveOptions;

/** Invariants of the improvement phase on random instances generated from the seed. */
class SisrProperties {

    private static final SolveOptions OPTIONS = new SolveOptions(Duration.ofSeconds(30), 1, 3);

    private static RoutingProblem problem(long seed, int customers, int capacity, boolean lengthLimit, int fleetSlack) {
        RoutingProblem.Builder b = Instances.random(seed, customers, 10, capacity);
        if (lengthLimit) {
            b.maxRouteLength(250).serviceTime(2);
        }
        RoutingProblem p = b.build();
        if (fleetSlack >= 0) {
            RoutingResult start = new SavingsSolver().solve(p, OPTIONS);
            if (start.status() == RoutingResult.Status.SOLVED) {
                b.vehicles(start.solution().vehicles() + fleetSlack);
                p = b.build();
            }
        }
        return p;
    }

    @Property(tries = 60)
    void everySolutionIsFeasibleWithEachCustomerOnceAndItsCostRecomputed(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 60) int customers, @ForAll @IntRange(min = 10, max = 80) int capacity,
            @ForAll boolean lengthLimit, @ForAll @IntRange(min = -1, max = 1) int fleetSlack,
            @ForAll @IntRange(min = 1, max = 2) int threads) {
        RoutingProblem p = problem(seed, customers, capacity, lengthLimit, fleetSlack);
        RoutingResult start = new SavingsSolver().solve(p, OPTIONS);
        if (start.status() != RoutingResult.Status.SOLVED) {
            return; // a customer out of reach under the length limit: nothing to improve
        }
        Check.feasible(p, start.solution());
        SisrResult r = Sisr.improve(p, start.solution(), OPTIONS.withThreads(threads).withSeed(seed),
                new ImproveOptions().withMaxIterations(300));
        Solution s = r.solution();
        Check.feasible(p, s);
        assertEquals(Check.cost(p, s), s.cost(), 1e-9 * Math.max(1, s.cost()), "cost is the recomputation");
        assertTrue(s.cost() <= start.solution().cost() + 1e-9);
    }

    @Property(tries = 20)
    void theImprovedSolverReturnsVerifiedSolutions(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int customers,
            @ForAll boolean lengthLimit) {
        RoutingProblem p = problem(seed, customers, 40, lengthLimit, -1);
        RoutingResult r = new ImprovedSolver(new ImproveOptions().withMaxIterations(200))
                .solve(p, OPTIONS.withSeed(seed));
        if (r.status() == RoutingResult.Status.SOLVED) {
            Check.feasible(p, r.solution());
            assertEquals("ours", r.solver());
        } else {
            assertEquals(RoutingResult.Status.INFEASIBLE, r.status(), r.message());
        }
    }
}
