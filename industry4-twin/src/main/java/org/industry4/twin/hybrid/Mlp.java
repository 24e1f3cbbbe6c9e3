package org.industry4.twin.hybrid;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Objects;
import org.industry4.core.ModelFormatException;

/**
 * The correction network in plain Java: standardise the inputs, hidden layers with an
 * {@link Activation}, one linear output, scaled by the target's spread. Weights are row-major
 * ({@code w[l][i * out + o]}). Immutable once built (the arrays are never handed out). The
 * activation is not part of {@link #write}: the file stores it with the options.
 */
final class Mlp {

    private final double[] mean;
    private final double[] std;
    private final int[] widths;        // input, hidden..., 1
    private final double[][] weights;
    private final double[][] biases;
    private final double outputScale;
    private final Activation activation;

    Mlp(double[] mean, double[] std, int[] widths, double[][] weights, double[][] biases, double outputScale,
        Activation activation) {
        this.activation = Objects.requireNonNull(activation, "activation");
        this.mean = mean.clone();
        this.std = std.clone();
        this.widths = widths.clone();
        int layers = widths.length - 1;
        if (layers < 1 || widths[layers] != 1 || widths[0] != mean.length || std.length != mean.length
                || weights.length != layers || biases.length != layers) {
            throw new IllegalArgumentException("inconsistent network shape");
        }
        this.weights = new double[layers][];
        this.biases = new double[layers][];
        for (int l = 0; l < layers; l++) {
            if (weights[l].length != widths[l] * widths[l + 1] || biases[l].length != widths[l + 1]) {
                throw new IllegalArgumentException("layer " + l + " has " + weights[l].length + " weights and "
                        + biases[l].length + " biases, expected " + widths[l] * widths[l + 1] + " and "
                        + widths[l + 1]);
            }
            this.weights[l] = weights[l].clone();
            this.biases[l] = biases[l].clone();
        }
        for (int j = 0; j < std.length; j++) {
            if (!(std[j] > 0) || !Double.isFinite(mean[j])) {
                throw new IllegalArgumentException("input " + j + " has scale " + std[j] + " and mean " + mean[j]);
            }
        }
        if (!(outputScale > 0 && Double.isFinite(outputScale))) {
            throw new IllegalArgumentException("outputScale must be finite and > 0, got " + outputScale);
        }
        this.outputScale = outputScale;
    }

    int inputs() {
        return mean.length;
    }

    double[] mean() {
        return mean.clone();
    }

    double[] std() {
        return std.clone();
    }

    double outputScale() {
        return outputScale;
    }

    Activation activation() {
        return activation;
    }

    /** The network's output before scaling, for standardised inputs {@code z}. */
    double raw(double[] z) {
        double[] h = lastHidden(z);
        int last = weights.length - 1;
        double[] w = weights[last];
        double out = biases[last][0];
        for (int i = 0; i < h.length; i++) {
            out += h[i] * w[i];
        }
        return out;
    }

    /** The last hidden layer's activations for standardised inputs {@code z} ({@code z} itself without hidden layers). */
    double[] lastHidden(double[] z) {
        double[] a = z;
        for (int l = 0; l + 1 < weights.length; l++) {
            int in = widths[l];
            int out = widths[l + 1];
            double[] next = biases[l].clone();
            double[] w = weights[l];
            for (int i = 0; i < in; i++) {
                double ai = a[i];
                int base = i * out;
                for (int o = 0; o < out; o++) {
                    next[o] += ai * w[base + o];
                }
            }
            for (int o = 0; o < out; o++) {
                next[o] = activation.apply(next[o]);
            }
            a = next;
        }
        return a;
    }

    /** The output layer: its weights (one per unit of the last hidden layer), then its bias. */
    double[] outputLayer() {
        double[] w = weights[weights.length - 1];
        double[] out = java.util.Arrays.copyOf(w, w.length + 1);
        out[w.length] = biases[biases.length - 1][0];
        return out;
    }

    /** This network with the output layer {@code layer} (weights, then bias, as {@link #outputLayer}). */
    Mlp withOutputLayer(double[] layer) {
        int last = weights.length - 1;
        if (layer.length != weights[last].length + 1) {
            throw new IllegalArgumentException("the output layer has " + (weights[last].length + 1) + " values, got "
                    + layer.length);
        }
        double[][] w = weights.clone();
        double[][] b = biases.clone();
        w[last] = java.util.Arrays.copyOf(layer, layer.length - 1);
        b[last] = new double[] {layer[layer.length - 1]};
        return new Mlp(mean, std, widths, w, b, outputScale, activation);
    }

    /** The standardised inputs of the columns {@code columns} of row {@code x}. */
    double[] standardise(double[] x, int[] columns) {
        double[] z = new double[columns.length];
        for (int j = 0; j < columns.length; j++) {
            z[j] = (x[columns[j]] - mean[j]) / std[j];
        }
        return z;
    }

    /** The correction in target units for the standardised inputs {@code z}. */
    double correction(double[] z) {
        return outputScale * raw(z);
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(widths.length);
        for (int w : widths) {
            out.writeInt(w);
        }
        for (int j = 0; j < mean.length; j++) {
            out.writeDouble(mean[j]);
            out.writeDouble(std[j]);
        }
        out.writeDouble(outputScale);
        for (int l = 0; l < weights.length; l++) {
            for (double w : weights[l]) {
                out.writeDouble(w);
            }
            for (double b : biases[l]) {
                out.writeDouble(b);
            }
        }
    }

    /** Reads what {@link #write} wrote; {@code activation} is the one stored with the options. */
    static Mlp read(DataInputStream in, String source, Activation activation) throws IOException {
        int n = in.readInt();
        if (n < 2 || n > 64) {
            throw new ModelFormatException(source + " has an invalid network layer count " + n);
        }
        int[] widths = new int[n];
        for (int i = 0; i < n; i++) {
            widths[i] = in.readInt();
            if (widths[i] <= 0 || widths[i] > 1 << 16) {
                throw new ModelFormatException(source + " has an invalid layer width " + widths[i]);
            }
        }
        double[] mean = new double[widths[0]];
        double[] std = new double[widths[0]];
        for (int j = 0; j < mean.length; j++) {
            mean[j] = in.readDouble();
            std[j] = in.readDouble();
        }
        double scale = in.readDouble();
        double[][] weights = new double[n - 1][];
        double[][] biases = new double[n - 1][];
        for (int l = 0; l < n - 1; l++) {
            long count = (long) widths[l] * widths[l + 1];
            if ((count + widths[l + 1]) * Double.BYTES > in.available()) {
                throw new ModelFormatException(source + " has a truncated network at layer " + l);
            }
            weights[l] = new double[(int) count];
            for (int k = 0; k < count; k++) {
                weights[l][k] = in.readDouble();
            }
            biases[l] = new double[widths[l + 1]];
            for (int k = 0; k < widths[l + 1]; k++) {
                biases[l][k] = in.readDouble();
            }
        }
        try {
            return new Mlp(mean, std, widths, weights, biases, scale, activation);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(source + " holds an invalid network: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mlp m && java.util.Arrays.equals(mean, m.mean) && java.util.Arrays.equals(std, m.std)
                && java.util.Arrays.equals(widths, m.widths) && java.util.Arrays.deepEquals(weights, m.weights)
                && java.util.Arrays.deepEquals(biases, m.biases) && Double.compare(outputScale, m.outputScale) == 0
                && activation == m.activation;
    }

    @Override
    public int hashCode() {
        return Objects.hash(java.util.Arrays.hashCode(widths), java.util.Arrays.deepHashCode(weights));
    }
}
