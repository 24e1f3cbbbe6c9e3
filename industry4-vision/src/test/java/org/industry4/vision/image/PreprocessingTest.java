package org.industry4.vision.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PreprocessingTest {

    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};

    /** A 3-channel image whose channel c holds f(c, y, x). */
    private interface Pixel {
        float at(int c, int y, int x);
    }

    private static ImageTensor image(int h, int w, Pixel f) {
        float[] data = new float[3 * h * w];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    data[(c * h + y) * w + x] = f.at(c, y, x);
                }
            }
        }
        return ImageTensor.wrap(3, h, w, data);
    }

    @Test
    void defaultsAreImageNetAt224WithoutCrop() {
        Preprocessing p = new Preprocessing();
        assertEquals(224, p.resizeHeight());
        assertEquals(224, p.resizeWidth());
        assertEquals(224, p.cropHeight());
        assertEquals(224, p.cropWidth());
        assertArrayEquals(MEAN, p.mean());
        assertArrayEquals(STD, p.std());
    }

    @Test
    void copiesChangeOnlyWhatTheyName() {
        Preprocessing p = new Preprocessing().withResize(256, 300).withCrop(224, 200);
        assertEquals(new Preprocessing(256, 300, 224, 200, MEAN, STD), p);
        Preprocessing resized = p.withResize(128, 128);
        assertEquals(128, resized.cropHeight(), "withResize clears the crop");
        Preprocessing normalised = p.withNormalisation(new float[] {0.5f, 0.5f, 0.5f}, new float[] {1, 1, 1});
        assertEquals(224, normalised.cropHeight());
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f}, normalised.mean());
        p.mean()[0] = 9f;
        assertEquals(0.485f, p.mean()[0], "mean() gives a copy");
    }

    @Test
    void rejectsBadOptionsNamingFieldAndValue() {
        assertMessage(() -> new Preprocessing().withCrop(225, 100), "cropHeight", "225");
        assertMessage(() -> new Preprocessing().withCrop(100, 300), "cropWidth", "300");
        assertMessage(() -> new Preprocessing().withResize(0, 10), "resizeHeight=0");
        assertMessage(() -> new Preprocessing().withCrop(-1, 10), "cropHeight=-1");
        assertMessage(() -> new Preprocessing().withNormalisation(MEAN, new float[] {0.2f, 0f, 0.2f}), "std[1]", "0.0");
        assertMessage(() -> new Preprocessing().withNormalisation(new float[] {0, Float.NaN, 0}, STD), "mean[1]", "NaN");
        assertMessage(() -> new Preprocessing().withNormalisation(new float[] {0, 0}, STD), "mean", "got 2");
        assertMessage(() -> new Preprocessing().apply(ImageTensor.wrap(1, 4, 4, new float[16])), "got 1 channels");
    }

    private static void assertMessage(Runnable r, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + e.getMessage() + "' should name " + part);
        }
    }

    @Test
    void aConstantImageMapsToMeanAndStdNormalisedValuesEverywhere() {
        float[] v = {0.2f, 0.5f, 0.8f};
        ImageTensor out = new Preprocessing().apply(image(37, 91, (c, y, x) -> v[c]));
        assertEquals(3, out.channels());
        assertEquals(224, out.height());
        assertEquals(224, out.width());
        for (int c = 0; c < 3; c++) {
            float expected = (v[c] - MEAN[c]) / STD[c];
            for (int y = 0; y < 224; y++) {
                for (int x = 0; x < 224; x++) {
                    assertEquals(expected, out.get(c, y, x), 1e-5f);
                }
            }
        }
    }

    @Test
    void theCropTakesTheCentre() {
        ImageTensor raw = image(16, 16, (c, y, x) -> (c * 256 + y * 16 + x) / 1000f);
        ImageTensor view = new Preprocessing().withResize(16, 16).withCrop(10, 8).view(raw);
        assertEquals(10, view.height());
        assertEquals(8, view.width());
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 10; y++) {
                for (int x = 0; x < 8; x++) {
                    // offsets rint((16 - 10) / 2) = 3 and rint((16 - 8) / 2) = 4; same size resize is the identity
                    assertEquals(raw.get(c, y + 3, x + 4), view.get(c, y, x), 1e-6f);
                }
            }
        }
    }

    @Test
    void anAntialiasedShrinkOfACheckerboardIsGrey() {
        // Plain bilinear at a 3x shrink samples single pixels and keeps the checkerboard (0 or 1).
        ImageTensor board = image(96, 96, (c, y, x) -> (x + y) % 2);
        ImageTensor view = new Preprocessing().withResize(32, 32).view(board);
        for (float v : view.data()) {
            assertEquals(0.5f, v, 0.02f);
        }
    }

    @Test
    void resizeMatchesPilsBilinearFilter() {
        // PIL Image.resize((2, 1), BILINEAR) of the row 0, 85, 170, 255 gives 61, 194:
        // support 2 around centres 1 and 3, triangle weights (3, 3, 1)/7 and (1, 3, 3)/7.
        ImageTensor row = image(1, 4, (c, y, x) -> x / 3f);
        ImageTensor shrunk = new Preprocessing().withResize(1, 2).view(row);
        assertEquals(5f / 21, shrunk.get(0, 0, 0), 1e-6f);
        assertEquals(16f / 21, shrunk.get(0, 0, 1), 1e-6f);
        // Enlarging is bilinear with half-pixel centres, clamped at the edges.
        ImageTensor grown = new Preprocessing().withResize(1, 4).view(image(1, 2, (c, y, x) -> x));
        assertArrayEquals(new float[] {0f, 0.25f, 0.75f, 1f}, java.util.Arrays.copyOf(grown.data(), 4), 1e-6f);
    }

    @Test
    void applyIsTheViewNormalised() {
        ImageTensor raw = image(50, 40, (c, y, x) -> ((x * 7 + y * 3 + c) % 11) / 10f);
        Preprocessing p = new Preprocessing().withResize(30, 30).withCrop(20, 24);
        ImageTensor view = p.view(raw);
        ImageTensor input = p.apply(raw);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 20; y++) {
                for (int x = 0; x < 24; x++) {
                    float v = view.get(c, y, x);
                    assertTrue(v >= 0f && v <= 1f, "view value " + v);
                    assertEquals((v - MEAN[c]) / STD[c], input.get(c, y, x), 1e-5f);
                }
            }
        }
    }

    @Test
    void maskPreprocessingKeepsABlocksLocation() {
        boolean[] flags = new boolean[100 * 100];
        for (int y = 20; y < 40; y++) {
            for (int x = 60; x < 80; x++) {
                flags[y * 100 + x] = true;
            }
        }
        Mask mask = new Mask(100, 100, flags);
        Mask half = new Preprocessing().withResize(50, 50).apply(mask);
        assertBlock(half, 10, 20, 30, 40);
        Mask cropped = new Preprocessing().withResize(50, 50).withCrop(40, 40).apply(mask);
        assertBlock(cropped, 5, 15, 25, 35); // the crop starts at (5, 5)
    }

    private static void assertBlock(Mask mask, int top, int bottom, int left, int right) {
        for (int y = 0; y < mask.height(); y++) {
            for (int x = 0; x < mask.width(); x++) {
                boolean inside = y >= top && y < bottom && x >= left && x < right;
                assertEquals(inside, mask.isDefect(y, x), "y=" + y + " x=" + x);
            }
        }
    }
}
