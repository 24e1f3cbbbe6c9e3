package org.industry4.rul;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The DL4J side of the RUL networks, used for training only: loading ND4J's native backend once,
 * building the network of a {@link RulOptions}, moving windows into native arrays (always closed
 * after use: with {@code -Dorg.bytedeco.javacpp.nopointergc=true} the garbage collector does not
 * free them), and copying the trained weights into the plain-Java {@link RulNetwork}.
 */
final class Dl4j {

    static final DataType DATA_TYPE = DataType.FLOAT;

    private static final Object LOCK = new Object();
    private static String loadFailure;
    private static boolean loaded;

    private Dl4j() {
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
                    Nd4j.scalar(DATA_TYPE, 0f).close();
                    loaded = true;
                } catch (Throwable t) { // NoClassDefFoundError, UnsatisfiedLinkError, ExceptionInInitializerError
                    loadFailure = t.getClass().getSimpleName() + ": " + t.getMessage();
                }
            }
            if (!loaded) {
                throw new IllegalStateException("ND4J's native backend could not load (RUL training needs "
                        + "org.nd4j:nd4j-native with the classifier of this platform, e.g. linux-x86_64): "
                        + loadFailure);
            }
        }
    }

    /** The initialised network of {@code options} over windows of {@code features} columns. */
    static MultiLayerNetwork network(RulOptions options, int features, long seed) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DATA_TYPE)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(options.learningRate()))
                .list();
        Activation denseActivation;
        if (options.architecture() == RulOptions.Architecture.LSTM) {
            int in = features;
            List<Integer> layers = options.layers();
            for (int i = 0; i < layers.size(); i++) {
                LSTM lstm = new LSTM.Builder().nIn(in).nOut(layers.get(i)).activation(Activation.TANH)
                        .gateActivationFunction(Activation.SIGMOID).build();
                list.layer(i == layers.size() - 1 ? new LastTimeStep(lstm) : lstm);
                in = layers.get(i);
            }
            list.setInputType(InputType.recurrent(features, options.window()));
            denseActivation = Activation.RELU;
        } else {
            for (int filters : options.layers()) {
                list.layer(new ConvolutionLayer.Builder(options.kernel(), 1).nOut(filters).stride(1, 1)
                        .convolutionMode(ConvolutionMode.Same).activation(Activation.TANH).build());
            }
            // features as channels of a window x 1 image: a 1-D convolution along time
            list.setInputType(InputType.convolutional(options.window(), 1, features));
            denseActivation = Activation.TANH;
        }
        DenseLayer.Builder dense = new DenseLayer.Builder().nOut(options.dense()).activation(denseActivation);
        if (options.dropout() > 0) {
            dense.dropOut(1 - options.dropout()); // DL4J takes the probability of keeping
        }
        list.layer(dense.build());
        list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(1).activation(Activation.IDENTITY)
                .build());
        MultiLayerNetwork network = new MultiLayerNetwork(list.build());
        network.init();
        return network;
    }

    /**
     * The native input of windows {@code order[from .. to)} of {@code data} (layout {@code [w][t][f]}):
     * {@code [n, features, window]} for the LSTM, {@code [n, features, window, 1]} for the CNN.
     */
    static INDArray input(RulOptions.Architecture architecture, float[] data, int window, int features, int[] order,
                          int from, int to) {
        int size = window * features;
        float[] nft = new float[(to - from) * size];
        for (int k = from; k < to; k++) {
            RulNetwork.transpose(data, order[k] * size, nft, (k - from) * size, window, features);
        }
        long[] shape = architecture == RulOptions.Architecture.CNN
                ? new long[] {to - from, features, window, 1} : new long[] {to - from, features, window};
        return Nd4j.create(nft, shape, 'c');
    }

    /** The labels {@code targets[order[k]]} for {@code k} in {@code [from, to)}, as an {@code n x 1} matrix. */
    static INDArray labels(float[] targets, int[] order, int from, int to) {
        float[] flat = new float[to - from];
        for (int k = from; k < to; k++) {
            flat[k - from] = targets[order[k]];
        }
        return Nd4j.create(flat, new long[] {to - from, 1}, 'c');
    }

    /** A plain-Java copy of the trained {@code network}. */
    static RulNetwork copy(MultiLayerNetwork network, RulOptions options, int features) {
        int count = options.layers().size();
        Layer denseLayer = network.getLayer(count);
        Layer outLayer = network.getLayer(count + 1);
        float[] denseW = floats(denseLayer.getParam("W"));
        float[] denseB = floats(denseLayer.getParam("b"));
        float[] outW = floats(outLayer.getParam("W"));
        float outB = floats(outLayer.getParam("b"))[0];
        boolean lstm = options.architecture() == RulOptions.Architecture.LSTM;
        int headInputs = lstm ? options.layers().get(count - 1) : options.layers().get(count - 1) * options.window();
        DenseHead head = new DenseHead(headInputs, denseW, denseB, outW, outB, lstm);
        if (lstm) {
            List<LstmNetwork.Layer> layers = new ArrayList<>();
            int in = features;
            for (int i = 0; i < count; i++) {
                Layer layer = network.getLayer(i);
                int units = options.layers().get(i);
                layers.add(new LstmNetwork.Layer(in, units, floats(layer.getParam("W")), floats(layer.getParam("RW")),
                        floats(layer.getParam("b"))));
                in = units;
            }
            return new LstmNetwork(options.window(), layers, head);
        }
        List<CnnNetwork.Conv> convs = new ArrayList<>();
        int in = features;
        for (int i = 0; i < count; i++) {
            Layer layer = network.getLayer(i);
            int filters = options.layers().get(i);
            convs.add(new CnnNetwork.Conv(in, filters, options.kernel(), floats(layer.getParam("W")),
                    floats(layer.getParam("b"))));
            in = filters;
        }
        return new CnnNetwork(options.window(), features, convs, head);
    }

    /** The values of {@code array} in row-major order. */
    static float[] floats(INDArray array) {
        try (INDArray c = array.castTo(DATA_TYPE).dup('c')) {
            return c.data().asFloat();
        }
    }
}
