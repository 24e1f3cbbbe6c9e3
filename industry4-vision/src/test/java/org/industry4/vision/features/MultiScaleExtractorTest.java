package org.industry4.vision.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.industry4.vision.data.SyntheticParts;
import org.industry4.vision.data.SyntheticParts.Defect;
import org.industry4.vision.image.ImageTensor;
import org.junit.jupiter.api.Test;

class MultiScaleExtractorTest {

    @Test
    void aCoarserLevelOfTwiceTheDeepestStrideIsAppended() {
        ImageTensor image = SyntheticParts.generate(224, 224, Defect.BLOB, 3).image();
        try (MultiScaleExtractor extractor = new MultiScaleExtractor(new FilterBankExtractor())) {
            List<FeatureMap> base = new FilterBankExtractor().extract(image);
            List<FeatureMap> maps = extractor.extract(image);
            assertEquals(3, maps.size());
            assertArrayEquals(base.get(0).data(), maps.get(0).data());
            assertArrayEquals(base.get(1).data(), maps.get(1).data());
            FeatureMap coarse = maps.get(2);
            assertEquals(32, coarse.stride());
            assertEquals(7, coarse.height());
            assertEquals(7, coarse.width());
            assertEquals(base.get(1).channels(), coarse.channels());
            assertTrue(extractor.name().startsWith("multiscale(filterbank"), extractor.name());
        }
    }

    @Test
    void theShrunkImageIsTwoByTwoAveragesMirroredIntoEveryQuarter() {
        float[] v = new float[16];
        for (int i = 0; i < 16; i++) {
            v[i] = i;
        }
        // one channel of 4 x 4: 0..15 row by row; its 2 x 2 averages are 2.5, 4.5 / 10.5, 12.5
        ImageTensor shrunk = MultiScaleExtractor.shrunkAndMirrored(new ImageTensor(1, 4, 4, v));
        assertArrayEquals(new float[] {2.5f, 4.5f, 4.5f, 2.5f, 10.5f, 12.5f, 12.5f, 10.5f,
                10.5f, 12.5f, 12.5f, 10.5f, 2.5f, 4.5f, 4.5f, 2.5f}, shrunk.toArray());
    }

    @Test
    void closingClosesTheBaseAndOddSizesAreRefused() {
        AtomicInteger closed = new AtomicInteger();
        FeatureExtractor base = new FilterBankExtractor();
        FeatureExtractor counting = new FeatureExtractor() {
            @Override
            public String name() {
                return base.name();
            }

            @Override
            public int[] inputSize() {
                return null;
            }

            @Override
            public List<FeatureMap> extract(ImageTensor image) {
                return base.extract(image);
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        };
        MultiScaleExtractor extractor = new MultiScaleExtractor(counting);
        IllegalArgumentException odd = assertThrows(IllegalArgumentException.class,
                () -> extractor.extract(new ImageTensor(3, 33, 32, new float[3 * 33 * 32])));
        assertTrue(odd.getMessage().contains("33x32"), odd.getMessage());
        extractor.close();
        assertEquals(1, closed.get());
    }
}
