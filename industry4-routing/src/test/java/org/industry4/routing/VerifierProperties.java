package org.industry4.routing;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.industry4.routing.io.SolutionFile;

class VerifierProperties {

    /** A random split of a random permutation; feasible exactly when no route is over capacity. */
    @Property(tries = 200)
    void partitionsVerifyExactlyWhenLoadsFit(@ForAll @IntRange(min = 1, max = 30) int customers,
                                             @ForAll long seed) throws Exception {
        SplittableRandom rnd = new SplittableRandom(seed);
        RoutingProblem.Builder b = RoutingProblem.builder("p").depot(rnd.nextInt(100), rnd.nextInt(100));
        for (int c = 0; c < customers; c++) {
            b.customer(rnd.nextInt(100), rnd.nextInt(100), 1 + rnd.nextInt(10));
        }
        RoutingProblem p = b.capacity(25).build();
        List<Integer> order = new ArrayList<>();
        for (int c = 1; c <= customers; c++) {
            order.add(c);
        }
        java.util.Collections.shuffle(order, new java.util.Random(seed));
        List<Route> routes = new ArrayList<>();
        boolean fits = true;
        int i = 0;
        while (i < customers) {
            int len = 1 + rnd.nextInt(Math.min(6, customers - i));
            int[] r = order.subList(i, i + len).stream().mapToInt(Integer::intValue).toArray();
            int load = 0;
            for (int c : r) {
                load += p.demand(c);
            }
            fits &= load <= p.capacity();
            routes.add(Route.of(r));
            i += len;
        }
        Solution s = new Solution(routes, Verifier.cost(p, routes));
        Verification v = Verifier.verify(p, s);
        assertEquals(fits, v.feasible(), v.messages().toString());
        assertEquals(s.cost(), v.recomputedCost());
        assertEquals(v.feasible(), !v.has(Violation.Kind.CAPACITY));
        // .sol round trip (EUC_2D costs are integers)
        Path f = Files.createTempFile("prop", ".sol");
        try {
            SolutionFile.write(s, f);
            assertEquals(s, SolutionFile.read(f));
        } finally {
            Files.deleteIfExists(f);
        }
    }
}
