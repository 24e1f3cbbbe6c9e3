package org.industry4.vision.metrics;

import java.util.Arrays;
import java.util.Objects;
import org.industry4.vision.image.Mask;

/**
 * The area under the per-region-overlap (PRO) curve (Bergmann et al., MVTec AD, IJCV 2021), the
 * localisation metric that weighs every defect region equally however large it is: at a threshold
 * {@code t}, PRO is the mean over all connected defect regions (8-connected, across all added images)
 * of the share of the region's pixels scoring at least {@code t}, and the false-positive rate is
 * the share of good pixels scoring at least {@code t}. The curve is integrated (trapezoids through
 * every distinct threshold, exact) from FPR 0 to {@code maxFpr} (0.3 by default, as the paper) and
 * divided by {@code maxFpr}, so 1 is perfect and a random map scores about {@code maxFpr / 2}.
 *
 * <p>Where pixel AUROC lets one large defect dominate, AUPRO asks whether each defect is found.
 * Memory: 4 bytes per good pixel and 8 per defect pixel (16 while computing). Not thread-safe.
 */
public final class Aupro {

    /** The FPR limit of the paper and of anomalib. */
    public static final double DEFAULT_MAX_FPR = 0.3;
    private static final int MAX_LENGTH = Integer.MAX_VALUE - 8;

    private final double maxFpr;
    private float[] good = new float[1024];
    private int goodCount;
    private float[] defect = new float[256];
    /** The size of the region of each defect pixel. */
    private int[] regionSize = new int[256];
    private int defectCount;
    private long regions;

    /** An accumulator integrating up to FPR 0.3. */
    public Aupro() {
        this(DEFAULT_MAX_FPR);
    }

    /**
     * @throws IllegalArgumentException if {@code maxFpr} is not in (0, 1]
     */
    public Aupro(double maxFpr) {
        if (!(maxFpr > 0 && maxFpr <= 1)) {
            throw new IllegalArgumentException("maxFpr must be in (0, 1], got " + maxFpr);
        }
        this.maxFpr = maxFpr;
    }

    /**
     * Adds one image's anomaly map and its mask; each 8-connected group of defect pixels is a region.
     *
     * @throws IllegalArgumentException if the sizes differ (naming both) or a score is NaN or infinite
     *                                  (naming its index); nothing is added then
     */
    public void add(float[] map, Mask mask) {
        Objects.requireNonNull(map, "map");
        Objects.requireNonNull(mask, "mask");
        int h = mask.height();
        int w = mask.width();
        int size = h * w;
        if (map.length != size) {
            throw new IllegalArgumentException("map has " + map.length + " values, the mask is " + h + "x" + w
                    + " = " + size + " pixels");
        }
        for (int i = 0; i < size; i++) {
            if (!Float.isFinite(map[i])) {
                throw new IllegalArgumentException("map value at index " + i + " is " + map[i]);
            }
        }
        boolean[] isDefect = mask.defect();
        int defects = mask.defectCount();
        good = grow(good, goodCount, size - defects);
        defect = grow(defect, defectCount, defects);
        if ((long) defectCount + defects > regionSize.length) {
            regionSize = Arrays.copyOf(regionSize, defect.length);
        }
        int[] label = new int[size];
        int[] stack = new int[Math.max(1, defects)];
        for (int i = 0; i < size; i++) {
            if (!isDefect[i]) {
                good[goodCount++] = map[i];
            } else if (label[i] == 0) {
                // flood-fill one region, then give each of its pixels the weight 1 / region size
                int start = defectCount;
                int top = 0;
                stack[top++] = i;
                label[i] = 1;
                while (top > 0) {
                    int p = stack[--top];
                    defect[defectCount++] = map[p];
                    int y = p / w;
                    int x = p % w;
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            int yy = y + dy;
                            int xx = x + dx;
                            if (yy >= 0 && yy < h && xx >= 0 && xx < w) {
                                int q = yy * w + xx;
                                if (isDefect[q] && label[q] == 0) {
                                    label[q] = 1;
                                    stack[top++] = q;
                                }
                            }
                        }
                    }
                }
                Arrays.fill(regionSize, start, defectCount, defectCount - start);
                regions++;
            }
        }
    }

    /** Defect regions added so far. */
    public long regions() {
        return regions;
    }

    /**
     * The normalised area under the PRO curve up to {@code maxFpr}.
     *
     * @throws IllegalStateException if no defect region or no good pixel has been added
     */
    public double value() {
        if (regions == 0 || goodCount == 0) {
            throw new IllegalStateException("AUPRO needs defect regions and good pixels, got " + regions
                    + " regions and " + goodCount + " good pixels");
        }
        float[] goods = Arrays.copyOf(good, goodCount);
        Arrays.sort(goods);
        // defect pixels by score, descending: sortable score bits in the high half, index in the low
        long[] keys = new long[defectCount];
        for (int i = 0; i < defectCount; i++) {
            int bits = Float.floatToIntBits(defect[i]);
            int sortable = bits >= 0 ? bits : bits ^ 0x7FFFFFFF;
            keys[i] = ((long) sortable << 32) | i;
        }
        Arrays.sort(keys);
        double area = 0;
        double fpr = 0;
        double pro = 0;
        double proSum = 0;
        long falsePositives = 0;
        int gi = goodCount - 1;
        int di = defectCount - 1;
        while (gi >= 0 || di >= 0) {
            float v = Float.NEGATIVE_INFINITY;
            if (gi >= 0) {
                v = goods[gi];
            }
            if (di >= 0) {
                v = Math.max(v, defect[(int) keys[di]]);
            }
            while (gi >= 0 && goods[gi] == v) {
                falsePositives++;
                gi--;
            }
            while (di >= 0 && defect[(int) keys[di]] == v) {
                proSum += 1.0 / regionSize[(int) keys[di]];
                di--;
            }
            double nextFpr = (double) falsePositives / goodCount;
            double nextPro = proSum / regions;
            if (nextFpr >= maxFpr) {
                double f = nextFpr == fpr ? 0 : (maxFpr - fpr) / (nextFpr - fpr);
                double proAtLimit = pro + f * (nextPro - pro);
                area += (maxFpr - fpr) * (pro + proAtLimit) / 2;
                return area / maxFpr;
            }
            area += (nextFpr - fpr) * (pro + nextPro) / 2;
            fpr = nextFpr;
            pro = nextPro;
        }
        // every pixel counted and FPR still below the limit: cannot happen with good pixels present
        return area / maxFpr;
    }

    private static float[] grow(float[] array, int used, int more) {
        long needed = (long) used + more;
        if (needed > MAX_LENGTH) {
            throw new IllegalStateException("AUPRO holds at most " + MAX_LENGTH + " pixels of one class");
        }
        if (needed <= array.length) {
            return array;
        }
        return Arrays.copyOf(array, (int) Math.min(MAX_LENGTH, Math.max(needed, 2L * array.length)));
    }
}
