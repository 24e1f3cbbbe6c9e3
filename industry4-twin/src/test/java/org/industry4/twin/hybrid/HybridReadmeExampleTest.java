package org.industry4.twin.hybrid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "Hybrid models" snippet, as written there, on generated data. */
class HybridReadmeExampleTest {

    @TempDir
    Path dir;

    @Test
    void theReadmeSnippetRuns() throws IOException {
        SplittableRandom random = new SplittableRandom(12);
        double[][] x = new double[300][];
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double length = random.nextDouble(100, 400);
            double dT = random.nextDouble(0, 30);
            double t = random.nextDouble(0, 600);
            double speed = random.nextDouble(0, 12000);
            x[i] = new double[] {length, dT, t, speed};
            y[i] = 1.2e-5 * length * dT * (1 - Math.exp(-t / 60)) + 1e-3 * speed / 12000;
        }
        double[] row = x[0];
        Path file = dir.resolve("spindle-growth.i4");
        // --- README snippet, with the options cut to a few epochs and the file in a temporary folder ---
        Expr physics = Expr.param("alpha").times(Expr.input("length")).times(Expr.input("dT"))
                .times(Expr.constant(1).minus(Expr.input("t").div(Expr.param("tau")).neg().exp()));
        HybridSpec spec = new HybridSpec(
                List.of("length", "dT", "t", "speed"), "growth", physics,
                List.of(new PhysicalParameter("alpha", 1.0e-5, 1.0e-6, 5.0e-5),
                        new PhysicalParameter("tau", 20, 1, 200)),
                List.of("speed", "t"),
                List.of(Penalty.inequality("tolerance", Expr.input("growth").minus(0.05), 10.0,
                        new double[][] {{400, 30, 600, 12000}})));
        HybridModel model = new HybridTrainer(new HybridOptions().withEpochs(5, 5)).fit(spec, x, y);
        double predicted = model.predict(row);
        double alpha = model.parameter("alpha");
        new HybridModelFile().write(model, file);
        // --- end of snippet ---
        assertEquals(model.physics(row) + model.correction(row), predicted, 0.0);
        assertTrue(alpha > 1.0e-6 && alpha < 5.0e-5);
        assertTrue(Files.size(file) > 0);
        assertEquals(predicted, new HybridModelFile().read(file).predict(row));
    }
}
