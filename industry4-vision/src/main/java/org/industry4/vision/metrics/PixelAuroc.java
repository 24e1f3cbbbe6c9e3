package org.industry4.vision.metrics;

import java.util.Arrays;
import java.util.Objects;
import org.industry4.vision.image.Mask;

/**
 * Pixel-level AUROC over many images: every pixel of every added anomaly map is one sample,
 * positive where its mask marks a defect. Exact, ties counted as one half, equal to
 * {@link Auroc#of} on the concatenated pixels. Memory is 4 bytes per pixel (two growable
 * {@code float} arrays, one per class) plus growth slack; {@link #value()} sorts both and
 * merge-counts in {@code O(n log n)}, a few seconds for 15 million pixels.
 *
 * <p>Not thread-safe: one accumulator per evaluating thread.
 */
public final class PixelAuroc {

    private static final int MAX_LENGTH = Integer.MAX_VALUE - 8;

    private float[] positives = new float[1024];
    private float[] negatives = new float[1024];
    private int positiveCount;
    private int negativeCount;
    private boolean sorted = true;

    /** An empty accumulator. */
    public PixelAuroc() {
    }

    /**
     * Adds one image's anomaly map and its ground-truth mask.
     *
     * @param map  {@code mask.height() * mask.width()} finite scores, row-major
     * @param mask which pixels are defects
     * @throws IllegalArgumentException if the sizes differ (naming both) or a score is NaN or
     *                                  infinite (naming its index); nothing is added then
     * @throws IllegalStateException    if the total would exceed {@code 2^31 - 9} pixels of one class
     */
    public void add(float[] map, Mask mask) {
        Objects.requireNonNull(map, "map");
        Objects.requireNonNull(mask, "mask");
        int size = mask.height() * mask.width();
        if (map.length != size) {
            throw new IllegalArgumentException("map has " + map.length + " values, the mask is " + mask.height()
                    + "x" + mask.width() + " = " + size + " pixels");
        }
        boolean[] defect = mask.defect();
        int p = 0;
        for (int i = 0; i < size; i++) {
            if (!Float.isFinite(map[i])) {
                throw new IllegalArgumentException("map value at index " + i + " is " + map[i]);
            }
            if (defect[i]) {
                p++;
            }
        }
        positives = ensure(positives, positiveCount, p, "defect");
        negatives = ensure(negatives, negativeCount, size - p, "good");
        for (int i = 0; i < size; i++) {
            if (defect[i]) {
                positives[positiveCount++] = map[i];
            } else {
                negatives[negativeCount++] = map[i];
            }
        }
        sorted = false;
    }

    private static float[] ensure(float[] a, int count, int extra, String kind) {
        long needed = (long) count + extra;
        if (needed <= a.length) {
            return a;
        }
        if (needed > MAX_LENGTH) {
            throw new IllegalStateException("pixel AUROC holds at most " + MAX_LENGTH + " " + kind + " pixels, "
                    + count + " added and " + extra + " more given");
        }
        long grown = Math.max(needed, a.length + (a.length >> 1)); // 1.5x: keeps the slack near 4 bytes/pixel
        return Arrays.copyOf(a, (int) Math.min(grown, MAX_LENGTH));
    }

    /** The number of defect pixels added. */
    public long positives() {
        return positiveCount;
    }

    /** The number of good pixels added. */
    public long negatives() {
        return negativeCount;
    }

    /**
     * The exact pixel AUROC of everything added so far.
     *
     * @throws IllegalStateException if no defect pixel or no good pixel has been added
     */
    public double value() {
        int p = positiveCount;
        int n = negativeCount;
        if (p == 0 || n == 0) {
            throw new IllegalStateException("pixel AUROC needs defect and good pixels, got " + p + " defect and " + n
                    + " good pixels");
        }
        if (!sorted) {
            Arrays.sort(positives, 0, p);
            Arrays.sort(negatives, 0, n);
            sorted = true;
        }
        float[] neg = negatives;
        long twiceU = 0;
        int lo = 0;
        int hi = 0;
        for (int i = 0; i < p; i++) {
            float s = positives[i];
            while (lo < n && neg[lo] < s) {
                lo++;
            }
            if (hi < lo) {
                hi = lo;
            }
            while (hi < n && neg[hi] <= s) {
                hi++;
            }
            twiceU += 2L * lo + (hi - lo);
        }
        return twiceU / (2.0 * p * n);
    }
}
