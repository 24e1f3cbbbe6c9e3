package org.industry4.anomaly.autoencoder;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.industry4.core.ModelFormatException;

/**
 * A trained stack of dense layers, copied out of DL4J into Java arrays: the forward pass of an
 * {@link AutoencoderModel}. Immutable and thread-safe; owns no native memory.
 *
 * <p>Layer {@code l} maps {@code a} (width {@code in}) to
 * {@code act(sum_i a_i W[i][o] + b[o])} (width {@code out}), with {@code W} stored row-major
 * ({@code i * out + o}), DL4J's {@code DenseLayer}/{@code OutputLayer} "W" and "b" parameters.
 * Activations follow DL4J's definitions (leaky ReLU slope 0.01, ELU alpha 1).
 */
final class DenseNetwork {

    /** Activation of one layer; hidden layers use an {@link AutoencoderOptions.Activation}, the output layer none. */
    enum Function {
        IDENTITY, TANH, RELU, LEAKY_RELU, ELU, SIGMOID;

        static Function of(AutoencoderOptions.Activation activation) {
            return Function.valueOf(activation.name());
        }

        double apply(double x) {
            return switch (this) {
                case IDENTITY -> x;
                case TANH -> Math.tanh(x);
                case RELU -> x > 0 ? x : 0;
                case LEAKY_RELU -> x > 0 ? x : 0.01 * x;
                case ELU -> x > 0 ? x : Math.expm1(x);
                case SIGMOID -> 1 / (1 + Math.exp(-x));
            };
        }
    }

    /** One layer: widths, row-major weights, biases, activation. */
    record Dense(int in, int out, double[] weights, double[] biases, Function function) {

        Dense {
            Objects.requireNonNull(function, "function");
            if (in <= 0 || out <= 0 || weights.length != in * out || biases.length != out) {
                throw new IllegalArgumentException("a dense layer of " + in + " -> " + out + " needs " + in * out
                        + " weights and " + out + " biases, got " + weights.length + " and " + biases.length);
            }
            for (double w : weights) {
                requireFinite(w, "weight");
            }
            for (double b : biases) {
                requireFinite(b, "bias");
            }
        }

        private static void requireFinite(double v, String what) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("a network " + what + " must be finite, got " + v);
            }
        }
    }

    private final List<Dense> layers;
    private final int maxWidth;

    DenseNetwork(List<Dense> layers) {
        this.layers = List.copyOf(layers);
        if (this.layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        int width = this.layers.get(0).in();
        int max = width;
        for (int l = 0; l < this.layers.size(); l++) {
            Dense layer = this.layers.get(l);
            if (layer.in() != width) {
                throw new IllegalArgumentException("layer " + l + " takes " + layer.in() + " inputs, but the layer"
                        + " before gives " + width);
            }
            width = layer.out();
            max = Math.max(max, width);
        }
        this.maxWidth = max;
    }

    /**
     * Copies the parameters of a DL4J network of dense layers (one activation for the hidden
     * layers, identity output). Reads DL4J's flattened parameter vector once: per layer the weights
     * "W" ({@code in x out}, column-major) and then the biases "b" ({@code out}), as DL4J's
     * {@code DefaultParamInitializer} lays them out; {@code DenseNetworkTest} checks the copy
     * against DL4J's own output.
     */
    static DenseNetwork copyOf(MultiLayerNetwork network, AutoencoderOptions.Activation hidden) {
        double[] flat = network.params().toDoubleVector();
        List<Dense> layers = new ArrayList<>();
        int count = network.getnLayers();
        int offset = 0;
        for (int l = 0; l < count; l++) {
            int in = network.layerInputSize(l);
            int out = network.layerSize(l);
            double[] weights = new double[in * out];
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < in; i++) {
                    weights[i * out + o] = flat[offset + o * in + i];
                }
            }
            offset += in * out;
            double[] biases = Arrays.copyOfRange(flat, offset, offset + out);
            offset += out;
            layers.add(new Dense(in, out, weights, biases, l == count - 1 ? Function.IDENTITY : Function.of(hidden)));
        }
        if (offset != flat.length) {
            throw new IllegalStateException("DL4J's parameter vector has " + flat.length + " values, dense layers of"
                    + " these widths " + offset);
        }
        return new DenseNetwork(layers);
    }

    List<Dense> layers() {
        return layers;
    }

    int inputs() {
        return layers.get(0).in();
    }

    int outputs() {
        return layers.get(layers.size() - 1).out();
    }

    /** The widths of the layers' outputs, first to last. */
    List<Integer> widths() {
        return layers.stream().map(Dense::out).toList();
    }

    /** The network's output for {@code input} (not modified). */
    double[] forward(double[] input) {
        double[] a = new double[maxWidth];
        double[] next = new double[maxWidth];
        System.arraycopy(input, 0, a, 0, input.length);
        for (Dense layer : layers) {
            int in = layer.in();
            int out = layer.out();
            double[] w = layer.weights();
            double[] b = layer.biases();
            for (int o = 0; o < out; o++) {
                next[o] = b[o];
            }
            for (int i = 0; i < in; i++) {
                double ai = a[i];
                int row = i * out;
                for (int o = 0; o < out; o++) {
                    next[o] += ai * w[row + o];
                }
            }
            Function f = layer.function();
            for (int o = 0; o < out; o++) {
                next[o] = f.apply(next[o]);
            }
            double[] t = a;
            a = next;
            next = t;
        }
        double[] result = new double[outputs()];
        System.arraycopy(a, 0, result, 0, result.length);
        return result;
    }

    /** Mean squared difference of {@code z} and its reconstruction. */
    double meanSquaredError(double[] z) {
        double[] r = forward(z);
        double sum = 0;
        for (int j = 0; j < z.length; j++) {
            double e = z[j] - r[j];
            sum += e * e;
        }
        return sum / z.length;
    }

    /** Writes: int layers, then per layer int in, int out, UTF function, in*out weights, out biases. */
    void write(DataOutputStream out) throws IOException {
        out.writeInt(layers.size());
        for (Dense layer : layers) {
            out.writeInt(layer.in());
            out.writeInt(layer.out());
            out.writeUTF(layer.function().name());
            for (double w : layer.weights()) {
                out.writeDouble(w);
            }
            for (double b : layer.biases()) {
                out.writeDouble(b);
            }
        }
    }

    /**
     * Reads what {@link #write} wrote.
     *
     * @throws ModelFormatException if the layer count or widths are implausible, a function unknown,
     *                              the data short, the layers do not chain or a parameter is not finite
     */
    static DenseNetwork read(DataInputStream in, String source) throws IOException {
        int count = in.readInt();
        if (count < 1 || count > 130) {
            throw new ModelFormatException(source + " has an invalid network layer count " + count);
        }
        List<Dense> layers = new ArrayList<>(count);
        for (int l = 0; l < count; l++) {
            int inputs = in.readInt();
            int outputs = in.readInt();
            String name = in.readUTF();
            if (inputs <= 0 || outputs <= 0 || (long) inputs * outputs + outputs > in.available() / Double.BYTES) {
                throw new ModelFormatException(source + " has an invalid or truncated network layer " + l + " ("
                        + inputs + " -> " + outputs + ")");
            }
            Function function;
            try {
                function = Function.valueOf(name);
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(source + " has an unknown activation \"" + name + "\" in layer " + l, e);
            }
            double[] weights = new double[inputs * outputs];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = in.readDouble();
            }
            double[] biases = new double[outputs];
            for (int i = 0; i < biases.length; i++) {
                biases[i] = in.readDouble();
            }
            try {
                layers.add(new Dense(inputs, outputs, weights, biases, function));
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(source + " has an invalid network layer " + l + ": " + e.getMessage(),
                        e);
            }
        }
        try {
            return new DenseNetwork(layers);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(source + " has an invalid network: " + e.getMessage(), e);
        }
    }
}
