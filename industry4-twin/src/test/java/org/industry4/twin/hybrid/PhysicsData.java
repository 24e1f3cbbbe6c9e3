package org.industry4.twin.hybrid;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Generated data for the hybrid tests: {@code y = a * x1 + b * exp(-x2 / c)} with
 * {@code a = 2, b = 3, c = 1.5}, optionally plus an effect {@code 0.3 * sin(x3)} the physics lacks,
 * and small noise. Inputs {@code x1..x5}; x4 and x5 are irrelevant.
 */
final class PhysicsData {

    static final double A = 2.0;
    static final double B = 3.0;
    static final double C = 1.5;
    static final List<String> INPUTS = List.of("x1", "x2", "x3", "x4", "x5");

    final double[][] x;
    final double[] y;

    private PhysicsData(double[][] x, double[] y) {
        this.x = x;
        this.y = y;
    }

    static double truth(double[] row, boolean unmodelled) {
        double v = A * row[0] + B * Math.exp(-row[1] / C);
        return unmodelled ? v + 0.3 * Math.sin(row[2]) : v;
    }

    static PhysicsData generate(int n, boolean unmodelled, double noise, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[n][];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {random.nextDouble(0, 2), random.nextDouble(0, 4), random.nextDouble(-3, 3),
                random.nextDouble(-1, 1), random.nextDouble(-1, 1)};
            y[i] = truth(x[i], unmodelled) + noise * gaussian(random);
        }
        return new PhysicsData(x, y);
    }

    static double gaussian(SplittableRandom random) {
        double u = random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    static Expr physics() {
        return Expr.param("a").times(Expr.input("x1"))
                .plus(Expr.param("b").times(Expr.input("x2").div(Expr.param("c")).neg().exp()));
    }

    static List<PhysicalParameter> parameters() {
        return List.of(new PhysicalParameter("a", 1.0, 0.1, 5.0), new PhysicalParameter("b", 2.0, 0.1, 6.0),
                new PhysicalParameter("c", 1.0, 0.2, 4.0));
    }

    static HybridSpec spec(List<String> correctionInputs) {
        return new HybridSpec(INPUTS, "y", physics(), parameters(), correctionInputs, List.of());
    }

    static double rmse(HybridModel model, PhysicsData data, boolean unmodelled) {
        double s = 0;
        for (double[] row : data.x) {
            double e = model.predict(row) - truth(row, unmodelled);
            s += e * e;
        }
        return Math.sqrt(s / data.x.length);
    }
}
