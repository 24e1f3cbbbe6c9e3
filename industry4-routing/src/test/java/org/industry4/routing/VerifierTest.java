package org.industry4.routing;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class VerifierTest {

    // depot (0,0); customers on a line at x = 3, 6, 9 (EUC_2D), demands 4, 5, 6
    private static RoutingProblem.Builder base() {
        return RoutingProblem.builder("line").depot(0, 0).customer(3, 0, 4).customer(6, 0, 5).customer(9, 0, 6)
                .capacity(11);
    }

    private static Solution sol(double cost, Route... routes) {
        return new Solution(List.of(routes), cost);
    }

    @Test
    void aFeasibleSolutionVerifiesWithItsRecomputedCost() {
        Verification v = Verifier.verify(base().build(), sol(6 + 18, Route.of(1), Route.of(2, 3)));
        assertTrue(v.feasible(), v.messages().toString());
        assertEquals(24, v.recomputedCost());
    }

    @Test
    void missingDuplicateAndInvalidCustomersAreNamed() {
        RoutingProblem p = base().capacity(100).build();
        Verification v = Verifier.verify(p, sol(18, Route.of(1, 1, 2)));
        assertTrue(v.has(Violation.Kind.DUPLICATE_CUSTOMER));
        assertTrue(v.has(Violation.Kind.MISSING_CUSTOMER));
        assertTrue(v.messages().stream().anyMatch(m -> m.contains("customer 3 is in no route")), v.messages().toString());
        Verification bad = Verifier.verify(p, sol(0, Route.of(1, 0, 2, 3), Route.of(7)));
        assertTrue(bad.messages().stream().anyMatch(m -> m.contains("route 1") && m.contains("depot")));
        assertTrue(bad.messages().stream().anyMatch(m -> m.contains("route 2") && m.contains("node 7")));
        assertTrue(Verifier.verify(p, sol(18, Route.of(1, 2, 3), Route.of())).has(Violation.Kind.EMPTY_ROUTE));
    }

    @Test
    void capacityViolationNamesRouteAndLoad() {
        Verification v = Verifier.verify(base().build(), sol(18, Route.of(1, 2, 3)));
        assertFalse(v.feasible());
        assertTrue(v.messages().contains("CAPACITY: route 1 carries 15, above the capacity 11"), v.messages().toString());
    }

    @Test
    void routeLengthIncludesServiceTime() {
        RoutingProblem p = base().capacity(100).maxRouteLength(20).serviceTime(1).build();
        // travel 18 + service 3 = 21 > 20
        Verification v = Verifier.verify(p, sol(18, Route.of(1, 2, 3)));
        assertTrue(v.has(Violation.Kind.ROUTE_LENGTH), v.messages().toString());
        RoutingProblem ok = base().capacity(100).maxRouteLength(21).serviceTime(1).build();
        assertTrue(Verifier.verify(ok, sol(18, Route.of(1, 2, 3))).feasible());
    }

    @Test
    void timeWindowsAllowWaitingButNotLateness() {
        double[] ready = {0, 10, 0, 0};
        double[] due = {100, 20, 100, 100};
        RoutingProblem p = base().capacity(100).timeWindows(ready, due).build();
        // arrive at 1 at t=3, wait until 10: fine
        assertTrue(Verifier.verify(p, sol(18, Route.of(1, 2, 3))).feasible());
        // visit 1 last: arrive 9 + 6 = 15? route 3,2,1: at 9, 12, 15 -> within [10,20]
        assertTrue(Verifier.verify(p, sol(18, Route.of(3, 2, 1))).feasible());
        double[] tight = {0, 0, 0, 0};
        double[] tightDue = {100, 2, 100, 100};
        RoutingProblem late = base().capacity(100).timeWindows(tight, tightDue).build();
        Verification v = Verifier.verify(late, sol(18, Route.of(1, 2, 3)));
        assertTrue(v.has(Violation.Kind.TIME_WINDOW));
        assertTrue(v.messages().get(0).contains("customer 1 at 3.0"), v.messages().toString());
        double[] depotDue = {10, 100, 100, 100};
        assertTrue(Verifier.verify(base().capacity(100).timeWindows(tight, depotDue).build(),
                sol(18, Route.of(1, 2, 3))).has(Violation.Kind.TIME_WINDOW));
    }

    @Test
    void fleetSizeAndCostClaimAreChecked() {
        RoutingProblem p = base().vehicles(1).build();
        Verification v = Verifier.verify(p, sol(24, Route.of(1), Route.of(2, 3)));
        assertTrue(v.has(Violation.Kind.FLEET_SIZE));
        Verification c = Verifier.verify(base().build(), sol(23, Route.of(1), Route.of(2, 3)));
        assertTrue(c.has(Violation.Kind.COST_MISMATCH));
        assertEquals(1, c.violations().size());
        assertTrue(Verifier.verify(base().build(), sol(24 + 5e-7, Route.of(1), Route.of(2, 3))).feasible());
    }
}
