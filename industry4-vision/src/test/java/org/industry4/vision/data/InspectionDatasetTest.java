package org.industry4.vision.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InspectionDatasetTest {

    private static InspectionSample sample(String name, String label) {
        return new InspectionSample(Path.of(name + ".png"), label, label.equals("good") ? null : Path.of(name + "_mask.png"));
    }

    @Test
    void splitsTheTestSetByLabel() {
        InspectionDataset data = new InspectionDataset(List.of(sample("t0", "good"), sample("t1", "good")),
                List.of(sample("a", "good"), sample("b", "crack"), sample("c", "hole"), sample("d", "crack")));
        assertEquals(2, data.trainCount());
        assertEquals(4, data.testCount());
        assertEquals(List.of(sample("a", "good")), data.testGood());
        assertEquals(List.of(sample("b", "crack"), sample("c", "hole"), sample("d", "crack")), data.testDefective());
        assertEquals(Map.of("good", 1, "crack", 2, "hole", 1), data.labelCounts());
        assertEquals(List.of("crack", "good", "hole"), List.copyOf(data.labelCounts().keySet()), "ordered by label");
    }

    @Test
    void isAnImmutableCopy() {
        List<InspectionSample> train = new ArrayList<>(List.of(sample("t0", "good")));
        InspectionDataset data = new InspectionDataset(train, List.of());
        train.add(sample("t1", "good"));
        assertEquals(1, data.trainCount());
        assertThrows(UnsupportedOperationException.class, () -> data.train().add(sample("x", "good")));
    }

    @Test
    void rejectsDefectiveTrainingSamples() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new InspectionDataset(List.of(sample("t0", "good"), sample("t1", "crack")), List.of()));
        assertTrue(e.getMessage().contains("crack") && e.getMessage().contains("index 1"), e.getMessage());
    }

    @Test
    void aSampleIsDefectiveUnlessGood() {
        assertFalse(sample("a", "good").defective());
        assertTrue(sample("a", "Crack").defective());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new InspectionSample(Path.of("x.png"), " ", null));
        assertTrue(e.getMessage().contains("label"), e.getMessage());
        assertThrows(NullPointerException.class, () -> new InspectionSample(null, "good", null));
    }
}
