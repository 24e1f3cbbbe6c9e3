package org.industry4.anomaly.autoencoder;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.industry4.core.ModelFormatException;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The DL4J side of the autoencoders: loading ND4J's native backend once, building networks, moving
 * rows in and out of native arrays (always closed after use: with
 * {@code -Dorg.bytedeco.javacpp.nopointergc=true} the garbage collector does not free them), and
 * writing a network as its configuration JSON and its parameters.
 */
final class Networks {

    /** The ND4J data type of every network: double, so saved scores reproduce to 1e-12. */
    static final DataType DATA_TYPE = DataType.DOUBLE;
    /** Rows per native call when scoring many rows, bounding native memory. */
    static final int SCORING_BLOCK = 4096;
    /** Larger configuration or parameter counts in a file are refused as damage. */
    private static final int MAX_JSON_BYTES = 16 << 20;

    private static final Object LOCK = new Object();
    private static String loadFailure;
    private static boolean loaded;

    private Networks() {
    }

    /**
     * Loads ND4J's native backend on first use.
     *
     * @throws IllegalStateException naming the reason when it cannot load (on every later call too)
     */
    static void ensureLoaded() {
        synchronized (LOCK) {
            if (!loaded && loadFailure == null) {
                try {
                    Nd4j.getBackend();
                    Nd4j.scalar(DATA_TYPE, 0.0).close();
                    loaded = true;
                } catch (Throwable t) { // NoClassDefFoundError, UnsatisfiedLinkError, ExceptionInInitializerError
                    loadFailure = t.getClass().getSimpleName() + ": " + t.getMessage();
                }
            }
            if (!loaded) {
                throw new IllegalStateException("ND4J's native backend could not load (the autoencoder needs "
                        + "org.nd4j:nd4j-native with the classifier of this platform, e.g. linux-x86_64): "
                        + loadFailure);
            }
        }
    }

    static Activation activation(AutoencoderOptions.Activation activation) {
        return switch (activation) {
            case TANH -> Activation.TANH;
            case RELU -> Activation.RELU;
            case LEAKY_RELU -> Activation.LEAKYRELU;
            case ELU -> Activation.ELU;
            case SIGMOID -> Activation.SIGMOID;
        };
    }

    /** A dense autoencoder {@code inputs -> encoder... -> latent -> reversed encoder... -> inputs}, initialised. */
    static MultiLayerNetwork dense(int inputs, List<Integer> encoder, int latent, AutoencoderOptions.Activation act,
                                   double learningRate, long seed) {
        Activation hidden = activation(act);
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DATA_TYPE)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(learningRate))
                .list();
        int in = inputs;
        for (int size : encoder) {
            list.layer(new DenseLayer.Builder().nIn(in).nOut(size).activation(hidden).build());
            in = size;
        }
        list.layer(new DenseLayer.Builder().nIn(in).nOut(latent).activation(hidden).build());
        in = latent;
        for (int i = encoder.size() - 1; i >= 0; i--) {
            list.layer(new DenseLayer.Builder().nIn(in).nOut(encoder.get(i)).activation(hidden).build());
            in = encoder.get(i);
        }
        list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(in).nOut(inputs)
                .activation(Activation.IDENTITY).build());
        MultiLayerNetwork network = new MultiLayerNetwork(list.build());
        network.init();
        return network;
    }

    /** A native {@code rows.length x width} matrix of rows {@code from .. to} of {@code rows}, or of all. */
    static INDArray matrix(double[][] rows, int from, int to) {
        int width = rows[from].length;
        double[] flat = new double[(to - from) * width];
        for (int r = from; r < to; r++) {
            System.arraycopy(rows[r], 0, flat, (r - from) * width, width);
        }
        return Nd4j.create(flat, new long[] {to - from, width}, DATA_TYPE);
    }

    /** The network's output for rows {@code from .. to} (scaled space), as Java arrays. */
    static double[][] output(MultiLayerNetwork network, double[][] rows, int from, int to) {
        try (INDArray input = matrix(rows, from, to); INDArray output = network.output(input, false)) {
            return output.toDoubleMatrix();
        }
    }

    /** Mean squared difference of every row and its reconstruction, in blocks of {@link #SCORING_BLOCK}. */
    static double[] meanSquaredErrors(MultiLayerNetwork network, double[][] rows) {
        double[] errors = new double[rows.length];
        for (int from = 0; from < rows.length; from += SCORING_BLOCK) {
            int to = Math.min(rows.length, from + SCORING_BLOCK);
            double[][] out = output(network, rows, from, to);
            for (int r = from; r < to; r++) {
                errors[r] = meanSquaredError(rows[r], out[r - from]);
            }
        }
        return errors;
    }

    static double meanSquaredError(double[] z, double[] reconstruction) {
        double sum = 0;
        for (int j = 0; j < z.length; j++) {
            double e = z[j] - reconstruction[j];
            sum += e * e;
        }
        return sum / z.length;
    }

    /**
     * Writes the network: its configuration as UTF-8 JSON (int length, bytes), then its parameters
     * (int count, doubles). No updater state: a loaded network scores, it does not resume training.
     */
    static void write(MultiLayerNetwork network, DataOutputStream out) throws IOException {
        byte[] json = network.getLayerWiseConfigurations().toJson().getBytes(StandardCharsets.UTF_8);
        out.writeInt(json.length);
        out.write(json);
        double[] params = network.params().toDoubleVector();
        out.writeInt(params.length);
        for (double v : params) {
            out.writeDouble(v);
        }
    }

    /**
     * Reads a network written by {@link #write}. Nothing is left allocated when it fails.
     *
     * @throws ModelFormatException if the configuration does not parse, the parameter count does not
     *                              match it, or a parameter is not finite
     */
    static MultiLayerNetwork read(DataInputStream in, String source) throws IOException {
        int jsonLength = in.readInt();
        if (jsonLength <= 0 || jsonLength > MAX_JSON_BYTES) {
            throw new ModelFormatException(source + " has an invalid network configuration length " + jsonLength);
        }
        if (jsonLength > in.available()) {
            throw new ModelFormatException(source + " is truncated: a network configuration of " + jsonLength
                    + " bytes announced, " + in.available() + " present");
        }
        byte[] json = in.readNBytes(jsonLength);
        MultiLayerConfiguration configuration;
        try {
            configuration = MultiLayerConfiguration.fromJson(new String(json, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new ModelFormatException(source + " has a network configuration DL4J cannot read: "
                    + e.getMessage(), e);
        }
        int count = in.readInt();
        if (count <= 0) {
            throw new ModelFormatException(source + " has an invalid network parameter count " + count);
        }
        if ((long) count * Double.BYTES > in.available()) {
            throw new ModelFormatException(source + " is truncated: " + count + " network parameters announced, "
                    + in.available() / Double.BYTES + " present");
        }
        double[] params = new double[count];
        for (int i = 0; i < count; i++) {
            params[i] = in.readDouble();
            if (!Double.isFinite(params[i])) {
                throw new ModelFormatException(source + " has a non-finite network parameter at index " + i
                        + ": " + params[i]);
            }
        }
        MultiLayerNetwork network = null;
        try {
            network = new MultiLayerNetwork(configuration);
            network.init();
            long expected = network.numParams();
            if (expected != count) {
                throw new ModelFormatException(source + " has " + count + " network parameters, its configuration "
                        + expected);
            }
            try (INDArray values = Nd4j.create(params, new long[] {1, count}, DATA_TYPE)) {
                network.setParams(values);
            }
            MultiLayerNetwork result = network;
            network = null;
            return result;
        } catch (RuntimeException e) {
            throw new ModelFormatException(source + " has a network DL4J cannot build: " + e.getMessage(), e);
        } finally {
            if (network != null) {
                network.close();
            }
        }
    }
}
