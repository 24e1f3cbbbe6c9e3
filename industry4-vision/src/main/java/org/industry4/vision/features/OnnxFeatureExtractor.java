package org.industry4.vision.features;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.industry4.core.ModelFormatException;
import org.industry4.vision.image.ImageTensor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feature maps from any ONNX model run by ONNX Runtime (CPU): the model takes one float NCHW image
 * tensor with 3 channels and the caller names the outputs to use as feature maps, each a float
 * {@code [N, C, h, w]} tensor. A map's stride is the input height over the map height and must be
 * an integer. The maps come back sorted by stride, shallowest first.
 *
 * <pre>{@code
 * try (var backbone = OnnxFeatureExtractor.open(Path.of("mobilenetv2-12-int8-features.onnx"),
 *         List.of("feat_s8_32x28x28", "feat_s16_96x14x14"))) {
 *     List<FeatureMap> maps = backbone.extract(image);   // 32x28x28 (stride 8), 96x14x14 (stride 16)
 * }
 * }</pre>
 *
 * <p>Thread-safe: {@link #extract} may run on several threads at once (ONNX Runtime sessions are).
 * {@link #close()} waits for running extractions, releases the session once and never the
 * process-wide ONNX Runtime environment.
 */
public final class OnnxFeatureExtractor implements FeatureExtractor {

    private static final Logger LOG = LoggerFactory.getLogger(OnnxFeatureExtractor.class);

    private final OrtEnvironment env;
    private final OrtSession session;
    private final String name;
    private final String inputName;
    private final List<String> outputs;
    private final Set<String> requested;
    /** Fixed input height and width, -1 where dynamic. */
    private final long fixedHeight;
    private final long fixedWidth;
    private final boolean dynamicBatch;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    private OnnxFeatureExtractor(Path model, List<String> outputs, OnnxExtractorOptions options,
                                 OrtEnvironment env, OrtSession session) throws OrtException {
        this.env = env;
        this.session = session;
        this.outputs = outputs;
        this.requested = new LinkedHashSet<>(outputs);
        this.name = "onnx:" + model.getFileName() + "[" + String.join(",", outputs) + "]";

        Map<String, NodeInfo> inputs = session.getInputInfo();
        if (options.inputName() == null) {
            if (inputs.size() != 1) {
                throw new IllegalArgumentException(model + " has " + inputs.size() + " inputs " + inputs.keySet()
                        + ": name the image input in OnnxExtractorOptions.inputName");
            }
            this.inputName = inputs.keySet().iterator().next();
        } else {
            if (!inputs.containsKey(options.inputName())) {
                throw new IllegalArgumentException(model + " has no input \"" + options.inputName()
                        + "\"; its inputs are " + inputs.keySet());
            }
            this.inputName = options.inputName();
        }
        String inputDesc = describe(inputs.get(inputName));
        if (!(inputs.get(inputName).getInfo() instanceof TensorInfo in) || in.type != OnnxJavaType.FLOAT
                || in.getShape().length != 4 || !(in.getShape()[1] == 3 || in.getShape()[1] < 0)
                || !(in.getShape()[0] == 1 || in.getShape()[0] < 0)) {
            throw new IllegalArgumentException(model + ": input \"" + inputName
                    + "\" must be a float tensor [N, 3, H, W] with N 1 or dynamic, got " + inputDesc);
        }
        long[] shape = in.getShape();
        this.dynamicBatch = shape[0] < 0;
        this.fixedHeight = shape[2] > 0 ? shape[2] : -1;
        this.fixedWidth = shape[3] > 0 ? shape[3] : -1;

        Map<String, NodeInfo> outs = session.getOutputInfo();
        for (String out : outputs) {
            NodeInfo info = outs.get(out);
            if (info == null) {
                throw new IllegalArgumentException(model + " has no output \"" + out + "\"; its outputs are "
                        + outs.keySet());
            }
            if (!(info.getInfo() instanceof TensorInfo t) || t.type != OnnxJavaType.FLOAT
                    || (t.getShape().length != 0 && t.getShape().length != 4)) {
                throw new IllegalArgumentException(model + ": output \"" + out
                        + "\" must be a float tensor [N, C, h, w], got " + describe(info));
            }
        }
        LOG.info("loaded ONNX feature model {}: outputs {}, input \"{}\" {}", model, outputs, inputName, inputDesc);
    }

    /** {@link #open(Path, List, OnnxExtractorOptions)} with default options. */
    public static OnnxFeatureExtractor open(Path model, List<String> outputs) throws IOException {
        return open(model, outputs, new OnnxExtractorOptions());
    }

    /**
     * Loads {@code model} and checks that it fits: one float image input [N, 3, H, W] (or the one
     * named in the options) and the named outputs.
     *
     * @param outputs the outputs to return as feature maps, at least one, no repeats
     * @throws NoSuchFileException      if the file does not exist
     * @throws ModelFormatException     if ONNX Runtime cannot load the file (its message included)
     * @throws IOException              if the file cannot be read
     * @throws IllegalArgumentException if an output is not in the model (the message lists the model's
     *                                  outputs), the model has several inputs and none is named, or the
     *                                  input is not a float [N, 3, H, W] tensor
     * @throws IllegalStateException    if the ONNX Runtime native library cannot be loaded
     */
    public static OnnxFeatureExtractor open(Path model, List<String> outputs, OnnxExtractorOptions options)
            throws IOException {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(options, "options");
        List<String> outs = List.copyOf(Objects.requireNonNull(outputs, "outputs"));
        if (outs.isEmpty()) {
            throw new IllegalArgumentException("outputs must name at least one feature output of " + model);
        }
        if (new LinkedHashSet<>(outs).size() != outs.size()) {
            throw new IllegalArgumentException("outputs must not repeat a name, got " + outs);
        }
        if (!Files.exists(model)) {
            throw new NoSuchFileException(model.toString(), null, "ONNX model file not found");
        }
        if (!Files.isRegularFile(model)) {
            throw new FileSystemException(model.toString(), null, "not a regular file");
        }
        if (!Files.isReadable(model)) {
            throw new FileSystemException(model.toString(), null, "not readable");
        }
        OrtEnvironment env = OrtRuntime.environment();
        OrtSession session;
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            if (options.intraOpThreads() > 0) {
                so.setIntraOpNumThreads(options.intraOpThreads());
            }
            session = env.createSession(model.toString(), so);
        } catch (OrtException e) {
            throw new ModelFormatException(model + ": ONNX Runtime cannot load it: " + e.getMessage(), e);
        }
        try {
            return new OnnxFeatureExtractor(model, outs, options, env, session);
        } catch (OrtException e) {
            closeQuietly(session);
            throw new ModelFormatException(model + ": ONNX Runtime cannot describe it: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
    }

    /** {@code onnx:<file name>[<output>,<output>]}. */
    @Override
    public String name() {
        return name;
    }

    /** The model's fixed input {@code {height, width}}, or {@code null} when either is dynamic. */
    @Override
    public int[] inputSize() {
        return fixedHeight > 0 && fixedWidth > 0 ? new int[] {(int) fixedHeight, (int) fixedWidth} : null;
    }

    /**
     * The requested outputs for {@code image}, sorted by stride (ties in the order requested).
     *
     * @throws IllegalArgumentException if the image does not have 3 channels, its size differs from a
     *                                  fixed model size, or an output's stride is not an integer
     * @throws IllegalStateException    after {@link #close()}, or if ONNX Runtime fails
     */
    @Override
    public List<FeatureMap> extract(ImageTensor image) {
        checkImage(Objects.requireNonNull(image, "image"), "");
        lock.readLock().lock();
        try {
            ensureOpen();
            return run(List.of(image)).get(0);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The feature maps of each image, in order; equal to calling {@link #extract(ImageTensor)} on
     * each. When the model's batch dimension is dynamic and the images have one size, they run as a
     * single batch (the caller chooses the batch size), otherwise image by image.
     *
     * @throws IllegalArgumentException as {@link #extract(ImageTensor)}, naming the image's index
     * @throws IllegalStateException    after {@link #close()}, or if ONNX Runtime fails
     */
    public List<List<FeatureMap>> extract(List<ImageTensor> batch) {
        List<ImageTensor> images = List.copyOf(Objects.requireNonNull(batch, "batch"));
        for (int i = 0; i < images.size(); i++) {
            checkImage(images.get(i), "image " + i + ": ");
        }
        if (images.isEmpty()) {
            return List.of();
        }
        lock.readLock().lock();
        try {
            ensureOpen();
            ImageTensor first = images.get(0);
            boolean oneSize = images.stream()
                    .allMatch(t -> t.height() == first.height() && t.width() == first.width());
            if (dynamicBatch && oneSize && images.size() > 1) {
                return run(images);
            }
            List<List<FeatureMap>> result = new ArrayList<>(images.size());
            for (ImageTensor image : images) {
                result.add(run(List.of(image)).get(0));
            }
            return List.copyOf(result);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Releases the ONNX Runtime session once, after running extractions finish; later calls do nothing. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            closeQuietly(session);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return name;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(name + " is closed");
        }
    }

    private void checkImage(ImageTensor image, String prefix) {
        if (image.channels() != 3) {
            throw new IllegalArgumentException(prefix + name + " expects an image with 3 channels, got "
                    + image.channels());
        }
        if ((fixedHeight > 0 && image.height() != fixedHeight) || (fixedWidth > 0 && image.width() != fixedWidth)) {
            throw new IllegalArgumentException(prefix + name + " expects a " + dim(fixedHeight) + "x"
                    + dim(fixedWidth) + " image (height x width), got " + image.height() + "x" + image.width());
        }
    }

    /** Runs images of one size as one batch; the caller holds the read lock. */
    private List<List<FeatureMap>> run(List<ImageTensor> images) {
        int n = images.size();
        int height = images.get(0).height();
        int width = images.get(0).width();
        long[] shape = {n, 3, height, width};
        FloatBuffer buffer;
        if (n == 1) {
            buffer = FloatBuffer.wrap(images.get(0).data());
        } else {
            long bytes = (long) n * 3 * height * width * Float.BYTES;
            if (bytes > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(name + ": a batch of " + n + " images of " + height + "x" + width
                        + " needs " + bytes + " bytes, more than one buffer holds; pass smaller batches");
            }
            buffer = ByteBuffer.allocateDirect((int) bytes)
                    .order(ByteOrder.nativeOrder()).asFloatBuffer();
            for (ImageTensor image : images) {
                buffer.put(image.data());
            }
            buffer.rewind();
        }
        List<List<FeatureMap>> maps = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            maps.add(new ArrayList<>(outputs.size()));
        }
        try (OnnxTensor input = OnnxTensor.createTensor(env, buffer, shape);
             OrtSession.Result result = session.run(Map.of(inputName, input), requested)) {
            for (String out : outputs) {
                OnnxValue value = result.get(out).orElseThrow(
                        () -> new IllegalStateException(name + ": ONNX Runtime returned no output \"" + out + "\""));
                if (!(value instanceof OnnxTensor tensor) || tensor.getInfo().type != OnnxJavaType.FLOAT) {
                    throw new IllegalStateException(name + ": output \"" + out + "\" is not a float tensor, got "
                            + value.getInfo());
                }
                long[] s = tensor.getInfo().getShape();
                if (s.length != 4 || s[0] != n || s[1] <= 0 || s[2] <= 0 || s[3] <= 0) {
                    throw new IllegalStateException(name + ": output \"" + out + "\" has shape "
                            + Arrays.toString(s) + " for input " + Arrays.toString(shape) + ", expected [" + n
                            + ", C, h, w]");
                }
                int c = (int) s[1];
                int h = (int) s[2];
                int w = (int) s[3];
                int stride = stride(out, height, width, h, w);
                FloatBuffer data = tensor.getFloatBuffer();
                for (int i = 0; i < n; i++) {
                    float[] values = new float[c * h * w];
                    data.get(values);
                    maps.get(i).add(new FeatureMap(c, h, w, stride, values));
                }
            }
        } catch (OrtException e) {
            throw new IllegalStateException(name + " failed on input " + Arrays.toString(shape) + ": "
                    + e.getMessage(), e);
        }
        List<List<FeatureMap>> sorted = new ArrayList<>(n);
        for (List<FeatureMap> list : maps) {
            list.sort(Comparator.comparingInt(FeatureMap::stride));
            sorted.add(List.copyOf(list));
        }
        return List.copyOf(sorted);
    }

    private int stride(String out, int height, int width, int h, int w) {
        if (height % h != 0 || width % w != 0 || height / h != width / w) {
            throw new IllegalArgumentException(name + ": output \"" + out + "\" is " + h + "x" + w + " over a "
                    + height + "x" + width + " input, not an integer stride (" + height + "/" + h + ", "
                    + width + "/" + w + ")");
        }
        return height / h;
    }

    private static String dim(long d) {
        return d > 0 ? Long.toString(d) : "any";
    }

    private static String describe(NodeInfo info) {
        if (info.getInfo() instanceof TensorInfo t) {
            long[] shape = t.getShape();
            String[] names = t.getDimensionNames();
            StringBuilder b = new StringBuilder(t.type + "[");
            for (int i = 0; i < shape.length; i++) {
                b.append(i > 0 ? ", " : "");
                b.append(shape[i] >= 0 ? Long.toString(shape[i])
                        : names != null && i < names.length && !names[i].isEmpty() ? names[i] : "?");
            }
            return b.append(']').toString();
        }
        return String.valueOf(info.getInfo());
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException | RuntimeException e) {
            LOG.warn("closing an ONNX Runtime session failed: {}", e.getMessage());
        }
    }

    /** Loads the ONNX Runtime native library once and remembers why it failed, if it did. */
    private static final class OrtRuntime {
        private static final OrtEnvironment ENV;
        private static final Throwable FAILURE;

        static {
            OrtEnvironment env = null;
            Throwable failure = null;
            try {
                env = OrtEnvironment.getEnvironment();
            } catch (RuntimeException | LinkageError e) {
                failure = e;
            }
            ENV = env;
            FAILURE = failure;
        }

        static OrtEnvironment environment() {
            if (ENV == null) {
                throw new IllegalStateException("ONNX Runtime could not be loaded: " + FAILURE, FAILURE);
            }
            return ENV;
        }
    }
}
