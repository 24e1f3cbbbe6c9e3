package org.industry4.rul.data;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;

/**
 * Lloyd's k-means with a k-means++ start, on points stored row-major in one {@code double[]}
 * ({@code n} points of {@code d} coordinates). Deterministic for a given random source: the best of
 * {@link #RESTARTS} runs (lowest within-cluster sum of squares) is kept and its centres are sorted
 * lexicographically, so a condition's index does not depend on the start.
 */
final class KMeans {

    /** Independent k-means++ starts; the run with the lowest inertia wins. */
    static final int RESTARTS = 8;
    private static final int MAX_ITERATIONS = 100;

    private KMeans() {
    }

    /**
     * The {@code k} centres, row-major ({@code k * d}), sorted lexicographically.
     *
     * @throws IllegalArgumentException when the points have fewer than {@code k} distinct values
     */
    static double[] fit(double[] points, int n, int d, int k, SplittableRandom random) {
        double[] best = null;
        double bestInertia = Double.POSITIVE_INFINITY;
        int[] assignment = new int[n];
        for (int run = 0; run < RESTARTS; run++) {
            double[] centres = start(points, n, d, k, random);
            double inertia = lloyd(points, n, d, k, centres, assignment);
            if (inertia < bestInertia) {
                bestInertia = inertia;
                best = centres;
            }
        }
        return sorted(best, k, d);
    }

    /** The index of the centre nearest to {@code x[offset .. offset + d)}; ties go to the lower index. */
    static int nearest(double[] centres, int k, int d, double[] x, int offset) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            double dist = 0;
            for (int j = 0; j < d; j++) {
                double diff = x[offset + j] - centres[c * d + j];
                dist += diff * diff;
            }
            if (dist < bestDistance) {
                bestDistance = dist;
                best = c;
            }
        }
        return best;
    }

    private static double squared(double[] points, int i, double[] centres, int c, int d) {
        double dist = 0;
        for (int j = 0; j < d; j++) {
            double diff = points[i * d + j] - centres[c * d + j];
            dist += diff * diff;
        }
        return dist;
    }

    /** k-means++: the first centre uniformly, each next one with probability proportional to D(x)^2. */
    private static double[] start(double[] points, int n, int d, int k, SplittableRandom random) {
        double[] centres = new double[k * d];
        System.arraycopy(points, random.nextInt(n) * d, centres, 0, d);
        double[] nearest = new double[n];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (int i = 0; i < n; i++) {
                nearest[i] = Math.min(nearest[i], squared(points, i, centres, c - 1, d));
                total += nearest[i];
            }
            if (!(total > 0)) {
                throw new IllegalArgumentException("the setting values take only " + c
                        + " distinct points in the training data, fewer than conditions = " + k);
            }
            double r = random.nextDouble() * total;
            int chosen = -1;
            for (int i = 0; i < n; i++) {
                if (nearest[i] > 0) {
                    chosen = i;
                    r -= nearest[i];
                    if (r < 0) {
                        break;
                    }
                }
            }
            System.arraycopy(points, chosen * d, centres, c * d, d);
        }
        return centres;
    }

    /** Lloyd iterations until no point changes cluster; returns the inertia. An emptied cluster takes the farthest point. */
    private static double lloyd(double[] points, int n, int d, int k, double[] centres, int[] assignment) {
        Arrays.fill(assignment, -1);
        double[] sums = new double[k * d];
        int[] counts = new int[k];
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            boolean changed = false;
            for (int i = 0; i < n; i++) {
                int c = nearest(centres, k, d, points, i * d);
                if (c != assignment[i]) {
                    assignment[i] = c;
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
            Arrays.fill(sums, 0);
            Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) {
                int c = assignment[i];
                counts[c]++;
                for (int j = 0; j < d; j++) {
                    sums[c * d + j] += points[i * d + j];
                }
            }
            for (int c = 0; c < k; c++) {
                if (counts[c] == 0) {
                    int far = farthest(points, n, d, centres, assignment);
                    System.arraycopy(points, far * d, centres, c * d, d);
                    assignment[far] = c;
                    continue;
                }
                for (int j = 0; j < d; j++) {
                    centres[c * d + j] = sums[c * d + j] / counts[c];
                }
            }
        }
        double inertia = 0;
        for (int i = 0; i < n; i++) {
            inertia += squared(points, i, centres, nearest(centres, k, d, points, i * d), d);
        }
        return inertia;
    }

    private static int farthest(double[] points, int n, int d, double[] centres, int[] assignment) {
        int far = 0;
        double farDistance = -1;
        for (int i = 0; i < n; i++) {
            double dist = squared(points, i, centres, assignment[i], d);
            if (dist > farDistance) {
                farDistance = dist;
                far = i;
            }
        }
        return far;
    }

    private static double[] sorted(double[] centres, int k, int d) {
        double[][] rows = new double[k][];
        for (int c = 0; c < k; c++) {
            rows[c] = Arrays.copyOfRange(centres, c * d, (c + 1) * d);
        }
        Arrays.sort(rows, Comparator.comparing((double[] r) -> r, Arrays::compare));
        double[] out = new double[k * d];
        for (int c = 0; c < k; c++) {
            System.arraycopy(rows[c], 0, out, c * d, d);
        }
        return out;
    }
}
