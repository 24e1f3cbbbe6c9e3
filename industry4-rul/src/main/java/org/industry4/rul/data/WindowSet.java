package org.industry4.rul.data;

import java.util.Objects;

/**
 * Fixed-length windows of rows with one target each, flat for a network's input: value {@code f} of
 * step {@code t} of window {@code w} is {@code data[((w * length) + t) * features + f]}, its target
 * {@code targets[w]}, and {@code engine[w]} the index of the trajectory it came from. The arrays are
 * not copied (they can be large): treat them as read-only.
 *
 * @param data     {@code count * length * features} values
 * @param targets  {@code count} targets
 * @param engine   {@code count} engine indices, each {@code >= 0}
 * @param count    windows, {@code >= 0}
 * @param length   steps per window, {@code >= 1}
 * @param features values per step, {@code >= 1}
 */
public record WindowSet(float[] data, float[] targets, int[] engine, int count, int length, int features) {

    /** Checks the sizes. */
    public WindowSet {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(engine, "engine");
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        if (length < 1) {
            throw new IllegalArgumentException("length must be >= 1, got " + length);
        }
        if (features < 1) {
            throw new IllegalArgumentException("features must be >= 1, got " + features);
        }
        long size = (long) count * length * features;
        if (data.length != size) {
            throw new IllegalArgumentException("expected " + size + " data values (" + count + " x " + length + " x "
                    + features + "), got " + data.length);
        }
        if (targets.length != count) {
            throw new IllegalArgumentException("expected " + count + " targets, got " + targets.length);
        }
        if (engine.length != count) {
            throw new IllegalArgumentException("expected " + count + " engine indices, got " + engine.length);
        }
        for (int w = 0; w < count; w++) {
            if (engine[w] < 0) {
                throw new IllegalArgumentException("engine index of window " + w + " must be >= 0, got " + engine[w]);
            }
        }
    }

    /** Value {@code f} of step {@code t} of window {@code w}. */
    public float value(int w, int t, int f) {
        return data[((w * length) + t) * features + f];
    }

    /** A copy of window {@code w} as {@code [step][feature]}. */
    public double[][] window(int w) {
        Objects.checkIndex(w, count);
        double[][] out = new double[length][features];
        for (int t = 0; t < length; t++) {
            int base = (w * length + t) * features;
            for (int f = 0; f < features; f++) {
                out[t][f] = data[base + f];
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "WindowSet[" + count + " windows x " + length + " steps x " + features + " features]";
    }
}
