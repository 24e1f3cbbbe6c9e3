package org.industry4.rul;

import static org.industry4.rul.RulNetwork.checkSize;
import static org.industry4.rul.RulNetwork.readFloats;
import static org.industry4.rul.RulNetwork.writeFloats;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The head both networks end in: a dense layer ({@code D [inputs x dense]} row-major, {@code d})
 * with ReLU or tanh, then one linear output ({@code O [dense]}, {@code o}).
 */
record DenseHead(int inputs, float[] w, float[] b, float[] outW, float outB, boolean relu) {

    DenseHead {
        int dense = b.length;
        if (inputs <= 0 || dense == 0 || w.length != inputs * dense || outW.length != dense) {
            throw new IllegalArgumentException("dense layer " + inputs + " -> " + dense + " needs " + (long) inputs * dense
                    + " weights and an output of " + dense + ", got " + w.length + " and " + outW.length);
        }
        RulNetwork.requireFinite(w, "dense weights");
        RulNetwork.requireFinite(b, "dense biases");
        RulNetwork.requireFinite(outW, "output weights");
        if (!Float.isFinite(outB)) {
            throw new IllegalArgumentException("output bias is not finite: " + outB);
        }
    }

    /** The output for the {@code inputs} values of {@code x} (sums in double precision). */
    double apply(float[] x) {
        int dense = b.length;
        double[] hidden = new double[dense];
        for (int j = 0; j < dense; j++) {
            hidden[j] = b[j];
        }
        for (int i = 0; i < inputs; i++) {
            float xi = x[i];
            if (xi != 0) {
                int row = i * dense;
                for (int j = 0; j < dense; j++) {
                    hidden[j] += xi * w[row + j];
                }
            }
        }
        double y = outB;
        for (int j = 0; j < dense; j++) {
            double h = relu ? Math.max(0, hidden[j]) : RulNetwork.tanh(hidden[j]);
            y += h * outW[j];
        }
        return y;
    }

    /** Writes int dense, D, d, O, float o. */
    void write(DataOutputStream out) throws IOException {
        out.writeInt(b.length);
        writeFloats(w, out);
        writeFloats(b, out);
        writeFloats(outW, out);
        out.writeFloat(outB);
    }

    static DenseHead read(DataInputStream in, int inputs, boolean relu, String source) throws IOException {
        int dense = in.readInt();
        checkSize(source, "dense layer", inputs, dense, in);
        float[] w = readFloats(in, inputs * dense, source);
        float[] b = readFloats(in, dense, source);
        float[] outW = readFloats(in, dense, source);
        return new DenseHead(inputs, w, b, outW, in.readFloat(), relu);
    }
}
