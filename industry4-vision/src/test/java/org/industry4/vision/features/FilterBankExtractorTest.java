package org.industry4.vision.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.industry4.vision.image.ImageTensor;
import org.junit.jupiter.api.Test;

class FilterBankExtractorTest {

    private final FilterBankExtractor bank = new FilterBankExtractor();

    @Test
    void a224ImageGives25ChannelMapsAtStride8And16() {
        List<FeatureMap> maps = bank.extract(OnnxFeatureExtractorTest.randomImage(1, 224, 224));
        assertShape(maps.get(0), 25, 28, 28, 8);
        assertShape(maps.get(1), 25, 14, 14, 16);
        assertNull(bank.inputSize());
        assertEquals("filterbank[sigma=1.0,scales=3]", bank.name());
        assertEquals(25, bank.channelNames(0).size());
        assertEquals("sigma=1.0:intensity", bank.channelNames(0).get(0));
        assertEquals("sigma=8.0:ridge", bank.channelNames(1).get(23));
        assertEquals("cell-std", bank.channelNames(1).get(24));
    }

    @Test
    void a64x96ImageGivesMapsOfItsShape() {
        List<FeatureMap> maps = bank.extract(OnnxFeatureExtractorTest.randomImage(2, 64, 96));
        assertShape(maps.get(0), 25, 8, 12, 8);
        assertShape(maps.get(1), 25, 4, 6, 16);
    }

    @Test
    void optionsSetTheScalesAndChannelCount() {
        try (FilterBankExtractor one = new FilterBankExtractor(new FilterBankOptions(2.0, 1))) {
            List<FeatureMap> maps = one.extract(OnnxFeatureExtractorTest.randomImage(3, 32, 32));
            assertShape(maps.get(0), 9, 4, 4, 8);
            assertShape(maps.get(1), 9, 2, 2, 16);
            assertEquals("sigma=2.0:|dx|", one.channelNames(0).get(1));
            assertEquals("sigma=4.0:|dx|", one.channelNames(1).get(1));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FilterBankOptions(0.1, 3));
        assertTrue(e.getMessage().contains("0.1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FilterBankOptions(1.0, 0));
        assertThrows(IllegalArgumentException.class, () -> new FilterBankOptions(Double.NaN, 3));
    }

    @Test
    void aHorizontalEdgeRespondsInTheYDerivativeNearItsRow() {
        int size = 224;
        int edgeRow = 100; // inside stride-8 cell row 12 (rows 96..103)
        float[] data = new float[3 * size * size];
        for (int c = 0; c < 3; c++) {
            for (int y = edgeRow; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    data[(c * size + y) * size + x] = 1f;
                }
            }
        }
        FeatureMap fine = bank.extract(ImageTensor.wrap(3, size, size, data)).get(0);
        List<String> names = bank.channelNames(0);
        int dy = names.indexOf("sigma=1.0:|dy|");
        int dx = names.indexOf("sigma=1.0:|dx|");
        for (int x = 0; x < fine.width(); x++) {
            int best = 0;
            for (int y = 1; y < fine.height(); y++) {
                if (fine.get(dy, y, x) > fine.get(dy, best, x)) {
                    best = y;
                }
            }
            assertEquals(12, best, "column " + x);
            assertTrue(fine.get(dy, 12, x) > 0.05f, "response " + fine.get(dy, 12, x));
        }
        for (int c = 0; c < fine.channels(); c++) {
            String name = names.get(c);
            for (int y = 0; y < fine.height(); y++) {
                for (int x = 0; x < fine.width(); x++) {
                    if (name.endsWith("|dx|") || name.endsWith("|dxy|")) {
                        assertEquals(0f, fine.get(c, y, x), name + " at " + y + "," + x);
                    }
                    // far from the edge (beyond 3 sigma of the coarsest fine scale) nothing but intensity moves
                    if (Math.abs(y * 8 + 4 - edgeRow) > 24 && !name.endsWith(":intensity")) {
                        assertEquals(0f, fine.get(c, y, x), name + " at " + y + "," + x);
                    }
                }
            }
        }
    }

    @Test
    void aScratchChangesTheCellsThatCoverItMoreThanTheRest() {
        int size = 224;
        float[] plain = texture(size, 11);
        float[] scratched = plain.clone();
        // a bright diagonal scratch from (120, 40) to (160, 80), 2 px wide
        for (int t = 0; t <= 40; t++) {
            for (int d = 0; d < 2; d++) {
                int y = 120 + t;
                int x = 40 + t + d;
                for (int c = 0; c < 3; c++) {
                    scratched[(c * size + y) * size + x] += 0.8f;
                }
            }
        }
        for (int level = 0; level < 2; level++) {
            FeatureMap a = bank.extract(ImageTensor.wrap(3, size, size, plain)).get(level);
            FeatureMap b = bank.extract(ImageTensor.wrap(3, size, size, scratched)).get(level);
            int stride = a.stride();
            double inside = 0;
            int nInside = 0;
            double outside = 0;
            int nOutside = 0;
            for (int y = 0; y < a.height(); y++) {
                for (int x = 0; x < a.width(); x++) {
                    double d2 = 0;
                    for (int c = 0; c < a.channels(); c++) {
                        double d = a.get(c, y, x) - b.get(c, y, x);
                        d2 += d * d;
                    }
                    boolean covers = false;
                    for (int t = 0; t <= 40; t++) {
                        covers |= (120 + t) / stride == y && ((40 + t) / stride == x || (41 + t) / stride == x);
                    }
                    if (covers) {
                        inside += Math.sqrt(d2);
                        nInside++;
                    } else {
                        outside += Math.sqrt(d2);
                        nOutside++;
                    }
                }
            }
            double meanInside = inside / nInside;
            double meanOutside = outside / nOutside;
            assertTrue(meanInside > 10 * meanOutside,
                    "stride " + stride + ": inside " + meanInside + " outside " + meanOutside);
        }
    }

    @Test
    void aSizeThatIsNotAMultipleOf16IsRefusedWithTheSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> bank.extract(OnnxFeatureExtractorTest.randomImage(1, 224, 200)));
        assertTrue(e.getMessage().contains("multiples of 16") && e.getMessage().contains("224x200"), e.getMessage());
    }

    @Test
    void aWrongChannelCountIsRefusedWithTheCount() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> bank.extract(ImageTensor.wrap(1, 32, 32, new float[32 * 32])));
        assertTrue(e.getMessage().contains("3 channels, got 1"), e.getMessage());
    }

    @Test
    void closeIsIdempotentAndUseAfterCloseFails() {
        FilterBankExtractor closing = new FilterBankExtractor();
        closing.close();
        closing.close();
        assertThrows(IllegalStateException.class, () -> closing.extract(OnnxFeatureExtractorTest.randomImage(1, 32, 32)));
        assertThrows(IllegalArgumentException.class, () -> bank.channelNames(2));
    }

    /** A grey background with fine random grain and a soft periodic pattern, the same in all channels. */
    private static float[] texture(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] data = new float[3 * size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                float v = 0.5f + 0.05f * (float) Math.sin(x * 0.3) * (float) Math.cos(y * 0.2)
                        + (float) random.nextDouble(-0.03, 0.03);
                for (int c = 0; c < 3; c++) {
                    data[(c * size + y) * size + x] = v;
                }
            }
        }
        return data;
    }

    private static void assertShape(FeatureMap m, int c, int h, int w, int stride) {
        assertEquals(List.of(c, h, w, stride), List.of(m.channels(), m.height(), m.width(), m.stride()));
    }
}
