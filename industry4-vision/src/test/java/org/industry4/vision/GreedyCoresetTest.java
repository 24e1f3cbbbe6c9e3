package org.industry4.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class GreedyCoresetTest {

    static final ExecutorService POOL = Executors.newFixedThreadPool(3, r -> {
        Thread t = new Thread(r, "coreset-test");
        t.setDaemon(true);
        return t;
    });

    static float[] clusteredPoints(int n, int d, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] centres = new float[8 * d];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = (float) (random.nextDouble() * 10);
        }
        float[] x = new float[n * d];
        for (int i = 0; i < n; i++) {
            int c = random.nextInt(8);
            for (int k = 0; k < d; k++) {
                x[i * d + k] = centres[c * d + k] + (float) random.nextDouble();
            }
        }
        return x;
    }

    @Property(tries = 40)
    void selectionEqualsThePlainGreedyAlgorithmForAnyNumberOfParts(@ForAll @IntRange(min = 2, max = 3000) int n,
                                                                   @ForAll @IntRange(min = 1, max = 9) int d,
                                                                   @ForAll @IntRange(min = 1, max = 60) int count,
                                                                   @ForAll @IntRange(min = 1, max = 4) int parts,
                                                                   @ForAll long seed) {
        float[] x = clusteredPoints(n, d, seed);
        int k = Math.min(count, n - 1);
        int[] expected = plainGreedyAsSelect(x, d, k, seed);
        assertArrayEquals(expected, GreedyCoreset.select(x, d, k, 0, seed, POOL, parts, null));
    }

    /**
     * The textbook algorithm: every point's distance to each new centre, recomputed each round, as a
     * float sum of squares in feature order (the arithmetic select does, so near-ties break alike).
     */
    private static int[] plainGreedyAsSelect(float[] x, int d, int count, long seed) {
        int n = x.length / d;
        SplittableRandom random = new SplittableRandom(seed);
        int[] chosen = new int[count];
        chosen[0] = random.nextInt(n);
        float[] dist = new float[n];
        for (int i = 0; i < n; i++) {
            dist[i] = squared(x, d, i, chosen[0]);
        }
        for (int t = 1; t < count; t++) {
            int p = 0;
            for (int i = 1; i < n; i++) {
                if (dist[i] > dist[p]) {
                    p = i;
                }
            }
            chosen[t] = p;
            for (int i = 0; i < n; i++) {
                dist[i] = Math.min(dist[i], squared(x, d, i, p));
            }
        }
        return chosen;
    }

    private static float distance(float[] x, int d, int a, int b) {
        return (float) Math.sqrt(squared(x, d, a, b));
    }

    private static float squared(float[] x, int d, int a, int b) {
        float s = 0;
        for (int k = 0; k < d; k++) {
            float e = x[a * d + k] - x[b * d + k];
            s += e * e;
        }
        return s;
    }

    @Test
    void aCoresetOfEveryPointIsEveryPointInOrder() {
        float[] x = clusteredPoints(50, 3, 1);
        int[] all = GreedyCoreset.select(x, 3, 50, 0, 7, Runnable::run, 1, null);
        for (int i = 0; i < 50; i++) {
            assertEquals(i, all[i]);
        }
    }

    @Test
    void theCoresetCoversEveryCluster() {
        // 8 well separated clusters: 8 centres chosen greedily land one in each
        float[] x = clusteredPoints(800, 4, 3);
        int[] chosen = GreedyCoreset.select(x, 4, 8, 0, 11, Runnable::run, 1, null);
        float maxCover = 0;
        for (int i = 0; i < 800; i++) {
            float best = Float.MAX_VALUE;
            for (int c : chosen) {
                best = Math.min(best, distance(x, 4, i, c));
            }
            maxCover = Math.max(maxCover, best);
        }
        // points lie within a unit cube around their centre: the diagonal is 2
        assertEquals(true, maxCover <= 2.0f, "covering radius " + maxCover);
    }

    @Test
    void aRandomProjectionRoughlyKeepsDistances() {
        float[] x = clusteredPoints(200, 64, 5);
        float[] p = GreedyCoreset.project(x, 64, 32, new SplittableRandom(9));
        double ratioSum = 0;
        int pairs = 0;
        for (int i = 0; i < 200; i += 7) {
            for (int j = i + 1; j < 200; j += 13) {
                ratioSum += distance(p, 32, i, j) / distance(x, 64, i, j);
                pairs++;
            }
        }
        assertEquals(1.0, ratioSum / pairs, 0.15);
    }
}
