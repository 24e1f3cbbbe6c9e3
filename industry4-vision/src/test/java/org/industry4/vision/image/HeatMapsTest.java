package org.industry4.vision.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeatMapsTest {

    @TempDir
    Path dir;

    /** A 3 x h x w grey view of value 0.4. */
    private static ImageTensor grey(int h, int w) {
        float[] data = new float[3 * h * w];
        java.util.Arrays.fill(data, 0.4f);
        return ImageTensor.wrap(3, h, w, data);
    }

    @Test
    void writesAReadablePngOfTheViewsSizeAndNothingElse() throws IOException {
        Path png = dir.resolve("overlay.png");
        float[] map = new float[20 * 30];
        for (int i = 0; i < map.length; i++) {
            map[i] = i % 30;
        }
        HeatMaps.writeOverlay(png, grey(20, 30), map, 0, 29);
        BufferedImage back = ImageIO.read(png.toFile());
        assertEquals(30, back.getWidth());
        assertEquals(20, back.getHeight());
        assertEquals(List.of(png), files(), "no temporary file left beside the PNG");

        HeatMaps.writeOverlay(png, grey(8, 9), new float[72], 0, 1); // replaces the file whole
        assertEquals(9, ImageIO.read(png.toFile()).getWidth());
        assertEquals(List.of(png), files());
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.toList();
        }
    }

    @Test
    void colourIsBlendedOnlyAboveLow() {
        float[] map = {0f, 1f, 5f, 10f, 20f}; // low 1, high 10 -> t = 0, 0, 4/9, 1, 1
        BufferedImage image = HeatMaps.overlay(grey(1, 5), map, 1, 10);
        int grey = 0x666666; // round(0.4 * 255) = 102
        assertEquals(grey, image.getRGB(0, 0) & 0xFFFFFF, "below low: the image unchanged");
        assertEquals(grey, image.getRGB(1, 0) & 0xFFFFFF, "at low: the image unchanged");
        // At the top, jet is dark red (0.5, 0, 0): half of it over grey 0.4.
        int top = (Math.round(0.45f * 255) << 16) | (Math.round(0.2f * 255) << 8) | Math.round(0.2f * 255);
        assertEquals(top, image.getRGB(3, 0) & 0xFFFFFF);
        assertEquals(top, image.getRGB(4, 0) & 0xFFFFFF, "clamped above high");
        int mid = image.getRGB(2, 0);
        assertTrue(((mid >> 8) & 0xFF) > 150, "jet is green near the middle: " + Integer.toHexString(mid));
    }

    @Test
    void theMaskOutlineIsWhite() {
        boolean[] flags = new boolean[7 * 7];
        for (int y = 2; y < 5; y++) {
            for (int x = 2; x < 5; x++) {
                flags[y * 7 + x] = true;
            }
        }
        BufferedImage image = HeatMaps.overlay(grey(7, 7), new float[49], 0, 1, new Mask(7, 7, flags));
        for (int y = 0; y < 7; y++) {
            for (int x = 0; x < 7; x++) {
                boolean edge = flags[y * 7 + x] && !(y == 3 && x == 3);
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                if (edge) {
                    assertEquals(0xFFFFFF, rgb, "outline at y=" + y + " x=" + x);
                } else {
                    assertNotEquals(0xFFFFFF, rgb, "no outline at y=" + y + " x=" + x);
                }
            }
        }
    }

    @Test
    void rejectsMismatchedSizesNamingBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HeatMaps.overlay(grey(4, 5), new float[10], 0, 1));
        assertTrue(e.getMessage().contains("10 values") && e.getMessage().contains("4x5"), e.getMessage());
        IllegalArgumentException mask = assertThrows(IllegalArgumentException.class,
                () -> HeatMaps.overlay(grey(4, 5), new float[20], 0, 1, Mask.empty(5, 4)));
        assertTrue(mask.getMessage().contains("5x4") && mask.getMessage().contains("4x5"), mask.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> HeatMaps.overlay(grey(4, 5), new float[20], 1, 1));
        assertTrue(range.getMessage().contains("low=1.0 high=1.0"), range.getMessage());
        float[] nan = new float[20];
        nan[7] = Float.NaN;
        IllegalArgumentException value = assertThrows(IllegalArgumentException.class,
                () -> HeatMaps.overlay(grey(4, 5), nan, 0, 1));
        assertTrue(value.getMessage().contains("map value 7"), value.getMessage());
    }

    @Test
    void aFailedWriteLeavesNoFile() {
        Path png = dir.resolve("missing-folder").resolve("overlay.png");
        assertThrows(IOException.class, () -> HeatMaps.writeOverlay(png, grey(2, 2), new float[4], 0, 1));
        assertTrue(Files.notExists(png.getParent()));
    }
}
