package org.industry4.vision.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import org.industry4.vision.image.Mask;
import org.junit.jupiter.api.Test;

class PixelAurocTest {

    @Test
    void countsPixelsOfBothClassesOverImages() {
        PixelAuroc auroc = new PixelAuroc();
        auroc.add(new float[] {0.9f, 0.1f, 0.2f, 0.3f}, new Mask(2, 2, new boolean[] {true, false, false, false}));
        assertEquals(1.0, auroc.value());
        // Second image: defect 0.2 ties one good pixel, loses to 0.3 and the new 0.5, beats 0.1 and 0.0.
        auroc.add(new float[] {0.2f, 0.5f, 0.0f}, new Mask(1, 3, new boolean[] {true, false, false}));
        assertEquals(2, auroc.positives());
        assertEquals(5, auroc.negatives());
        // 0.9 beats all 5; 0.2 beats 0.1, 0.0 and ties 0.2: 2.5. (5 + 2.5) / 10.
        assertEquals(0.75, auroc.value());
    }

    @Test
    void rejectsMismatchedSizesAndBadValuesAddingNothing() {
        PixelAuroc auroc = new PixelAuroc();
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> auroc.add(new float[5], Mask.empty(2, 3)));
        assertTrue(size.getMessage().contains("5 values") && size.getMessage().contains("2x3"), size.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> auroc.add(new float[] {0, Float.NaN}, new Mask(1, 2, new boolean[] {true, false})));
        assertTrue(nan.getMessage().contains("index 1"), nan.getMessage());
        assertEquals(0, auroc.positives() + auroc.negatives());
        auroc.add(new float[4], Mask.empty(2, 2));
        IllegalStateException oneClass = assertThrows(IllegalStateException.class, auroc::value);
        assertTrue(oneClass.getMessage().contains("0 defect and 4 good"), oneClass.getMessage());
    }

    @Test
    void handlesFifteenMillionPixelsInSeconds() {
        int h = 500;
        int w = 500;
        SplittableRandom random = new SplittableRandom(11);
        float[] map = new float[h * w];
        boolean[] defect = new boolean[h * w];
        for (int i = 0; i < map.length; i++) {
            defect[i] = random.nextDouble() < 0.05;
            map[i] = (float) (random.nextDouble() + (defect[i] ? 0.5 : 0.0));
        }
        Mask mask = new Mask(h, w, defect);
        double value = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            PixelAuroc auroc = new PixelAuroc();
            for (int image = 0; image < 60; image++) {
                auroc.add(map, mask);
            }
            assertEquals(15_000_000L, auroc.positives() + auroc.negatives());
            return auroc.value();
        });
        // Uniform(0.5, 1.5) against uniform(0, 1): 1 - 0.5 * 0.5^2 = 0.875.
        assertEquals(0.875, value, 0.005);
    }
}
