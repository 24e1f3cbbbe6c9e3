package org.industry4.routing.improve;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.industry4.routing.Route;
import org.industry4.routing.RoutingProblem;
import org.industry4.routing.RoutingResult;
import org.industry4.routing.RoutingSolver;
import org.industry4.routing.Solution;
import org.industry4.routing.SolveOptions;
import org.industry4.routing.Verifier;

/**
 * The Clarke-Wright savings construction (parallel version): start with one route per customer,
 * then merge routes in decreasing order of the saving {@code d(i,0) + d(0,j) - d(i,j)} of joining
 * an end {@code i} of one route to an end {@code j} of another while capacity and route length
 * allow. On symmetric distances routes may be reversed to bring {@code i} and {@code j} to the
 * joined ends; on asymmetric ones only a tail is joined to a head. Deterministic, ignores the
 * time limit (it runs in O(n² log n)), and the baseline and default start of {@link ImprovedSolver}.
 *
 * <p>Time windows are not handled ({@link RoutingResult.Status#NO_SOLUTION} with the reason). A
 * limited fleet that the merges cannot reach gives {@code NO_SOLUTION} with the route count.
 */
public final class SavingsSolver implements RoutingSolver {

    /** Above this many customers only the {@value #NEIGHBOURS} nearest pairs of each customer are considered. */
    private static final int ALL_PAIRS_UP_TO = 2000;
    private static final int NEIGHBOURS = 100;

    @Override
    public String name() {
        return "savings";
    }

    @Override
    public RoutingResult solve(RoutingProblem problem, SolveOptions options) {
        long start = System.nanoTime();
        if (problem.hasTimeWindows()) {
            return new RoutingResult(RoutingResult.Status.NO_SOLUTION, null, name(), elapsed(start),
                    "the savings construction does not handle time windows");
        }
        Instance in = new Instance(problem);
        for (int c = 1; c < in.n; c++) {
            double alone = in.dist(0, c) + in.dist(c, 0) + in.s[c];
            if (in.lengthLimited && alone > in.maxLength * (1 + Instance.LENGTH_EPS)) {
                return new RoutingResult(RoutingResult.Status.INFEASIBLE, null, name(), elapsed(start),
                        "customer " + c + " alone needs a route of length " + alone + ", above the limit "
                                + in.maxLength);
            }
        }
        List<Route> routes = construct(in);
        if (routes.size() > problem.vehicles()) {
            return new RoutingResult(RoutingResult.Status.NO_SOLUTION, null, name(), elapsed(start),
                    "the savings construction needs " + routes.size() + " routes, the fleet has " + problem.vehicles());
        }
        Solution solution = new Solution(routes, in.cost(routes));
        Verifier.verify(problem, solution).orThrow(name() + " on " + problem.name());
        return new RoutingResult(RoutingResult.Status.SOLVED, solution, name(), elapsed(start),
                routes.size() + " routes, cost " + solution.cost());
    }

    private static Duration elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    static List<Route> construct(Instance in) {
        int n = in.n;
        boolean symmetric = isSymmetric(in);
        // routes as doubly linked lists; route id = its representative's index in owner[]
        int[] next = new int[n];
        int[] prev = new int[n];
        int[] owner = new int[n];
        int[] head = new int[n];
        int[] tail = new int[n];
        int[] load = new int[n];
        double[] length = new double[n];
        for (int c = 1; c < n; c++) {
            owner[c] = c;
            head[c] = c;
            tail[c] = c;
            load[c] = in.q[c];
            length[c] = in.dist(0, c) + in.dist(c, 0) + in.s[c];
        }
        int[] pairs = savingsOrder(in, symmetric);
        double limit = in.maxLength * (1 + Instance.LENGTH_EPS);
        for (int k = 0; k < pairs.length; k += 2) {
            int i = pairs[k];
            int j = pairs[k + 1];
            int a = owner[i];
            int b = owner[j];
            if (a == b || load[a] + load[b] > in.capacity) {
                continue;
            }
            // want i = tail of a, j = head of b
            if (tail[a] != i) {
                if (!symmetric || head[a] != i) {
                    continue;
                }
            }
            if (head[b] != j) {
                if (!symmetric || tail[b] != j) {
                    continue;
                }
            }
            double merged = length[a] + length[b] - in.dist(i, 0) - in.dist(0, j) + in.dist(i, j);
            if (in.lengthLimited && merged > limit) {
                continue;
            }
            if (tail[a] != i) {
                reverse(a, head, tail, next, prev);
            }
            if (head[b] != j) {
                reverse(b, head, tail, next, prev);
            }
            next[i] = j;
            prev[j] = i;
            tail[a] = tail[b];
            for (int c = j; c != 0; c = next[c]) {
                owner[c] = a;
            }
            load[a] += load[b];
            length[a] = merged;
        }
        List<Route> routes = new ArrayList<>();
        int[] buffer = new int[n];
        for (int c = 1; c < n; c++) {
            if (owner[c] == c) {
                int len = 0;
                for (int x = head[c]; x != 0; x = next[x]) {
                    buffer[len++] = x;
                }
                routes.add(Route.of(Arrays.copyOf(buffer, len)));
            }
        }
        return routes;
    }

    private static void reverse(int r, int[] head, int[] tail, int[] next, int[] prev) {
        int c = head[r];
        while (c != 0) {
            int nx = next[c];
            next[c] = prev[c];
            prev[c] = nx;
            c = nx;
        }
        int h = head[r];
        head[r] = tail[r];
        tail[r] = h;
    }

    private static boolean isSymmetric(Instance in) {
        for (int i = 0; i < in.n; i++) {
            for (int j = i + 1; j < in.n; j++) {
                if (in.dist(i, j) != in.dist(j, i)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Pairs (i, j) with a positive saving, flattened, by decreasing saving then (i, j). */
    private static int[] savingsOrder(Instance in, boolean symmetric) {
        int n = in.n;
        int count = 0;
        int capacity = 1024;
        int[] pi = new int[capacity];
        int[] pj = new int[capacity];
        double[] sv = new double[capacity];
        boolean allPairs = n - 1 <= ALL_PAIRS_UP_TO;
        for (int i = 1; i < n; i++) {
            int limit = allPairs ? n - 1 : Math.min(NEIGHBOURS, in.neighbourCount);
            for (int k = 0; k < limit; k++) {
                int j = allPairs ? k + 1 : in.neighbours[i * in.neighbourCount + k];
                if (j == i || (symmetric && j < i && allPairs)) {
                    continue;
                }
                double s = in.dist(i, 0) + in.dist(0, j) - in.dist(i, j);
                if (!(s > 0)) {
                    continue;
                }
                if (count == capacity) {
                    capacity *= 2;
                    pi = Arrays.copyOf(pi, capacity);
                    pj = Arrays.copyOf(pj, capacity);
                    sv = Arrays.copyOf(sv, capacity);
                }
                pi[count] = i;
                pj[count] = j;
                sv[count] = s;
                count++;
            }
        }
        Integer[] order = new Integer[count];
        for (int k = 0; k < count; k++) {
            order[k] = k;
        }
        final double[] fs = sv;
        final int[] fi = pi;
        final int[] fj = pj;
        Arrays.sort(order, (x, y) -> {
            int c = Double.compare(fs[y], fs[x]);
            if (c != 0) {
                return c;
            }
            c = Integer.compare(fi[x], fi[y]);
            return c != 0 ? c : Integer.compare(fj[x], fj[y]);
        });
        int[] out = new int[2 * count];
        for (int k = 0; k < count; k++) {
            out[2 * k] = pi[order[k]];
            out[2 * k + 1] = pj[order[k]];
        }
        return out;
    }
}
