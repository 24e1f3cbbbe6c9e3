package org.industry4.vision.image;

import java.util.Arrays;
import java.util.Objects;

/**
 * A ground-truth defect mask: {@code defect[y * width + x]} is true where pixel {@code (y, x)}
 * belongs to a defect. Immutable: the array is copied in and out.
 *
 * @param height rows, {@code > 0}
 * @param width  columns, {@code > 0}
 * @param defect {@code height * width} flags in row-major order
 */
public record Mask(int height, int width, boolean[] defect) {

    /**
     * @throws IllegalArgumentException if a dimension is not positive or the array length is not
     *                                  {@code height * width}
     */
    public Mask {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("mask dimensions must be > 0, got height=" + height
                    + " width=" + width);
        }
        Objects.requireNonNull(defect, "defect");
        if ((long) height * width != defect.length) {
            throw new IllegalArgumentException("expected " + (long) height * width + " mask values for "
                    + height + "x" + width + ", got " + defect.length);
        }
        defect = defect.clone();
    }

    /** A mask of the given size with no defect pixel. */
    public static Mask empty(int height, int width) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("mask dimensions must be > 0, got height=" + height
                    + " width=" + width);
        }
        return new Mask(height, width, new boolean[height * width]);
    }

    /** A copy of the flags in row-major order. */
    @Override
    public boolean[] defect() {
        return defect.clone();
    }

    /** Whether pixel {@code (y, x)} is a defect pixel. */
    public boolean isDefect(int y, int x) {
        if (y < 0 || y >= height || x < 0 || x >= width) {
            throw new IndexOutOfBoundsException("pixel (" + y + ", " + x + ") outside a " + height + "x"
                    + width + " mask");
        }
        return defect[y * width + x];
    }

    /** The number of defect pixels. */
    public int defectCount() {
        int n = 0;
        for (boolean d : defect) {
            if (d) {
                n++;
            }
        }
        return n;
    }

    /** The flags without a copy, for this package; callers must not modify them. */
    boolean[] flags() {
        return defect;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mask m && m.height == height && m.width == width && Arrays.equals(m.defect, defect);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * height + width) + Arrays.hashCode(defect);
    }

    @Override
    public String toString() {
        return "Mask[" + height + "x" + width + ", " + defectCount() + " defect pixels]";
    }
}
