package org.industry4.rul;

import static org.industry4.rul.RulNetwork.checkSize;
import static org.industry4.rul.RulNetwork.readFloats;
import static org.industry4.rul.RulNetwork.writeFloats;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.industry4.core.ModelFormatException;

/**
 * A 1-D convolutional network along time with the features as input channels, as DL4J's
 * {@code ConvolutionLayer}s compute it on a {@code features x window x 1} image: convolutions with
 * {@code kernel x 1} kernels ("same" padding: {@code (kernel - 1) / 2} steps before, the rest
 * after), tanh, then the flattened last map ({@code [channel][step]}, row-major) through a tanh
 * dense layer to one linear output:
 * <pre>
 * y[o][t] = tanh(b[o] + sum_c sum_j W[o][c][j] x[c][t + j - pad])     (out-of-range steps are 0)
 * </pre>
 * Weights row-major as DL4J holds them: {@code W [out][in][kernel]}, {@code b [out]}; then a tanh
 * {@link DenseHead} over the {@code channels * window} flattened values.
 * {@code NetworkForwardTest} checks this against DL4J's output.
 */
final class CnnNetwork implements RulNetwork {

    /** One convolution. */
    record Conv(int in, int out, int kernel, float[] w, float[] b) {
        Conv {
            if (in <= 0 || out <= 0 || kernel <= 0 || w.length != out * in * kernel || b.length != out) {
                throw new IllegalArgumentException("a convolution " + in + " -> " + out + " of kernel " + kernel
                        + " needs " + out * in * kernel + " weights and " + out + " biases, got " + w.length
                        + " and " + b.length);
            }
            RulNetwork.requireFinite(w, "convolution weights");
            RulNetwork.requireFinite(b, "convolution biases");
        }
    }

    private final int window;
    private final int features;
    private final List<Conv> convs;
    private final DenseHead head;

    CnnNetwork(int window, int features, List<Conv> convs, DenseHead head) {
        if (window <= 0 || features <= 0 || convs.isEmpty() || convs.get(0).in() != features) {
            throw new IllegalArgumentException("a CNN needs window > 0, features > 0 and a first convolution with "
                    + "one input channel per feature, got window " + window + ", features " + features + ", "
                    + (convs.isEmpty() ? "no convolutions" : "a first convolution of " + convs.get(0).in()
                    + " channels"));
        }
        for (int i = 1; i < convs.size(); i++) {
            if (convs.get(i).in() != convs.get(i - 1).out()) {
                throw new IllegalArgumentException("convolution " + i + " takes " + convs.get(i).in()
                        + " channels but convolution " + (i - 1) + " gives " + convs.get(i - 1).out());
            }
        }
        int flat = convs.get(convs.size() - 1).out() * window;
        if (head.relu() || head.inputs() != flat) {
            throw new IllegalArgumentException("the CNN's head must be a tanh layer over its " + flat
                    + " flattened outputs, got " + head.inputs() + " inputs");
        }
        this.window = window;
        this.features = features;
        this.convs = List.copyOf(convs);
        this.head = head;
    }

    @Override
    public int window() {
        return window;
    }

    @Override
    public int features() {
        return features;
    }

    @Override
    public double output(float[] data, int offset) {
        float[] x = new float[features * window];
        RulNetwork.transpose(data, offset, x, 0, window, features); // the features are the input channels
        for (Conv conv : convs) {
            float[] y = new float[conv.out() * window];
            int k = conv.kernel();
            int pad = (k - 1) / 2;
            float[] w = conv.w();
            for (int o = 0; o < conv.out(); o++) {
                int yBase = o * window;
                java.util.Arrays.fill(y, yBase, yBase + window, conv.b()[o]);
                for (int c = 0; c < conv.in(); c++) {
                    int xBase = c * window;
                    int wBase = (o * conv.in() + c) * k;
                    for (int j = 0; j < k; j++) {
                        float wj = w[wBase + j];
                        int shift = j - pad;
                        int tFrom = Math.max(0, -shift);
                        int tTo = Math.min(window, window - shift);
                        for (int t = tFrom; t < tTo; t++) {
                            y[yBase + t] += wj * x[xBase + t + shift];
                        }
                    }
                }
            }
            for (int i = 0; i < y.length; i++) {
                y[i] = (float) RulNetwork.tanh(y[i]);
            }
            x = y;
        }
        return head.apply(x);
    }

    /**
     * Writes int window, int features, int convolutions, per convolution (int in, int out, int
     * kernel, W, b), then the {@link DenseHead}.
     */
    @Override
    public void write(DataOutputStream out) throws IOException {
        out.writeInt(window);
        out.writeInt(features);
        out.writeInt(convs.size());
        for (Conv conv : convs) {
            out.writeInt(conv.in());
            out.writeInt(conv.out());
            out.writeInt(conv.kernel());
            writeFloats(conv.w(), out);
            writeFloats(conv.b(), out);
        }
        head.write(out);
    }

    static CnnNetwork read(DataInputStream in, String source) throws IOException {
        int window = in.readInt();
        int features = in.readInt();
        int count = in.readInt();
        if (window <= 0 || features <= 0 || count <= 0 || count > 64) {
            throw new ModelFormatException(source + " has an invalid CNN window " + window + ", features " + features
                    + " or convolution count " + count);
        }
        List<Conv> convs = new ArrayList<>();
        for (int l = 0; l < count; l++) {
            int inputs = in.readInt();
            int outputs = in.readInt();
            int kernel = in.readInt();
            checkSize(source, "convolution", inputs * Math.max(1, kernel), outputs, in);
            convs.add(new Conv(inputs, outputs, kernel, readFloats(in, outputs * inputs * kernel, source),
                    readFloats(in, outputs, source)));
        }
        // an invalid network throws IllegalArgumentException, which ModelPayload.read reports with the source
        return new CnnNetwork(window, features, convs, DenseHead.read(in, convs.get(count - 1).out() * window, false,
                source));
    }
}
