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
 * A stacked LSTM, the last step's output through a ReLU dense layer to one linear output, as
 * DL4J's {@code LSTM} layers compute it (no peepholes):
 * <pre>
 * z = x_t W + h_{t-1} R + b                       (4n columns: [a | f | o | i])
 * a = tanh(z_a), f = sigmoid(z_f), o = sigmoid(z_o), i = sigmoid(z_i)
 * c_t = f c_{t-1} + i a,  h_t = o tanh(c_t),  h_0 = c_0 = 0
 * </pre>
 * Weights are stored row-major as DL4J holds them: {@code W [in x 4n]}, {@code R [n x 4n]},
 * {@code b [4n]}; then a ReLU {@link DenseHead} over the last layer's units. {@code LstmNetworkTest} checks this against DL4J's output.
 */
final class LstmNetwork implements RulNetwork {

    /** One LSTM layer. */
    record Layer(int in, int units, float[] w, float[] r, float[] b) {
        Layer {
            if (w.length != in * 4 * units || r.length != units * 4 * units || b.length != 4 * units) {
                throw new IllegalArgumentException("an LSTM layer " + in + " -> " + units + " needs " + in * 4 * units
                        + ", " + units * 4 * units + " and " + 4 * units + " weights, got " + w.length + ", "
                        + r.length + " and " + b.length);
            }
            RulNetwork.requireFinite(w, "LSTM input weights");
            RulNetwork.requireFinite(r, "LSTM recurrent weights");
            RulNetwork.requireFinite(b, "LSTM biases");
        }
    }

    private final int window;
    private final List<Layer> layers;
    private final DenseHead head;

    LstmNetwork(int window, List<Layer> layers, DenseHead head) {
        if (window <= 0 || layers.isEmpty()) {
            throw new IllegalArgumentException("an LSTM network needs window > 0 and a layer, got window " + window
                    + " and " + layers.size() + " layers");
        }
        for (int i = 1; i < layers.size(); i++) {
            if (layers.get(i).in() != layers.get(i - 1).units()) {
                throw new IllegalArgumentException("LSTM layer " + i + " takes " + layers.get(i).in()
                        + " inputs but layer " + (i - 1) + " gives " + layers.get(i - 1).units());
            }
        }
        this.window = window;
        this.layers = List.copyOf(layers);
        if (!head.relu() || head.inputs() != layers.get(layers.size() - 1).units()) {
            throw new IllegalArgumentException("the LSTM's head must be a ReLU layer over its "
                    + layers.get(layers.size() - 1).units() + " last units, got " + head.inputs() + " inputs");
        }
        this.head = head;
    }

    @Override
    public int window() {
        return window;
    }

    @Override
    public int features() {
        return layers.get(0).in();
    }

    List<Layer> layers() {
        return layers;
    }

    @Override
    public double output(float[] data, int offset) {
        // The layers run one after the other over the whole window (each layer's output sequence
        // is the next one's input); the arrays are small (window x units).
        float[] seq = data;
        int seqOffset = offset;
        int width = features();
        float[] h = null;
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            int n = layer.units();
            boolean lastLayer = l == layers.size() - 1;
            float[] out = lastLayer ? null : new float[window * n];
            h = new float[n];
            float[] c = new float[n];
            float[] z = new float[4 * n];
            for (int t = 0; t < window; t++) {
                System.arraycopy(layer.b(), 0, z, 0, 4 * n);
                int base = seqOffset + t * width;
                float[] w = layer.w();
                for (int k = 0; k < width; k++) {
                    axpy(seq[base + k], w, k * 4 * n, z, 4 * n);
                }
                float[] r = layer.r();
                for (int k = 0; k < n; k++) {
                    axpy(h[k], r, k * 4 * n, z, 4 * n);
                }
                for (int j = 0; j < n; j++) {
                    float a = (float) RulNetwork.tanh(z[j]);
                    float f = sigmoid(z[n + j]);
                    float o = sigmoid(z[2 * n + j]);
                    float i = sigmoid(z[3 * n + j]);
                    c[j] = f * c[j] + i * a;
                    h[j] = o * (float) RulNetwork.tanh(c[j]);
                }
                if (out != null) {
                    System.arraycopy(h, 0, out, t * n, n);
                }
            }
            seq = out;
            seqOffset = 0;
            width = n;
        }
        return head.apply(h);
    }

    /** {@code z[j] += a * w[offset + j]} for {@code j < length}: a small loop the JIT vectorises. */
    private static void axpy(float a, float[] w, int offset, float[] z, int length) {
        for (int j = 0; j < length; j++) {
            z[j] += a * w[offset + j];
        }
    }

    private static float sigmoid(float x) {
        return (float) (1 / (1 + Math.exp(-x)));
    }

    /**
     * Writes int window, int layers, per layer (int in, int units, W, R, b as float arrays), then
     * the {@link DenseHead}; a float array is written as its values (its length follows from the
     * sizes before it).
     */
    @Override
    public void write(DataOutputStream out) throws IOException {
        out.writeInt(window);
        out.writeInt(layers.size());
        for (Layer layer : layers) {
            out.writeInt(layer.in());
            out.writeInt(layer.units());
            writeFloats(layer.w(), out);
            writeFloats(layer.r(), out);
            writeFloats(layer.b(), out);
        }
        head.write(out);
    }

    static LstmNetwork read(DataInputStream in, String source) throws IOException {
        int window = in.readInt();
        int count = in.readInt();
        if (window <= 0 || count <= 0 || count > 64) {
            throw new ModelFormatException(source + " has an invalid LSTM window " + window + " or layer count " + count);
        }
        List<Layer> layers = new ArrayList<>();
        for (int l = 0; l < count; l++) {
            int inputs = in.readInt();
            int units = in.readInt();
            checkSize(source, "LSTM layer", inputs, units, in);
            layers.add(new Layer(inputs, units, readFloats(in, inputs * 4 * units, source),
                    readFloats(in, units * 4 * units, source), readFloats(in, 4 * units, source)));
        }
        // an invalid network throws IllegalArgumentException, which ModelPayload.read reports with the source
        return new LstmNetwork(window, layers, DenseHead.read(in, layers.get(count - 1).units(), true, source));
    }
}
