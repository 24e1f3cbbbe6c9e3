package org.industry4.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MemoryBankTest {

    static float[] random(int n, SplittableRandom r) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextDouble() * 4 - 2);
        }
        return x;
    }

    @Property(tries = 30)
    void blockedSearchFindsTheBruteForceNearestNeighbour(@ForAll @IntRange(min = 1, max = 1300) int size,
                                                         @ForAll @IntRange(min = 1, max = 70) int dimension,
                                                         @ForAll @IntRange(min = 1, max = 40) int queries,
                                                         @ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        MemoryBank bank = new MemoryBank(random(size * dimension, r), dimension);
        float[] q = random(queries * dimension, r);
        float[] dist = new float[queries];
        int[] index = new int[queries];
        bank.nearest(q, dist, index);
        for (int i = 0; i < queries; i++) {
            float best = Float.MAX_VALUE;
            for (int m = 0; m < size; m++) {
                best = Math.min(best, bank.distance(q, i, m));
            }
            assertEquals(best, dist[i], 1e-3f * (1 + best), "query " + i);
            assertEquals(best, bank.distance(q, i, index[i]), 1e-3f * (1 + best), "query " + i);
        }
    }

    @Test
    void aBankRowIsItsOwnNearestNeighbourAndFirstOfItsNeighbours() {
        SplittableRandom r = new SplittableRandom(3);
        float[] rows = random(600 * 16, r);
        MemoryBank bank = new MemoryBank(rows, 16);
        float[] dist = new float[600];
        int[] index = new int[600];
        bank.nearest(rows, dist, index);
        for (int i = 0; i < 600; i++) {
            assertEquals(i, index[i]);
            assertEquals(0, dist[i], 1e-3);
        }
        int[] nb = bank.neighboursOf(42, 9);
        assertEquals(9, nb.length);
        assertEquals(42, nb[0]);
        for (int i = 2; i < nb.length; i++) {
            assertTrue(bank.distance(rows, 42, nb[i - 1]) <= bank.distance(rows, 42, nb[i]));
        }
        assertArrayEquals(new int[] {0}, new MemoryBank(new float[] {1, 2}, 2).neighboursOf(0, 9));
    }

    @Test
    void badBanksAreRefusedNamingTheValue() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MemoryBank(new float[] {1, 2, 3}, 2))
                .getMessage().contains("3 values"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new MemoryBank(new float[] {1, Float.NaN}, 2)).getMessage().contains("NaN"));
    }
}
