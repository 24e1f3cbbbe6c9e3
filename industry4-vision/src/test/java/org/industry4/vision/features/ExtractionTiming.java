package org.industry4.vision.features;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.industry4.vision.image.ImageTensor;

/**
 * Prints the extraction time per 224x224 image of both extractors (a measurement, not a test):
 * {@code java -cp <test classpath> org.industry4.vision.features.ExtractionTiming [model.onnx]}.
 */
public final class ExtractionTiming {

    private ExtractionTiming() {
    }

    public static void main(String[] args) throws Exception {
        int n = 100;
        List<ImageTensor> images = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            images.add(OnnxFeatureExtractorTest.randomImage(i, 224, 224));
        }
        System.out.printf("%-52s %10s%n", "extractor", "ms/image");
        try (FilterBankExtractor bank = new FilterBankExtractor()) {
            System.out.printf("%-52s %10.2f%n", bank.name(), time(bank, images, n));
        }
        Path model = args.length > 0 ? Path.of(args[0]) : SharedModels.mobileNetFeatures();
        if (model == null || !Files.isRegularFile(model)) {
            System.out.println("ONNX model absent: "
                    + (model != null ? model : SharedModels.dir().resolve(SharedModels.FEATURES)));
            return;
        }
        try (OnnxFeatureExtractor onnx = OnnxFeatureExtractor.open(model, List.of(SharedModels.S8, SharedModels.S16))) {
            System.out.printf("%-52s %10.2f%n", "mobilenetv2-int8 (one image per run)", time(onnx, images, n));
            for (int i = 0; i < 3; i++) {
                onnx.extract(images);
            }
            long t0 = System.nanoTime();
            int rounds = n / images.size();
            for (int r = 0; r < rounds; r++) {
                onnx.extract(images);
            }
            double ms = (System.nanoTime() - t0) / 1e6 / (rounds * images.size());
            System.out.printf("%-52s %10.2f%n", "mobilenetv2-int8 (batches of " + images.size() + ")", ms);
        }
        try (OnnxFeatureExtractor onnx = OnnxFeatureExtractor.open(model, List.of(SharedModels.S8, SharedModels.S16),
                new OnnxExtractorOptions().withIntraOpThreads(1))) {
            System.out.printf("%-52s %10.2f%n", "mobilenetv2-int8 (one image per run, 1 thread)", time(onnx, images, n));
        }
    }

    private static double time(FeatureExtractor ex, List<ImageTensor> images, int n) {
        for (int i = 0; i < 20; i++) {
            ex.extract(images.get(i % images.size()));
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            ex.extract(images.get(i % images.size()));
        }
        return (System.nanoTime() - t0) / 1e6 / n;
    }
}
