package org.industry4.vision;

import java.util.Arrays;
import java.util.List;
import org.industry4.vision.features.FeatureMap;

/**
 * Locally aware patch features (PatchCore section 3.1): every map is averaged over a
 * {@code p x p} neighbourhood (stride 1, zero padding counted, as {@code AvgPool2d(p, 1, p/2)}),
 * deeper maps are upsampled bilinearly (half-pixel centres, as {@code align_corners=False}) to the
 * grid of the shallowest map, and the channels are concatenated. The result is one row of
 * {@code dimension} floats per grid cell, row-major over the grid.
 */
final class PatchFeatures {

    final int gridHeight;
    final int gridWidth;
    final int dimension;
    /** {@code gridHeight * gridWidth} rows of {@code dimension} values. */
    final float[] rows;

    private PatchFeatures(int gridHeight, int gridWidth, int dimension, float[] rows) {
        this.gridHeight = gridHeight;
        this.gridWidth = gridWidth;
        this.dimension = dimension;
        this.rows = rows;
    }

    int patches() {
        return gridHeight * gridWidth;
    }

    static PatchFeatures of(List<FeatureMap> maps, int neighbourhood) {
        if (maps.isEmpty()) {
            throw new IllegalArgumentException("the extractor returned no feature maps");
        }
        FeatureMap first = maps.get(0);
        int gh = first.height();
        int gw = first.width();
        int dimension = 0;
        for (FeatureMap map : maps) {
            if (map.stride() < first.stride()) {
                throw new IllegalArgumentException("feature maps must come shallowest first, got stride "
                        + map.stride() + " after " + first.stride());
            }
            dimension += map.channels();
        }
        int cells = gh * gw;
        float[] rows = new float[cells * dimension];
        int offset = 0;
        for (FeatureMap map : maps) {
            float[] pooled = averagePool(map, neighbourhood);
            int c = map.channels();
            int plane = map.height() * map.width();
            boolean sameGrid = map.height() == gh && map.width() == gw;
            for (int ch = 0; ch < c; ch++) {
                float[] values = Arrays.copyOfRange(pooled, ch * plane, (ch + 1) * plane);
                if (!sameGrid) {
                    values = Interpolation.resize(values, map.height(), map.width(), gh, gw);
                }
                for (int cell = 0; cell < cells; cell++) {
                    rows[cell * dimension + offset + ch] = values[cell];
                }
            }
            offset += c;
        }
        for (int i = 0; i < rows.length; i++) {
            if (!Float.isFinite(rows[i])) {
                throw new IllegalArgumentException("feature value at patch " + i / dimension + ", dimension "
                        + i % dimension + " is " + rows[i]);
            }
        }
        return new PatchFeatures(gh, gw, dimension, rows);
    }

    /** Separable box mean with zero padding counted in the divisor ({@code count_include_pad}). */
    static float[] averagePool(FeatureMap map, int p) {
        float[] in = map.data();
        if (p == 1) {
            return in;
        }
        int h = map.height();
        int w = map.width();
        int r = p / 2;
        float[] tmp = new float[in.length];
        float[] out = new float[in.length];
        float inv = 1f / (p * p);
        for (int c = 0; c < map.channels(); c++) {
            int base = c * h * w;
            for (int y = 0; y < h; y++) {
                int row = base + y * w;
                for (int x = 0; x < w; x++) {
                    float s = 0;
                    for (int dx = -r; dx <= r; dx++) {
                        int xx = x + dx;
                        if (xx >= 0 && xx < w) {
                            s += in[row + xx];
                        }
                    }
                    tmp[row + x] = s;
                }
            }
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float s = 0;
                    for (int dy = -r; dy <= r; dy++) {
                        int yy = y + dy;
                        if (yy >= 0 && yy < h) {
                            s += tmp[base + yy * w + x];
                        }
                    }
                    out[base + y * w + x] = s * inv;
                }
            }
        }
        return out;
    }
}
