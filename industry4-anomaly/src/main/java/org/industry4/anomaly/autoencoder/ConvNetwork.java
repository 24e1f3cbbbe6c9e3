package org.industry4.anomaly.autoencoder;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.industry4.core.ModelFormatException;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The forward pass of a {@link ConvAutoencoderModel} in plain Java: a stack of 1-D convolutions
 * and transposed convolutions with "same" padding, copied out of the DL4J network that trained it.
 * Immutable and thread-safe; owns no native memory.
 *
 * <p>Signals are {@code [channel][step]}. With {@code L} input steps, kernel {@code k} and stride
 * {@code s}:
 * <ul>
 *   <li>convolution: {@code ceil(L / s)} output steps, left padding
 *   {@code max(0, (ceil(L/s) - 1) s + k - L) / 2} (TensorFlow's and DL4J's "same"),
 *   {@code y[o][t] = b[o] + sum_c sum_j W[o][c][j] x[c][t s + j - pad]} over in-range inputs;</li>
 *   <li>transposed convolution: {@code L s} output steps, left padding {@code max(0, k - s) / 2},
 *   {@code y[o][t s + j - pad] += W[o][c][j] x[c][t]} over in-range outputs, plus {@code b[o]}.</li>
 * </ul>
 * Each layer then applies ReLU, or nothing (the output layer). DL4J trains the same network as a
 * 2-D convolutional network of height 1 ({@code ConvolutionLayer} and {@code Deconvolution2D} with
 * kernels {@code 1 x k}, {@link ConvolutionMode#Same}), since DL4J 1.0.0-M2.1 has no 1-D transposed
 * convolution; {@code ConvNetworkTest} checks this forward pass against DL4J's output.
 */
final class ConvNetwork {

    /** A convolution or a transposed convolution. */
    enum Kind { CONV, DECONV }

    /**
     * One layer.
     *
     * @param weights {@code W[o][c][j]} at {@code (o * in + c) * kernel + j}
     */
    record Layer(Kind kind, int in, int out, int kernel, int stride, boolean relu, double[] weights,
                 double[] biases) {

        Layer {
            Objects.requireNonNull(kind, "kind");
            if (in <= 0 || out <= 0 || kernel <= 0 || stride <= 0) {
                throw new IllegalArgumentException("a conv layer needs positive sizes, got in " + in + ", out " + out
                        + ", kernel " + kernel + ", stride " + stride);
            }
            if (weights.length != (long) in * out * kernel || biases.length != out) {
                throw new IllegalArgumentException("a conv layer " + in + " -> " + out + " of kernel " + kernel
                        + " needs " + (long) in * out * kernel + " weights and " + out + " biases, got "
                        + weights.length + " and " + biases.length);
            }
            for (double w : weights) {
                requireFinite(w, "weight");
            }
            for (double b : biases) {
                requireFinite(b, "bias");
            }
        }

        int outSteps(int steps) {
            return kind == Kind.CONV ? (steps + stride - 1) / stride : steps * stride;
        }

        double[][] apply(double[][] x) {
            int steps = x[0].length;
            int outSteps = outSteps(steps);
            double[][] y = new double[out][outSteps];
            if (kind == Kind.CONV) {
                int pad = Math.max(0, (outSteps - 1) * stride + kernel - steps) / 2;
                for (int o = 0; o < out; o++) {
                    double[] yo = y[o];
                    for (int c = 0; c < in; c++) {
                        double[] xc = x[c];
                        int base = (o * in + c) * kernel;
                        for (int t = 0; t < outSteps; t++) {
                            int start = t * stride - pad;
                            int j0 = Math.max(0, -start);
                            int j1 = Math.min(kernel, steps - start);
                            double sum = 0;
                            for (int j = j0; j < j1; j++) {
                                sum += weights[base + j] * xc[start + j];
                            }
                            yo[t] += sum;
                        }
                    }
                }
            } else {
                int pad = Math.max(0, kernel - stride) / 2;
                for (int o = 0; o < out; o++) {
                    double[] yo = y[o];
                    for (int c = 0; c < in; c++) {
                        double[] xc = x[c];
                        int base = (o * in + c) * kernel;
                        for (int t = 0; t < steps; t++) {
                            double v = xc[t];
                            int start = t * stride - pad;
                            int j0 = Math.max(0, -start);
                            int j1 = Math.min(kernel, outSteps - start);
                            for (int j = j0; j < j1; j++) {
                                yo[start + j] += weights[base + j] * v;
                            }
                        }
                    }
                }
            }
            for (int o = 0; o < out; o++) {
                double[] yo = y[o];
                double b = biases[o];
                for (int t = 0; t < outSteps; t++) {
                    double v = yo[t] + b;
                    yo[t] = relu && v < 0 ? 0 : v;
                }
            }
            return y;
        }

        private static void requireFinite(double v, String what) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("a network " + what + " must be finite, got " + v);
            }
        }
    }

    private final List<Layer> layers;

    ConvNetwork(List<Layer> layers) {
        this.layers = List.copyOf(layers);
        if (this.layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        for (int l = 1; l < this.layers.size(); l++) {
            if (this.layers.get(l).in() != this.layers.get(l - 1).out()) {
                throw new IllegalArgumentException("layer " + l + " takes " + this.layers.get(l).in()
                        + " channels, but the layer before gives " + this.layers.get(l - 1).out());
            }
        }
    }

    List<Layer> layers() {
        return layers;
    }

    int channels() {
        return layers.get(0).in();
    }

    /** The network's output for {@code x} ({@code [channel][step]}, not modified). */
    double[][] forward(double[][] x) {
        double[][] a = x;
        for (Layer layer : layers) {
            a = layer.apply(a);
        }
        return a;
    }

    /** Whether this network has the architecture {@code options} describe for {@code channels} sensors. */
    boolean matches(ConvAutoencoderOptions options, int channels) {
        List<Layer> expected = shape(options, channels);
        if (expected.size() != layers.size()) {
            return false;
        }
        for (int l = 0; l < layers.size(); l++) {
            Layer a = layers.get(l);
            Layer b = expected.get(l);
            if (a.kind() != b.kind() || a.in() != b.in() || a.out() != b.out() || a.kernel() != b.kernel()
                    || a.stride() != b.stride() || a.relu() != b.relu()) {
                return false;
            }
        }
        return true;
    }

    /** The layers (with zero weights) that {@code options} describe for {@code channels} sensors. */
    static List<Layer> shape(ConvAutoencoderOptions options, int channels) {
        List<Layer> out = new ArrayList<>();
        int in = channels;
        List<ConvAutoencoderOptions.ConvLayer> encoder = options.encoder();
        for (ConvAutoencoderOptions.ConvLayer c : encoder) {
            out.add(zero(Kind.CONV, in, c.filters(), c.kernel(), c.stride(), true));
            in = c.filters();
        }
        for (int i = encoder.size() - 1; i >= 0; i--) {
            ConvAutoencoderOptions.ConvLayer c = encoder.get(i);
            out.add(zero(Kind.DECONV, in, c.filters(), c.kernel(), c.stride(), true));
            in = c.filters();
        }
        out.add(zero(Kind.DECONV, in, channels, encoder.get(0).kernel(), 1, false));
        return out;
    }

    private static Layer zero(Kind kind, int in, int out, int kernel, int stride, boolean relu) {
        return new Layer(kind, in, out, kernel, stride, relu, new double[in * out * kernel], new double[out]);
    }

    /**
     * The DL4J network of {@code options} for {@code channels} sensors, initialised: height-1 2-D
     * convolutions on input {@code [batch, channels, 1, window]}, dropout on the input of the layer
     * after each dropout point (DL4J applies a layer's dropout to its input), and an MSE loss layer.
     */
    static MultiLayerNetwork dl4j(ConvAutoencoderOptions options, int channels, long seed) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(Networks.DATA_TYPE)
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .updater(new Adam(options.learningRate()))
                .convolutionMode(ConvolutionMode.Same)
                .list();
        List<Layer> shape = shape(options, channels);
        int encoderLayers = options.encoder().size();
        double retain = 1 - options.dropout();
        for (int l = 0; l < shape.size(); l++) {
            Layer s = shape.get(l);
            // Dropout after every encoder and decoder layer but the last of each: on the input of
            // layers 1 .. e-1 and e+1 .. 2e-1.
            boolean dropped = options.dropout() > 0 && l != 0 && l != encoderLayers && l != shape.size() - 1;
            Activation act = s.relu() ? Activation.RELU : Activation.IDENTITY;
            if (s.kind() == Kind.CONV) {
                ConvolutionLayer.Builder b = new ConvolutionLayer.Builder(1, s.kernel()).stride(1, s.stride())
                        .nOut(s.out()).activation(act);
                if (dropped) {
                    b.dropOut(retain);
                }
                list.layer(b.build());
            } else {
                Deconvolution2D.Builder b = new Deconvolution2D.Builder().kernelSize(1, s.kernel())
                        .stride(1, s.stride()).nOut(s.out()).activation(act);
                if (dropped) {
                    b.dropOut(retain);
                }
                list.layer(b.build());
            }
        }
        list.layer(new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build());
        list.setInputType(InputType.convolutional(1, options.window(), channels));
        MultiLayerNetwork network = new MultiLayerNetwork(list.build());
        network.init();
        return network;
    }

    /**
     * Copies the parameters of a network {@link #dl4j} built: per layer "W" (convolution
     * {@code [out, in, 1, k]}; DL4J's deconvolution {@code [in, out, 1, k]}) and "b".
     */
    static ConvNetwork copyOf(MultiLayerNetwork network, ConvAutoencoderOptions options, int channels) {
        List<Layer> shape = shape(options, channels);
        List<Layer> layers = new ArrayList<>(shape.size());
        for (int l = 0; l < shape.size(); l++) {
            Layer s = shape.get(l);
            INDArray w = network.getLayer(l).getParam("W");
            INDArray b = network.getLayer(l).getParam("b");
            long[] expected = s.kind() == Kind.CONV ? new long[] {s.out(), s.in(), 1, s.kernel()}
                    : new long[] {s.in(), s.out(), 1, s.kernel()};
            if (!java.util.Arrays.equals(w.shape(), expected)) {
                throw new IllegalStateException("DL4J layer " + l + " has weights of shape "
                        + java.util.Arrays.toString(w.shape()) + ", expected " + java.util.Arrays.toString(expected));
            }
            // Element reads: no native copies to free (nopointergc), and the network is small.
            double[] weights = new double[s.in() * s.out() * s.kernel()];
            for (int o = 0; o < s.out(); o++) {
                for (int c = 0; c < s.in(); c++) {
                    for (int j = 0; j < s.kernel(); j++) {
                        weights[(o * s.in() + c) * s.kernel() + j] = s.kind() == Kind.CONV
                                ? w.getDouble(o, c, 0, j) : w.getDouble(c, o, 0, j);
                    }
                }
            }
            double[] biases = new double[s.out()];
            for (int o = 0; o < s.out(); o++) {
                biases[o] = b.getDouble(o);
            }
            layers.add(new Layer(s.kind(), s.in(), s.out(), s.kernel(), s.stride(), s.relu(), weights, biases));
        }
        return new ConvNetwork(layers);
    }

    /** DL4J's input for windows {@code from .. to} of {@code windows} ({@code [channel][step]} each). */
    static INDArray input(double[][][] windows, int[] order, int from, int to) {
        int channels = windows[order[from]].length;
        int steps = windows[order[from]][0].length;
        double[] flat = new double[(to - from) * channels * steps];
        int k = 0;
        for (int i = from; i < to; i++) {
            for (double[] channel : windows[order[i]]) {
                System.arraycopy(channel, 0, flat, k, steps);
                k += steps;
            }
        }
        return Nd4j.create(flat, new long[] {to - from, channels, 1, steps}, Networks.DATA_TYPE);
    }

    /** Writes the layers (see {@link ConvAutoencoderFile}). */
    void write(DataOutputStream out) throws IOException {
        out.writeInt(layers.size());
        for (Layer layer : layers) {
            out.writeUTF(layer.kind().name());
            out.writeInt(layer.in());
            out.writeInt(layer.out());
            out.writeInt(layer.kernel());
            out.writeInt(layer.stride());
            out.writeBoolean(layer.relu());
            for (double w : layer.weights()) {
                out.writeDouble(w);
            }
            for (double b : layer.biases()) {
                out.writeDouble(b);
            }
        }
    }

    /** Reads what {@link #write} wrote. */
    static ConvNetwork read(DataInputStream in, String source) throws IOException {
        int count = in.readInt();
        if (count <= 0 || count > 64) {
            throw new ModelFormatException(source + " has an invalid conv layer count " + count);
        }
        List<Layer> layers = new ArrayList<>(count);
        for (int l = 0; l < count; l++) {
            String name = in.readUTF();
            Kind kind;
            try {
                kind = Kind.valueOf(name);
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(source + " has an unknown conv layer kind \"" + name + "\"", e);
            }
            int inputs = in.readInt();
            int outputs = in.readInt();
            int kernel = in.readInt();
            int stride = in.readInt();
            boolean relu = in.readBoolean();
            long size = (long) inputs * outputs * kernel;
            if (inputs <= 0 || outputs <= 0 || kernel <= 0 || stride <= 0
                    || size + outputs > in.available() / Double.BYTES) {
                throw new ModelFormatException(source + " has an invalid or truncated conv layer " + l + " ("
                        + inputs + " -> " + outputs + ", kernel " + kernel + ", stride " + stride + ")");
            }
            double[] weights = new double[(int) size];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = in.readDouble();
            }
            double[] biases = new double[outputs];
            for (int i = 0; i < biases.length; i++) {
                biases[i] = in.readDouble();
            }
            try {
                layers.add(new Layer(kind, inputs, outputs, kernel, stride, relu, weights, biases));
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(source + " has an invalid conv layer " + l + ": " + e.getMessage(), e);
            }
        }
        try {
            return new ConvNetwork(layers);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(source + " has an invalid conv network: " + e.getMessage(), e);
        }
    }
}
