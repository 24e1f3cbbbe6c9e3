package org.industry4.rul;

import java.io.DataOutputStream;
import java.io.IOException;

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
}
