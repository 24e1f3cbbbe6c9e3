package org.industry4.vision;

/** Bilinear resampling with half-pixel centres ({@code align_corners=False}) and Gaussian smoothing. */
final class Interpolation {

    private Interpolation() {
    }

    /**
     * For each of {@code outSize} output positions, the two source indices and the weight of the
     * second: source coordinate {@code (o + 0.5) * in / out - 0.5}, clamped to the edges.
     */
    static void weights(int inSize, int outSize, int[] i0, int[] i1, float[] frac) {
        double scale = (double) inSize / outSize;
        for (int o = 0; o < outSize; o++) {
            double src = (o + 0.5) * scale - 0.5;
            if (src < 0) {
                src = 0;
            }
            int lo = (int) src;
            if (lo > inSize - 1) {
                lo = inSize - 1;
            }
            int hi = Math.min(lo + 1, inSize - 1);
            i0[o] = lo;
            i1[o] = hi;
            frac[o] = (float) (src - lo);
        }
    }

    /** {@code in} (h x w, row-major) resized bilinearly to {@code oh x ow}. */
    static float[] resize(float[] in, int h, int w, int oh, int ow) {
        int[] y0 = new int[oh];
        int[] y1 = new int[oh];
        float[] fy = new float[oh];
        weights(h, oh, y0, y1, fy);
        int[] x0 = new int[ow];
        int[] x1 = new int[ow];
        float[] fx = new float[ow];
        weights(w, ow, x0, x1, fx);
        float[] out = new float[oh * ow];
        for (int y = 0; y < oh; y++) {
            int r0 = y0[y] * w;
            int r1 = y1[y] * w;
            float wy = fy[y];
            for (int x = 0; x < ow; x++) {
                float top = in[r0 + x0[x]] + (in[r0 + x1[x]] - in[r0 + x0[x]]) * fx[x];
                float bottom = in[r1 + x0[x]] + (in[r1 + x1[x]] - in[r1 + x0[x]]) * fx[x];
                out[y * ow + x] = top + (bottom - top) * wy;
            }
        }
        return out;
    }

    /**
     * Separable Gaussian blur of an {@code h x w} map, kernel radius {@code ceil(4 sigma)} truncated as
     * {@code 2 * int(4 sigma + 0.5) + 1} taps (anomalib's kernel size), reflecting at the borders.
     */
    static float[] gaussianBlur(float[] in, int h, int w, double sigma) {
        if (sigma == 0) {
            return in.clone();
        }
        int radius = (int) (4 * sigma + 0.5);
        float[] kernel = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            double v = Math.exp(-0.5 * i * i / (sigma * sigma));
            kernel[i + radius] = (float) v;
            sum += v;
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= (float) sum;
        }
        float[] tmp = new float[in.length];
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 0; x < w; x++) {
                float s = 0;
                for (int k = -radius; k <= radius; k++) {
                    s += kernel[k + radius] * in[row + reflect(x + k, w)];
                }
                tmp[row + x] = s;
            }
        }
        float[] out = new float[in.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float s = 0;
                for (int k = -radius; k <= radius; k++) {
                    s += kernel[k + radius] * tmp[reflect(y + k, h) * w + x];
                }
                out[y * w + x] = s;
            }
        }
        return out;
    }

    /** Reflection without repeating the edge ({@code dcb|abcd|cba}, torch's "reflect" padding). */
    private static int reflect(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        i = Math.floorMod(i, period);
        return i < n ? i : period - i;
    }
}
