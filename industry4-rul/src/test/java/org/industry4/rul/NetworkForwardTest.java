package org.industry4.rul;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The plain-Java forward passes equal DL4J's output on the networks DL4J initialised (and after training steps). */
class NetworkForwardTest {

    @BeforeAll
    static void load() {
        Dl4j.ensureLoaded();
    }

    @Test
    void stackedLstmMatchesDl4j() {
        RulOptions options = new RulOptions().withWindow(7)
                .withArchitecture(RulOptions.Architecture.LSTM, List.of(5, 4), 3, 6, 0.0);
        assertSame(options, 3);
    }

    @Test
    void singleLayerLstmMatchesDl4j() {
        RulOptions options = new RulOptions().withWindow(4)
                .withArchitecture(RulOptions.Architecture.LSTM, List.of(3), 3, 2, 0.0);
        assertSame(options, 2);
    }

    @Test
    void cnnWithEvenAndOddKernelsMatchesDl4j() {
        for (int kernel : new int[] {3, 4, 10}) {
            RulOptions options = new RulOptions().withWindow(12)
                    .withArchitecture(RulOptions.Architecture.CNN, List.of(3, 2, 1), kernel, 5, 0.0);
            assertSame(options, 4);
        }
    }

    private static void assertSame(RulOptions options, int features) {
        SplittableRandom random = new SplittableRandom(7);
        int n = 9;
        int size = options.window() * features;
        float[] data = new float[n * size];
        float[] targets = new float[n];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (random.nextDouble() * 2 - 1);
        }
        for (int i = 0; i < n; i++) {
            targets[i] = (float) random.nextDouble();
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        MultiLayerNetwork network = Dl4j.network(options, features, 11);
        try (INDArray x = Dl4j.input(options.architecture(), data, options.window(), features, order, 0, n);
             INDArray y = Dl4j.labels(targets, order, 0, n)) {
            for (int step = 0; step < 2; step++) {
                compare(network, x, data, options, features, n, size);
                network.fit(x, y); // moves the weights away from their initial values
            }
            compare(network, x, data, options, features, n, size);
        } finally {
            network.close();
        }
    }

    private static void compare(MultiLayerNetwork network, INDArray x, float[] data, RulOptions options, int features,
                                int n, int size) {
        RulNetwork copy = Dl4j.copy(network, options, features);
        try (INDArray out = network.output(x, false)) {
            float[] expected = Dl4j.floats(out);
            for (int k = 0; k < n; k++) {
                assertEquals(expected[k], copy.output(data, k * size), 1e-5, options.architecture() + " window " + k);
            }
        }
    }
}
