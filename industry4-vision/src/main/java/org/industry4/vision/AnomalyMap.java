package org.industry4.vision;

/**
 * What PatchCore found in one image: the anomaly map at the preprocessed image's size (row-major,
 * higher = more anomalous; patch distances to the memory bank, upsampled and smoothed) and the
 * image score.
 *
 * @param height   map rows (the preprocessed image's height)
 * @param width    map columns
 * @param values   {@code height * width} values; callers must not modify them
 * @param score    the image score: the largest patch distance to the bank, re-weighted as in the
 *                 paper (equation 7) by how isolated its nearest bank patch is
 * @param maxPatch the largest patch distance before re-weighting (the map's peak before smoothing)
 */
public record AnomalyMap(int height, int width, float[] values, double score, double maxPatch) {

    public AnomalyMap {
        if (height <= 0 || width <= 0 || values.length != height * width) {
            throw new IllegalArgumentException("an anomaly map of " + height + "x" + width + " needs "
                    + (long) height * width + " values, got " + values.length);
        }
    }

    /** The map value at row {@code y}, column {@code x}. */
    public float get(int y, int x) {
        return values[y * width + x];
    }

    /** The largest map value. */
    public float max() {
        float m = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            m = Math.max(m, v);
        }
        return m;
    }
}
