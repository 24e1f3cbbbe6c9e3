package org.industry4.core;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The values of several signals aligned to one instant, with the quality of each.
 *
 * <p>A value whose signal had no usable sample is {@link Double#NaN} and its quality is
 * {@link Quality#BAD}; {@link #quality()} is the worst of the signal qualities, so a frame is
 * never silently filled. Arrays are copied in and out: a frame is immutable.
 *
 * @param time          the instant the frame describes
 * @param schema        the signal names, one per value
 * @param values        one value per schema entry
 * @param signalQuality one quality per schema entry
 */
public record TelemetryFrame(Instant time, FeatureSchema schema, double[] values,
                             Quality[] signalQuality) {

    public TelemetryFrame {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(schema, "schema");
        schema.requireSize(values);
        Objects.requireNonNull(signalQuality, "signalQuality");
        if (signalQuality.length != schema.size()) {
            throw new IllegalArgumentException("expected " + schema.size()
                    + " signal qualities, got " + signalQuality.length);
        }
        values = values.clone();
        signalQuality = signalQuality.clone();
        for (int i = 0; i < values.length; i++) {
            Quality q = Objects.requireNonNull(signalQuality[i], "signalQuality[" + i + "]");
            double v = values[i];
            if (!Double.isFinite(v) && !(q == Quality.BAD && Double.isNaN(v))) {
                throw new IllegalArgumentException("value of " + schema.names().get(i) + " at "
                        + time + " must be finite (only a BAD value may be NaN), got " + v);
            }
        }
    }

    /** A copy of the values, in schema order. */
    @Override
    public double[] values() {
        return values.clone();
    }

    /** A copy of the per-signal qualities, in schema order. */
    @Override
    public Quality[] signalQuality() {
        return signalQuality.clone();
    }

    /** The value at position {@code index} of the schema. */
    public double value(int index) {
        return values[index];
    }

    /** The quality at position {@code index} of the schema. */
    public Quality quality(int index) {
        return signalQuality[index];
    }

    /** The worst quality of any signal in the frame. */
    public Quality quality() {
        Quality worst = Quality.GOOD;
        for (Quality q : signalQuality) {
            worst = worst.worst(q);
        }
        return worst;
    }

    /** Whether every value is present and good. */
    public boolean isComplete() {
        return quality() == Quality.GOOD;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TelemetryFrame f && time.equals(f.time) && schema.equals(f.schema)
                && Arrays.equals(values, f.values) && Arrays.equals(signalQuality, f.signalQuality);
    }

    @Override
    public int hashCode() {
        return Objects.hash(time, schema, Arrays.hashCode(values), Arrays.hashCode(signalQuality));
    }

    @Override
    public String toString() {
        return "TelemetryFrame[time=" + time + ", schema=" + schema.names() + ", values="
                + Arrays.toString(values) + ", quality=" + Arrays.toString(signalQuality) + "]";
    }
}
