package org.industry4.anomaly.fault;

import java.util.Arrays;
import java.util.Objects;

/**
 * The answer of a {@link FaultClassifierModel} for one feature vector.
 *
 * @param label         the most probable class, or {@link FaultClassifierModel#UNKNOWN} when its
 *                      probability is below the model's unknown threshold or the vector lies
 *                      outside that class's training range ({@code outOfRange})
 * @param confidence    the largest class probability, in [0, 1] (also when the label is unknown)
 * @param probabilities the probability of each class, in {@link FaultClassifierModel#classes()}
 *                      order, summing to 1 (copied in and out)
 * @param outOfRange    the feature that lies furthest outside the most probable class's
 *                      training range (widened by the model's range margin), relative to that
 *                      range, e.g. {@code "vibration.max"}: what is new about this window; {@code
 *                      ""} when every feature is within range or the range check is off
 */
public record Diagnosis(String label, double confidence, double[] probabilities, String outOfRange) {

    /** Copies the probabilities; rejects a blank label or a confidence outside [0, 1]. */
    public Diagnosis {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(probabilities, "probabilities");
        Objects.requireNonNull(outOfRange, "outOfRange");
        if (label.isBlank()) {
            throw new IllegalArgumentException("label must not be blank");
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in [0, 1], got " + confidence);
        }
        probabilities = probabilities.clone();
    }

    /** A copy of the class probabilities. */
    @Override
    public double[] probabilities() {
        return probabilities.clone();
    }

    /** Whether no class was confident enough: the label is {@link FaultClassifierModel#UNKNOWN}. */
    public boolean unknown() {
        return FaultClassifierModel.UNKNOWN.equals(label);
    }

    /**
     * The index of the most probable class in {@link FaultClassifierModel#classes()}, also when the
     * label is unknown (the nearest known class); the first one on a tie.
     */
    public int classIndex() {
        int best = 0;
        for (int c = 1; c < probabilities.length; c++) {
            if (probabilities[c] > probabilities[best]) {
                best = c;
            }
        }
        return best;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Diagnosis d && label.equals(d.label) && Double.compare(confidence, d.confidence) == 0
                && Arrays.equals(probabilities, d.probabilities) && outOfRange.equals(d.outOfRange);
    }

    @Override
    public int hashCode() {
        return Objects.hash(label, confidence, Arrays.hashCode(probabilities), outOfRange);
    }

    @Override
    public String toString() {
        return "Diagnosis[" + label + ", confidence " + confidence + ", probabilities " + Arrays.toString(probabilities)
                + (outOfRange.isEmpty() ? "" : ", out of range: " + outOfRange) + "]";
    }
}
