package org.industry4.vision;

import java.util.Arrays;

/**
 * PatchCore's memory bank with exact Euclidean nearest-neighbour search by blocked matrix
 * products: {@code |q - m|^2 = |q|^2 + |m|^2 - 2 q.m}, with the bank stored transposed in blocks
 * of {@value #BLOCK} rows so that a block stays in cache while every query of an image passes over
 * it, four queries at a time so that each bank value loaded serves four multiply-adds. The inner
 * loops run over contiguous floats. Immutable and thread-safe; a search allocates only four
 * scratch rows per call. Measured on this project's 2-core machine: about 9 GFLOP/s per thread
 * (784 queries against 2,320 rows of 128 values in 53 ms).
 */
final class MemoryBank {

    static final int BLOCK = 512;

    final int size;
    final int dimension;
    /** Row-major copy of the bank ({@code size x dimension}), as saved. */
    private final float[] rows;
    /** Per block: {@code dimension x blockRows}, feature-major. */
    private final float[][] blocks;
    private final float[] norms;

    MemoryBank(float[] rows, int dimension) {
        if (dimension <= 0 || rows.length == 0 || rows.length % dimension != 0) {
            throw new IllegalArgumentException("a memory bank needs a positive whole number of rows of "
                    + dimension + " values, got " + rows.length + " values");
        }
        this.rows = rows;
        this.dimension = dimension;
        this.size = rows.length / dimension;
        this.norms = new float[size];
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
        blocks = new float[nBlocks][];
        for (int b = 0; b < nBlocks; b++) {
            int start = b * BLOCK;
            int n = Math.min(BLOCK, size - start);
            float[] t = new float[dimension * n];
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < dimension; k++) {
                    t[k * n + j] = rows[(start + j) * dimension + k];
                }
            }
            blocks[b] = t;
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
        int nq = queries.length / dimension;
        Arrays.fill(distances, Float.POSITIVE_INFINITY);
        float[] qNorm = new float[nq];
        for (int q = 0; q < nq; q++) {
            double s = 0;
            for (int k = 0; k < dimension; k++) {
                float v = queries[q * dimension + k];
                s += (double) v * v;
            }
            qNorm[q] = (float) s;
        }
        float[] acc0 = new float[BLOCK];
        float[] acc1 = new float[BLOCK];
        float[] acc2 = new float[BLOCK];
        float[] acc3 = new float[BLOCK];
        float[][] accs = {acc0, acc1, acc2, acc3};
        int d = dimension;
        for (int b = 0; b < blocks.length; b++) {
            float[] t = blocks[b];
            int start = b * BLOCK;
            int n = t.length / d;
            for (int q0 = 0; q0 < nq; q0 += 4) {
                int lanes = Math.min(4, nq - q0);
                Arrays.fill(acc0, 0, n, 0f);
                Arrays.fill(acc1, 0, n, 0f);
                Arrays.fill(acc2, 0, n, 0f);
                Arrays.fill(acc3, 0, n, 0f);
                int o0 = q0 * d;
                int o1 = lanes > 1 ? o0 + d : o0;
                int o2 = lanes > 2 ? o0 + 2 * d : o0;
                int o3 = lanes > 3 ? o0 + 3 * d : o0;
                for (int k = 0; k < d; k += 2) {
                    if (k + 1 < d) {
                        float a0 = queries[o0 + k], b0 = queries[o0 + k + 1];
                        float a1 = queries[o1 + k], b1 = queries[o1 + k + 1];
                        float a2 = queries[o2 + k], b2 = queries[o2 + k + 1];
                        float a3 = queries[o3 + k], b3 = queries[o3 + k + 1];
                        int r0 = k * n;
                        int r1 = r0 + n;
                        for (int j = 0; j < n; j++) {
                            float t0 = t[r0 + j];
                            float t1 = t[r1 + j];
                            acc0[j] += a0 * t0 + b0 * t1;
                            acc1[j] += a1 * t0 + b1 * t1;
                            acc2[j] += a2 * t0 + b2 * t1;
                            acc3[j] += a3 * t0 + b3 * t1;
                        }
                    } else {
                        float a0 = queries[o0 + k], a1 = queries[o1 + k], a2 = queries[o2 + k], a3 = queries[o3 + k];
                        int r0 = k * n;
                        for (int j = 0; j < n; j++) {
                            float t0 = t[r0 + j];
                            acc0[j] += a0 * t0;
                            acc1[j] += a1 * t0;
                            acc2[j] += a2 * t0;
                            acc3[j] += a3 * t0;
                        }
                    }
                }
                for (int l = 0; l < lanes; l++) {
                    float[] acc = accs[l];
                    int q = q0 + l;
                    float best = distances[q];
                    int bestIndex = indices[q];
                    for (int j = 0; j < n; j++) {
                        float dist = norms[start + j] - 2 * acc[j];
                        if (dist < best) {
                            best = dist;
                            bestIndex = start + j;
                        }
                    }
                    distances[q] = best;
                    indices[q] = bestIndex;
                }
            }
        }
        for (int q = 0; q < nq; q++) {
            distances[q] = Math.max(0f, distances[q] + qNorm[q]);
        }
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
