package org.industry4.vision;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.industry4.vision.features.FeatureExtractor;
import org.industry4.vision.image.ImageTensor;
import org.industry4.vision.image.Images;
import org.industry4.vision.image.Preprocessing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link PatchCoreModel} from images of good parts only: preprocess, extract feature maps,
 * form locally aware patch features, keep a greedy coreset of them as the memory bank.
 *
 * <pre>{@code
 * try (FeatureExtractor extractor = OnnxFeatureExtractor.open(backbone, List.of("feat_s8_32x28x28", "feat_s16_96x14x14"))) {
 *     PatchCoreModel model = new PatchCoreTrainer(new PatchCoreOptions().withCoresetRatio(0.01))
 *             .fit(extractor, new Preprocessing(), goodImageFiles, executor);
 *     AnomalyMap result = model.score(extractor, Path.of("part-0042.png"));
 * }
 * }</pre>
 *
 * The model depends on the set of training images, not on their order or the number of threads:
 * files are processed in sorted order and the coreset is seeded.
 */
public final class PatchCoreTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(PatchCoreTrainer.class);

    private final PatchCoreOptions options;
    private final ProgressListener listener;

    /** A trainer with the {@linkplain PatchCoreOptions#PatchCoreOptions() default options}. */
    public PatchCoreTrainer() {
        this(new PatchCoreOptions());
    }

    public PatchCoreTrainer(PatchCoreOptions options) {
        this(options, new ProgressListener() {
        });
    }

    /** A trainer that also reports progress to {@code listener}. */
    public PatchCoreTrainer(PatchCoreOptions options, ProgressListener listener) {
        this.options = Objects.requireNonNull(options, "options");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    public PatchCoreOptions options() {
        return options;
    }

    /**
     * Trains on the image files {@code goodImages}, read and feature-extracted on {@code executor}
     * (pass {@code Runnable::run} for the calling thread); the coreset selection splits its passes
     * over the same executor. The calling thread waits for those tasks, so don't call this from a
     * thread of a fixed-size {@code executor} that has no other thread free.
     *
     * @throws IOException              if an image is missing or unreadable (naming it)
     * @throws IllegalArgumentException if there are no images or they give different feature grids
     */
    public PatchCoreModel fit(FeatureExtractor extractor, Preprocessing preprocessing, List<Path> goodImages,
                              Executor executor) throws IOException {
        Objects.requireNonNull(goodImages, "goodImages");
        List<Path> files = new ArrayList<>(goodImages);
        files.sort(Comparator.comparing(Path::toString));
        try {
            return fit(extractor, preprocessing, files.size(), i -> {
                try {
                    return Images.read(files.get(i));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, executor);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Trains on images already in memory, as {@link Images#read} returns them (3 channels, values in
     * [0, 1]), in the calling thread.
     *
     * @throws IllegalArgumentException if there are no images or they give different feature grids
     */
    public PatchCoreModel fit(FeatureExtractor extractor, Preprocessing preprocessing, List<ImageTensor> goodImages) {
        Objects.requireNonNull(goodImages, "goodImages");
        List<ImageTensor> images = List.copyOf(goodImages);
        return fit(extractor, preprocessing, images.size(), images::get, Runnable::run);
    }

    private interface Source {
        ImageTensor get(int index);
    }

    private PatchCoreModel fit(FeatureExtractor extractor, Preprocessing preprocessing, int count, Source source,
                               Executor executor) {
        Objects.requireNonNull(extractor, "extractor");
        Objects.requireNonNull(preprocessing, "preprocessing");
        Objects.requireNonNull(executor, "executor");
        if (count == 0) {
            throw new IllegalArgumentException("PatchCore needs at least one good image, got none");
        }
        long start = System.nanoTime();
        LOG.info("PatchCore: extracting patch features of {} good images with {}", count, extractor.name());
        AtomicInteger done = new AtomicInteger();
        int step = Math.max(1, count / 10);
        List<CompletableFuture<PatchFeatures>> futures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int index = i;
            futures.add(CompletableFuture.supplyAsync(() -> {
                PatchFeatures f = PatchFeatures.of(extractor.extract(preprocessing.apply(source.get(index))),
                        options.neighbourhood());
                int n = done.incrementAndGet();
                if (n % step == 0 || n == count) {
                    synchronized (listener) {
                        listener.features(n, count);
                    }
                    LOG.info("PatchCore: features of {}/{} images", n, count);
                }
                return f;
            }, executor));
        }
        List<PatchFeatures> all = new ArrayList<>(count);
        try {
            for (CompletableFuture<PatchFeatures> future : futures) {
                all.add(future.join());
            }
        } catch (CompletionException e) {
            futures.forEach(f -> f.cancel(false));
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
        PatchFeatures first = all.get(0);
        int dimension = first.dimension;
        long total = 0;
        for (int i = 0; i < all.size(); i++) {
            PatchFeatures f = all.get(i);
            if (f.gridHeight != first.gridHeight || f.gridWidth != first.gridWidth || f.dimension != dimension) {
                throw new IllegalArgumentException("training image " + i + " gives " + f.gridHeight + "x"
                        + f.gridWidth + " patches of " + f.dimension + " values, image 0 gives " + first.gridHeight
                        + "x" + first.gridWidth + " of " + dimension + "; preprocess every image to one size");
            }
            total += f.rows.length;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the training patches need " + total
                    + " floats, more than one array holds; use fewer images");
        }
        float[] rows = new float[(int) total];
        int offset = 0;
        for (PatchFeatures f : all) {
            System.arraycopy(f.rows, 0, rows, offset, f.rows.length);
            offset += f.rows.length;
        }
        all.clear();
        int patches = rows.length / dimension;
        int keep = (int) Math.max(1, Math.min(patches, Math.ceil(options.coresetRatio() * patches)));
        LOG.info("PatchCore: choosing a coreset of {} of {} patches ({} values each)", keep, patches, dimension);
        int[] chosen = GreedyCoreset.select(rows, dimension, keep, options.projectionDimension(), options.seed(), executor,
                Runtime.getRuntime().availableProcessors(),
                new ProgressListener() {
                    @Override
                    public void coreset(int n, int of) {
                        listener.coreset(n, of);
                        LOG.info("PatchCore: coreset {}/{}", n, of);
                    }
                });
        Arrays.sort(chosen);
        float[] bankRows = new float[chosen.length * dimension];
        for (int i = 0; i < chosen.length; i++) {
            System.arraycopy(rows, chosen[i] * dimension, bankRows, i * dimension, dimension);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        PatchCoreModel.Summary summary = new PatchCoreModel.Summary(count, patches, first.gridHeight,
                first.gridWidth, seconds);
        LOG.info("PatchCore: memory bank of {} patches from {} images in {} s", chosen.length, count,
                String.format("%.1f", seconds));
        return new PatchCoreModel(options, preprocessing, extractor.name(), new MemoryBank(bankRows, dimension),
                Double.NaN, summary);
    }
}
