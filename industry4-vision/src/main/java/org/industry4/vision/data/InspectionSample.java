package org.industry4.vision.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One image of an inspection data set.
 *
 * @param image the image file
 * @param label {@value #GOOD} for a normal part, otherwise the defect type (e.g. {@code "crack"})
 * @param mask  the ground-truth defect mask file, or null when there is none (normal images
 *              usually have none)
 */
public record InspectionSample(Path image, String label, Path mask) {

    /** The label of a normal (defect-free) part. */
    public static final String GOOD = "good";

    /**
     * @throws NullPointerException     if {@code image} or {@code label} is null
     * @throws IllegalArgumentException if {@code label} is blank
     */
    public InspectionSample {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(label, "label");
        if (label.isBlank()) {
            throw new IllegalArgumentException("label must not be blank, got \"" + label + "\" for " + image);
        }
    }

    /** Whether this is a defective part: the label is not {@value #GOOD}. */
    public boolean defective() {
        return !GOOD.equals(label);
    }
}
