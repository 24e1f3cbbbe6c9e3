package org.industry4.routing.improve;

import java.util.Arrays;
import org.industry4.routing.RoutingProblem;

/** The optimum of a tiny problem by exhaustive search: Held-Karp per subset, then set partitioning. */
final class BruteForce {

    private BruteForce() {
    }

    static double optimum(RoutingProblem p) {
        int m = p.customerCount();
        int full = (1 << m) - 1;
        double[] route = new double[full + 1];
        // Held-Karp: path[mask][last] = cheapest depot -> customers of mask ending at last
        double[][] path = new double[full + 1][m];
        for (double[] row : path) {
            Arrays.fill(row, Double.POSITIVE_INFINITY);
        }
        for (int i = 0; i < m; i++) {
            path[1 << i][i] = p.distance(0, i + 1);
        }
        for (int mask = 1; mask <= full; mask++) {
            for (int last = 0; last < m; last++) {
                double v = path[mask][last];
                if (v == Double.POSITIVE_INFINITY) {
                    continue;
                }
                for (int nx = 0; nx < m; nx++) {
                    if ((mask & (1 << nx)) == 0) {
                        double w = v + p.distance(last + 1, nx + 1);
                        int nm = mask | (1 << nx);
                        if (w < path[nm][nx]) {
                            path[nm][nx] = w;
                        }
                    }
                }
            }
        }
        for (int mask = 1; mask <= full; mask++) {
            long load = 0;
            double service = 0;
            for (int i = 0; i < m; i++) {
                if ((mask & (1 << i)) != 0) {
                    load += p.demand(i + 1);
                    service += p.serviceTime(i + 1);
                }
            }
            double best = Double.POSITIVE_INFINITY;
            for (int last = 0; last < m; last++) {
                best = Math.min(best, path[mask][last] + p.distance(last + 1, 0));
            }
            boolean ok = load <= p.capacity() && best + service <= p.maxRouteLength() * (1 + 1e-9);
            route[mask] = ok ? best : Double.POSITIVE_INFINITY;
        }
        int maxRoutes = Math.min(m, p.vehicles());
        // part[k][mask]: cover mask with at most k routes
        double[] prev = new double[full + 1];
        Arrays.fill(prev, Double.POSITIVE_INFINITY);
        prev[0] = 0;
        for (int k = 1; k <= maxRoutes; k++) {
            double[] cur = prev.clone();
            for (int mask = 1; mask <= full; mask++) {
                int low = mask & -mask;
                for (int sub = mask; sub > 0; sub = (sub - 1) & mask) {
                    if ((sub & low) != 0 && route[sub] < Double.POSITIVE_INFINITY) {
                        double v = route[sub] + prev[mask ^ sub];
                        if (v < cur[mask]) {
                            cur[mask] = v;
                        }
                    }
                }
            }
            prev = cur;
        }
        return prev[full];
    }
}
