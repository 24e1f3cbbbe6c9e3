package org.industry4.routing.ortools;

import static org.junit.jupiter.api.Assertions.*;

import com.google.ortools.constraintsolver.FirstSolutionStrategy;
import com.google.ortools.constraintsolver.LocalSearchMetaheuristic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import org.industry4.routing.DistanceConvention;
import org.industry4.routing.RoutingProblem;
import org.industry4.routing.RoutingResult;
import org.industry4.routing.SolveOptions;
import org.industry4.routing.Verifier;
import org.industry4.routing.io.CvrpLibReader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class OrToolsSolverTest {

    static final SolveOptions ONE_SECOND = new SolveOptions(Duration.ofSeconds(1), 1, 1);

    static RoutingProblem random(long seed, int customers, DistanceConvention convention) {
        SplittableRandom rnd = new SplittableRandom(seed);
        RoutingProblem.Builder b = RoutingProblem.builder("rnd" + seed).convention(convention)
                .depot(rnd.nextInt(100), rnd.nextInt(100));
        for (int c = 0; c < customers; c++) {
            b.customer(rnd.nextInt(100), rnd.nextInt(100), 1 + rnd.nextInt(10));
        }
        return b.capacity(15).build();
    }

    @Test
    void solvesGeneratedInstancesToTheirBruteForcedOptimum() {
        OrToolsSolver solver = new OrToolsSolver();
        assertEquals("ortools-gls", solver.name());
        for (long seed = 1; seed <= 3; seed++) {
            RoutingProblem p = random(seed, 7, DistanceConvention.EUC_2D);
            RoutingResult r = solver.solve(p, ONE_SECOND);
            assertEquals(RoutingResult.Status.SOLVED, r.status(), r.message());
            assertEquals(BruteForce.optimum(p), r.solution().cost(), 1e-9, p.toString());
        }
    }

    @Test
    void exact2dIsScaledAndTheCostRecomputedFromOurDistances() {
        RoutingProblem p = random(11, 7, DistanceConvention.EXACT_2D);
        assertEquals(1000, OrToolsSolver.autoScale(p));
        RoutingResult r = new OrToolsSolver().solve(p, ONE_SECOND);
        double opt = BruteForce.optimum(p);
        assertEquals(Verifier.cost(p, r.solution().routes()), r.solution().cost());
        // rounding each arc to 1/1000 can only mislead the search by n/2000
        assertTrue(r.solution().cost() <= opt + p.size() * 1e-3, r.solution().cost() + " vs optimum " + opt);
    }

    @Test
    void routeLengthWithServiceTimeIsRespectedAndOptimal() {
        RoutingProblem base = random(5, 7, DistanceConvention.EUC_2D);
        RoutingProblem.Builder b = RoutingProblem.builder("len").capacity(100).serviceTime(5);
        double[] x = new double[base.size()];
        double[] y = new double[base.size()];
        int[] d = new int[base.size()];
        double far = 0;
        for (int i = 0; i < base.size(); i++) {
            x[i] = base.x(i);
            y[i] = base.y(i);
            d[i] = base.demand(i);
            far = Math.max(far, base.distance(0, i) + base.distance(i, 0) + 5);
        }
        RoutingProblem p = b.coordinates(x, y).demands(d).maxRouteLength(far + 20).build();
        RoutingResult r = new OrToolsSolver().solve(p, ONE_SECOND);
        assertEquals(RoutingResult.Status.SOLVED, r.status(), r.message());
        assertEquals(BruteForce.optimum(p), r.solution().cost(), 1e-9);
        r.solution().routes().forEach(route -> assertTrue(Verifier.length(p, route) <= p.maxRouteLength()));
    }

    @Test
    void timeWindowsAreRespected() {
        SplittableRandom rnd = new SplittableRandom(3);
        int n = 9;
        double[] x = new double[n];
        double[] y = new double[n];
        int[] dem = new int[n];
        double[] ready = new double[n];
        double[] due = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextInt(50);
            y[i] = rnd.nextInt(50);
            dem[i] = i == 0 ? 0 : 1 + rnd.nextInt(5);
            ready[i] = i == 0 ? 0 : 50 + rnd.nextInt(100);
            due[i] = i == 0 ? 400 : ready[i] + 30;
        }
        RoutingProblem p = RoutingProblem.builder("tw").coordinates(x, y).demands(dem).capacity(20).serviceTime(5)
                .timeWindows(ready, due).build();
        RoutingResult r = new OrToolsSolver().solve(p, ONE_SECOND);
        assertEquals(RoutingResult.Status.SOLVED, r.status(), r.message());
        assertTrue(Verifier.verify(p, r.solution()).feasible());
    }

    @Test
    void infeasibleInputsAreNamed() {
        RoutingProblem far = RoutingProblem.builder("far").depot(0, 0).customer(3, 4, 1).customer(30, 40, 1)
                .capacity(5).maxRouteLength(50).build();
        RoutingResult r = new OrToolsSolver().solve(far, ONE_SECOND);
        assertEquals(RoutingResult.Status.INFEASIBLE, r.status());
        assertTrue(r.message().contains("customer 2 alone needs a route of length 100.0"), r.message());
        RoutingProblem late = RoutingProblem.builder("late").depot(0, 0).customer(3, 4, 1).customer(30, 40, 1)
                .capacity(5).timeWindows(new double[] {0, 0, 0}, new double[] {1000, 10, 20}).build();
        r = new OrToolsSolver().solve(late, ONE_SECOND);
        assertEquals(RoutingResult.Status.INFEASIBLE, r.status());
        assertTrue(r.message().contains("customer 2 cannot be reached before its due time 20.0"), r.message());
        RoutingProblem fleet = RoutingProblem.builder("fleet").depot(0, 0).customer(3, 4, 4).customer(30, 40, 4)
                .capacity(5).vehicles(1).build();
        assertEquals(RoutingResult.Status.INFEASIBLE, new OrToolsSolver().solve(fleet, ONE_SECOND).status());
    }

    @Test
    void limitedFleetIsUsed() {
        RoutingProblem p = RoutingProblem.builder("two").depot(0, 0).customer(10, 0, 3).customer(-10, 0, 3)
                .customer(0, 10, 3).capacity(6).vehicles(2).build();
        RoutingResult r = new OrToolsSolver().solve(p, ONE_SECOND);
        assertTrue(r.solution().vehicles() <= 2);
    }

    @Test
    void optionsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new OrToolsOptions().withDistanceScale(7));
        assertThrows(IllegalArgumentException.class,
                () -> new OrToolsOptions().withMetaheuristic(LocalSearchMetaheuristic.Value.UNSET));
        assertEquals("ortools-tabu-savings", new OrToolsOptions()
                .withMetaheuristic(LocalSearchMetaheuristic.Value.TABU_SEARCH)
                .withFirstSolutionStrategy(FirstSolutionStrategy.Value.SAVINGS).name());
    }

    static Path shared(String rel) {
        Path f = Path.of(System.getProperty("industry4.shared.dir", "../shared"), "data", "cvrp", rel);
        Assumptions.assumeTrue(Files.isRegularFile(f), "skipped: " + f + " is absent (set -Dindustry4.shared.dir)");
        return f;
    }

    @Test
    void eilon13AndAugerat32ReachTheirOptima() throws IOException {
        RoutingProblem e13 = new CvrpLibReader().readProblem(shared("Eilon/E-n13-k4.vrp"));
        assertEquals(247, new OrToolsSolver().solve(e13, ONE_SECOND).solution().cost());
        RoutingProblem a32 = new CvrpLibReader().readProblem(shared("Augerat_A/A-n32-k5.vrp"));
        RoutingResult r = new OrToolsSolver().solve(a32, ONE_SECOND.withTimeLimit(Duration.ofSeconds(3)));
        assertEquals(784, r.solution().cost(), r.message());
    }

    @Test
    void cmt6WithRemappedDepotRouteLengthAndServiceVerifies() throws IOException {
        RoutingProblem cmt6 = new CvrpLibReader().readProblem(shared("CMT/CMT6.vrp"));
        RoutingResult r = new OrToolsSolver().solve(cmt6, ONE_SECOND.withTimeLimit(Duration.ofMillis(500)));
        assertEquals(RoutingResult.Status.SOLVED, r.status(), r.message());
        assertTrue(r.message().contains("scale 1000"), r.message());
        assertTrue(r.solution().cost() >= 555.43 - 0.01, "below the best-known 555.43: " + r.solution().cost());
    }
}
