package org.industry4.routing.ortools;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.industry4.routing.DistanceConvention;
import org.industry4.routing.Route;
import org.industry4.routing.RoutingProblem;
import org.industry4.routing.RoutingResult;
import org.industry4.routing.SolveOptions;
import org.industry4.routing.Verification;
import org.industry4.routing.Verifier;

class OrToolsSolverProperties {

    @Property(tries = 8)
    void everyReturnedSolutionVerifiesWithItsClaimedCost(@ForAll @IntRange(min = 1, max = 1000) int seed,
                                                         @ForAll @IntRange(min = 1, max = 12) int customers,
                                                         @ForAll boolean exact) {
        RoutingProblem p = OrToolsSolverTest.random(seed, customers,
                exact ? DistanceConvention.EXACT_2D : DistanceConvention.EUC_2D);
        RoutingResult r = new OrToolsSolver().solve(p, new SolveOptions(Duration.ofMillis(200), 1, seed));
        assertEquals(RoutingResult.Status.SOLVED, r.status(), r.message());
        Verification v = Verifier.verify(p, r.solution());
        assertTrue(v.feasible(), v.messages().toString());
        assertEquals(v.recomputedCost(), r.solution().cost());
        for (Route route : r.solution().routes()) {
            int load = 0;
            for (int c : route.customers()) {
                load += p.demand(c);
            }
            assertTrue(load <= p.capacity());
        }
    }
}
