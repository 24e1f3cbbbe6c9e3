package org.industry4.routing.improve;

import java.util.SplittableRandom;
import org.industry4.routing.DistanceConvention;
import org.industry4.routing.RoutingProblem;

/** Instances the tests generate: uniform customers in a square, depot in the middle. */
final class Instances {

    private Instances() {
    }

    /** {@code customers} uniform in [0, 100]², demands 1..maxDemand, EXACT_2D distances. */
    static RoutingProblem.Builder random(long seed, int customers, int maxDemand, int capacity) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[customers + 1];
        double[] y = new double[customers + 1];
        int[] q = new int[customers + 1];
        x[0] = 50;
        y[0] = 50;
        for (int i = 1; i <= customers; i++) {
            x[i] = r.nextDouble(100);
            y[i] = r.nextDouble(100);
            q[i] = 1 + r.nextInt(maxDemand);
        }
        return RoutingProblem.builder("gen-" + seed + "-" + customers).coordinates(x, y).demands(q)
                .capacity(capacity).convention(DistanceConvention.EXACT_2D);
    }
}
