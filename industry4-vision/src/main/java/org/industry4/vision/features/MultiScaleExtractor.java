package org.industry4.vision.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.industry4.vision.image.ImageTensor;

/**
 * Adds a coarser level to any extractor: besides the base extractor's maps of the image, it runs the
 * base extractor once more on the image shrunk by 2 (2 x 2 averages, mirrored to fill the input
 * size, since many backbones take one fixed size) and appends the deepest map of that pass, cropped
 * to the shrunk image, as a map of twice that stride. The new level sees twice the context of the
 * base network's deepest layer, for defects larger than its receptive field (uneven surfaces, large
 * stains). Costs a second pass of the base extractor and {@code C_deepest} more values per patch.
 *
 * <p>Thread-safe if the base extractor is; {@link #close()} closes the base extractor.
 */
public final class MultiScaleExtractor implements FeatureExtractor {

    private final FeatureExtractor base;

    /** Wraps {@code base}, which this extractor then owns. */
    public MultiScaleExtractor(FeatureExtractor base) {
        this.base = Objects.requireNonNull(base, "base");
    }

    @Override
    public String name() {
        return "multiscale(" + base.name() + ")";
    }

    @Override
    public int[] inputSize() {
        return base.inputSize();
    }

    /**
     * @throws IllegalArgumentException as the base extractor does, or if the image or the base's
     *                                  deepest map has an odd height or width
     */
    @Override
    public List<FeatureMap> extract(ImageTensor image) {
        int h = image.height();
        int w = image.width();
        if (h % 2 != 0 || w % 2 != 0) {
            throw new IllegalArgumentException("a multi-scale extractor needs an even image size, got " + h + "x" + w);
        }
        List<FeatureMap> maps = base.extract(image);
        List<FeatureMap> coarse = base.extract(shrunkAndMirrored(image));
        FeatureMap deepest = coarse.get(coarse.size() - 1);
        if (deepest.height() % 2 != 0 || deepest.width() % 2 != 0) {
            throw new IllegalArgumentException("the deepest map of " + base.name() + " is " + deepest.height() + "x"
                    + deepest.width() + "; its top-left half cannot be cut out");
        }
        int ch = deepest.height() / 2;
        int cw = deepest.width() / 2;
        float[] crop = new float[deepest.channels() * ch * cw];
        for (int c = 0; c < deepest.channels(); c++) {
            for (int y = 0; y < ch; y++) {
                System.arraycopy(deepest.data(), (c * deepest.height() + y) * deepest.width(), crop,
                        (c * ch + y) * cw, cw);
            }
        }
        List<FeatureMap> out = new ArrayList<>(maps);
        out.add(new FeatureMap(deepest.channels(), ch, cw, 2 * deepest.stride(), crop));
        return out;
    }

    /** The image shrunk by 2 in the top-left quarter, mirrored into the other three. */
    static ImageTensor shrunkAndMirrored(ImageTensor image) {
        int h = image.height();
        int w = image.width();
        int hh = h / 2;
        int hw = w / 2;
        float[] in = image.data();
        float[] out = new float[in.length];
        for (int c = 0; c < image.channels(); c++) {
            int plane = c * h * w;
            for (int y = 0; y < hh; y++) {
                for (int x = 0; x < hw; x++) {
                    int i = plane + 2 * y * w + 2 * x;
                    float v = (in[i] + in[i + 1] + in[i + w] + in[i + w + 1]) * 0.25f;
                    out[plane + y * w + x] = v;
                    out[plane + y * w + (w - 1 - x)] = v;
                    out[plane + (h - 1 - y) * w + x] = v;
                    out[plane + (h - 1 - y) * w + (w - 1 - x)] = v;
                }
            }
        }
        return ImageTensor.wrap(image.channels(), h, w, out);
    }

    @Override
    public void close() {
        base.close();
    }
}
