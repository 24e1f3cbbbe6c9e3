package org.industry4.vision.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagesTest {

    @TempDir
    Path dir;

    private Path write(BufferedImage image, String name) throws IOException {
        Path file = dir.resolve(name);
        String format = name.substring(name.lastIndexOf('.') + 1);
        assertTrue(ImageIO.write(image, format, file.toFile()), "no writer for " + format);
        return file;
    }

    @Test
    void eightBitGreyIsReplicatedToThreeChannelsAsStored() throws IOException {
        BufferedImage grey = new BufferedImage(5, 3, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster r = grey.getRaster();
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 5; x++) {
                r.setSample(x, y, 0, 17 * (y * 5 + x));
            }
        }
        ImageTensor t = Images.read(write(grey, "grey.png"));
        assertEquals(3, t.channels());
        assertEquals(3, t.height());
        assertEquals(5, t.width());
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 5; x++) {
                    // As stored: no sRGB/linear conversion (getRGB would brighten grey 17 to about 76).
                    assertEquals(17 * (y * 5 + x) / 255f, t.get(c, y, x), 1e-7f, "c=" + c + " y=" + y + " x=" + x);
                }
            }
        }
    }

    @Test
    void sixteenBitGreyIsScaledByItsFullRange() throws IOException {
        BufferedImage grey = new BufferedImage(3, 1, BufferedImage.TYPE_USHORT_GRAY);
        grey.getRaster().setSample(0, 0, 0, 0);
        grey.getRaster().setSample(1, 0, 0, 32768);
        grey.getRaster().setSample(2, 0, 0, 65535);
        ImageTensor t = Images.read(write(grey, "grey16.png"));
        for (int c = 0; c < 3; c++) {
            assertEquals(0f, t.get(c, 0, 0));
            assertEquals(32768 / 65535f, t.get(c, 0, 1), 1e-7f);
            assertEquals(1f, t.get(c, 0, 2));
        }
    }

    @Test
    void rgbChannelsKeepTheirOrder() throws IOException {
        BufferedImage rgb = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(0, 0, 0xFF0000);
        rgb.setRGB(1, 0, 0x00FF00);
        rgb.setRGB(0, 1, 0x0000FF);
        rgb.setRGB(1, 1, 0x336699);
        ImageTensor t = Images.read(write(rgb, "rgb.png"));
        assertArrayEquals(new float[] {1, 0, 0, 0.2f}, channel(t, 0), 1e-6f);
        assertArrayEquals(new float[] {0, 1, 0, 0.4f}, channel(t, 1), 1e-6f);
        assertArrayEquals(new float[] {0, 0, 1, 0.6f}, channel(t, 2), 1e-6f);
    }

    @Test
    void alphaIsDroppedAndColourKept() throws IOException {
        BufferedImage rgba = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        rgba.setRGB(0, 0, 0x80FF8040); // half transparent
        rgba.setRGB(1, 0, 0x00336699); // fully transparent: the colour still counts
        ImageTensor t = Images.read(write(rgba, "rgba.png"));
        assertEquals(3, t.channels());
        assertArrayEquals(new float[] {1f, 0.2f}, channel(t, 0), 1e-6f);
        assertArrayEquals(new float[] {128 / 255f, 0.4f}, channel(t, 1), 1e-6f);
        assertArrayEquals(new float[] {64 / 255f, 0.6f}, channel(t, 2), 1e-6f);
    }

    @Test
    void indexedColourIsReadThroughItsPalette() throws IOException {
        BufferedImage indexed = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_INDEXED);
        indexed.setRGB(0, 0, 0xFF0000);
        indexed.setRGB(1, 0, 0xFFFFFF);
        indexed.setRGB(2, 0, 0x000000);
        ImageTensor t = Images.read(write(indexed, "indexed.png"));
        for (int x = 0; x < 3; x++) {
            int expected = indexed.getRGB(x, 0);
            assertEquals(((expected >> 16) & 0xFF) / 255f, t.get(0, 0, x), 1e-6f);
            assertEquals(((expected >> 8) & 0xFF) / 255f, t.get(1, 0, x), 1e-6f);
            assertEquals((expected & 0xFF) / 255f, t.get(2, 0, x), 1e-6f);
        }
        assertEquals(1f, t.get(0, 0, 0));
        assertEquals(0f, t.get(1, 0, 0));
    }

    @Test
    void greyJpegReadsCloseToWhatWasWritten() throws IOException {
        BufferedImage grey = new BufferedImage(64, 32, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 64; x++) {
                grey.getRaster().setSample(x, y, 0, 4 * x); // a smooth ramp survives JPEG well
            }
        }
        ImageTensor t = Images.read(write(grey, "ramp.jpg"));
        assertEquals(32, t.height());
        assertEquals(64, t.width());
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 64; x++) {
                assertEquals(4 * x / 255f, t.get(0, y, x), 0.03f, "y=" + y + " x=" + x);
                assertEquals(t.get(0, y, x), t.get(1, y, x));
                assertEquals(t.get(0, y, x), t.get(2, y, x));
            }
        }
    }

    @Test
    void aMissingFileIsNoSuchFileNamingIt() {
        Path missing = dir.resolve("absent.png");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> Images.read(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void garbageIsAnImageReadExceptionNamingTheFile() throws IOException {
        Path garbage = dir.resolve("garbage.png");
        byte[] bytes = new byte[500];
        new Random(3).nextBytes(bytes);
        Files.write(garbage, bytes);
        ImageReadException e = assertThrows(ImageReadException.class, () -> Images.read(garbage));
        assertTrue(e.getMessage().contains(garbage.toString()), e.getMessage());
        assertEquals(garbage, e.file());

        Path empty = Files.write(dir.resolve("empty.jpg"), new byte[0]);
        ImageReadException emptyError = assertThrows(ImageReadException.class, () -> Images.read(empty));
        assertTrue(emptyError.getMessage().contains("empty"), emptyError.getMessage());
    }

    @Test
    void aTruncatedPngIsAnImageReadException() throws IOException {
        Path png = write(noise(BufferedImage.TYPE_INT_RGB), "noise.png");
        truncate(png);
        ImageReadException e = assertThrows(ImageReadException.class, () -> Images.read(png));
        assertTrue(e.getMessage().contains(png.toString()), e.getMessage());
    }

    @Test
    void aTruncatedJpegIsAnImageReadExceptionThoughImageIoOnlyWarns() throws IOException {
        Path jpg = write(noise(BufferedImage.TYPE_BYTE_GRAY), "noise.jpg");
        truncate(jpg);
        ImageReadException e = assertThrows(ImageReadException.class, () -> Images.read(jpg));
        assertTrue(e.getMessage().contains(jpg.toString()), e.getMessage());
    }

    @Test
    void maskPixelsAreDefectsWhereNonZero() throws IOException {
        BufferedImage grey = new BufferedImage(4, 3, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(1, 0, 0, 255);
        grey.getRaster().setSample(2, 2, 0, 255);
        grey.getRaster().setSample(3, 2, 0, 1);
        Mask mask = Images.readMask(write(grey, "mask.png"));
        assertEquals(3, mask.height());
        assertEquals(4, mask.width());
        assertEquals(3, mask.defectCount());
        assertTrue(mask.isDefect(0, 1));
        assertTrue(mask.isDefect(2, 2));
        assertTrue(mask.isDefect(2, 3));

        BufferedImage rgb = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(1, 1, 0xFF0000);
        Mask fromRgb = Images.readMask(write(rgb, "rgb-mask.png"));
        assertArrayEquals(new boolean[] {false, false, false, true}, fromRgb.defect());
    }

    private static float[] channel(ImageTensor t, int c) {
        int plane = t.height() * t.width();
        return Arrays.copyOfRange(t.data(), c * plane, (c + 1) * plane);
    }

    private static BufferedImage noise(int type) {
        BufferedImage image = new BufferedImage(96, 64, type);
        Random random = new Random(7);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 96; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return image;
    }

    private static void truncate(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length * 6 / 10));
    }
}
