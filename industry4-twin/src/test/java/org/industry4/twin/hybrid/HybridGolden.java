package org.industry4.twin.hybrid;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Makes the golden files {@code src/test/resources/golden/hybrid-twin-v<version>.i4} that
 * {@link HybridModelFileTest} reads: {@code growth = k * x * (1 - exp(-t / tau)) + correction(t)}
 * with one inequality penalty and a {@code [4]} network. Run once when a payload version is
 * introduced, then never again for that version:
 * {@code java -cp ... org.industry4.twin.hybrid.HybridGolden industry4-twin/src/test/resources/golden/hybrid-twin-v2.i4 SOFTPLUS}
 * (version 1 was made, with tanh, before the activation existed; version 2 with softplus, so the
 * activation field is not the default; version 3 with softplus and the correction factor {@code x},
 * {@code ... hybrid-twin-v3.i4 SOFTPLUS factor}, as only a model with a factor is written as
 * version 3). It prints the parameters and the predictions of {@link #probes()} for the test's
 * expected values.
 */
final class HybridGolden {

    private HybridGolden() {
    }

    static HybridSpec spec() {
        return spec(Expr.constant(1));
    }

    /** The spec of the version-3 golden file: the correction multiplied by {@code x}. */
    static HybridSpec specWithFactor() {
        return spec(Expr.input("x"));
    }

    private static HybridSpec spec(Expr factor) {
        Expr physics = Expr.param("k").times(Expr.input("x"))
                .times(Expr.constant(1).minus(Expr.input("t").div(Expr.param("tau")).neg().exp()));
        Penalty cap = Penalty.inequality("cap", Expr.input("growth").minus(10), 1.0, new double[][] {{3, 10}, {4, 10}});
        return new HybridSpec(List.of("x", "t"), "growth", physics,
                List.of(new PhysicalParameter("k", 1, 0.1, 5), new PhysicalParameter("tau", 2, 0.5, 10)),
                List.of("t"), List.of(cap), factor);
    }

    static HybridOptions options() {
        return new HybridOptions().withHidden(List.of(4)).withEpochs(20, 20).withBatchSize(16);
    }

    static HybridOptions options(Activation activation) {
        return options().withActivation(activation);
    }

    /** 80 rows: k = 2, tau = 3, plus 0.1 sin(t). */
    static double[][] rows() {
        SplittableRandom random = new SplittableRandom(5);
        double[][] rows = new double[80][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {random.nextDouble(0, 2), random.nextDouble(0, 10)};
        }
        return rows;
    }

    static double[] targets(double[][] rows) {
        double[] y = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            y[i] = 2 * rows[i][0] * (1 - Math.exp(-rows[i][1] / 3)) + 0.1 * Math.sin(rows[i][1]);
        }
        return y;
    }

    static double[][] probes() {
        return new double[][] {{1, 1}, {0.5, 5}, {2, 9}};
    }

    public static void main(String[] args) throws IOException {
        double[][] rows = rows();
        Activation activation = args.length > 1 ? Activation.valueOf(args[1]) : Activation.TANH;
        HybridSpec spec = args.length > 2 && args[2].equals("factor") ? specWithFactor() : spec();
        HybridModel model = new HybridTrainer(options(activation)).fit(spec, rows, targets(rows));
        new HybridModelFile().write(model, Path.of(args[0]));
        System.out.println("parameters " + model.parameters());
        for (double[] probe : probes()) {
            System.out.println(model.predict(probe) + ",");
        }
    }
}
