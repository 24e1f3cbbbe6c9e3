package org.industry4.vision;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Greedy k-center coreset selection (PatchCore section 3.2, Sener and Savarese 2018): start from a
 * seeded random patch, then repeatedly add the patch farthest from every patch chosen so far.
 * Selection runs on a Gaussian random projection of the features when one is asked for.
 *
 * <p>Each round is one pass over all patches, so the features are stored feature-major in chunks of
 * {@value #CHUNK} patches: the inner loop subtracts one coordinate of the new centre from a run of
 * contiguous floats, which the JIT compiles to SIMD instructions, and the chunks are split between
 * {@code parts} tasks on the caller's executor. Measured on this project's 2-core machine with
 * 232,848 MobileNetV2 patches of 128 values: 466 rounds in 7.3 s on one thread, 4.6 s on two
 * (a variant that skips groups by the triangle inequality was 3x slower: in 128 dimensions few
 * groups can be skipped and the scattered reads cost more than they save). The result does not
 * depend on {@code parts}: ties go to the lowest index.
 */
final class GreedyCoreset {

    static final int CHUNK = 1024;

    private GreedyCoreset() {
    }

    /**
     * The indices of {@code count} rows of {@code rows} ({@code n x dimension}, row-major) chosen
     * greedily, in the order chosen.
     */
    static int[] select(float[] rows, int dimension, int count, int projectionDimension, long seed,
                        Executor executor, int parts, ProgressListener progress) {
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
        int chunks = (n + CHUNK - 1) / CHUNK;
        float[][] columns = new float[chunks][];
        for (int c = 0; c < chunks; c++) {
            int start = c * CHUNK;
            int len = Math.min(CHUNK, n - start);
            float[] t = new float[d * len];
            for (int i = 0; i < len; i++) {
                for (int k = 0; k < d; k++) {
                    t[k * len + i] = x[(start + i) * d + k];
                }
            }
            columns[c] = t;
        }
        float[] nearest = new float[n];
        Arrays.fill(nearest, Float.POSITIVE_INFINITY);
        int tasks = Math.max(1, Math.min(parts, chunks));
        int perTask = (chunks + tasks - 1) / tasks;
        float[] bestValue = new float[tasks];
        int[] bestIndex = new int[tasks];
        float[] centre = new float[d];
        int[] chosen = new int[count];
        chosen[0] = random.nextInt(n);
        int step = Math.max(1, count / 10);
        @SuppressWarnings("unchecked")
        CompletableFuture<Void>[] futures = new CompletableFuture[tasks];
        for (int t = 0; t < count; t++) {
            System.arraycopy(x, chosen[t] * d, centre, 0, d);
            int dims = d;
            for (int task = 0; task < tasks; task++) {
                int from = task * perTask;
                int to = Math.min(chunks, from + perTask);
                int slot = task;
                futures[task] = CompletableFuture.runAsync(
                        () -> update(columns, from, to, dims, centre, nearest, bestValue, bestIndex, slot), executor);
            }
            CompletableFuture.allOf(futures).join();
            if (t + 1 < count) {
                int best = 0;
                for (int task = 1; task < tasks; task++) {
                    if (bestValue[task] > bestValue[best]) {
                        best = task;
                    }
                }
                chosen[t + 1] = bestIndex[best];
            }
            if (progress != null && (t + 1) % step == 0) {
                progress.coreset(t + 1, count);
            }
        }
        return chosen;
    }

    /** Lowers each patch's squared distance to the chosen set by its distance to {@code centre}. */
    private static void update(float[][] columns, int from, int to, int d, float[] centre, float[] nearest,
                               float[] bestValue, int[] bestIndex, int slot) {
        float[] acc = new float[CHUNK];
        float best = -1;
        int bestAt = 0;
        for (int c = from; c < to; c++) {
            float[] t = columns[c];
            int len = t.length / d;
            Arrays.fill(acc, 0, len, 0f);
            for (int k = 0; k < d; k++) {
                float ck = centre[k];
                int o = k * len;
                for (int i = 0; i < len; i++) {
                    float e = t[o + i] - ck;
                    acc[i] += e * e;
                }
            }
            int start = c * CHUNK;
            for (int i = 0; i < len; i++) {
                float v = Math.min(nearest[start + i], acc[i]);
                nearest[start + i] = v;
                if (v > best) {
                    best = v;
                    bestAt = start + i;
                }
            }
        }
        bestValue[slot] = best;
        bestIndex[slot] = bestAt;
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
