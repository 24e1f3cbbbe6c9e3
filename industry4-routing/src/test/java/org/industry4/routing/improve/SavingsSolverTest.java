package org.industry4.routing.improve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.industry4.routing.RoutingProblem;
import org.industry4.routing.RoutingResult;
import org.industry4.routing.SolveOptions;
import org.junit.jupiter.api.Test;

class SavingsSolverTest {

    private static final SolveOptions FAST = new SolveOptions().withTimeLimit(java.time.Duration.ofSeconds(1));

    @Test
    void savingsIsFeasibleOnGeneratedInstances() {
        for (long seed = 1; seed <= 20; seed++) {
            RoutingProblem p = Instances.random(seed, 10 + (int) (seed * 7), 10, 40).build();
            RoutingResult r = new SavingsSolver().solve(p, FAST);
            assertEquals(RoutingResult.Status.SOLVED, r.status(), r.message());
            Check.feasible(p, r.solution());
            assertEquals("savings", r.solver());
        }
    }

    @Test
    void savingsRespectsABindingRouteLengthWithServiceTimes() {
        RoutingProblem p = Instances.random(3, 60, 5, 1000).maxRouteLength(200).serviceTime(5).build();
        RoutingResult r = new SavingsSolver().solve(p, FAST);
        assertEquals(RoutingResult.Status.SOLVED, r.status(), r.message());
        Check.feasible(p, r.solution());
        assertTrue(r.solution().vehicles() > 1, "the limit should bind: " + r.solution().vehicles() + " route");
    }

    @Test
    void savingsMergesWhatCapacityAllows() {
        // ten customers of demand 1, capacity 100: the saving merges all into one route
        RoutingProblem p = Instances.random(5, 10, 1, 100).build();
        RoutingResult r = new SavingsSolver().solve(p, FAST);
        assertEquals(1, r.solution().vehicles());
    }

    @Test
    void customerOutOfReachIsInfeasibleWithTheReason() {
        RoutingProblem p = RoutingProblem.builder("far").depot(0, 0).customer(10, 0, 1).customer(100, 0, 1)
                .capacity(10).maxRouteLength(50).build();
        RoutingResult r = new SavingsSolver().solve(p, FAST);
        assertEquals(RoutingResult.Status.INFEASIBLE, r.status());
        assertTrue(r.message().contains("customer 2"), r.message());
    }

    @Test
    void fleetTooSmallForTheConstructionSaysSo() {
        RoutingProblem p = RoutingProblem.builder("fleet").depot(0, 0).customer(10, 0, 6).customer(-10, 0, 6)
                .customer(0, 10, 6).capacity(10).vehicles(2).build();
        RoutingResult r = new SavingsSolver().solve(p, FAST);
        assertEquals(RoutingResult.Status.NO_SOLUTION, r.status());
        assertTrue(r.message().contains("3 routes"), r.message());
    }
}
