package org.industry4.anomaly.autoencoder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class DenseNetworkTest {

    @Test
    void theJavaForwardPassEqualsDl4jsOutputForEveryActivation() {
        Networks.ensureLoaded();
        SplittableRandom random = new SplittableRandom(5);
        double[][] rows = new double[50][6];
        for (double[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                row[j] = random.nextDouble(-3, 3);
            }
        }
        for (AutoencoderOptions.Activation activation : AutoencoderOptions.Activation.values()) {
            MultiLayerNetwork network = Networks.dense(6, List.of(7, 5), 2, activation, 1e-3, 11);
            try {
                // A few steps so that the biases are not all zero.
                try (INDArray x = Networks.matrix(rows, 0, rows.length)) {
                    for (int i = 0; i < 5; i++) {
                        network.fit(x, x);
                    }
                }
                DenseNetwork copy = DenseNetwork.copyOf(network, activation);
                assertEquals(List.of(7, 5, 2, 5, 7, 6), copy.widths());
                try (INDArray x = Networks.matrix(rows, 0, rows.length); INDArray y = network.output(x, false)) {
                    double[][] expected = y.toDoubleMatrix();
                    for (int r = 0; r < rows.length; r++) {
                        double[] actual = copy.forward(rows[r]);
                        for (int j = 0; j < actual.length; j++) {
                            assertEquals(expected[r][j], actual[j], 1e-12 * (1 + Math.abs(expected[r][j])),
                                    activation + ", row " + r + ", output " + j);
                        }
                    }
                }
            } finally {
                network.close();
            }
        }
    }
}
