package org.industry4.routing.improve;

import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SISR search: string-removal ruin, greedy insertion with blinks, simulated-annealing
 * acceptance; the best solution seen is kept. Works on two {@link RouteSet}s, the current solution
 * and a working copy that differ only in the routes the last iteration touched, so an iteration
 * copies only those back or forth. Nothing is allocated per iteration except when a new best is
 * recorded.
 */
final class SisrSearch {

    private static final Logger LOG = LoggerFactory.getLogger(SisrSearch.class);
    private static final long DEBUG_INTERVAL_NANOS = 5_000_000_000L;
    private static final int RESYNC_MASK = (1 << 16) - 1;

    /** The outcome of a search: its best routes and their cost, and how many iterations it ran. */
    record Outcome(int index, int[][] routes, double cost, long iterations) {}

    private final Instance in;
    private final ImproveOptions o;
    private final int index;
    private final SplittableRandom rnd;
    private final double t0;
    private final double tf;
    private final long startNanos;
    private final long deadlineNanos;

    private final RouteSet cur;
    private final RouteSet work;
    private final boolean[] ruined;
    private final boolean[] touchedFlag;
    private final int[] touched;
    private int touchedCount;
    private final int[] removed;
    private int removedCount;
    private final double[] sortKey;
    private final boolean[] removeMark;

    private int[][] bestRoutes;
    private double bestCost;

    SisrSearch(Instance in, ImproveOptions o, int index, long seed, List<int[]> initial, double t0, double tf,
            long startNanos, long deadlineNanos) {
        this.in = in;
        this.o = o;
        this.index = index;
        this.rnd = new SplittableRandom(seed);
        this.t0 = t0;
        this.tf = tf;
        this.startNanos = startNanos;
        this.deadlineNanos = deadlineNanos;
        cur = new RouteSet(in);
        work = new RouteSet(in);
        cur.load(initial);
        work.load(initial);
        int slotsMax = Math.max(1, in.n - 1);
        ruined = new boolean[slotsMax];
        touchedFlag = new boolean[slotsMax];
        touched = new int[slotsMax];
        removed = new int[in.n];
        sortKey = new double[in.n];
        removeMark = new boolean[in.n];
        bestRoutes = cur.snapshot();
        bestCost = cur.cost;
    }

    Outcome run() {
        long maxIt = o.maxIterations();
        double ratio = tf / t0;
        long it = 0;
        long nextDebug = startNanos + DEBUG_INTERVAL_NANOS;
        double span = Math.max(1, deadlineNanos - startNanos);
        while (true) {
            if (maxIt > 0 && it >= maxIt) {
                break;
            }
            long now = System.nanoTime();
            if (now - deadlineNanos >= 0) {
                break;
            }
            if ((it & 1023) == 0 && Thread.currentThread().isInterrupted()) {
                break;
            }
            double frac = maxIt > 0 ? (double) it / maxIt : (now - startNanos) / span;
            double temperature = t0 * Math.pow(ratio, frac);
            it++;
            boolean accepted = false;
            if (ruinAndRecreate()) {
                double candidate = cur.cost;
                for (int k = 0; k < touchedCount; k++) {
                    int r = touched[k];
                    candidate += work.travel[r] - cur.travel[r];
                }
                double threshold = cur.cost + temperature * Math.log(1.0 - rnd.nextDouble());
                if (candidate < threshold) {
                    accept(candidate);
                    accepted = true;
                }
            }
            if (!accepted) {
                revert();
            }
            if ((it & RESYNC_MASK) == 0) {
                cur.resync();
                work.resync();
            }
            if (LOG.isDebugEnabled() && now - nextDebug >= 0) {
                nextDebug = now + DEBUG_INTERVAL_NANOS;
                LOG.debug("search {}: iteration {}, best {}, current {}, temperature {}", index, it, bestCost,
                        cur.cost, temperature);
            }
        }
        return new Outcome(index, bestRoutes, bestCost, it);
    }

    private void accept(double candidate) {
        for (int k = 0; k < touchedCount; k++) {
            cur.copyRoute(work, touched[k]);
        }
        cur.used = work.used;
        cur.slots = work.slots;
        cur.cost = candidate;
        work.cost = candidate;
        if (candidate < bestCost - 1e-9) {
            bestCost = candidate;
            bestRoutes = cur.snapshot();
        }
    }

    private void revert() {
        for (int k = 0; k < touchedCount; k++) {
            work.copyRoute(cur, touched[k]);
        }
        work.used = cur.used;
        work.slots = cur.slots;
        work.cost = cur.cost;
    }

    private void touch(int r) {
        if (!touchedFlag[r]) {
            touchedFlag[r] = true;
            touched[touchedCount++] = r;
        }
    }

    /** Ruins and recreates {@code work}; false when a removed customer could not be reinserted. */
    private boolean ruinAndRecreate() {
        for (int k = 0; k < touchedCount; k++) {
            touchedFlag[touched[k]] = false;
            ruined[touched[k]] = false;
        }
        touchedCount = 0;
        removedCount = 0;
        ruin();
        sortRemoved();
        for (int k = 0; k < removedCount; k++) {
            if (!insert(removed[k])) {
                return false;
            }
        }
        return true;
    }

    private void ruin() {
        int customers = in.n - 1;
        double averageCardinality = (double) customers / Math.max(1, work.used);
        double lsMax = Math.min(o.maxStringLength(), averageCardinality);
        double ksMax = 4.0 * o.averageRemoved() / (1.0 + lsMax) - 1.0;
        int ks = Math.max(1, (int) (1.0 + rnd.nextDouble() * Math.max(0.0, ksMax)));
        int seed = 1 + rnd.nextInt(customers);
        int strings = 0;
        int[] nb = in.neighbours;
        int base = seed * in.neighbourCount;
        for (int k = -1; k < in.neighbourCount && strings < ks; k++) {
            int c = k < 0 ? seed : nb[base + k];
            int r = work.routeOf[c];
            if (r < 0 || ruined[r]) {
                continue;
            }
            ruined[r] = true;
            touch(r);
            int sz = work.size[r];
            double ltMax = Math.min(sz, lsMax);
            int lt = Math.min(sz, (int) (1.0 + rnd.nextDouble() * ltMax));
            int pos = positionOf(r, c);
            if (lt < sz && rnd.nextDouble() < o.splitRate()) {
                removeSplitString(r, pos, lt);
            } else {
                removeString(r, pos, lt);
            }
            strings++;
        }
    }

    private int positionOf(int r, int c) {
        int[] sq = work.seq[r];
        for (int i = 0, sz = work.size[r]; i < sz; i++) {
            if (sq[i] == c) {
                return i;
            }
        }
        throw new IllegalStateException("customer " + c + " not found in its route " + r);
    }

    /** Removes {@code lt} consecutive customers of route {@code r} that include position {@code pos}. */
    private void removeString(int r, int pos, int lt) {
        int sz = work.size[r];
        int lo = Math.max(0, pos - lt + 1);
        int hi = Math.min(pos, sz - lt);
        int start = lo + rnd.nextInt(hi - lo + 1);
        int[] sq = work.seq[r];
        for (int i = start; i < start + lt; i++) {
            removeMark[sq[i]] = true;
        }
        compact(r);
    }

    /**
     * Removes a string of {@code lt + m} consecutive customers around position {@code pos} except
     * {@code m} consecutive ones inside it that stay; {@code m} grows from 1 while a draw exceeds
     * the split depth and the window fits in the route.
     */
    private void removeSplitString(int r, int pos, int lt) {
        int sz = work.size[r];
        int m = 1;
        while (lt + m < sz && rnd.nextDouble() >= o.splitDepth()) {
            m++;
        }
        int total = lt + m;
        int lo = Math.max(0, pos - total + 1);
        int hi = Math.min(pos, sz - total);
        int start = lo + rnd.nextInt(hi - lo + 1);
        int keepStart = start + rnd.nextInt(lt + 1);
        int[] sq = work.seq[r];
        for (int i = start; i < start + total; i++) {
            if (i < keepStart || i >= keepStart + m) {
                removeMark[sq[i]] = true;
            }
        }
        compact(r);
    }

    /** Drops the marked customers of route {@code r} into the removed list and recomputes the route. */
    private void compact(int r) {
        int[] sq = work.seq[r];
        int sz = work.size[r];
        int w = 0;
        for (int i = 0; i < sz; i++) {
            int c = sq[i];
            if (removeMark[c]) {
                removeMark[c] = false;
                removed[removedCount++] = c;
                work.routeOf[c] = -1;
            } else {
                sq[w++] = c;
            }
        }
        work.size[r] = w;
        work.recompute(r);
        if (w == 0) {
            work.used--;
        }
    }

    /** Orders the removed customers: random 4, demand descending 4, far from the depot 2, close 1 (the paper's weights). */
    private void sortRemoved() {
        int kind = rnd.nextInt(11);
        int count = removedCount;
        if (kind < 4) {
            for (int i = count - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = removed[i];
                removed[i] = removed[j];
                removed[j] = t;
            }
            return;
        }
        for (int i = 0; i < count; i++) {
            int c = removed[i];
            sortKey[i] = switch (kind) {
                case 4, 5, 6, 7 -> -in.q[c];
                case 8, 9 -> -in.d[c];
                default -> in.d[c];
            };
        }
        for (int i = 1; i < count; i++) {
            int c = removed[i];
            double key = sortKey[i];
            int j = i - 1;
            while (j >= 0 && sortKey[j] > key) {
                removed[j + 1] = removed[j];
                sortKey[j + 1] = sortKey[j];
                j--;
            }
            removed[j + 1] = c;
            sortKey[j + 1] = key;
        }
    }

    /**
     * Inserts {@code c} at its cheapest feasible position (positions skipped with the blink rate), a
     * new route counting as a position while the fleet allows; false when nothing fits.
     */
    private boolean insert(int c) {
        final double[] d = in.d;
        final int n = in.n;
        final int qc = in.q[c];
        final int cap = in.capacity;
        final boolean limited = in.lengthLimited;
        final double limit = in.maxLength * (1 + Instance.LENGTH_EPS) - in.s[c];
        final double blink = o.blinkRate();
        final int rowC = c * n;
        double best = Double.POSITIVE_INFINITY;
        int bestR = -1;
        int bestPos = -1;
        RouteSet w = work;
        for (int r = 0, slots = w.slots; r < slots; r++) {
            int sz = w.size[r];
            if (sz == 0 || w.load[r] + qc > cap) {
                continue;
            }
            int[] sq = w.seq[r];
            double slack = limit - w.length[r];
            int prev = 0;
            for (int p = 0; p <= sz; p++) {
                int next = p < sz ? sq[p] : 0;
                double delta = d[prev * n + c] + d[rowC + next] - d[prev * n + next];
                if (delta < best && (!limited || delta <= slack) && (blink == 0 || rnd.nextDouble() >= blink)) {
                    best = delta;
                    bestR = r;
                    bestPos = p;
                }
                prev = next;
            }
        }
        // a new route competes too: in metric instances it never beats an insertion next to the
        // depot, but it does when capacity or length leaves only distant routes open
        double alone = d[c] + d[rowC];
        if (alone < best && w.used < in.maxRoutes && (!limited || alone <= limit)) {
            bestR = w.emptySlot();
            bestPos = 0;
            best = alone;
        }
        if (bestR < 0) {
            return false;
        }
        w.insert(bestR, bestPos, c, best);
        touch(bestR);
        return true;
    }
}
