package org.industry4.anomaly.autoencoder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class ConvNetworkTest {

    private static void assertJavaForwardEqualsDl4j(ConvAutoencoderOptions options, int channels) {
        Networks.ensureLoaded();
        SplittableRandom random = new SplittableRandom(11);
        MultiLayerNetwork network = ConvNetwork.dl4j(options, channels, 1234);
        try {
            // Random weights of order 1, so that ReLUs are active and inactive.
            INDArray params = network.params(); // a view of the network's parameters: not closed
            for (long i = 0; i < params.length(); i++) {
                params.putScalar(i, random.nextDouble(-0.5, 0.5));
            }
            ConvNetwork copy = ConvNetwork.copyOf(network, options, channels);
            int batch = 3;
            double[][][] windows = new double[batch][channels][options.window()];
            for (double[][] w : windows) {
                for (double[] c : w) {
                    for (int t = 0; t < c.length; t++) {
                        c[t] = random.nextDouble(-2, 2);
                    }
                }
            }
            try (INDArray x = ConvNetwork.input(windows, new int[] {0, 1, 2}, 0, batch);
                 INDArray y = network.output(x, false)) {
                for (int b = 0; b < batch; b++) {
                    double[][] java = copy.forward(windows[b]);
                    for (int c = 0; c < channels; c++) {
                        for (int t = 0; t < options.window(); t++) {
                            assertEquals(y.getDouble(b, c, 0, t), java[c][t], 1e-9,
                                    "window " + b + ", channel " + c + ", step " + t);
                        }
                    }
                }
            }
        } finally {
            network.close();
        }
    }

    @Test
    void theJavaForwardPassEqualsDl4jsOutputForSkabsArchitecture() {
        assertJavaForwardEqualsDl4j(new ConvAutoencoderOptions().withDropout(0), 8);
    }

    @Test
    void theJavaForwardPassEqualsDl4jsOutputForOddKernelsStridesAndThreeLayers() {
        assertJavaForwardEqualsDl4j(new ConvAutoencoderOptions().withWindow(24).withEncoder(List.of(
                new ConvAutoencoderOptions.ConvLayer(5, 4, 2), new ConvAutoencoderOptions.ConvLayer(3, 3, 3),
                new ConvAutoencoderOptions.ConvLayer(2, 1, 1))), 3);
    }
}
