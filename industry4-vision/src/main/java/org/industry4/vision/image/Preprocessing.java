package org.industry4.vision.image;

import java.util.Arrays;
import java.util.Objects;

/**
 * How a raw image becomes a backbone input: resize to {@code resizeHeight x resizeWidth}, take the
 * centre {@code cropHeight x cropWidth}, then normalise each channel as {@code (x - mean) / std}.
 * The defaults are the ImageNet convention at 224 x 224 without a crop; the classic PatchCore
 * setting is {@code new Preprocessing().withResize(256, 256).withCrop(224, 224)}.
 *
 * <p>The resize is the separable triangle (bilinear) filter of PIL's {@code Image.resize(BILINEAR)}
 * and torchvision's {@code resize(antialias=True)}: output pixel centres map to
 * {@code (i + 0.5) * in / out}; when shrinking, the filter's support widens by the shrink factor, so
 * every input pixel contributes (antialiasing); when enlarging it is ordinary bilinear
 * interpolation with half-pixel centres. The centre crop starts at
 * {@code rint((resize - crop) / 2)}, as torchvision's {@code center_crop}.
 *
 * @param resizeHeight rows after the resize, {@code > 0}
 * @param resizeWidth  columns after the resize, {@code > 0}
 * @param cropHeight   rows of the centre crop, in {@code [1, resizeHeight]}
 * @param cropWidth    columns of the centre crop, in {@code [1, resizeWidth]}
 * @param mean         per-channel mean (R, G, B) subtracted, 3 finite values
 * @param std          per-channel standard deviation divided by, 3 finite values {@code > 0}
 */
public record Preprocessing(int resizeHeight, int resizeWidth, int cropHeight, int cropWidth,
                            float[] mean, float[] std) {

    private static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};

    /**
     * @throws IllegalArgumentException if a size is not positive, a crop exceeds its resize, or the
     *                                  mean or std does not hold 3 finite values (std {@code > 0})
     */
    public Preprocessing {
        if (resizeHeight <= 0 || resizeWidth <= 0) {
            throw new IllegalArgumentException("resize must be > 0, got resizeHeight=" + resizeHeight
                    + " resizeWidth=" + resizeWidth);
        }
        if (cropHeight <= 0 || cropWidth <= 0) {
            throw new IllegalArgumentException("crop must be > 0, got cropHeight=" + cropHeight
                    + " cropWidth=" + cropWidth);
        }
        if (cropHeight > resizeHeight) {
            throw new IllegalArgumentException("cropHeight must be <= resizeHeight " + resizeHeight + ", got "
                    + cropHeight);
        }
        if (cropWidth > resizeWidth) {
            throw new IllegalArgumentException("cropWidth must be <= resizeWidth " + resizeWidth + ", got "
                    + cropWidth);
        }
        mean = checked("mean", mean, false);
        std = checked("std", std, true);
    }

    /** The defaults: resize to 224 x 224, no crop, ImageNet mean and std. */
    public Preprocessing() {
        this(224, 224, 224, 224, IMAGENET_MEAN, IMAGENET_STD);
    }

    private static float[] checked(String name, float[] values, boolean positive) {
        Objects.requireNonNull(values, name);
        if (values.length != 3) {
            throw new IllegalArgumentException(name + " must hold 3 values (R, G, B), got " + values.length);
        }
        for (int c = 0; c < 3; c++) {
            float v = values[c];
            if (!Float.isFinite(v) || (positive && !(v > 0f))) {
                throw new IllegalArgumentException(name + "[" + c + "] must be " + (positive ? "finite and > 0" : "finite")
                        + ", got " + v);
            }
        }
        return values.clone();
    }

    /**
     * A copy with a new resize and no crop (the crop becomes the whole resized image); call
     * {@link #withCrop(int, int)} afterwards to crop.
     */
    public Preprocessing withResize(int height, int width) {
        return new Preprocessing(height, width, height, width, mean, std);
    }

    /** A copy with a new centre crop, which must fit in the resize. */
    public Preprocessing withCrop(int height, int width) {
        return new Preprocessing(resizeHeight, resizeWidth, height, width, mean, std);
    }

    /** A copy with a new per-channel mean and std (3 values each). */
    public Preprocessing withNormalisation(float[] mean, float[] std) {
        return new Preprocessing(resizeHeight, resizeWidth, cropHeight, cropWidth, mean, std);
    }

    /** A copy of the per-channel mean (R, G, B). */
    @Override
    public float[] mean() {
        return mean.clone();
    }

    /** A copy of the per-channel standard deviation (R, G, B). */
    @Override
    public float[] std() {
        return std.clone();
    }

    /**
     * Resizes, crops and normalises a raw image (values in [0, 1], as {@link Images#read} gives) to a
     * {@code 3 x cropHeight x cropWidth} backbone input.
     *
     * @throws IllegalArgumentException if {@code raw} does not have 3 channels
     */
    public ImageTensor apply(ImageTensor raw) {
        float[] out = geometry(raw);
        int plane = cropHeight * cropWidth;
        for (int c = 0; c < 3; c++) {
            float m = mean[c];
            float inv = 1f / std[c];
            for (int i = c * plane, end = i + plane; i < end; i++) {
                out[i] = (out[i] - m) * inv;
            }
        }
        return ImageTensor.wrap(3, cropHeight, cropWidth, out);
    }

    /**
     * The same resize and crop as {@link #apply(ImageTensor)} without normalisation: values stay in
     * [0, 1], for drawing heat-map overlays aligned with the anomaly map.
     *
     * @throws IllegalArgumentException if {@code raw} does not have 3 channels
     */
    public ImageTensor view(ImageTensor raw) {
        float[] out = geometry(raw);
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.min(1f, Math.max(0f, out[i])); // the filter's weights are >= 0; this only trims rounding
        }
        return ImageTensor.wrap(3, cropHeight, cropWidth, out);
    }

    /**
     * The same resize and crop applied to a defect mask, by nearest neighbour: output pixel
     * {@code i} takes input pixel {@code floor((i + 0.5) * in / out)} (the one under its centre, as
     * PIL's {@code NEAREST} and torchvision's {@code nearest-exact}), so the mask stays binary and a
     * defect keeps its location relative to the image. A defect thinner than the shrink factor may
     * be missed or kept depending on where it falls.
     */
    public Mask apply(Mask mask) {
        Objects.requireNonNull(mask, "mask");
        int top = offset(resizeHeight, cropHeight);
        int left = offset(resizeWidth, cropWidth);
        int[] cols = new int[cropWidth];
        for (int x = 0; x < cropWidth; x++) {
            cols[x] = nearest(left + x, mask.width(), resizeWidth);
        }
        boolean[] in = mask.flags();
        boolean[] out = new boolean[cropHeight * cropWidth];
        for (int y = 0; y < cropHeight; y++) {
            int row = nearest(top + y, mask.height(), resizeHeight) * mask.width();
            for (int x = 0; x < cropWidth; x++) {
                out[y * cropWidth + x] = in[row + cols[x]];
            }
        }
        return new Mask(cropHeight, cropWidth, out);
    }

    private static int nearest(int i, int in, int out) {
        return Math.min(in - 1, (int) Math.floor((i + 0.5) * in / out));
    }

    private static int offset(int size, int crop) {
        return (int) Math.rint((size - crop) / 2.0);
    }

    /** Resized and cropped values, un-normalised, in a fresh array. */
    private float[] geometry(ImageTensor raw) {
        Objects.requireNonNull(raw, "raw");
        if (raw.channels() != 3) {
            throw new IllegalArgumentException("preprocessing needs a 3-channel (RGB) image, got "
                    + raw.channels() + " channels");
        }
        int h = raw.height();
        int w = raw.width();
        Kernel kx = Kernel.of(w, resizeWidth, offset(resizeWidth, cropWidth), cropWidth);
        Kernel ky = Kernel.of(h, resizeHeight, offset(resizeHeight, cropHeight), cropHeight);
        float[] src = raw.data();
        float[] tmp = new float[h * cropWidth];
        float[] out = new float[3 * cropHeight * cropWidth];
        for (int c = 0; c < 3; c++) {
            // Horizontal pass: h rows of cropWidth.
            for (int y = 0; y < h; y++) {
                int rowStart = (c * h + y) * w;
                for (int x = 0; x < cropWidth; x++) {
                    int first = kx.first[x];
                    int base = x * kx.taps;
                    double sum = 0;
                    for (int k = 0; k < kx.count[x]; k++) {
                        sum += kx.weights[base + k] * src[rowStart + first + k];
                    }
                    tmp[y * cropWidth + x] = (float) sum;
                }
            }
            // Vertical pass: cropHeight rows of cropWidth.
            int outStart = c * cropHeight * cropWidth;
            for (int y = 0; y < cropHeight; y++) {
                int first = ky.first[y];
                int base = y * ky.taps;
                int dst = outStart + y * cropWidth;
                for (int k = 0; k < ky.count[y]; k++) {
                    float weight = ky.weights[base + k];
                    int row = (first + k) * cropWidth;
                    for (int x = 0; x < cropWidth; x++) {
                        out[dst + x] += weight * tmp[row + x];
                    }
                }
            }
        }
        return out;
    }

    /** Triangle-filter weights for output indices {@code from .. from + n - 1} of an {@code in -> out} resize. */
    private record Kernel(int taps, int[] first, int[] count, float[] weights) {

        static Kernel of(int in, int out, int from, int n) {
            double scale = (double) in / out;
            double filterScale = Math.max(scale, 1.0);
            double support = filterScale; // the triangle filter's support is 1, widened when shrinking
            int taps = (int) Math.ceil(support) * 2 + 1;
            int[] first = new int[n];
            int[] count = new int[n];
            float[] weights = new float[n * taps];
            double[] w = new double[taps];
            for (int j = 0; j < n; j++) {
                double center = (from + j + 0.5) * scale;
                int min = Math.max(0, (int) (center - support + 0.5));
                int max = Math.min(in, (int) (center + support + 0.5));
                int size = max - min;
                double total = 0;
                for (int k = 0; k < size; k++) {
                    double t = Math.abs((min + k - center + 0.5) / filterScale);
                    w[k] = t < 1.0 ? 1.0 - t : 0.0;
                    total += w[k];
                }
                for (int k = 0; k < size; k++) {
                    weights[j * taps + k] = (float) (total > 0 ? w[k] / total : 0);
                }
                first[j] = min;
                count[j] = size;
            }
            return new Kernel(taps, first, count, weights);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Preprocessing p && p.resizeHeight == resizeHeight && p.resizeWidth == resizeWidth
                && p.cropHeight == cropHeight && p.cropWidth == cropWidth && Arrays.equals(p.mean, mean)
                && Arrays.equals(p.std, std);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(resizeHeight, resizeWidth, cropHeight, cropWidth);
        return 31 * (31 * h + Arrays.hashCode(mean)) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "Preprocessing[resize=" + resizeHeight + "x" + resizeWidth + ", crop=" + cropHeight + "x" + cropWidth
                + ", mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
    }
}
