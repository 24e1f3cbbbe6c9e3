package org.industry4.routing.improve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.industry4.routing.Route;
import org.industry4.routing.RoutingProblem;
import org.industry4.routing.Solution;

/** The tests' own feasibility check, written independently of the main code's. */
final class Check {

    private Check() {
    }

    /** Recomputed total travel distance. */
    static double cost(RoutingProblem p, Solution s) {
        double total = 0;
        for (Route r : s.routes()) {
            int prev = 0;
            for (int c : r.customers()) {
                total += p.distance(prev, c);
                prev = c;
            }
            total += p.distance(prev, 0);
        }
        return total;
    }

    /** Asserts: every customer exactly once, no empty route, capacity, route length, fleet, claimed cost. */
    static void feasible(RoutingProblem p, Solution s) {
        int[] visits = new int[p.size()];
        for (Route r : s.routes()) {
            assertTrue(r.size() > 0, "empty route in " + s.routes());
            long load = 0;
            double length = 0;
            int prev = 0;
            for (int c : r.customers()) {
                assertTrue(c >= 1 && c < p.size(), "node " + c + " is not a customer");
                visits[c]++;
                load += p.demand(c);
                length += p.distance(prev, c) + p.serviceTime(c);
                prev = c;
            }
            length += p.distance(prev, 0);
            assertTrue(load <= p.capacity(), "route " + r + " carries " + load + " > " + p.capacity());
            assertTrue(length <= p.maxRouteLength() * (1 + 1e-9),
                    "route " + r + " has length " + length + " > " + p.maxRouteLength());
        }
        for (int c = 1; c < p.size(); c++) {
            if (visits[c] != 1) {
                fail("customer " + c + " visited " + visits[c] + " times");
            }
        }
        assertTrue(s.vehicles() <= p.vehicles(), s.vehicles() + " routes > fleet " + p.vehicles());
        assertEquals(cost(p, s), s.cost(), 1e-6 * Math.max(1, s.cost()), "claimed cost");
    }
}
