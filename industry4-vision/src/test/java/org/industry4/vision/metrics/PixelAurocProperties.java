package org.industry4.vision.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.industry4.vision.image.Mask;

class PixelAurocProperties {

    /** One image: an anomaly map on a coarse grid (ties happen) and its mask. */
    record Image(float[] map, Mask mask) {
    }

    @Provide
    Arbitrary<List<Image>> images() {
        Arbitrary<Image> image = Combinators.combine(Arbitraries.integers().between(1, 6),
                Arbitraries.integers().between(1, 6)).flatAs((h, w) -> Combinators.combine(
                        Arbitraries.integers().between(0, 8).map(i -> i / 8f).array(float[].class).ofSize(h * w),
                        Arbitraries.integers().between(0, 3).map(i -> i == 0).array(boolean[].class).ofSize(h * w))
                .as((map, defect) -> new Image(map, new Mask(h, w, defect))));
        return image.list().ofMinSize(1).ofMaxSize(6);
    }

    @Property
    void equalsAurocOnTheConcatenatedPixels(@ForAll("images") List<Image> images) {
        int total = images.stream().mapToInt(i -> i.map().length).sum();
        double[] scores = new double[total];
        boolean[] positive = new boolean[total];
        int k = 0;
        long p = 0;
        PixelAuroc pixels = new PixelAuroc();
        for (Image image : images) {
            pixels.add(image.map(), image.mask());
            boolean[] defect = image.mask().defect();
            for (int i = 0; i < defect.length; i++, k++) {
                scores[k] = image.map()[i];
                positive[k] = defect[i];
                p += defect[i] ? 1 : 0;
            }
        }
        Assume.that(p > 0 && p < total);
        assertEquals(p, pixels.positives());
        assertEquals(total - p, pixels.negatives());
        assertEquals(Auroc.of(scores, positive), pixels.value());
    }
}
