package org.industry4.twin.hybrid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The least-squares polish of the network's output layer against a closed-form answer. */
class ParameterFitTest {

    /**
     * With no parameters the polish is a linear least-squares problem in the output layer (the
     * weights on the last hidden layer, then the bias): data rows {@code factor s (h.w + b) / s = y / s}
     * and, for the correction penalty, rows {@code sqrt(penalty) (h.w + b) = 0}. Its answer by QR
     * must equal what Levenberg-Marquardt finds.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0, 0.01, 0.5})
    void thePolishedOutputLayerIsTheLeastSquaresOptimumGivenTheHiddenLayers(double penalty) {
        check(penalty, 0);
    }

    /**
     * With a ridge, one more row per output-layer value: {@code sqrt(ridge n) (w_k - w_trained_k) = 0}
     * (the data rows here are not divided by {@code sqrt(n)}, as the polish's are).
     */
    @ParameterizedTest
    @ValueSource(doubles = {1e-4, 0.1})
    void withARidgeThePolishIsTheRidgeLeastSquaresOptimum(double ridge) {
        check(0.01, ridge);
    }

    private static void check(double penalty, double ridge) {
        SplittableRandom random = new SplittableRandom(3);
        int n = 300;
        int hidden = 5;
        double[][] x = new double[n][];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {random.nextDouble(1, 3), random.nextDouble(-2, 2)};
            y[i] = Math.sin(x[i][1]) * x[i][0] + 0.3 * x[i][1] * x[i][1];
        }
        double[][] weights = {new double[2 * hidden], new double[hidden]};
        double[][] biases = {new double[hidden], new double[] {0.2}};
        for (int k = 0; k < weights[0].length; k++) {
            weights[0][k] = random.nextDouble(-1.5, 1.5);
        }
        for (int k = 0; k < hidden; k++) {
            biases[0][k] = random.nextDouble(-0.5, 0.5);
            weights[1][k] = random.nextDouble(-0.5, 0.5);
        }
        double scale = 1.7;
        Mlp network = new Mlp(new double[] {2, 0}, new double[] {0.6, 1.2}, new int[] {2, hidden, 1}, weights, biases,
                scale, Activation.SOFTPLUS);
        HybridSpec spec = new HybridSpec(List.of("x1", "x2"), "y", Expr.constant(0), List.of(), List.of("x1", "x2"),
                List.of(), Expr.input("x1"));
        HybridOptions options = new HybridOptions().withCorrectionPenalty(penalty);
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }

        ParameterFit.Polished polished = ParameterFit.fitWithOutputLayer(spec, options, network, new double[0], x, y,
                rows, scale, ridge);

        double[][] a = new double[2 * n + hidden + 1][hidden + 1];
        double[] b = new double[2 * n + hidden + 1];
        double[] trained = network.outputLayer();
        for (int k = 0; k <= hidden; k++) {
            a[2 * n + k][k] = Math.sqrt(ridge * n);
            b[2 * n + k] = Math.sqrt(ridge * n) * trained[k];
        }
        for (int i = 0; i < n; i++) {
            double[] h = network.lastHidden(network.standardise(x[i], new int[] {0, 1}));
            for (int k = 0; k <= hidden; k++) {
                double phi = k < hidden ? h[k] : 1;
                a[i][k] = x[i][0] * phi;
                a[n + i][k] = Math.sqrt(penalty) * phi;
            }
            b[i] = y[i] / scale;
        }
        double[] expected = new QRDecomposition(new Array2DRowRealMatrix(a, false)).getSolver()
                .solve(new ArrayRealVector(b, false)).toArray();
        assertArrayEquals(expected, polished.network().outputLayer(), 1e-6);
        assertEquals(0, polished.raw().length);
        for (double[] row : x) {
            double[] z = network.standardise(row, new int[] {0, 1});
            assertArrayEquals(network.lastHidden(z), polished.network().lastHidden(z), 0,
                    "the hidden layers are not touched");
        }
    }
}
