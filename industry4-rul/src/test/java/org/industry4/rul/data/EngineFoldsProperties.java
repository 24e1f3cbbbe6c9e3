package org.industry4.rul.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class EngineFoldsProperties {

    @Property(tries = 300)
    void kFoldsAreDisjointCoverEveryEngineAndDifferInSizeByAtMostOne(@ForAll @IntRange(min = 1, max = 300) int engines,
            @ForAll @IntRange(min = 1, max = 20) int k, @ForAll long seed) {
        Assume.that(k <= engines);
        List<int[]> folds = EngineFolds.kFold(engines, k, seed);
        assertEquals(k, folds.size());
        int[] seen = new int[engines];
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (int[] fold : folds) {
            min = Math.min(min, fold.length);
            max = Math.max(max, fold.length);
            for (int i : fold) {
                seen[i]++;
            }
            assertEquals(engines, EngineFolds.complement(engines, fold).length + fold.length);
        }
        assertTrue(max - min <= 1, "fold sizes " + min + ".." + max);
        for (int i = 0; i < engines; i++) {
            assertEquals(1, seen[i], "engine " + i);
        }
    }

    @Property(tries = 300)
    void splitPartsPartitionTheEngines(@ForAll @IntRange(min = 3, max = 300) int engines,
            @ForAll @IntRange(min = 1, max = 98) int percentA, @ForAll long seed) {
        double a = percentA / 100.0;
        double[] fractions = {a, (1 - a) / 2, (1 - a) / 2};
        int[][] parts;
        try {
            parts = EngineFolds.split(engines, fractions, seed);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().endsWith("would be empty"), e.getMessage());
            return;
        }
        int[] seen = new int[engines];
        for (int p = 0; p < parts.length; p++) {
            assertTrue(parts[p].length > 0);
            assertTrue(Math.abs(parts[p].length - fractions[p] * engines) <= 1.0 + 1e-9, "part " + p);
            for (int i : parts[p]) {
                seen[i]++;
            }
        }
        for (int i = 0; i < engines; i++) {
            assertEquals(1, seen[i], "engine " + i);
        }
    }
}
