package org.industry4.vision.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.industry4.vision.image.ImageTensor;

/**
 * A weights-free feature extractor: a fixed bank of Gaussian-derivative filters on the image's
 * luminance, average-pooled to a stride-8 and a stride-16 map. It needs no model file, so it serves
 * demos, tests and images whose defects are plainly visible; it accepts any height and width that
 * are multiples of 16 ({@link #inputSize()} is {@code null}).
 *
 * <p><b>It is much weaker than a pretrained backbone.</b> On real textures such as the magnetic-tile
 * defect set, PatchCore on these features ranks defective images near chance (image AUROC about
 * 0.6, against about 0.92 with MobileNetV2 features through {@link OnnxFeatureExtractor}). It does
 * separate clearly visible synthetic scratches, blobs and stains from a regular background.
 *
 * <p>How: the luminance {@code L} (mean of the three channels) is smoothed by a Gaussian at each
 * scale {@code s} (borders replicated), and from the smoothed image {@code G} central differences
 * give the scale-normalised derivatives {@code s*Gx, s*Gy, s^2*Gxx, s^2*Gyy, s^2*Gxy}. As in a
 * scale-space pyramid, a scale of 4 px or more is computed on {@code L} box-averaged by 2 (by 4 from
 * 8 px), with the Gaussian narrowed by the box's own blur and cut at 3 sigma; this keeps every scale
 * at 1-4 samples per sigma and made the default bank about 3x faster than filtering at full
 * resolution. Per scale there are 8 channels, each the mean over a map cell of: {@code G} (signed),
 * {@code |Gx|}, {@code |Gy|}, the gradient magnitude, {@code |Gxx|}, {@code |Gyy|}, {@code |Gxy|}
 * and the ridge strength (the largest absolute Hessian eigenvalue, high on lines and scratches).
 * A last channel is the standard deviation of {@code L} within the cell. The stride-8 map uses the
 * scales {@code baseSigma * 2^k}, the stride-16 map twice those (see {@link FilterBankOptions} and
 * {@link #channelNames(int)}). Defaults: 25 channels per map; about 4 ms per 224 x 224 image on one
 * core of the project's 2-core machine.
 *
 * <p>Deterministic and thread-safe: every buffer belongs to one call. {@link #close()} holds no
 * resource; it is there for the interface (use after close still fails, as for every extractor).
 */
public final class FilterBankExtractor implements FeatureExtractor {

    /** The strides of the two maps, shallowest first. */
    private static final int[] STRIDES = {8, 16};

    private static final String[] RESPONSES =
            {"intensity", "|dx|", "|dy|", "gradient", "|dxx|", "|dyy|", "|dxy|", "ridge"};
    private static final int PER_SCALE = RESPONSES.length;
    private static final int MAX_FACTOR = 4;

    private final FilterBankOptions options;
    /** The distinct scales of both maps, finest first. */
    private final double[] scales;
    private final float[][] kernels;
    /** For each distinct scale, the pyramid factor (1, 2 or 4) of the grid it is computed on. */
    private final int[] factors;
    /** For each distinct scale and map level, the scale's block index in that map, or -1. */
    private final int[][] blocks;
    private final int[] channels;
    private final String name;
    private volatile boolean closed;

    /** A filter bank with the default options. */
    public FilterBankExtractor() {
        this(new FilterBankOptions());
    }

    public FilterBankExtractor(FilterBankOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        double[] level0 = options.scales(0);
        double[] level1 = options.scales(1);
        this.scales = Arrays.stream(concat(level0, level1)).distinct().sorted().toArray();
        this.kernels = new float[scales.length][];
        this.factors = new int[scales.length];
        this.blocks = new int[scales.length][2];
        for (int i = 0; i < scales.length; i++) {
            int f = Math.min(MAX_FACTOR, Math.max(1, Integer.highestOneBit((int) Math.floor(scales[i] / 2))));
            double sigma = scales[i] / f;
            // a box of f pixels already blurred by variance (f^2 - 1) / 12 pixels^2, (f^2 - 1) / (12 f^2) cells^2
            double boxVariance = (f * f - 1) / (12.0 * f * f);
            factors[i] = f;
            kernels[i] = gaussian(Math.sqrt(sigma * sigma - boxVariance));
            blocks[i][0] = indexOf(level0, scales[i]);
            blocks[i][1] = indexOf(level1, scales[i]);
        }
        this.channels = new int[] {PER_SCALE * level0.length + 1, PER_SCALE * level1.length + 1};
        this.name = "filterbank[sigma=" + options.baseSigma() + ",scales=" + options.scalesPerMap() + "]";
    }

    /** The options this bank was made with. */
    public FilterBankOptions options() {
        return options;
    }

    /** {@code filterbank[sigma=<baseSigma>,scales=<scalesPerMap>]}. */
    @Override
    public String name() {
        return name;
    }

    /** {@code null}: any height and width that are multiples of 16. */
    @Override
    public int[] inputSize() {
        return null;
    }

    /**
     * The names of the channels of the map at {@code level} (0: stride 8, 1: stride 16), in channel
     * order, e.g. {@code "sigma=1.0:|dy|"}; the last is {@code "cell-std"}.
     *
     * @throws IllegalArgumentException if {@code level} is not 0 or 1
     */
    public List<String> channelNames(int level) {
        if (level != 0 && level != 1) {
            throw new IllegalArgumentException("level must be 0 (stride 8) or 1 (stride 16), got " + level);
        }
        List<String> names = new ArrayList<>(channels[level]);
        for (double s : options.scales(level)) {
            for (String r : RESPONSES) {
                names.add("sigma=" + s + ":" + r);
            }
        }
        names.add("cell-std");
        return List.copyOf(names);
    }

    /**
     * The stride-8 and stride-16 maps of {@code image}.
     *
     * @throws IllegalArgumentException if the image does not have 3 channels or its height or width
     *                                  is not a multiple of 16
     * @throws IllegalStateException    after {@link #close()}
     */
    @Override
    public List<FeatureMap> extract(ImageTensor image) {
        Objects.requireNonNull(image, "image");
        if (closed) {
            throw new IllegalStateException(name + " is closed");
        }
        if (image.channels() != 3) {
            throw new IllegalArgumentException(name + " expects an image with 3 channels, got " + image.channels());
        }
        int h = image.height();
        int w = image.width();
        if (h % 16 != 0 || w % 16 != 0) {
            throw new IllegalArgumentException(name + " expects height and width that are multiples of 16, got "
                    + h + "x" + w);
        }
        float[] lum = luminance(image.data(), h, w);
        float[][] maps = new float[2][];
        for (int level = 0; level < 2; level++) {
            maps[level] = new float[channels[level] * (h / STRIDES[level]) * (w / STRIDES[level])];
        }
        float[][] pyramid = new float[MAX_FACTOR + 1][];
        pyramid[1] = lum;
        float[] tmp = new float[h * w];
        float[] smooth = new float[h * w];
        int longest = Arrays.stream(kernels).mapToInt(k -> k.length).max().orElseThrow();
        float[] row = new float[w + longest];
        for (int i = 0; i < scales.length; i++) {
            int f = factors[i];
            for (int g = 2; g <= f; g *= 2) {
                if (pyramid[g] == null) {
                    pyramid[g] = halve(pyramid[g / 2], h / (g / 2), w / (g / 2));
                }
            }
            blur(pyramid[f], h / f, w / f, kernels[i], row, tmp, smooth);
            accumulate(smooth, h / f, w / f, f, scales[i] / f, blocks[i], maps);
        }
        List<FeatureMap> result = new ArrayList<>(2);
        for (int level = 0; level < 2; level++) {
            int stride = STRIDES[level];
            int mh = h / stride;
            int mw = w / stride;
            float[] m = maps[level];
            int pooled = (channels[level] - 1) * mh * mw;
            cellStd(lum, h, w, stride, m, pooled);
            result.add(new FeatureMap(channels[level], mh, mw, stride, m));
        }
        return List.copyOf(result);
    }

    /** Marks the bank closed; idempotent. */
    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return name;
    }

    private static float[] luminance(float[] chw, int h, int w) {
        int n = h * w;
        float[] lum = new float[n];
        for (int i = 0; i < n; i++) {
            lum[i] = (chw[i] + chw[n + i] + chw[2 * n + i]) * (1f / 3f);
        }
        return lum;
    }

    /** A normalised Gaussian of radius {@code ceil(3 sigma)}. */
    private static float[] gaussian(double sigma) {
        int r = (int) Math.ceil(3 * sigma);
        double[] k = new double[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            k[i + r] = Math.exp(-0.5 * i * i / (sigma * sigma));
            sum += k[i + r];
        }
        float[] f = new float[k.length];
        for (int i = 0; i < k.length; i++) {
            f[i] = (float) (k[i] / sum);
        }
        return f;
    }

    /** {@code src} (h x w) box-averaged by 2 in each direction. */
    private static float[] halve(float[] src, int h, int w) {
        int hh = h / 2;
        int ww = w / 2;
        float[] dst = new float[hh * ww];
        for (int y = 0; y < hh; y++) {
            int a = 2 * y * w;
            int b = a + w;
            for (int x = 0; x < ww; x++) {
                dst[y * ww + x] = 0.25f * (src[a + 2 * x] + src[a + 2 * x + 1] + src[b + 2 * x] + src[b + 2 * x + 1]);
            }
        }
        return dst;
    }

    /**
     * Separable Gaussian blur of {@code src} (h x w) into {@code dst}, borders replicated. Both passes
     * run their inner loop along a row so that the JIT can vectorise them.
     */
    private static void blur(float[] src, int h, int w, float[] k, float[] row, float[] tmp, float[] dst) {
        int r = k.length / 2;
        for (int y = 0; y < h; y++) {
            int off = y * w;
            Arrays.fill(row, 0, r, src[off]);
            System.arraycopy(src, off, row, r, w);
            Arrays.fill(row, r + w, w + 2 * r, src[off + w - 1]);
            Arrays.fill(tmp, off, off + w, 0f);
            for (int j = 0; j < k.length; j++) {
                float kj = k[j];
                for (int x = 0; x < w; x++) {
                    tmp[off + x] += kj * row[x + j];
                }
            }
        }
        Arrays.fill(dst, 0, h * w, 0f);
        for (int y = 0; y < h; y++) {
            int out = y * w;
            for (int j = 0; j < k.length; j++) {
                int in = Math.min(h - 1, Math.max(0, y + j - r)) * w;
                float kj = k[j];
                for (int x = 0; x < w; x++) {
                    dst[out + x] += kj * tmp[in + x];
                }
            }
        }
    }

    /**
     * Adds the cell means of the 8 responses of one smoothed scale (h x w, on the grid of pyramid
     * factor {@code f}, {@code sigma} in that grid's pixels) to each map that uses the scale.
     */
    private static void accumulate(float[] g, int h, int w, int f, double sigma, int[] block, float[][] maps) {
        float s1 = (float) sigma;
        float s2 = (float) (sigma * sigma);
        float[] r = new float[PER_SCALE];
        // per map that uses this scale: cell side as a shift, cells per row and plane, block start
        int[] shift = new int[2];
        int[] mw = new int[2];
        int[] plane = new int[2];
        int[] start = new int[2];
        float[] inv = new float[2];
        for (int level = 0; level < 2; level++) {
            int cellSide = STRIDES[level] / f;
            shift[level] = Integer.numberOfTrailingZeros(cellSide);
            mw[level] = w / cellSide;
            plane[level] = (h / cellSide) * mw[level];
            start[level] = Math.max(0, block[level]) * PER_SCALE * plane[level];
            inv[level] = 1f / (cellSide * cellSide);
        }
        for (int y = 0; y < h; y++) {
            int up = Math.max(0, y - 1) * w;
            int mid = y * w;
            int down = Math.min(h - 1, y + 1) * w;
            for (int x = 0; x < w; x++) {
                int left = Math.max(0, x - 1);
                int right = Math.min(w - 1, x + 1);
                float c = g[mid + x];
                float gx = 0.5f * (g[mid + right] - g[mid + left]) * s1;
                float gy = 0.5f * (g[down + x] - g[up + x]) * s1;
                float gxx = (g[mid + right] - 2 * c + g[mid + left]) * s2;
                float gyy = (g[down + x] - 2 * c + g[up + x]) * s2;
                float gxy = 0.25f * (g[down + right] - g[down + left] - g[up + right] + g[up + left]) * s2;
                float half = 0.5f * (gxx - gyy);
                r[0] = c;
                r[1] = Math.abs(gx);
                r[2] = Math.abs(gy);
                r[3] = (float) Math.sqrt(gx * gx + gy * gy);
                r[4] = Math.abs(gxx);
                r[5] = Math.abs(gyy);
                r[6] = Math.abs(gxy);
                r[7] = Math.abs(0.5f * (gxx + gyy)) + (float) Math.sqrt(half * half + gxy * gxy);
                for (int level = 0; level < 2; level++) {
                    if (block[level] < 0) {
                        continue;
                    }
                    float[] m = maps[level];
                    int p = plane[level];
                    float scale = inv[level];
                    int base = start[level] + (y >> shift[level]) * mw[level] + (x >> shift[level]);
                    for (int k = 0; k < PER_SCALE; k++) {
                        m[base + k * p] += r[k] * scale;
                    }
                }
            }
        }
    }

    /** The standard deviation of the luminance within each cell, into the channel at {@code offset}. */
    private static void cellStd(float[] lum, int h, int w, int stride, float[] m, int offset) {
        int mw = w / stride;
        int n = stride * stride;
        for (int cy = 0; cy < h / stride; cy++) {
            for (int cx = 0; cx < mw; cx++) {
                double sum = 0;
                for (int y = cy * stride; y < (cy + 1) * stride; y++) {
                    for (int x = cx * stride; x < (cx + 1) * stride; x++) {
                        sum += lum[y * w + x];
                    }
                }
                double mean = sum / n;
                double ss = 0;
                for (int y = cy * stride; y < (cy + 1) * stride; y++) {
                    for (int x = cx * stride; x < (cx + 1) * stride; x++) {
                        double d = lum[y * w + x] - mean;
                        ss += d * d;
                    }
                }
                m[offset + cy * mw + cx] = (float) Math.sqrt(ss / n);
            }
        }
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static int indexOf(double[] values, double v) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == v) {
                return i;
            }
        }
        return -1;
    }
}
