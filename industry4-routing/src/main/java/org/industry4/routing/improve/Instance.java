package org.industry4.routing.improve;

import java.util.List;
import org.industry4.routing.Route;
import org.industry4.routing.RoutingProblem;
import org.industry4.routing.Solution;

/**
 * A problem copied once into primitive arrays for the hot loops: the row-major distance matrix,
 * demands, service times, capacity, route length limit, fleet size and each customer's other
 * customers sorted by distance. Read-only after construction, shared by parallel searches.
 */
final class Instance {

    /** Slack on route length comparisons, relative to the limit, against rounding in sums. */
    static final double LENGTH_EPS = 1e-9;

    final int n;
    final double[] d;
    final int[] q;
    final double[] s;
    final int capacity;
    final double maxLength;
    final boolean lengthLimited;
    final int maxRoutes;
    /** Customers' neighbours: row c (c >= 1) holds the other customers by increasing distance from c. */
    final int[] neighbours;
    final int neighbourCount;

    Instance(RoutingProblem p) {
        n = p.size();
        d = p.distanceMatrix();
        q = new int[n];
        s = new double[n];
        for (int i = 0; i < n; i++) {
            q[i] = p.demand(i);
            s[i] = i == 0 ? 0 : p.serviceTime(i);
        }
        capacity = p.capacity();
        maxLength = p.maxRouteLength();
        lengthLimited = p.limitedRouteLength();
        maxRoutes = p.vehicles();
        neighbourCount = Math.max(0, Math.min(n - 2, n <= 2001 ? n - 2 : 200));
        neighbours = new int[n * Math.max(1, neighbourCount)];
        buildNeighbours();
    }

    private void buildNeighbours() {
        int m = n - 1;
        long[] keys = new long[Math.max(0, m - 1)];
        for (int c = 1; c < n; c++) {
            int k = 0;
            for (int o = 1; o < n; o++) {
                if (o != c) {
                    // distances are >= 0, so their float bits sort like the values; ties by index (n < 2^20)
                    double dist = 0.5 * (d[c * n + o] + d[o * n + c]);
                    keys[k++] = ((long) Float.floatToIntBits((float) dist) << 20) | o;
                }
            }
            java.util.Arrays.sort(keys, 0, k);
            for (int i = 0; i < neighbourCount; i++) {
                neighbours[c * neighbourCount + i] = (int) (keys[i] & 0xFFFFF);
            }
        }
    }

    double dist(int i, int j) {
        return d[i * n + j];
    }

    /** The mean distance over ordered pairs of distinct customers (sampled on large instances). */
    double meanCustomerDistance() {
        double sum = 0;
        long count = 0;
        int step = n > 1500 ? (n / 1000) : 1;
        for (int i = 1; i < n; i += step) {
            for (int j = 1; j < n; j++) {
                if (i != j) {
                    sum += d[i * n + j];
                    count++;
                }
            }
        }
        return count == 0 ? 0 : sum / count;
    }

    /** The travel distance of a route given as customers. */
    double travel(int[] r, int len) {
        double t = 0;
        int prev = 0;
        for (int i = 0; i < len; i++) {
            t += d[prev * n + r[i]];
            prev = r[i];
        }
        return t + d[prev * n];
    }

    /** The total travel distance of a solution, routes in order. */
    double cost(List<Route> routes) {
        double total = 0;
        for (Route r : routes) {
            int[] c = r.customers();
            total += travel(c, c.length);
        }
        return total;
    }

    /**
     * Checks {@code solution} against this instance: each customer exactly once, capacity, route
     * length, fleet size. Returns null when feasible, else the first problem found.
     */
    String check(Solution solution) {
        boolean[] seen = new boolean[n];
        int nonEmpty = 0;
        int index = 0;
        for (Route route : solution.routes()) {
            int[] c = route.customers();
            long load = 0;
            double service = 0;
            for (int x : c) {
                if (x <= 0 || x >= n) {
                    return "route " + index + " visits node " + x + ", not a customer of 1.." + (n - 1);
                }
                if (seen[x]) {
                    return "customer " + x + " is visited twice";
                }
                seen[x] = true;
                load += q[x];
                service += s[x];
            }
            if (load > capacity) {
                return "route " + index + " carries " + load + ", above the capacity " + capacity;
            }
            double length = travel(c, c.length) + service;
            if (lengthLimited && length > maxLength * (1 + LENGTH_EPS)) {
                return "route " + index + " has length " + length + ", above the limit " + maxLength;
            }
            if (c.length > 0) {
                nonEmpty++;
            }
            index++;
        }
        for (int x = 1; x < n; x++) {
            if (!seen[x]) {
                return "customer " + x + " is not visited";
            }
        }
        if (nonEmpty > maxRoutes) {
            return nonEmpty + " routes used, above the fleet of " + maxRoutes;
        }
        return null;
    }
}
