package org.industry4.routing.improve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.industry4.routing.Route;
import org.industry4.routing.RoutingProblem;
import org.industry4.routing.RoutingResult;
import org.industry4.routing.RoutingSolver;
import org.industry4.routing.Solution;
import org.industry4.routing.SolveOptions;
import org.junit.jupiter.api.Test;

class ImprovedSolverTest {

    private static final SolveOptions OPTIONS = new SolveOptions(Duration.ofSeconds(20), 1, 5);

    /** An initial solver giving one route per customer, recording the options it was called with. */
    private static final class Singletons implements RoutingSolver {
        final AtomicReference<SolveOptions> called = new AtomicReference<>();

        @Override
        public String name() {
            return "singletons";
        }

        @Override
        public RoutingResult solve(RoutingProblem p, SolveOptions options) {
            called.set(options);
            List<Route> routes = new ArrayList<>();
            for (int c = 1; c < p.size(); c++) {
                routes.add(Route.of(c));
            }
            return new RoutingResult(RoutingResult.Status.SOLVED, new Solution(routes, 0), name(), Duration.ZERO, "ok");
        }
    }

    @Test
    void seededByOrToolsIsVerifiedAndNoWorseThanOrToolsAloneInTheSameTime() {
        RoutingProblem p = Instances.random(4, 40, 10, 50).build();
        SolveOptions two = new SolveOptions().withTimeLimit(java.time.Duration.ofSeconds(2));
        RoutingResult ortools = new org.industry4.routing.ortools.OrToolsSolver().solve(p, two);
        RoutingResult ours = ImprovedSolver.seededByOrTools(new ImproveOptions().withInitialTimeShare(0.5)).solve(p, two);
        assertEquals(RoutingResult.Status.SOLVED, ours.status(), ours.message());
        assertTrue(org.industry4.routing.Verifier.verify(p, ours.solution()).feasible());
        assertTrue(ours.solution().cost() <= ortools.solution().cost() + 1e-9,
                "ours " + ours.solution().cost() + ", OR-Tools alone " + ortools.solution().cost());
    }

    @Test
    void improvesThePluggedInitialSolversSolutionWithinItsShareOfTime() {
        RoutingProblem p = Instances.random(1, 30, 10, 50).build();
        Singletons initial = new Singletons();
        ImprovedSolver solver = new ImprovedSolver(initial, new ImproveOptions().withMaxIterations(2000)
                .withInitialTimeShare(0.25));
        RoutingResult r = solver.solve(p, OPTIONS);
        assertEquals(RoutingResult.Status.SOLVED, r.status());
        assertEquals("ours", r.solver());
        Check.feasible(p, r.solution());
        assertTrue(r.solution().vehicles() < 30);
        assertEquals(Duration.ofSeconds(5), initial.called.get().timeLimit());
        assertEquals(OPTIONS.seed(), initial.called.get().seed());
        assertTrue(r.message().startsWith("singletons"), r.message());
    }

    @Test
    void sameSeedThreadsAndBudgetGiveTheSameAnswer() {
        RoutingProblem p = Instances.random(2, 60, 10, 50).build();
        ImprovedSolver solver = new ImprovedSolver(new ImproveOptions().withMaxIterations(3000));
        SolveOptions two = OPTIONS.withThreads(2);
        assertEquals(solver.solve(p, two).solution(), solver.solve(p, two).solution());
        assertEquals(solver.solve(p, OPTIONS).solution(), solver.solve(p, OPTIONS).solution());
    }

    @Test
    void betterThanTheSavingsBaseline() {
        RoutingProblem p = Instances.random(3, 80, 10, 50).build();
        double savings = new SavingsSolver().solve(p, OPTIONS).solution().cost();
        double ours = new ImprovedSolver(new ImproveOptions().withMaxIterations(20_000)).solve(p, OPTIONS).solution()
                .cost();
        assertTrue(ours < 0.98 * savings, "ours " + ours + " vs savings " + savings);
    }

    @Test
    void timeWindowsReturnTheInitialSolversResultUnchanged() {
        double[] ready = new double[11];
        double[] due = new double[11];
        java.util.Arrays.fill(due, 1000);
        RoutingProblem p = Instances.random(4, 10, 10, 50).timeWindows(ready, due).build();
        RoutingResult fixed = new RoutingResult(RoutingResult.Status.NO_SOLUTION, null, "stub", Duration.ZERO, "stub");
        RoutingSolver stub = new RoutingSolver() {
            @Override
            public String name() {
                return "stub";
            }

            @Override
            public RoutingResult solve(RoutingProblem problem, SolveOptions options) {
                return fixed;
            }
        };
        assertSame(fixed, new ImprovedSolver(stub, new ImproveOptions()).solve(p, OPTIONS));
    }

    @Test
    void anUnsolvedInitialResultIsPassedOn() {
        RoutingProblem p = RoutingProblem.builder("far").depot(0, 0).customer(10, 0, 1).customer(100, 0, 1)
                .capacity(10).maxRouteLength(50).build();
        RoutingResult r = new ImprovedSolver().solve(p, OPTIONS.withTimeLimit(Duration.ofMillis(200)));
        assertEquals(RoutingResult.Status.INFEASIBLE, r.status());
        assertEquals("savings", r.solver());
    }

    @Test
    void aPureTimeLimitIsKept() {
        RoutingProblem p = Instances.random(5, 60, 10, 50).build();
        long start = System.nanoTime();
        RoutingResult r = new ImprovedSolver().solve(p, OPTIONS.withTimeLimit(Duration.ofMillis(500)));
        long ms = (System.nanoTime() - start) / 1_000_000;
        Check.feasible(p, r.solution());
        assertTrue(ms < 1500, "took " + ms + " ms for a 500 ms limit");
    }
}
