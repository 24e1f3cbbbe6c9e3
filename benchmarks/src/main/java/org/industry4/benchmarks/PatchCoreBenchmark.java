package org.industry4.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.industry4.vision.AnomalyMap;
import org.industry4.vision.PatchCoreModel;
import org.industry4.vision.PatchCoreOptions;
import org.industry4.vision.PatchCoreTrainer;
import org.industry4.vision.data.ImageDatasets;
import org.industry4.vision.data.InspectionDataset;
import org.industry4.vision.data.InspectionSample;
import org.industry4.vision.features.FeatureExtractor;
import org.industry4.vision.features.FilterBankExtractor;
import org.industry4.vision.features.MultiScaleExtractor;
import org.industry4.vision.features.OnnxExtractorOptions;
import org.industry4.vision.features.OnnxFeatureExtractor;
import org.industry4.vision.image.HeatMaps;
import org.industry4.vision.image.ImageTensor;
import org.industry4.vision.image.Images;
import org.industry4.vision.image.Mask;
import org.industry4.vision.image.Preprocessing;
import org.industry4.vision.metrics.Aupro;
import org.industry4.vision.metrics.Auroc;
import org.industry4.vision.metrics.F1Threshold;
import org.industry4.vision.metrics.PixelAuroc;
import org.industry4.vision.metrics.Thresholds;

/**
 * {@code patchcore}: PatchCore on an MVTec AD category or the Magnetic Tile set. Trains on good
 * images only (MVTec: its train/good folder; Magnetic Tile: a seeded share of MT_Free, the other
 * normal images are test images), then scores every test image and prints image AUROC and pixel
 * AUROC (from the masks at the model's resolution), overall and per defect class against the good
 * test images, AUPRO (per-region overlap up to FPR 0.3), the F1-optimal threshold, images per second at inference (read, preprocess, extract,
 * score; on {@code --threads} threads), training time, memory-bank size and heap in use.
 */
final class PatchCoreBenchmark implements Benchmark {

    @Override
    public String name() {
        return "patchcore";
    }

    @Override
    public String usage() {
        return "patchcore --data DIR --layout mvtec|magnetic-tile [--backbone ONNX --outputs a,b] [--coreset 0.1]"
                + " [--train-share 0.5] [--size 224] [--threads N] [--seed 42] [--heatmaps DIR] [--multiscale]"
                + " [--neighbourhood 3] [--sigma 4]"
                + " [--eval all|dev|holdout]";
    }

    @Override
    public String description() {
        return "PatchCore visual inspection: image and pixel AUROC, images/s, training time, bank size";
    }

    @Override
    public Result run(Args args) throws Exception {
        Path data = Path.of(args.string("data", "../shared/data/magnetic-tile"));
        String layout = args.string("layout", "magnetic-tile");
        String backbone = args.has("backbone") ? args.string("backbone", "") : null;
        String outputs = args.string("outputs", "feat_s8_32x28x28,feat_s16_96x14x14");
        double coreset = args.doubleValue("coreset", 0.1, 1e-6, 1);
        double trainShare = args.doubleValue("train-share", 0.5, 0.01, 0.99);
        int size = args.intValue("size", 224, 16, 4096);
        int threads = args.intValue("threads", Runtime.getRuntime().availableProcessors(), 1, 256);
        long seed = args.longValue("seed", 42, Long.MIN_VALUE, Long.MAX_VALUE);
        Path heatmaps = args.has("heatmaps") ? Path.of(args.string("heatmaps", "")) : null;
        boolean multiscale = args.has("multiscale");
        String eval = args.string("eval", "all");
        PatchCoreOptions defaults = new PatchCoreOptions();
        int neighbourhood = args.intValue("neighbourhood", defaults.neighbourhood(), 1, 15);
        double sigma = args.doubleValue("sigma", defaults.smoothingSigma(), 0, 64);
        args.requireAllUsed();
        if (!List.of("all", "dev", "holdout").contains(eval)) {
            throw new IllegalArgumentException("--eval must be all, dev or holdout, got " + eval);
        }

        InspectionDataset dataset = switch (layout) {
            case "mvtec" -> ImageDatasets.mvtec(data);
            case "magnetic-tile" -> ImageDatasets.magneticTile(data, trainShare, seed);
            default -> throw new IllegalArgumentException("--layout must be mvtec or magnetic-tile, got " + layout);
        };
        Preprocessing preprocessing = new Preprocessing().withResize(size, size);
        PatchCoreOptions options = defaults.withCoresetRatio(coreset).withSeed(seed)
                .withNeighbourhood(neighbourhood).withSmoothingSigma(sigma);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        // one ONNX Runtime thread per image when images run in parallel: no oversubscription
        FeatureExtractor base = backbone == null ? new FilterBankExtractor()
                : OnnxFeatureExtractor.open(Path.of(backbone), List.of(outputs.split(",")),
                new OnnxExtractorOptions().withIntraOpThreads(threads > 1 ? 1 : 0));
        try (FeatureExtractor extractor = multiscale ? new MultiScaleExtractor(base) : base) {
            System.out.printf(Locale.ROOT, "%s (%s): %d train images, test %s; extractor %s; %dx%d; coreset %.3f;"
                            + " %d threads, %d cores%n%n", data.getFileName(), layout, dataset.trainCount(),
                    dataset.labelCounts(), extractor.name(), size, size, coreset, threads,
                    Runtime.getRuntime().availableProcessors());
            List<Path> trainFiles = dataset.train().stream().map(InspectionSample::image).toList();
            long t0 = System.nanoTime();
            PatchCoreModel model = new PatchCoreTrainer(options).fit(extractor, preprocessing, trainFiles, pool);
            double trainSeconds = (System.nanoTime() - t0) / 1e9;
            System.gc();
            long heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();

            List<InspectionSample> test = eval.equals("all") ? dataset.test() : half(dataset.test(), eval, seed);
            List<Future<Scored>> futures = new ArrayList<>();
            long s0 = System.nanoTime();
            for (InspectionSample sample : test) {
                futures.add(pool.submit(() -> score(model, extractor, preprocessing, sample)));
            }
            List<Scored> scored = new ArrayList<>();
            for (Future<Scored> f : futures) {
                scored.add(f.get());
            }
            double scoreSeconds = (System.nanoTime() - s0) / 1e9;
            double imagesPerSecond = test.size() / scoreSeconds;

            PixelAuroc pixels = new PixelAuroc();
            Aupro pro = new Aupro();
            double[] scores = new double[scored.size()];
            boolean[] defective = new boolean[scored.size()];
            for (int i = 0; i < scored.size(); i++) {
                Scored s = scored.get(i);
                scores[i] = s.map.score();
                defective[i] = s.sample.defective();
                pixels.add(s.map.values(), s.mask);
                pro.add(s.map.values(), s.mask);
            }
            double imageAuroc = Auroc.of(scores, defective);
            double pixelAuroc = pixels.value();
            double aupro = pro.value();
            F1Threshold f1 = Thresholds.f1Optimal(scores, defective);

            System.out.printf(Locale.ROOT, "%-10s %7s %11s %11s %7s%n", "class", "images", "image AUROC", "pixel AUROC",
                    "AUPRO");
            Map<String, List<Integer>> byLabel = new TreeMap<>();
            for (int i = 0; i < scored.size(); i++) {
                byLabel.computeIfAbsent(scored.get(i).sample.label(), k -> new ArrayList<>()).add(i);
            }
            List<Integer> good = byLabel.getOrDefault(InspectionSample.GOOD, List.of());
            for (Map.Entry<String, List<Integer>> e : byLabel.entrySet()) {
                if (e.getKey().equals(InspectionSample.GOOD) || good.isEmpty()) {
                    continue;
                }
                // the class's images against the good test images, for both figures
                double[] s = new double[good.size() + e.getValue().size()];
                boolean[] l = new boolean[s.length];
                PixelAuroc classPixels = new PixelAuroc();
                Aupro classPro = new Aupro();
                int k = 0;
                for (int i : good) {
                    s[k++] = scores[i];
                    classPixels.add(scored.get(i).map.values(), scored.get(i).mask);
                    classPro.add(scored.get(i).map.values(), scored.get(i).mask);
                }
                for (int i : e.getValue()) {
                    l[k] = true;
                    s[k++] = scores[i];
                    classPixels.add(scored.get(i).map.values(), scored.get(i).mask);
                    classPro.add(scored.get(i).map.values(), scored.get(i).mask);
                }
                System.out.printf(Locale.ROOT, "%-10s %7d %11.4f %11.4f %7.4f%n", e.getKey(), e.getValue().size(),
                        Auroc.of(s, l), classPixels.value(), classPro.value());
            }
            System.out.printf(Locale.ROOT, "%-10s %7d %11.4f %11.4f %7.4f%n%n", "all", scored.size(), imageAuroc,
                    pixelAuroc, aupro);
            System.out.printf(Locale.ROOT, "image AUROC %.4f | pixel AUROC %.4f | AUPRO (FPR <= 0.3, %d regions) %.4f"
                            + " | F1 %.3f at %.3f (P %.3f R %.3f)%n", imageAuroc, pixelAuroc, pro.regions(), aupro, f1.f1(),
                    f1.threshold(), f1.precision(), f1.recall());
            System.out.printf(Locale.ROOT, "%.1f images/s (%d images, %d threads) | training %.1f s (%d images, %d"
                            + " patches) | bank %d x %d (%.1f MB) | heap %.0f MB%n", imagesPerSecond, test.size(), threads,
                    trainSeconds, model.summary().images(), model.summary().patches(), model.bankSize(),
                    model.featureDimension(), model.bankSize() * (double) model.featureDimension() * 4 / 1e6,
                    heap / 1e6);
            if (heatmaps != null) {
                writeHeatmaps(heatmaps, scored, preprocessing);
            }
            return new Result().put("image_auroc", imageAuroc).put("pixel_auroc", pixelAuroc).put("aupro", aupro)
                    .put("images_per_s", imagesPerSecond).put("train_s", trainSeconds)
                    .put("bank", model.bankSize()).put("heap_mb", Math.round(heap / 1e6))
                    .put("extractor", extractor.name().replace(' ', '_'));
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Half of the test images of every class, chosen by a seeded shuffle of the sorted names: "dev"
     * for design decisions, "holdout" to report them on images no decision has seen.
     */
    static List<InspectionSample> half(List<InspectionSample> test, String which, long seed) {
        Map<String, List<InspectionSample>> byLabel = new TreeMap<>();
        for (InspectionSample s : test) {
            byLabel.computeIfAbsent(s.label(), k -> new ArrayList<>()).add(s);
        }
        List<InspectionSample> out = new ArrayList<>();
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed ^ 0x5EEDL);
        for (List<InspectionSample> list : byLabel.values()) {
            list.sort(java.util.Comparator.comparing(s -> s.image().toString()));
            for (int i = list.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                InspectionSample t = list.get(i);
                list.set(i, list.get(j));
                list.set(j, t);
            }
            for (int i = which.equals("dev") ? 0 : 1; i < list.size(); i += 2) {
                out.add(list.get(i));
            }
        }
        return out;
    }

    private record Scored(InspectionSample sample, AnomalyMap map, Mask mask) {
    }

    private static Scored score(PatchCoreModel model, FeatureExtractor extractor, Preprocessing preprocessing,
                                InspectionSample sample) throws Exception {
        AnomalyMap map = model.score(extractor, Images.read(sample.image()));
        Mask mask = sample.mask() == null ? Mask.empty(map.height(), map.width())
                : preprocessing.apply(Images.readMask(sample.mask()));
        return new Scored(sample, map, mask);
    }

    /**
     * Overlays of the 8 highest-scoring images of each class with the mask's outline, coloured from
     * the median map peak of the good test images (below it: no colour) to the highest peak of all.
     */
    private static void writeHeatmaps(Path dir, List<Scored> scored, Preprocessing preprocessing) throws Exception {
        Files.createDirectories(dir);
        double high = scored.stream().mapToDouble(s -> s.map.max()).max().orElse(1);
        double[] goodPeaks = scored.stream().filter(s -> !s.sample.defective()).mapToDouble(s -> s.map.max())
                .sorted().toArray();
        double low = goodPeaks.length == 0 ? 0 : goodPeaks[goodPeaks.length / 2];
        Map<String, List<Scored>> byLabel = new TreeMap<>();
        for (Scored s : scored) {
            byLabel.computeIfAbsent(s.sample.label(), k -> new ArrayList<>()).add(s);
        }
        int written = 0;
        for (List<Scored> list : byLabel.values()) {
            list.sort((a, b) -> Double.compare(b.map.score(), a.map.score()));
            for (Scored s : list.subList(0, Math.min(8, list.size()))) {
                ImageTensor view = preprocessing.view(Images.read(s.sample.image()));
                String stem = s.sample.image().getFileName().toString().replaceFirst("\\.[^.]+$", "");
                HeatMaps.writeOverlay(dir.resolve(s.sample.label() + "-" + stem + ".png"), view, s.map.values(),
                        low, high, s.mask);
                written++;
            }
        }
        System.out.printf(Locale.ROOT, "%d heat maps in %s (colour from %.3f to %.3f)%n", written, dir, low, high);
    }
}
