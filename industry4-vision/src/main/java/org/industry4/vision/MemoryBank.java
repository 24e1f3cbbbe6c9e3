package org.industry4.vision;

import java.util.Arrays;

/**
 * PatchCore's memory bank with exact Euclidean nearest-neighbour search by blocked matrix
 * products: {@code |q - m|^2 = |q|^2 + |m|^2 - 2 q.m}, with the bank stored transposed in blocks
 * of {@value #BLOCK} rows so that a block stays in cache while every query of an image passes over
 * it. Each feature of a block is its own {@code float[]}: the inner loop reads four of them and
 * updates the dot products of two queries, and because the arrays it reads are distinct objects from
 * the ones it writes, HotSpot's C2 compiles it to SIMD instructions (one flat array read at computed
 * offsets is not vectorised: 6 GFLOP/s against 40 to 49 GFLOP/s per thread, measured on this project's
 * 2-core machine). Immutable and thread-safe; a search allocates only scratch arrays.
 */
final class MemoryBank {

    static final int BLOCK = 1024;

    final int size;
    final int dimension;
    /** Row-major copy of the bank ({@code size x dimension}), as saved. */
    private final float[] rows;
    /** Per block, per feature: the block's values of that feature (one array per feature, see class doc). */
    private final float[][][] blocks;
    /** Per block: the squared norms of its rows. */
    private final float[][] blockNorms;

    MemoryBank(float[] rows, int dimension) {
        if (dimension <= 0 || rows.length == 0 || rows.length % dimension != 0) {
            throw new IllegalArgumentException("a memory bank needs a positive whole number of rows of "
                    + dimension + " values, got " + rows.length + " values");
        }
        this.rows = rows;
        this.dimension = dimension;
        this.size = rows.length / dimension;
        float[] norms = new float[size];
        for (int i = 0; i < size; i++) {
            double s = 0;
            for (int k = 0; k < dimension; k++) {
                float v = rows[i * dimension + k];
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("memory bank value at row " + i + ", dimension " + k
                            + " is " + v);
                }
                s += (double) v * v;
            }
            norms[i] = (float) s;
        }
        int nBlocks = (size + BLOCK - 1) / BLOCK;
        blocks = new float[nBlocks][][];
        blockNorms = new float[nBlocks][];
        for (int b = 0; b < nBlocks; b++) {
            int start = b * BLOCK;
            int n = Math.min(BLOCK, size - start);
            // padded to a multiple of 4 features with zero rows, so the kernel needs no remainder loop
            float[][] t = new float[(dimension + 3) & ~3][n];
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < dimension; k++) {
                    t[k][j] = rows[(start + j) * dimension + k];
                }
            }
            blocks[b] = t;
            blockNorms[b] = Arrays.copyOfRange(norms, start, start + n);
        }
    }

    /** The bank's rows, row-major; callers must not modify them. */
    float[] rows() {
        return rows;
    }

    /**
     * For each of the {@code queries.length / dimension} query rows, the squared distance to its
     * nearest bank row ({@code distances}) and that row's index ({@code indices}).
     */
    void nearest(float[] queries, float[] distances, int[] indices) {
        int d = dimension;
        int nq = queries.length / d;
        Arrays.fill(distances, Float.POSITIVE_INFINITY);
        int padded = (d + 3) & ~3;
        // queries padded like the bank: two at a time, so an odd count gets a zero partner
        float[] q = new float[((nq + 1) & ~1) * padded];
        for (int i = 0; i < nq; i++) {
            System.arraycopy(queries, i * d, q, i * padded, d);
        }
        float[] acc0 = new float[Math.min(BLOCK, size)];
        float[] acc1 = new float[acc0.length];
        for (int b = 0; b < blocks.length; b++) {
            float[][] t = blocks[b];
            float[] bn = blockNorms[b];
            int n = bn.length;
            int start = b * BLOCK;
            for (int i = 0; i < nq; i += 2) {
                Arrays.fill(acc0, 0, n, 0f);
                Arrays.fill(acc1, 0, n, 0f);
                int o0 = i * padded;
                int o1 = o0 + padded;
                for (int k = 0; k < padded; k += 4) {
                    float a0 = q[o0 + k];
                    float a1 = q[o0 + k + 1];
                    float a2 = q[o0 + k + 2];
                    float a3 = q[o0 + k + 3];
                    float b0 = q[o1 + k];
                    float b1 = q[o1 + k + 1];
                    float b2 = q[o1 + k + 2];
                    float b3 = q[o1 + k + 3];
                    float[] r0 = t[k];
                    float[] r1 = t[k + 1];
                    float[] r2 = t[k + 2];
                    float[] r3 = t[k + 3];
                    for (int j = 0; j < n; j++) {
                        float t0 = r0[j];
                        float t1 = r1[j];
                        float t2 = r2[j];
                        float t3 = r3[j];
                        acc0[j] += a0 * t0 + a1 * t1 + a2 * t2 + a3 * t3;
                        acc1[j] += b0 * t0 + b1 * t1 + b2 * t2 + b3 * t3;
                    }
                }
                closest(acc0, bn, n, start, i, distances, indices);
                if (i + 1 < nq) {
                    closest(acc1, bn, n, start, i + 1, distances, indices);
                }
            }
        }
        for (int i = 0; i < nq; i++) {
            double s = 0;
            for (int k = 0; k < d; k++) {
                float v = queries[i * d + k];
                s += (double) v * v;
            }
            distances[i] = Math.max(0f, distances[i] + (float) s);
        }
    }

    /** Folds one block's dot products of query {@code i} into its best {@code |m|^2 - 2 q.m} so far. */
    private static void closest(float[] dots, float[] blockNorms, int n, int start, int i, float[] distances,
                                int[] indices) {
        for (int j = 0; j < n; j++) {
            dots[j] = blockNorms[j] - 2 * dots[j];
        }
        float best = distances[i];
        int bestIndex = indices[i];
        for (int j = 0; j < n; j++) {
            if (dots[j] < best) {
                best = dots[j];
                bestIndex = start + j;
            }
        }
        distances[i] = best;
        indices[i] = bestIndex;
    }

    /** Squared distance between query row {@code q} of {@code queries} and bank row {@code m}. */
    float distance(float[] queries, int q, int m) {
        double s = 0;
        for (int k = 0; k < dimension; k++) {
            double diff = queries[q * dimension + k] - rows[m * dimension + k];
            s += diff * diff;
        }
        return (float) s;
    }

    /** The indices of the {@code k} bank rows nearest to bank row {@code m} (itself first), exact. */
    int[] neighboursOf(int m, int k) {
        k = Math.min(k, size);
        float[] dist = new float[size];
        for (int i = 0; i < size; i++) {
            double s = 0;
            for (int c = 0; c < dimension; c++) {
                double diff = rows[m * dimension + c] - rows[i * dimension + c];
                s += diff * diff;
            }
            dist[i] = (float) s;
        }
        dist[m] = -1f;
        // partial selection: k is small (9 by default)
        int[] best = new int[k];
        float[] bestDist = new float[k];
        Arrays.fill(bestDist, Float.POSITIVE_INFINITY);
        for (int i = 0; i < size; i++) {
            float v = dist[i];
            if (v < bestDist[k - 1]) {
                int p = k - 1;
                while (p > 0 && (bestDist[p - 1] > v)) {
                    bestDist[p] = bestDist[p - 1];
                    best[p] = best[p - 1];
                    p--;
                }
                bestDist[p] = v;
                best[p] = i;
            }
        }
        return best;
    }
}
