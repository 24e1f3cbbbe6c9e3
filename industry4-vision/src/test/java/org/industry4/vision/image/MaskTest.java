package org.industry4.vision.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MaskTest {

    @Test
    void countsAndLooksUpDefectPixels() {
        Mask mask = new Mask(2, 3, new boolean[] {false, true, false, true, true, false});
        assertEquals(3, mask.defectCount());
        assertTrue(mask.isDefect(0, 1));
        assertFalse(mask.isDefect(1, 2));
        assertEquals(0, Mask.empty(4, 4).defectCount());
    }

    @Test
    void isImmutable() {
        boolean[] flags = new boolean[4];
        Mask mask = new Mask(2, 2, flags);
        flags[0] = true;
        mask.defect()[1] = true;
        assertEquals(0, mask.defectCount());
        assertEquals(new Mask(2, 2, new boolean[4]), mask);
    }

    @Test
    void rejectsBadSizesNamingThem() {
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> new Mask(2, 3, new boolean[5]));
        assertTrue(size.getMessage().contains("expected 6") && size.getMessage().contains("got 5"), size.getMessage());
        IllegalArgumentException dims = assertThrows(IllegalArgumentException.class,
                () -> new Mask(0, 3, new boolean[0]));
        assertTrue(dims.getMessage().contains("height=0"), dims.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> Mask.empty(2, 2).isDefect(2, 0));
    }
}
