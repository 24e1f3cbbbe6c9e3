package org.industry4.routing.ortools;

import java.util.Arrays;
import org.industry4.routing.RoutingProblem;

/** Exact CVRP optimum for up to ~10 customers (Held-Karp per subset, then set partitioning); unlimited fleet. */
final class BruteForce {

    private BruteForce() {
    }

    static double optimum(RoutingProblem p) {
        int m = p.customerCount();
        int full = 1 << m;
        // tsp[S][last]: shortest path depot -> ... -> last covering S
        double[][] tsp = new double[full][m];
        for (double[] row : tsp) {
            Arrays.fill(row, Double.POSITIVE_INFINITY);
        }
        for (int c = 0; c < m; c++) {
            tsp[1 << c][c] = p.distance(0, c + 1);
        }
        for (int s = 1; s < full; s++) {
            for (int last = 0; last < m; last++) {
                double v = tsp[s][last];
                if ((s & (1 << last)) == 0 || v == Double.POSITIVE_INFINITY) {
                    continue;
                }
                for (int nx = 0; nx < m; nx++) {
                    if ((s & (1 << nx)) == 0) {
                        int t = s | (1 << nx);
                        tsp[t][nx] = Math.min(tsp[t][nx], v + p.distance(last + 1, nx + 1));
                    }
                }
            }
        }
        double[] route = new double[full];
        for (int s = 1; s < full; s++) {
            long load = 0;
            double service = 0;
            for (int c = 0; c < m; c++) {
                if ((s & (1 << c)) != 0) {
                    load += p.demand(c + 1);
                    service += p.serviceTime(c + 1);
                }
            }
            double best = Double.POSITIVE_INFINITY;
            for (int last = 0; last < m; last++) {
                if ((s & (1 << last)) != 0) {
                    best = Math.min(best, tsp[s][last] + p.distance(last + 1, 0));
                }
            }
            boolean ok = load <= p.capacity() && best + service <= p.maxRouteLength() + 1e-9;
            route[s] = ok ? best : Double.POSITIVE_INFINITY;
        }
        double[] part = new double[full];
        Arrays.fill(part, Double.POSITIVE_INFINITY);
        part[0] = 0;
        for (int s = 1; s < full; s++) {
            int low = s & -s; // the route holding the lowest customer
            for (int sub = s; sub > 0; sub = (sub - 1) & s) {
                if ((sub & low) != 0 && route[sub] != Double.POSITIVE_INFINITY) {
                    part[s] = Math.min(part[s], route[sub] + part[s & ~sub]);
                }
            }
        }
        return part[full - 1];
    }
}
