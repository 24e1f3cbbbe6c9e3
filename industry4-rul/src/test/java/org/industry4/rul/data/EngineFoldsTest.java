package org.industry4.rul.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineFoldsTest {

    @Test
    void kFoldSizesDifferByAtMostOneAndTheSeedFixesTheShuffle() {
        List<int[]> folds = EngineFolds.kFold(10, 3, 5);
        assertEquals(List.of(4, 3, 3), folds.stream().map(f -> f.length).toList());
        assertEquals(3, EngineFolds.kFold(10, 3, 5).size());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(folds.get(i), EngineFolds.kFold(10, 3, 5).get(i));
        }
        boolean anyDifferent = false;
        for (long seed = 6; seed < 10; seed++) {
            anyDifferent |= !Arrays.equals(folds.get(0), EngineFolds.kFold(10, 3, seed).get(0));
        }
        assertEquals(true, anyDifferent, "other seeds shuffle differently");
        assertArrayEquals(new int[] {0, 1, 2, 3}, EngineFolds.kFold(4, 1, 9).get(0));
    }

    @Test
    void complementIsTheTrainingPartOfAFold() {
        assertArrayEquals(new int[] {0, 2, 4}, EngineFolds.complement(5, new int[] {3, 1}));
        assertEquals("engine index must be in [0, 5), got 5", assertThrows(IllegalArgumentException.class,
                () -> EngineFolds.complement(5, new int[] {5})).getMessage());
    }

    @Test
    void splitCutsTheShuffledEnginesByFractions() {
        int[][] parts = EngineFolds.split(100, new double[] {0.7, 0.15, 0.15}, 1);
        assertEquals(70, parts[0].length);
        assertEquals(15, parts[1].length);
        assertEquals(15, parts[2].length);
        int[] all = new int[100];
        int n = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, all, n, p.length);
            n += p.length;
        }
        Arrays.sort(all);
        for (int i = 0; i < 100; i++) {
            assertEquals(i, all[i]);
        }
        assertNotEquals(Arrays.toString(parts[1]), Arrays.toString(EngineFolds.split(100, new double[] {0.7, 0.15, 0.15}, 2)[1]));
        assertArrayEquals(parts[2], EngineFolds.split(100, new double[] {0.7, 0.15, 0.15}, 1)[2]);
    }

    @Test
    void refusesBadArgumentsNamingThem() {
        assertEquals("k must be in [1, 3] for 3 engines, got 4",
                assertThrows(IllegalArgumentException.class, () -> EngineFolds.kFold(3, 4, 1)).getMessage());
        assertEquals("k must be in [1, 3] for 3 engines, got 0",
                assertThrows(IllegalArgumentException.class, () -> EngineFolds.kFold(3, 0, 1)).getMessage());
        assertEquals("engines must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> EngineFolds.kFold(0, 1, 1)).getMessage());
        assertEquals("part 1 (fraction 0.02) of 10 engines would be empty", assertThrows(IllegalArgumentException.class,
                () -> EngineFolds.split(10, new double[] {0.96, 0.02, 0.02}, 1)).getMessage());
        assertEquals("fractions must sum to 1, got 0.9 from [0.5, 0.4]", assertThrows(IllegalArgumentException.class,
                () -> EngineFolds.split(10, new double[] {0.5, 0.4}, 1)).getMessage());
        assertEquals("fraction 0 must be finite and > 0, got -0.5", assertThrows(IllegalArgumentException.class,
                () -> EngineFolds.split(10, new double[] {-0.5, 1.5}, 1)).getMessage());
        assertEquals("fractions must not be empty", assertThrows(IllegalArgumentException.class,
                () -> EngineFolds.split(10, new double[0], 1)).getMessage());
    }

    @Test
    void cutAtRandomKeepsAtLeastMinCyclesAndAddsTheRemovedCyclesToRul() {
        List<Trajectory> full = SyntheticEngines.generate(50, 1, 1);
        List<Trajectory> cut = EngineFolds.cutAtRandom(full, 31, 2);
        assertEquals(full.size(), cut.size());
        boolean someCut = false;
        for (int e = 0; e < full.size(); e++) {
            Trajectory f = full.get(e);
            Trajectory c = cut.get(e);
            assertTrue(c.cycles() >= 31 && c.cycles() <= f.cycles());
            assertEquals(f.cycles() - c.cycles(), c.rulAtEnd());
            assertEquals(f.head(c.cycles()), c);
            someCut |= c.cycles() < f.cycles();
        }
        assertTrue(someCut);
        assertEquals(cut, EngineFolds.cutAtRandom(full, 31, 2));
        Trajectory shortOne = full.get(0).head(5);
        assertEquals(5, EngineFolds.cutAtRandom(List.of(shortOne), 31, 2).get(0).cycles());
        assertEquals("minCycles must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> EngineFolds.cutAtRandom(List.of(), 0, 1)).getMessage());
    }
}
