package org.industry4.twin.hybrid;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
