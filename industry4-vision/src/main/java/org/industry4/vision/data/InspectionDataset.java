package org.industry4.vision.data;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A one-class inspection data set: training images of good parts only, and test images of good and
 * defective parts. Immutable.
 *
 * @param train the training samples, all labelled {@value InspectionSample#GOOD}
 * @param test  the test samples, good and defective
 */
public record InspectionDataset(List<InspectionSample> train, List<InspectionSample> test) {

    /**
     * @throws NullPointerException     if a list or an element is null
     * @throws IllegalArgumentException if a training sample is defective (naming it)
     */
    public InspectionDataset {
        train = List.copyOf(Objects.requireNonNull(train, "train"));
        test = List.copyOf(Objects.requireNonNull(test, "test"));
        for (int i = 0; i < train.size(); i++) {
            InspectionSample s = train.get(i);
            if (s.defective()) {
                throw new IllegalArgumentException("training samples must be good, got label \"" + s.label()
                        + "\" at index " + i + " (" + s.image() + ")");
            }
        }
    }

    /** The number of training samples. */
    public int trainCount() {
        return train.size();
    }

    /** The number of test samples. */
    public int testCount() {
        return test.size();
    }

    /** The good test samples, in test order. */
    public List<InspectionSample> testGood() {
        return test.stream().filter(s -> !s.defective()).toList();
    }

    /** The defective test samples, in test order. */
    public List<InspectionSample> testDefective() {
        return test.stream().filter(InspectionSample::defective).toList();
    }

    /** The number of test samples per label, ordered by label. */
    public Map<String, Integer> labelCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        for (InspectionSample s : test) {
            counts.merge(s.label(), 1, Integer::sum);
        }
        return Collections.unmodifiableMap(counts);
    }
}
