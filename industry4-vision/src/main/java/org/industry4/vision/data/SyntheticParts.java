package org.industry4.vision.data;

import java.util.Objects;
import java.util.SplittableRandom;
import org.industry4.vision.image.ImageTensor;
import org.industry4.vision.image.Mask;

/**
 * Generated part images with known defects, for tests, demos and the quality station of the
 * simulated factory: a machined-metal texture (a grey level, two oriented gratings of random
 * phase and fine noise) and optionally one defect with its exact pixel mask. Deterministic: the
 * same seed gives the same image on any machine.
 *
 * <ul>
 *   <li>{@link Defect#SCRATCH}: a dark straight line, 2 pixels wide, 30 to 60 % of the image
 *   long, at a random angle;</li>
 *   <li>{@link Defect#BLOB}: a bright or dark round spot with a Gaussian profile, radius 4 to 8 %
 *   of the image side.</li>
 * </ul>
 * The mask marks every pixel the defect changes by more than 0.1.
 */
public final class SyntheticParts {

    /** The kinds of defect a generated part can have. */
    public enum Defect { NONE, SCRATCH, BLOB }

    /** A generated part: the image (3 equal channels, values in [0, 1]) and its defect mask. */
    public record Part(ImageTensor image, Mask mask, Defect defect) {
        public Part {
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(mask, "mask");
            Objects.requireNonNull(defect, "defect");
        }
    }

    private SyntheticParts() {
    }

    /**
     * A part of {@code height x width} pixels.
     *
     * @throws IllegalArgumentException if a side is below 16 pixels
     */
    public static Part generate(int height, int width, Defect defect, long seed) {
        Objects.requireNonNull(defect, "defect");
        if (height < 16 || width < 16) {
            throw new IllegalArgumentException("a synthetic part needs at least 16x16 pixels, got " + height + "x"
                    + width);
        }
        SplittableRandom random = new SplittableRandom(seed);
        float[] base = new float[height * width];
        double a1 = random.nextDouble() * Math.PI;
        double a2 = a1 + Math.PI / 2 + (random.nextDouble() - 0.5) * 0.3;
        double p1 = random.nextDouble() * 2 * Math.PI;
        double p2 = random.nextDouble() * 2 * Math.PI;
        double level = 0.45 + random.nextDouble() * 0.1;
        double f1 = 2 * Math.PI / 6.0;
        double f2 = 2 * Math.PI / 13.0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double g1 = Math.sin(f1 * (x * Math.cos(a1) + y * Math.sin(a1)) + p1);
                double g2 = Math.sin(f2 * (x * Math.cos(a2) + y * Math.sin(a2)) + p2);
                base[y * width + x] = (float) (level + 0.08 * g1 + 0.05 * g2 + 0.03 * gaussian(random));
            }
        }
        float[] delta = new float[height * width];
        int side = Math.min(height, width);
        if (defect == Defect.SCRATCH) {
            double length = side * (0.3 + 0.3 * random.nextDouble());
            double angle = random.nextDouble() * Math.PI;
            double cx = width * (0.3 + 0.4 * random.nextDouble());
            double cy = height * (0.3 + 0.4 * random.nextDouble());
            double dx = Math.cos(angle);
            double dy = Math.sin(angle);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double rx = x - cx;
                    double ry = y - cy;
                    double along = rx * dx + ry * dy;
                    double across = Math.abs(-rx * dy + ry * dx);
                    if (Math.abs(along) <= length / 2 && across <= 1.0) {
                        delta[y * width + x] = -0.35f;
                    }
                }
            }
        } else if (defect == Defect.BLOB) {
            double radius = side * (0.04 + 0.04 * random.nextDouble());
            double cx = width * (0.25 + 0.5 * random.nextDouble());
            double cy = height * (0.25 + 0.5 * random.nextDouble());
            double sign = random.nextBoolean() ? 1 : -1;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double r2 = ((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (radius * radius);
                    delta[y * width + x] = (float) (sign * 0.4 * Math.exp(-r2));
                }
            }
        }
        int plane = height * width;
        float[] data = new float[3 * plane];
        boolean[] mask = new boolean[plane];
        for (int i = 0; i < plane; i++) {
            float v = Math.min(1f, Math.max(0f, base[i] + delta[i]));
            data[i] = v;
            data[plane + i] = v;
            data[2 * plane + i] = v;
            mask[i] = Math.abs(delta[i]) > 0.1f;
        }
        return new Part(ImageTensor.wrap(3, height, width, data), new Mask(height, width, mask), defect);
    }

    private static double gaussian(SplittableRandom random) {
        double u;
        do {
            u = random.nextDouble();
        } while (u == 0);
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
