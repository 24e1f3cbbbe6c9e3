package org.industry4.twin.hybrid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The correction network in Java ({@link Mlp#raw}) and in the trainer's SameDiff graph agree. */
class NetworkAgreementTest {

    @ParameterizedTest
    @EnumSource(Activation.class)
    void javaAndSameDiffGiveTheSameNetworkOutput(Activation activation) {
        SplittableRandom random = new SplittableRandom(11 + activation.ordinal());
        int[] widths = {3, 6, 5, 1};
        int layers = widths.length - 1;
        double[][] w = new double[layers][];
        double[][] b = new double[layers][];
        for (int l = 0; l < layers; l++) {
            w[l] = new double[widths[l] * widths[l + 1]];
            for (int i = 0; i < w[l].length; i++) {
                w[l][i] = random.nextDouble(-2, 2);
            }
            b[l] = new double[widths[l + 1]];
            for (int i = 0; i < b[l].length; i++) {
                b[l][i] = random.nextDouble(-1, 1);
            }
        }
        Mlp mlp = new Mlp(new double[3], new double[] {1, 1, 1}, widths, w, b, 1.0, activation);
        // Standardised inputs inside and far outside the usual range (softplus must not overflow).
        int n = 40;
        double[] flat = new double[n * 3];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = i < 3 * 30 ? random.nextDouble(-3, 3) : random.nextDouble(-400, 400);
        }
        SameDiff sd = SameDiff.create();
        List<SDVariable[]> vars = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            vars.add(new SDVariable[] {
                sd.var("w" + l, Nd4j.create(w[l], new long[] {widths[l], widths[l + 1]}, DataType.DOUBLE)),
                sd.var("b" + l, Nd4j.create(b[l], new long[] {1, widths[l + 1]}, DataType.DOUBLE))});
        }
        SDVariable z = sd.placeHolder("z", DataType.DOUBLE, -1, 3);
        SDVariable out = HybridTrainer.network(sd, z, vars, activation);
        INDArray zs = Nd4j.create(flat, new long[] {n, 3}, DataType.DOUBLE);
        INDArray result = sd.output(java.util.Map.of("z", zs), out.name()).get(out.name());
        for (int i = 0; i < n; i++) {
            double[] row = {flat[3 * i], flat[3 * i + 1], flat[3 * i + 2]};
            double java = mlp.raw(row);
            assertEquals(java, result.getDouble(i, 0), 1e-9 * Math.max(1, Math.abs(java)),
                    activation + " row " + i);
        }
        zs.close();
        result.close();
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void theSameDiffGradientsAreFiniteAndMatchTheJavaNetwork(Activation activation) {
        SplittableRandom random = new SplittableRandom(23 + activation.ordinal());
        int[] widths = {2, 4, 1};
        double[][] w = {new double[8], new double[4]};
        double[][] b = {new double[4], new double[1]};
        for (double[] layer : w) {
            for (int i = 0; i < layer.length; i++) {
                layer[i] = random.nextDouble(-1.5, 1.5);
            }
        }
        for (int i = 0; i < 4; i++) {
            b[0][i] = random.nextDouble(-0.5, 0.5);
        }
        // Rows in the usual range and two far outside it.
        double[][] rows = {{0.3, -1.2}, {-0.7, 0.4}, {1.9, 1.1}, {-2.5, 0.2}, {900, -800}, {-600, 700}};
        double[] flat = new double[rows.length * 2];
        for (int i = 0; i < rows.length; i++) {
            flat[2 * i] = rows[i][0];
            flat[2 * i + 1] = rows[i][1];
        }
        SameDiff sd = SameDiff.create();
        List<SDVariable[]> vars = List.of(
                new SDVariable[] {sd.var("w0", Nd4j.create(w[0], new long[] {2, 4}, DataType.DOUBLE)),
                    sd.var("b0", Nd4j.create(b[0], new long[] {1, 4}, DataType.DOUBLE))},
                new SDVariable[] {sd.var("w1", Nd4j.create(w[1], new long[] {4, 1}, DataType.DOUBLE)),
                    sd.var("b1", Nd4j.create(b[1], new long[] {1, 1}, DataType.DOUBLE))});
        SDVariable z = sd.placeHolder("z", DataType.DOUBLE, -1, 2);
        SDVariable loss = HybridTrainer.network(sd, z, vars, activation).sum();
        sd.setLossVariables(loss);
        INDArray zs = Nd4j.create(flat, new long[] {rows.length, 2}, DataType.DOUBLE);
        INDArray grad = sd.calculateGradients(java.util.Map.of("z", zs), "w0").get("w0");
        double h = 1e-6;
        for (int k = 0; k < w[0].length; k++) {
            double[][] plus = {w[0].clone(), w[1]};
            double[][] minus = {w[0].clone(), w[1]};
            plus[0][k] += h;
            minus[0][k] -= h;
            double numeric = (sum(new Mlp(new double[2], new double[] {1, 1}, widths, plus, b, 1.0, activation), rows)
                    - sum(new Mlp(new double[2], new double[] {1, 1}, widths, minus, b, 1.0, activation), rows))
                    / (2 * h);
            double analytic = grad.getDouble(k / 4, k % 4);
            assertTrue(Double.isFinite(analytic), activation + " gradient " + k + " is " + analytic);
            assertEquals(numeric, analytic, 1e-4 * Math.max(1, Math.abs(numeric)), activation + " gradient " + k);
        }
        zs.close();
    }

    private static double sum(Mlp mlp, double[][] rows) {
        double s = 0;
        for (double[] row : rows) {
            s += mlp.raw(row);
        }
        return s;
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void theJavaActivationIsStableAndHasTheDocumentedShape(Activation activation) {
        for (double x : new double[] {-1000, -3, -0.5, 0, 0.5, 3, 1000}) {
            double expected = switch (activation) {
                case TANH -> Math.tanh(x);
                case RELU -> Math.max(x, 0);
                case SOFTPLUS -> Math.abs(x) > 30 ? Math.max(x, 0) : Math.log(1 + Math.exp(x));
            };
            assertEquals(expected, activation.apply(x), 1e-12, activation + " at " + x);
        }
    }
}
