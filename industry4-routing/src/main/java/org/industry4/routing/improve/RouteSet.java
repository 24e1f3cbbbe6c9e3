package org.industry4.routing.improve;

import java.util.Arrays;
import java.util.List;

/**
 * Routes as int arrays in numbered slots, with each route's load, travel distance and length
 * (travel plus service) kept up to date, and each customer's slot. A slot with no customers is an
 * unused vehicle. Mutable, owned by one search.
 */
final class RouteSet {

    private final Instance in;
    int[][] seq;
    final int[] size;
    final int[] load;
    final double[] travel;
    final double[] length;
    /** The slot of each customer, -1 while it is removed. */
    final int[] routeOf;
    /** Slots {@code 0..slots-1} may be non-empty. */
    int slots;
    /** The number of non-empty routes. */
    int used;
    double cost;

    RouteSet(Instance in) {
        this.in = in;
        int maxSlots = Math.max(1, in.n - 1);
        seq = new int[maxSlots][];
        size = new int[maxSlots];
        load = new int[maxSlots];
        travel = new double[maxSlots];
        length = new double[maxSlots];
        routeOf = new int[in.n];
        Arrays.fill(routeOf, -1);
        for (int r = 0; r < maxSlots; r++) {
            seq[r] = new int[8];
        }
    }

    /** Loads non-empty routes given as customer arrays. */
    void load(List<int[]> routes) {
        slots = 0;
        used = 0;
        for (int[] r : routes) {
            if (r.length == 0) {
                continue;
            }
            int slot = slots++;
            ensure(slot, r.length);
            System.arraycopy(r, 0, seq[slot], 0, r.length);
            size[slot] = r.length;
            for (int c : r) {
                routeOf[c] = slot;
            }
            recompute(slot);
            used++;
        }
        resync();
    }

    /** Recomputes every route's figures and the total cost from scratch (removes rounding drift). */
    void resync() {
        double total = 0;
        for (int r = 0; r < slots; r++) {
            recompute(r);
            total += travel[r];
        }
        cost = total;
    }

    /** Recomputes slot {@code r}'s load, travel and length from its customers. */
    void recompute(int r) {
        int[] sq = seq[r];
        int sz = size[r];
        int l = 0;
        double service = 0;
        for (int i = 0; i < sz; i++) {
            l += in.q[sq[i]];
            service += in.s[sq[i]];
        }
        load[r] = l;
        double t = sz == 0 ? 0 : in.travel(sq, sz);
        travel[r] = t;
        length[r] = t + service;
    }

    void ensure(int r, int capacity) {
        if (seq[r].length < capacity) {
            seq[r] = Arrays.copyOf(seq[r], Math.max(capacity, 2 * seq[r].length));
        }
    }

    /** Inserts customer {@code c} at position {@code pos} of slot {@code r}, {@code delta} being the travel added. */
    void insert(int r, int pos, int c, double delta) {
        int sz = size[r];
        ensure(r, sz + 1);
        int[] sq = seq[r];
        System.arraycopy(sq, pos, sq, pos + 1, sz - pos);
        sq[pos] = c;
        size[r] = sz + 1;
        load[r] += in.q[c];
        travel[r] += delta;
        length[r] += delta + in.s[c];
        routeOf[c] = r;
        if (sz == 0) {
            used++;
            if (r >= slots) {
                slots = r + 1;
            }
        }
    }

    /** An empty slot: the first unused one below {@code slots}, else the next one. */
    int emptySlot() {
        for (int r = 0; r < slots; r++) {
            if (size[r] == 0) {
                return r;
            }
        }
        return slots;
    }

    /** Makes slot {@code r} equal to {@code other}'s slot {@code r} (route, figures and customers' slots). */
    void copyRoute(RouteSet other, int r) {
        int sz = other.size[r];
        ensure(r, sz);
        System.arraycopy(other.seq[r], 0, seq[r], 0, sz);
        size[r] = sz;
        load[r] = other.load[r];
        travel[r] = other.travel[r];
        length[r] = other.length[r];
        int[] sq = seq[r];
        for (int i = 0; i < sz; i++) {
            routeOf[sq[i]] = r;
        }
    }

    /** The non-empty routes as fresh arrays, in slot order. */
    int[][] snapshot() {
        int[][] out = new int[used][];
        int k = 0;
        for (int r = 0; r < slots; r++) {
            if (size[r] > 0) {
                out[k++] = Arrays.copyOf(seq[r], size[r]);
            }
        }
        return out;
    }
}
