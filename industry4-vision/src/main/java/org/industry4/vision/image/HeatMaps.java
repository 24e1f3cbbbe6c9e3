package org.industry4.vision.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Anomaly maps drawn over their image, for people to look at.
 *
 * <p>Each map value is normalised to {@code t = clamp((value - low) / (high - low), 0, 1)}. Where
 * {@code t > 0} the pixel is {@code 0.5 * image + 0.5 * jet(t)} (jet: blue at 0 through cyan,
 * yellow to dark red at 1); where {@code t == 0} (value {@code <= low}) the image shows unchanged,
 * so {@code low} works as a display threshold: pass the good images' score level to colour only
 * what stands out. With a ground-truth mask, its outline (defect pixels with a non-defect or
 * outside 4-neighbour) is drawn in white over everything.
 */
public final class HeatMaps {

    /** The weight of the colour map in the blend. */
    private static final float ALPHA = 0.5f;

    private HeatMaps() {
    }

    /**
     * Writes the overlay of {@code map} on {@code view} as a PNG, atomically (a temporary file in the
     * same folder renamed over {@code png}).
     *
     * @see #overlay(ImageTensor, float[], double, double, Mask)
     * @throws IllegalArgumentException as {@link #overlay(ImageTensor, float[], double, double, Mask)}
     * @throws IOException              if the file cannot be written
     */
    public static void writeOverlay(Path png, ImageTensor view, float[] map, double low, double high)
            throws IOException {
        writeOverlay(png, view, map, low, high, null);
    }

    /**
     * Writes the overlay of {@code map} on {@code view}, with the outline of {@code outline} in white
     * when it is not null, as a PNG, atomically.
     *
     * @throws IllegalArgumentException as {@link #overlay(ImageTensor, float[], double, double, Mask)}
     * @throws IOException              if the file cannot be written (the target is then untouched)
     */
    public static void writeOverlay(Path png, ImageTensor view, float[] map, double low, double high, Mask outline)
            throws IOException {
        Objects.requireNonNull(png, "png");
        BufferedImage image = overlay(view, map, low, high, outline);
        Images.writePng(png, image);
    }

    /**
     * The overlay of {@code map} on {@code view} without an outline.
     *
     * @see #overlay(ImageTensor, float[], double, double, Mask)
     */
    public static BufferedImage overlay(ImageTensor view, float[] map, double low, double high) {
        return overlay(view, map, low, high, null);
    }

    /**
     * The overlay as an RGB image of {@code view}'s size, as described in the class comment.
     *
     * @param view    a 3-channel image with values in [0, 1] (values outside are clamped), e.g.
     *                {@link Preprocessing#view(ImageTensor)}
     * @param map     {@code view.height() * view.width()} anomaly values, row-major, finite
     * @param low     the value shown as the bottom of the colour map (and below which nothing is drawn)
     * @param high    the value shown as the top of the colour map, {@code > low}
     * @param outline a ground-truth mask of the same size whose outline is drawn in white, or null
     * @throws IllegalArgumentException if {@code view} does not have 3 channels, {@code map} or
     *                                  {@code outline} does not match its size, a map value is not
     *                                  finite, or {@code low} and {@code high} are not finite with
     *                                  {@code low < high}
     */
    public static BufferedImage overlay(ImageTensor view, float[] map, double low, double high, Mask outline) {
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(map, "map");
        if (view.channels() != 3) {
            throw new IllegalArgumentException("overlay needs a 3-channel view, got " + view.channels() + " channels");
        }
        int h = view.height();
        int w = view.width();
        int plane = h * w;
        if (map.length != plane) {
            throw new IllegalArgumentException("map has " + map.length + " values, the view is " + h + "x" + w
                    + " = " + plane + " pixels");
        }
        if (!Double.isFinite(low) || !Double.isFinite(high) || !(low < high)) {
            throw new IllegalArgumentException("need finite low < high, got low=" + low + " high=" + high);
        }
        if (outline != null && (outline.height() != h || outline.width() != w)) {
            throw new IllegalArgumentException("outline mask is " + outline.height() + "x" + outline.width()
                    + ", the view is " + h + "x" + w);
        }
        float[] data = view.data();
        double range = high - low;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] rgb = new int[plane];
        for (int i = 0; i < plane; i++) {
            float v = map[i];
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("map value " + i + " (row " + i / w + ", column " + i % w
                        + ") is " + v);
            }
            float r = clamp(data[i]);
            float g = clamp(data[plane + i]);
            float b = clamp(data[2 * plane + i]);
            double t = Math.min(1.0, Math.max(0.0, (v - low) / range));
            if (t > 0) {
                r = (1 - ALPHA) * r + ALPHA * jet(t, 3);
                g = (1 - ALPHA) * g + ALPHA * jet(t, 2);
                b = (1 - ALPHA) * b + ALPHA * jet(t, 1);
            }
            rgb[i] = (byte255(r) << 16) | (byte255(g) << 8) | byte255(b);
        }
        if (outline != null) {
            boolean[] d = outline.flags();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = y * w + x;
                    if (d[i] && (x == 0 || y == 0 || x == w - 1 || y == h - 1
                            || !d[i - 1] || !d[i + 1] || !d[i - w] || !d[i + w])) {
                        rgb[i] = 0xFFFFFF;
                    }
                }
            }
        }
        image.setRGB(0, 0, w, h, rgb, 0, w);
        return image;
    }

    /** The jet colour map's red (centre 3), green (2) or blue (1) component at {@code t} in [0, 1]. */
    private static float jet(double t, int centre) {
        return (float) Math.min(1.0, Math.max(0.0, 1.5 - Math.abs(4 * t - centre)));
    }

    private static float clamp(float v) {
        return Math.min(1f, Math.max(0f, v));
    }

    private static int byte255(float v) {
        return Math.round(v * 255f);
    }
}
