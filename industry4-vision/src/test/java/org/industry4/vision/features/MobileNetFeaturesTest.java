package org.industry4.vision.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.industry4.vision.image.ImageTensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ONNX extractor on the real int8 MobileNetV2 feature model from {@code ../shared/models};
 * skipped where the file is absent, as in a user's clone.
 */
class MobileNetFeaturesTest {

    private static OnnxFeatureExtractor backbone;

    @BeforeAll
    static void open() throws IOException {
        Path model = SharedModels.mobileNetFeatures();
        Assumptions.assumeTrue(model != null, "skipped: " + SharedModels.dir().resolve(SharedModels.FEATURES)
                + " is absent (set -Dindustry4.models to the folder holding mobilenetv2-int8/)");
        // deliberately the deeper output first: the maps must still come back shallowest first
        backbone = OnnxFeatureExtractor.open(model, List.of(SharedModels.S16, SharedModels.S8));
    }

    @AfterAll
    static void close() {
        if (backbone != null) {
            backbone.close();
        }
    }

    /** An ImageNet-normalised synthetic image: a gradient with a dark disc. */
    static ImageTensor image(int variant) {
        float[] mean = {0.485f, 0.456f, 0.406f};
        float[] std = {0.229f, 0.224f, 0.225f};
        float[] data = new float[3 * 224 * 224];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 224; y++) {
                for (int x = 0; x < 224; x++) {
                    float v = (x + y + 40 * c) / 520f;
                    int dx = x - 80 - 20 * variant;
                    int dy = y - 120;
                    if (dx * dx + dy * dy < 900) {
                        v = 0.1f;
                    }
                    data[(c * 224 + y) * 224 + x] = (v - mean[c]) / std[c];
                }
            }
        }
        return ImageTensor.wrap(3, 224, 224, data);
    }

    @Test
    void givesA32ChannelStride8MapAndA96ChannelStride16Map() {
        assertArrayEquals(new int[] {224, 224}, backbone.inputSize());
        assertEquals("onnx:mobilenetv2-12-int8-features.onnx[feat_s16_96x14x14,feat_s8_32x28x28]", backbone.name());
        List<FeatureMap> maps = backbone.extract(image(0));
        assertEquals(List.of(32, 28, 28, 8), List.of(maps.get(0).channels(), maps.get(0).height(),
                maps.get(0).width(), maps.get(0).stride()));
        assertEquals(List.of(96, 14, 14, 16), List.of(maps.get(1).channels(), maps.get(1).height(),
                maps.get(1).width(), maps.get(1).stride()));
        for (FeatureMap m : maps) {
            int nonZero = 0;
            for (float v : m.data()) {
                assertTrue(Float.isFinite(v), "value " + v);
                nonZero += v != 0 ? 1 : 0;
            }
            assertTrue(nonZero > m.data().length / 10, "only " + nonZero + " non-zero values");
        }
    }

    @Test
    void isDeterministicAndABatchMatchesSingleImages() {
        List<FeatureMap> first = backbone.extract(image(0));
        List<FeatureMap> again = backbone.extract(image(0));
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(first.get(i).data(), again.get(i).data());
        }
        List<List<FeatureMap>> batch = backbone.extract(List.of(image(0), image(1)));
        List<FeatureMap> second = backbone.extract(image(1));
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(first.get(i).data(), batch.get(0).get(i).data(), 1e-4f);
            assertArrayEquals(second.get(i).data(), batch.get(1).get(i).data(), 1e-4f);
        }
    }

    @Test
    void movingTheDiscChangesTheCellsItLeavesAndEnters() {
        FeatureMap a = backbone.extract(image(0)).get(0);
        FeatureMap b = backbone.extract(image(2)).get(0);
        // disc centre x 80 -> 120, y 120: cell row 15; compare a cell on its path with a far corner cell
        assertTrue(distance(a, b, 15, 12) > 2 * distance(a, b, 2, 25),
                "near " + distance(a, b, 15, 12) + " far " + distance(a, b, 2, 25));
    }

    private static double distance(FeatureMap a, FeatureMap b, int y, int x) {
        double d2 = 0;
        for (int c = 0; c < a.channels(); c++) {
            double d = a.get(c, y, x) - b.get(c, y, x);
            d2 += d * d;
        }
        return Math.sqrt(d2);
    }
}
