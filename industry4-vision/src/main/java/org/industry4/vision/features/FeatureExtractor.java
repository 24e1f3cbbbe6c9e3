package org.industry4.vision.features;

import java.util.List;
import org.industry4.vision.image.ImageTensor;

/**
 * Turns a preprocessed image into feature maps at two or more strides, shallowest first
 * (PatchCore uses a middle and a deeper level of a backbone). Implementations are thread-safe:
 * {@link #extract} may be called from several threads at once. Closing releases native resources;
 * {@code close()} is idempotent.
 */
public interface FeatureExtractor extends AutoCloseable {

    /** A short description for logs and model files, e.g. {@code "onnx:mobilenetv2-12-int8-features.onnx[a,b]"}. */
    String name();

    /** The image size the extractor expects, {@code {height, width}}, or {@code null} for any size. */
    int[] inputSize();

    /**
     * The feature maps of {@code image}, shallowest (smallest stride) first.
     *
     * @throws IllegalArgumentException if the image has the wrong channel count or size
     * @throws IllegalStateException    after {@link #close()}
     */
    List<FeatureMap> extract(ImageTensor image);

    @Override
    void close();
}
