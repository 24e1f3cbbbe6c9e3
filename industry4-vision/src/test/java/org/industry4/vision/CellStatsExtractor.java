package org.industry4.vision;

import java.util.List;
import org.industry4.vision.features.FeatureExtractor;
import org.industry4.vision.features.FeatureMap;
import org.industry4.vision.image.ImageTensor;

/**
 * A tiny deterministic extractor for tests of the PatchCore algorithm itself: per cell of 4 x 4
 * (stride 4) and 8 x 8 pixels (stride 8), the mean luminance, its standard deviation and the mean
 * absolute horizontal and vertical differences.
 */
final class CellStatsExtractor implements FeatureExtractor {

    @Override
    public String name() {
        return "test:cell-stats";
    }

    @Override
    public int[] inputSize() {
        return null;
    }

    @Override
    public List<FeatureMap> extract(ImageTensor image) {
        int h = image.height();
        int w = image.width();
        float[] lum = new float[h * w];
        float[] d = image.data();
        for (int c = 0; c < image.channels(); c++) {
            for (int i = 0; i < h * w; i++) {
                lum[i] += d[c * h * w + i] / image.channels();
            }
        }
        return List.of(cells(lum, h, w, 4), cells(lum, h, w, 8));
    }

    private static FeatureMap cells(float[] lum, int h, int w, int s) {
        int gh = h / s;
        int gw = w / s;
        int plane = gh * gw;
        float[] out = new float[4 * plane];
        for (int gy = 0; gy < gh; gy++) {
            for (int gx = 0; gx < gw; gx++) {
                double sum = 0;
                double sq = 0;
                double dx = 0;
                double dy = 0;
                for (int y = gy * s; y < gy * s + s; y++) {
                    for (int x = gx * s; x < gx * s + s; x++) {
                        float v = lum[y * w + x];
                        sum += v;
                        sq += v * v;
                        dx += Math.abs(lum[y * w + Math.min(x + 1, w - 1)] - v);
                        dy += Math.abs(lum[Math.min(y + 1, h - 1) * w + x] - v);
                    }
                }
                double n = s * s;
                double mean = sum / n;
                int cell = gy * gw + gx;
                out[cell] = (float) mean;
                out[plane + cell] = (float) Math.sqrt(Math.max(0, sq / n - mean * mean));
                out[2 * plane + cell] = (float) (dx / n);
                out[3 * plane + cell] = (float) (dy / n);
            }
        }
        return new FeatureMap(4, gh, gw, s, out);
    }

    @Override
    public void close() {
    }
}
