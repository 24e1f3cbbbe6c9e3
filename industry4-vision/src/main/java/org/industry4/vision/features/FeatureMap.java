package org.industry4.vision.features;

/**
 * One feature map of a backbone in channel-height-width order: value {@code (c, y, x)} is
 * {@code data[(c * height + y) * width + x]}. {@code stride} is the number of input pixels per
 * map cell (8 for a map of 28 x 28 cells over a 224 x 224 input).
 */
public record FeatureMap(int channels, int height, int width, int stride, float[] data) {

    /**
     * @throws IllegalArgumentException if a dimension or the stride is not positive or the array
     *                                  length does not match
     */
    public FeatureMap {
        if (channels <= 0 || height <= 0 || width <= 0 || stride <= 0) {
            throw new IllegalArgumentException("feature map dimensions must be > 0, got channels=" + channels
                    + " height=" + height + " width=" + width + " stride=" + stride);
        }
        if ((long) channels * height * width != data.length) {
            throw new IllegalArgumentException("expected " + (long) channels * height * width + " values for "
                    + channels + "x" + height + "x" + width + ", got " + data.length);
        }
    }

    /** The value at channel {@code c}, row {@code y}, column {@code x}. */
    public float get(int c, int y, int x) {
        return data[(c * height + y) * width + x];
    }
}
