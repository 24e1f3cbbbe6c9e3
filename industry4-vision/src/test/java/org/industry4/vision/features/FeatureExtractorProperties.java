package org.industry4.vision.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.industry4.vision.image.ImageTensor;

/** Invariants of both extractors over random images, sizes and batch lengths. */
class FeatureExtractorProperties {

    private static Path dir;
    private static OnnxFeatureExtractor onnx;
    private static final FilterBankExtractor BANK = new FilterBankExtractor();

    @BeforeContainer
    static void open() throws IOException {
        dir = Files.createTempDirectory("onnx-props");
        onnx = OnnxFeatureExtractor.open(TinyOnnxModels.pools(dir, "pools-n.onnx", "N", 3, 32, 32),
                List.of("s8", "s4"));
    }

    @AfterContainer
    static void close() throws IOException {
        onnx.close();
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    @Property(tries = 30)
    void anOnnxBatchEqualsItsImagesOneByOne(@ForAll @IntRange(min = 1, max = 6) int n, @ForAll long seed) {
        List<ImageTensor> images = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            images.add(OnnxFeatureExtractorTest.randomImage(seed + i, 32, 32));
        }
        List<List<FeatureMap>> batch = onnx.extract(images);
        assertEquals(n, batch.size());
        for (int i = 0; i < n; i++) {
            OnnxFeatureExtractorTest.assertSameMaps(onnx.extract(images.get(i)), batch.get(i));
        }
    }

    @Property(tries = 40)
    void filterBankMapsHaveStride8And16AndFiniteDeterministicValues(
            @ForAll @IntRange(min = 1, max = 8) int h16, @ForAll @IntRange(min = 1, max = 8) int w16,
            @ForAll long seed) {
        int h = 16 * h16;
        int w = 16 * w16;
        ImageTensor image = OnnxFeatureExtractorTest.randomImage(seed, h, w);
        List<FeatureMap> maps = BANK.extract(image);
        assertEquals(2, maps.size());
        assertEquals(List.of(25, h / 8, w / 8, 8),
                List.of(maps.get(0).channels(), maps.get(0).height(), maps.get(0).width(), maps.get(0).stride()));
        assertEquals(List.of(25, h / 16, w / 16, 16),
                List.of(maps.get(1).channels(), maps.get(1).height(), maps.get(1).width(), maps.get(1).stride()));
        for (FeatureMap m : maps) {
            for (float v : m.data()) {
                assertTrue(Float.isFinite(v), "value " + v);
            }
        }
        List<FeatureMap> again = BANK.extract(image);
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(maps.get(i).data(), again.get(i).data());
        }
    }

    @Property(tries = 30)
    void aConstantImageHasOnlyItsIntensity(@ForAll @FloatRange(min = -3, max = 3) float value,
                                           @ForAll @IntRange(min = 1, max = 4) int size16) {
        int size = 16 * size16;
        float[] data = new float[3 * size * size];
        Arrays.fill(data, value);
        List<FeatureMap> maps = BANK.extract(ImageTensor.wrap(3, size, size, data));
        for (int level = 0; level < 2; level++) {
            FeatureMap m = maps.get(level);
            List<String> names = BANK.channelNames(level);
            for (int c = 0; c < m.channels(); c++) {
                boolean intensity = names.get(c).endsWith(":intensity");
                for (int y = 0; y < m.height(); y++) {
                    for (int x = 0; x < m.width(); x++) {
                        if (intensity) {
                            assertEquals(value, m.get(c, y, x), 1e-5f * (1 + Math.abs(value)), names.get(c));
                        } else {
                            assertEquals(0f, m.get(c, y, x), names.get(c));
                        }
                    }
                }
            }
        }
    }
}
