package org.industry4.vision;

import java.util.SplittableRandom;

/**
 * Greedy k-center coreset selection (PatchCore section 3.2, Sener and Savarese 2018): start from a
 * seeded random patch, then repeatedly add the patch farthest from every patch chosen so far.
 * Selection runs on a Gaussian random projection of the features when one is asked for.
 *
 * <p>The result is exactly the plain greedy algorithm's, but faster: every patch belongs to its
 * nearest centre, each centre keeps the radius of its group, and a group whose centre lies at least
 * twice its radius away from the new centre cannot contain a patch that moves (triangle inequality),
 * so it is skipped without computing a distance. Late iterations, when groups are small, touch
 * few patches instead of all of them.
 */
final class GreedyCoreset {

    private GreedyCoreset() {
    }

    /**
     * The indices of {@code count} rows of {@code rows} ({@code n x dimension}, row-major) chosen
     * greedily, in the order chosen.
     */
    static int[] select(float[] rows, int dimension, int count, int projectionDimension, long seed,
                        ProgressListener progress) {
        int n = rows.length / dimension;
        if (count >= n) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = rows;
        int d = dimension;
        if (projectionDimension > 0 && projectionDimension < dimension) {
            x = project(rows, dimension, projectionDimension, random.split());
            d = projectionDimension;
        }
        int[] chosen = new int[count];
        float[] dist = new float[n];
        int[] owner = new int[n];
        int[][] members = new int[count][];
        int[] memberCount = new int[count];
        float[] radius = new float[count];
        int[] far = new int[count];

        int first = random.nextInt(n);
        chosen[0] = first;
        members[0] = new int[n];
        float best = -1;
        int bestIndex = first;
        for (int i = 0; i < n; i++) {
            float v = distance(x, d, i, first);
            dist[i] = v;
            members[0][i] = i;
            if (v > best) {
                best = v;
                bestIndex = i;
            }
        }
        memberCount[0] = n;
        radius[0] = best;
        far[0] = bestIndex;

        float[] centreDistance = new float[count];
        int[] moved = new int[16];
        long step = Math.max(1, count / 10);
        for (int t = 1; t < count; t++) {
            int g = 0;
            for (int c = 1; c < t; c++) {
                if (radius[c] > radius[g]) {
                    g = c;
                }
            }
            int p = far[g];
            chosen[t] = p;
            int movedCount = 0;
            for (int c = 0; c < t; c++) {
                float cc = distance(x, d, chosen[c], p);
                centreDistance[c] = cc;
                if (cc >= 2 * radius[c]) {
                    continue;
                }
                int[] list = members[c];
                int kept = 0;
                float r = 0;
                int f = chosen[c];
                for (int m = 0; m < memberCount[c]; m++) {
                    int i = list[m];
                    float di = dist[i];
                    if (cc < 2 * di) {
                        float v = distance(x, d, i, p);
                        if (v < di) {
                            dist[i] = v;
                            owner[i] = t;
                            if (movedCount == moved.length) {
                                moved = java.util.Arrays.copyOf(moved, moved.length * 2);
                            }
                            moved[movedCount++] = i;
                            continue;
                        }
                    }
                    list[kept++] = i;
                    if (di > r) {
                        r = di;
                        f = i;
                    }
                }
                memberCount[c] = kept;
                radius[c] = r;
                far[c] = f;
            }
            int[] list = java.util.Arrays.copyOf(moved, Math.max(movedCount, 1));
            float r = 0;
            int f = p;
            for (int m = 0; m < movedCount; m++) {
                int i = list[m];
                if (dist[i] > r) {
                    r = dist[i];
                    f = i;
                }
            }
            members[t] = list;
            memberCount[t] = movedCount;
            radius[t] = r;
            far[t] = f;
            if (progress != null && (t + 1) % step == 0) {
                progress.coreset(t + 1, count);
            }
        }
        return chosen;
    }

    /** Euclidean distance between rows {@code a} and {@code b}. */
    static float distance(float[] x, int d, int a, int b) {
        int oa = a * d;
        int ob = b * d;
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int k = 0;
        for (; k + 3 < d; k += 4) {
            float e0 = x[oa + k] - x[ob + k];
            float e1 = x[oa + k + 1] - x[ob + k + 1];
            float e2 = x[oa + k + 2] - x[ob + k + 2];
            float e3 = x[oa + k + 3] - x[ob + k + 3];
            s0 += e0 * e0;
            s1 += e1 * e1;
            s2 += e2 * e2;
            s3 += e3 * e3;
        }
        for (; k < d; k++) {
            float e = x[oa + k] - x[ob + k];
            s0 += e * e;
        }
        return (float) Math.sqrt((s0 + s1) + (s2 + s3));
    }

    /** {@code rows} times a {@code dimension x target} matrix of N(0, 1/target) entries. */
    static float[] project(float[] rows, int dimension, int target, SplittableRandom random) {
        float[] matrix = new float[dimension * target];
        double scale = 1 / Math.sqrt(target);
        for (int i = 0; i < matrix.length; i++) {
            matrix[i] = (float) (gaussian(random) * scale);
        }
        int n = rows.length / dimension;
        float[] out = new float[n * target];
        for (int i = 0; i < n; i++) {
            int o = i * target;
            for (int k = 0; k < dimension; k++) {
                float a = rows[i * dimension + k];
                int mo = k * target;
                for (int j = 0; j < target; j++) {
                    out[o + j] += a * matrix[mo + j];
                }
            }
        }
        return out;
    }

    private static double gaussian(SplittableRandom random) {
        double u;
        do {
            u = random.nextDouble();
        } while (u == 0);
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
