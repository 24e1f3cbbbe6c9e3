package org.industry4.vision.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.industry4.vision.image.Mask;
import org.junit.jupiter.api.Test;

class AuproTest {

    /** A 20 x 20 mask with a 2 x 2 region at the top left and a 10 x 10 region at the bottom right. */
    static Mask twoRegions() {
        boolean[] d = new boolean[400];
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 2; x++) {
                d[y * 20 + x] = true;
            }
        }
        for (int y = 10; y < 20; y++) {
            for (int x = 10; x < 20; x++) {
                d[y * 20 + x] = true;
            }
        }
        return new Mask(20, 20, d);
    }

    static float[] mapOf(Mask mask, float defect, float good) {
        float[] map = new float[mask.height() * mask.width()];
        for (int i = 0; i < map.length; i++) {
            map[i] = mask.defect()[i] ? defect : good;
        }
        return map;
    }

    @Test
    void aPerfectMapScoresOneAndAnInvertedMapZero() {
        Aupro perfect = new Aupro();
        perfect.add(mapOf(twoRegions(), 1, 0), twoRegions());
        assertEquals(1.0, perfect.value(), 1e-12);
        assertEquals(2, perfect.regions());
        Aupro inverted = new Aupro();
        inverted.add(mapOf(twoRegions(), 0, 1), twoRegions());
        assertEquals(0.0, inverted.value(), 1e-12);
    }

    @Test
    void everyRegionCountsTheSameHoweverLarge() {
        // only the small region is found (above every good pixel); the large one scores below them all
        Mask mask = twoRegions();
        float[] map = mapOf(mask, 0.5f, 0.5f);
        for (int i = 0; i < map.length; i++) {
            if (mask.defect()[i]) {
                map[i] = i < 40 ? 1f : 0f;
            }
        }
        Aupro pro = new Aupro();
        pro.add(map, mask);
        // PRO is 0.5 from FPR 0 up to 1 (the small region of 4 pixels: half the regions, 4 % of the
        // defect pixels); pixel AUROC would call this map mostly wrong
        assertEquals(0.5, pro.value(), 1e-12);
        PixelAuroc auroc = new PixelAuroc();
        auroc.add(map, mask);
        assertTrue(auroc.value() < 0.1, "pixel AUROC " + auroc.value());
    }

    @Test
    void diagonalNeighboursAreOneRegion() {
        boolean[] d = new boolean[9];
        d[0] = true;
        d[4] = true;
        d[8] = true;
        d[2] = true;
        Aupro pro = new Aupro();
        pro.add(new float[9], new Mask(3, 3, d));
        assertEquals(1, pro.regions());
        boolean[] apart = new boolean[16];
        apart[0] = true;
        apart[2] = true;
        apart[15] = true;
        Aupro three = new Aupro();
        three.add(new float[16], new Mask(4, 4, apart));
        assertEquals(3, three.regions());
    }

    @Test
    void theCurveIsCutAtTheFprLimit() {
        // good pixels 0..99 spread uniformly; the region's pixels all score 50: PRO jumps 0 -> 1 at
        // FPR 0.5, beyond the 0.3 limit, so the area is 0; with the limit at 1 it is the rectangle 0.5
        boolean[] d = new boolean[110];
        float[] map = new float[110];
        for (int i = 0; i < 100; i++) {
            map[i] = i;
        }
        for (int i = 100; i < 110; i++) {
            d[i] = true;
            map[i] = 49.5f;
        }
        Mask mask = new Mask(11, 10, d);
        Aupro limited = new Aupro();
        limited.add(map, mask);
        assertEquals(0.0, limited.value(), 1e-12);
        Aupro full = new Aupro(1.0);
        full.add(map, mask);
        assertEquals(0.5, full.value(), 1e-12);
    }

    @Property(tries = 20)
    void aRandomMapScoresAboutHalfTheLimitAndMonotoneTransformsChangeNothing(
            @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Aupro pro = new Aupro();
        Aupro transformed = new Aupro();
        for (int image = 0; image < 16; image++) {
            boolean[] d = new boolean[64 * 64];
            int cy = random.nextInt(10, 54);
            int cx = random.nextInt(10, 54);
            for (int y = cy - 6; y < cy + 6; y++) {
                for (int x = cx - 6; x < cx + 6; x++) {
                    d[y * 64 + x] = true;
                }
            }
            float[] map = new float[d.length];
            float[] exp = new float[d.length];
            for (int i = 0; i < map.length; i++) {
                map[i] = (float) random.nextDouble();
                exp[i] = (float) Math.exp(3 * map[i]);
            }
            Mask mask = new Mask(64, 64, d);
            pro.add(map, mask);
            transformed.add(exp, mask);
        }
        // each defect pixel adds max(0, u - 0.7) / 0.3 for its uniform score u: mean 0.15, sd 0.28;
        // over 16 x 144 pixels the sd is 0.006 (measured over 300 seeds: 0.0058, largest deviation
        // 0.016), and 0.035 is six of them
        assertEquals(0.15, pro.value(), 0.035);
        // float rounding of exp can merge two close scores into a tie: equal up to that
        assertEquals(pro.value(), transformed.value(), 1e-6);
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Aupro(0));
        assertThrows(IllegalArgumentException.class, () -> new Aupro(1.5));
        Aupro pro = new Aupro();
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> pro.add(new float[3], new Mask(2, 2, new boolean[4])));
        assertTrue(size.getMessage().contains("2x2"), size.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> pro.add(new float[] {0, Float.NaN, 0, 0}, new Mask(2, 2, new boolean[4])));
        assertTrue(nan.getMessage().contains("index 1"), nan.getMessage());
        pro.add(new float[4], new Mask(2, 2, new boolean[4]));
        IllegalStateException none = assertThrows(IllegalStateException.class, pro::value);
        assertTrue(none.getMessage().contains("0 regions"), none.getMessage());
    }
}
