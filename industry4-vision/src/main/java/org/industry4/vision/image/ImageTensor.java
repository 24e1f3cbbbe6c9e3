package org.industry4.vision.image;

import java.util.Arrays;

/**
 * An image as a dense {@code float} tensor in channel-height-width order (CHW), the layout every
 * feature extractor reads: value {@code (c, y, x)} is {@code data[(c * height + y) * width + x]}.
 * Values are whatever the producing step made them (0..1 after loading, normalised after
 * preprocessing). Immutable: the array is copied in and out.
 */
public final class ImageTensor {

    private final int channels;
    private final int height;
    private final int width;
    private final float[] data;

    /**
     * @throws IllegalArgumentException if a dimension is not positive, the array length is not
     *                                  {@code channels * height * width}, or a value is NaN or infinite
     */
    public ImageTensor(int channels, int height, int width, float[] data) {
        this(channels, height, width, data.clone(), true);
    }

    private ImageTensor(int channels, int height, int width, float[] data, boolean check) {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image dimensions must be > 0, got channels=" + channels
                    + " height=" + height + " width=" + width);
        }
        if ((long) channels * height * width != data.length) {
            throw new IllegalArgumentException("expected " + (long) channels * height * width
                    + " values for " + channels + "x" + height + "x" + width + ", got " + data.length);
        }
        if (check) {
            for (int i = 0; i < data.length; i++) {
                if (!Float.isFinite(data[i])) {
                    throw new IllegalArgumentException("image value " + i + " is " + data[i]);
                }
            }
        }
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.data = data;
    }

    /** Wraps {@code data} without copying; for producers in this module that own a fresh array. */
    public static ImageTensor wrap(int channels, int height, int width, float[] data) {
        return new ImageTensor(channels, height, width, data, true);
    }

    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** The value at channel {@code c}, row {@code y}, column {@code x}. */
    public float get(int c, int y, int x) {
        return data[(c * height + y) * width + x];
    }

    /** A copy of the values in CHW order. */
    public float[] toArray() {
        return data.clone();
    }

    /** The values without a copy; callers in this module must not modify them. */
    public float[] data() {
        return data;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageTensor t && t.channels == channels && t.height == height && t.width == width
                && Arrays.equals(t.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * channels + height) + width) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "ImageTensor[" + channels + "x" + height + "x" + width + "]";
    }
}
