package org.industry4.rul.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Seeded splits of engines (by index) for cross-validation and for train / validation / calibration
 * sets: rows of one engine never land in two parts; and NASA-style random cuts of whole histories.
 * Same seed, same split.
 */
public final class EngineFolds {

    private EngineFolds() {
    }

    /**
     * {@code k} disjoint validation folds covering {@code 0..engines-1}: the indices are shuffled with
     * the seed and cut into {@code k} consecutive parts whose sizes differ by at most 1 (the first
     * {@code engines % k} folds have one more). Each fold is sorted ascending.
     *
     * @param engines how many engines, {@code >= 1}
     * @param k       folds, in {@code 1..engines}
     */
    public static List<int[]> kFold(int engines, int k, long seed) {
        if (engines < 1) {
            throw new IllegalArgumentException("engines must be >= 1, got " + engines);
        }
        if (k < 1 || k > engines) {
            throw new IllegalArgumentException("k must be in [1, " + engines + "] for " + engines + " engines, got " + k);
        }
        int[] order = shuffled(engines, seed);
        List<int[]> folds = new ArrayList<>(k);
        int start = 0;
        for (int f = 0; f < k; f++) {
            int size = engines / k + (f < engines % k ? 1 : 0);
            folds.add(sortedRange(order, start, start + size));
            start += size;
        }
        return List.copyOf(folds);
    }

    /**
     * The indices {@code 0..engines-1} not in {@code excluded} (the training engines of a fold), ascending.
     *
     * @throws IllegalArgumentException for an index out of range
     */
    public static int[] complement(int engines, int[] excluded) {
        boolean[] out = new boolean[engines];
        for (int i : excluded) {
            if (i < 0 || i >= engines) {
                throw new IllegalArgumentException("engine index must be in [0, " + engines + "), got " + i);
            }
            out[i] = true;
        }
        int[] rest = new int[engines];
        int n = 0;
        for (int i = 0; i < engines; i++) {
            if (!out[i]) {
                rest[n++] = i;
            }
        }
        return Arrays.copyOf(rest, n);
    }

    /**
     * Shuffles {@code 0..engines-1} with the seed and cuts the order into consecutive parts by
     * {@code fractions}: part {@code p} ends at {@code round(engines * (f_0 + .. + f_p))}, so the sizes
     * add up to {@code engines}. Each part is sorted ascending.
     *
     * @param fractions each {@code > 0}, summing to 1 (within 1e-9), e.g. {@code {0.7, 0.15, 0.15}}
     * @throws IllegalArgumentException for bad fractions or when a part would be empty
     */
    public static int[][] split(int engines, double[] fractions, long seed) {
        if (engines < 1) {
            throw new IllegalArgumentException("engines must be >= 1, got " + engines);
        }
        if (fractions == null || fractions.length == 0) {
            throw new IllegalArgumentException("fractions must not be empty");
        }
        double sum = 0;
        for (int p = 0; p < fractions.length; p++) {
            if (!(fractions[p] > 0) || !Double.isFinite(fractions[p])) {
                throw new IllegalArgumentException("fraction " + p + " must be finite and > 0, got " + fractions[p]);
            }
            sum += fractions[p];
        }
        if (Math.abs(sum - 1) > 1e-9) {
            throw new IllegalArgumentException("fractions must sum to 1, got " + sum + " from " + Arrays.toString(fractions));
        }
        int[] order = shuffled(engines, seed);
        int[][] parts = new int[fractions.length][];
        double cumulative = 0;
        int start = 0;
        for (int p = 0; p < fractions.length; p++) {
            cumulative += fractions[p];
            int end = p == fractions.length - 1 ? engines : (int) Math.min(engines, Math.round(engines * cumulative));
            if (end <= start) {
                throw new IllegalArgumentException("part " + p + " (fraction " + fractions[p] + ") of " + engines
                        + " engines would be empty");
            }
            parts[p] = sortedRange(order, start, end);
            start = end;
        }
        return parts;
    }

    private static int[] shuffled(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        return order;
    }

    private static int[] sortedRange(int[] order, int from, int to) {
        int[] part = Arrays.copyOfRange(order, from, to);
        Arrays.sort(part);
        return part;
    }

    /**
     * Cuts every trajectory NASA-test-style at a uniformly random length in {@code [min(minCycles,
     * n), n]} with {@link Trajectory#head}, so {@code rulAtEnd} grows by the cycles removed. Works
     * for any trajectories (C-MAPSS ones too).
     *
     * @param minCycles shortest cut, {@code >= 1}
     */
    public static List<Trajectory> cutAtRandom(List<Trajectory> runToFailure, int minCycles, long seed) {
        Objects.requireNonNull(runToFailure, "runToFailure");
        if (minCycles < 1) {
            throw new IllegalArgumentException("minCycles must be >= 1, got " + minCycles);
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<Trajectory> out = new ArrayList<>(runToFailure.size());
        for (Trajectory t : runToFailure) {
            int n = t.cycles();
            int lo = Math.min(minCycles, n);
            out.add(t.head(lo + random.nextInt(n - lo + 1)));
        }
        return List.copyOf(out);
    }
}
