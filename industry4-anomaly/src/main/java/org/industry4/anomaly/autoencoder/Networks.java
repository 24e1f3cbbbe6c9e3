package org.industry4.anomaly.autoencoder;

import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The DL4J side of the autoencoder, used for training only: loading ND4J's native backend once,
 * building networks, and moving rows into native arrays (always closed after use: with
 * {@code -Dorg.bytedeco.javacpp.nopointergc=true} the garbage collector does not free them).
 */
final class Networks {

    /** The ND4J data type of every network: double, as the Java forward pass that scores. */
    static final DataType DATA_TYPE = DataType.DOUBLE;

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

    /** A native {@code (to - from) x width} matrix of rows {@code from .. to} of {@code rows}. */
    static INDArray matrix(double[][] rows, int from, int to) {
        int width = rows[from].length;
        double[] flat = new double[(to - from) * width];
        for (int r = from; r < to; r++) {
            System.arraycopy(rows[r], 0, flat, (r - from) * width, width);
        }
        return Nd4j.create(flat, new long[] {to - from, width}, DATA_TYPE);
    }
}
