package org.industry4.vision.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.industry4.core.ModelFormatException;
import org.industry4.vision.image.ImageTensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ONNX extractor on tiny average-pool models written by {@link TinyOnnxModels}. */
class OnnxFeatureExtractorTest {

    @TempDir
    static Path dir;

    static Path fixed;
    static Path dynamicBatch;
    static Path dynamicSize;

    @BeforeAll
    static void writeModels() throws IOException {
        fixed = TinyOnnxModels.pools(dir, "pools.onnx", 1, 3, 32, 32);
        dynamicBatch = TinyOnnxModels.pools(dir, "pools-n.onnx", "N", 3, 32, 32);
        dynamicSize = TinyOnnxModels.pools(dir, "pools-nhw.onnx", "N", 3, "H", "W");
    }

    static ImageTensor randomImage(long seed, int h, int w) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] data = new float[3 * h * w];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextDouble(-2, 2);
        }
        return ImageTensor.wrap(3, h, w, data);
    }

    /** The mean of the k x k block at cell (cy, cx) of channel c, computed in double. */
    static double blockMean(ImageTensor image, int c, int cy, int cx, int k) {
        double sum = 0;
        for (int y = cy * k; y < (cy + 1) * k; y++) {
            for (int x = cx * k; x < (cx + 1) * k; x++) {
                sum += image.get(c, y, x);
            }
        }
        return sum / (k * k);
    }

    @Test
    void mapsAreTheBlockAveragesSortedByStride() throws IOException {
        ImageTensor image = randomImage(7, 32, 32);
        try (OnnxFeatureExtractor ex = OnnxFeatureExtractor.open(fixed, List.of("s8", "s4"))) {
            List<FeatureMap> maps = ex.extract(image);
            assertEquals(2, maps.size());
            FeatureMap s4 = maps.get(0);
            FeatureMap s8 = maps.get(1);
            assertEquals(List.of(3, 8, 8, 4), List.of(s4.channels(), s4.height(), s4.width(), s4.stride()));
            assertEquals(List.of(3, 4, 4, 8), List.of(s8.channels(), s8.height(), s8.width(), s8.stride()));
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 8; y++) {
                    for (int x = 0; x < 8; x++) {
                        assertEquals(blockMean(image, c, y, x, 4), s4.get(c, y, x), 1e-5);
                    }
                }
                for (int y = 0; y < 4; y++) {
                    for (int x = 0; x < 4; x++) {
                        assertEquals(blockMean(image, c, y, x, 8), s8.get(c, y, x), 1e-5);
                    }
                }
            }
        }
    }

    @Test
    void nameAndInputSizeDescribeTheModel() throws IOException {
        try (OnnxFeatureExtractor ex = OnnxFeatureExtractor.open(fixed, List.of("s4", "s8"))) {
            assertEquals("onnx:pools.onnx[s4,s8]", ex.name());
            assertArrayEquals(new int[] {32, 32}, ex.inputSize());
        }
    }

    @Test
    void dynamicHeightAndWidthAcceptAnySizeAndReportNoInputSize() throws IOException {
        try (OnnxFeatureExtractor ex = OnnxFeatureExtractor.open(dynamicSize, List.of("s4", "s8"))) {
            assertNull(ex.inputSize());
            List<FeatureMap> maps = ex.extract(randomImage(3, 16, 40));
            assertEquals(List.of(4, 10, 4), List.of(maps.get(0).height(), maps.get(0).width(), maps.get(0).stride()));
            assertEquals(List.of(2, 5, 8), List.of(maps.get(1).height(), maps.get(1).width(), maps.get(1).stride()));
        }
    }

    @Test
    void anUnknownOutputNameIsRefusedWithTheModelsOutputs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxFeatureExtractor.open(fixed, List.of("s4", "layer3")));
        assertTrue(e.getMessage().contains("\"layer3\"") && e.getMessage().contains("s4")
                && e.getMessage().contains("s8"), e.getMessage());
    }

    @Test
    void emptyOrRepeatedOutputsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> OnnxFeatureExtractor.open(fixed, List.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxFeatureExtractor.open(fixed, List.of("s4", "s4")));
        assertTrue(e.getMessage().contains("[s4, s4]"), e.getMessage());
    }

    @Test
    void aWrongChannelCountIsRefusedWithTheCount() throws IOException {
        try (OnnxFeatureExtractor ex = OnnxFeatureExtractor.open(fixed, List.of("s4"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ex.extract(ImageTensor.wrap(1, 32, 32, new float[32 * 32])));
            assertTrue(e.getMessage().contains("3 channels, got 1"), e.getMessage());
        }
    }

    @Test
    void aWrongSizeIsRefusedNamingBothSizes() throws IOException {
        try (OnnxFeatureExtractor ex = OnnxFeatureExtractor.open(fixed, List.of("s4"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ex.extract(randomImage(1, 32, 48)));
            assertTrue(e.getMessage().contains("32x32") && e.getMessage().contains("got 32x48"), e.getMessage());
            IllegalArgumentException inBatch = assertThrows(IllegalArgumentException.class,
                    () -> ex.extract(List.of(randomImage(1, 32, 32), randomImage(2, 24, 32))));
            assertTrue(inBatch.getMessage().startsWith("image 1: "), inBatch.getMessage());
        }
    }

    @Test
    void aMapWithoutAnIntegerStrideIsRefused() throws IOException {
        try (OnnxFeatureExtractor ex = OnnxFeatureExtractor.open(TinyOnnxModels.oddStride(dir), List.of("s3"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ex.extract(randomImage(1, 32, 32)));
            assertTrue(e.getMessage().contains("10x10 over a 32x32 input"), e.getMessage());
        }
    }

    @Test
    void aGarbageFileIsAModelFormatErrorNamingTheFile() throws IOException {
        Path garbage = Files.writeString(dir.resolve("garbage.onnx"), "this is not a protobuf model\n");
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> OnnxFeatureExtractor.open(garbage, List.of("s4")));
        assertTrue(e.getMessage().contains(garbage.toString()) && e.getMessage().contains("ONNX Runtime"),
                e.getMessage());
    }

    @Test
    void aMissingFileIsNoSuchFile() {
        Path missing = dir.resolve("absent.onnx");
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> OnnxFeatureExtractor.open(missing, List.of("s4")));
        assertEquals(missing.toString(), e.getFile());
    }

    @Test
    void severalInputsNeedAnInputName() throws IOException {
        Path two = TinyOnnxModels.twoInputs(dir);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxFeatureExtractor.open(two, List.of("sum")));
        assertTrue(e.getMessage().contains("2 inputs") && e.getMessage().contains("a")
                && e.getMessage().contains("b") && e.getMessage().contains("inputName"), e.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> OnnxFeatureExtractor.open(two, List.of("sum"), new OnnxExtractorOptions().withInputName("c")));
        assertTrue(unknown.getMessage().contains("\"c\""), unknown.getMessage());
        try (OnnxFeatureExtractor ex = OnnxFeatureExtractor.open(two, List.of("sum"),
                new OnnxExtractorOptions().withInputName("a"))) {
            assertEquals("onnx:two-inputs.onnx[sum]", ex.name());
        }
    }

    @Test
    void anInputThatIsNotThreeChannelNchwIsRefusedWithItsShape() throws IOException {
        Path gray = TinyOnnxModels.pools(dir, "gray.onnx", 1, 1, 32, 32);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxFeatureExtractor.open(gray, List.of("s4")));
        assertTrue(e.getMessage().contains("[1, 1, 32, 32]"), e.getMessage());
    }

    @Test
    void closeIsIdempotentAndUseAfterCloseFails() throws IOException {
        OnnxFeatureExtractor ex = OnnxFeatureExtractor.open(fixed, List.of("s4"),
                new OnnxExtractorOptions().withIntraOpThreads(1));
        ex.close();
        ex.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ex.extract(randomImage(1, 32, 32)));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> ex.extract(List.of(randomImage(1, 32, 32))));
    }

    @Test
    void concurrentExtractionGivesTheSameMapsAsOneThread() throws Exception {
        List<ImageTensor> images = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            images.add(randomImage(100 + i, 32, 32));
        }
        try (OnnxFeatureExtractor ex = OnnxFeatureExtractor.open(dynamicBatch, List.of("s4", "s8"))) {
            List<List<FeatureMap>> expected = new ArrayList<>();
            for (ImageTensor image : images) {
                expected.add(ex.extract(image));
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<List<FeatureMap>>> futures = new ArrayList<>();
                for (int round = 0; round < 10; round++) {
                    for (ImageTensor image : images) {
                        futures.add(pool.submit(() -> ex.extract(image)));
                    }
                }
                for (int i = 0; i < futures.size(); i++) {
                    assertSameMaps(expected.get(i % images.size()), futures.get(i).get());
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    @Test
    void aBatchGivesWhatSingleImagesGive() throws IOException {
        List<ImageTensor> images = List.of(randomImage(1, 32, 32), randomImage(2, 32, 32), randomImage(3, 32, 32));
        for (Path model : List.of(fixed, dynamicBatch)) {
            try (OnnxFeatureExtractor ex = OnnxFeatureExtractor.open(model, List.of("s8", "s4"))) {
                List<List<FeatureMap>> batch = ex.extract(images);
                assertEquals(3, batch.size());
                for (int i = 0; i < images.size(); i++) {
                    assertSameMaps(ex.extract(images.get(i)), batch.get(i));
                }
                assertEquals(List.of(), ex.extract(List.of()));
            }
        }
    }

    @Test
    void optionsRefuseNegativeThreadsAndBlankInputNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new OnnxExtractorOptions(-1, null));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new OnnxExtractorOptions(0, " "));
        assertEquals(new OnnxExtractorOptions(0, null), new OnnxExtractorOptions());
    }

    static void assertSameMaps(List<FeatureMap> expected, List<FeatureMap> actual) {
        assertEquals(expected.size(), actual.size());
        for (int m = 0; m < expected.size(); m++) {
            FeatureMap e = expected.get(m);
            FeatureMap a = actual.get(m);
            assertEquals(List.of(e.channels(), e.height(), e.width(), e.stride()),
                    List.of(a.channels(), a.height(), a.width(), a.stride()));
            assertArrayEquals(e.data(), a.data());
        }
    }
}
