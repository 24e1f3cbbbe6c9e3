package org.industry4.rul;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.industry4.core.ModelFormatException;

/**
 * The forward pass of a trained RUL network in plain Java, on weights copied out of the DL4J
 * network that trained it: immutable, thread-safe, no native memory. A window is {@code window x
 * features} floats at {@code data[offset + t * features + f]} (oldest step first), the layout of
 * {@link org.industry4.rul.data.WindowSet}.
 */
sealed interface RulNetwork permits LstmNetwork, CnnNetwork {

    /** Steps per window. */
    int window();

    /** Features per step. */
    int features();

    /** The network's output for one window: the predicted RUL divided by the cap, not clipped. */
    double output(float[] data, int offset);

    /** Writes the weights (the layout each implementation documents). */
    void write(DataOutputStream out) throws IOException;

    /**
     * tanh through the JIT-intrinsic {@link Math#exp} ({@link Math#tanh} is not intrinsic and took
     * most of an LSTM prediction): {@code 1 - 2 / (e^{2x} + 1)}, within a few 1e-16 of tanh, absolutely.
     */
    static double tanh(double x) {
        if (x > 20) {
            return 1;
        }
        if (x < -20) {
            return -1;
        }
        return 1 - 2 / (Math.exp(2 * x) + 1);
    }

    static void requireFinite(float[] values, String what) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException(what + " holds a non-finite value " + v);
            }
        }
    }

    /**
     * Copies one window from {@code [t][f]} at {@code src[srcOffset ..]} to {@code [f][t]} at
     * {@code dst[dstOffset ..]}: the features become channels (DL4J's recurrent and CNN inputs).
     */
    static void transpose(float[] src, int srcOffset, float[] dst, int dstOffset, int window, int features) {
        for (int t = 0; t < window; t++) {
            int row = srcOffset + t * features;
            for (int f = 0; f < features; f++) {
                dst[dstOffset + f * window + t] = src[row + f];
            }
        }
    }

    static void checkSize(String source, String what, int inputs, int outputs, DataInputStream in) throws IOException {
        if (inputs <= 0 || outputs <= 0 || (long) inputs * outputs * Float.BYTES > in.available() + 16L) {
            throw new ModelFormatException(source + " has an invalid " + what + " of " + inputs + " -> " + outputs);
        }
    }

    static void writeFloats(float[] values, DataOutputStream out) throws IOException {
        for (float v : values) {
            out.writeFloat(v);
        }
    }

    static float[] readFloats(DataInputStream in, int count, String source) throws IOException {
        if ((long) count * Float.BYTES > in.available()) {
            throw new ModelFormatException(source + " is truncated: " + count + " weights expected, "
                    + in.available() / Float.BYTES + " left");
        }
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }
}
