package org.industry4.twin.hybrid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Pure-ML fits of {@code y = x^2} on {@code [0, 1]} with each hidden-layer activation. */
class HybridActivationTest {

    private static final HybridSpec SPEC = HybridSpec.pureMl(List.of("x"), "y");
    private static final HybridOptions OPTIONS = new HybridOptions().withHidden(List.of(16, 16))
            .withEpochs(200, 30).withBatchSize(32).withCorrectionPenalty(0);
    private static final double[][] X = new double[200][];
    private static final double[] Y = new double[X.length];
    private static final Map<Activation, HybridModel> MODELS = new EnumMap<>(Activation.class);

    @TempDir
    Path dir;

    @BeforeAll
    static void fit() {
        for (int i = 0; i < X.length; i++) {
            double x = (i + 0.5) / X.length;
            X[i] = new double[] {x};
            Y[i] = x * x;
        }
        for (Activation a : Activation.values()) {
            MODELS.put(a, new HybridTrainer(OPTIONS.withActivation(a)).fit(SPEC, X, Y));
        }
    }

    private static double rmse(HybridModel model) {
        double s = 0;
        for (int i = 0; i < X.length; i++) {
            double e = model.predict(X[i]) - Y[i];
            s += e * e;
        }
        return Math.sqrt(s / X.length);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void everyActivationLearnsTheParabolaInsideTheData(Activation activation) {
        HybridModel model = MODELS.get(activation);
        assertEquals(activation, model.options().activation());
        // y has a standard deviation of about 0.3; a fit that learned nothing has an RMSE of 0.3.
        double rmse = rmse(model);
        assertTrue(rmse < 0.03, activation + " RMSE " + rmse);
    }

    @Test
    void softplusExtrapolatesBeyondTheDataFarBetterThanTanhAndRelu() {
        for (double x : new double[] {1.5, 2.0}) {
            double tanh = error(Activation.TANH, x);
            double softplus = error(Activation.SOFTPLUS, x);
            double relu = error(Activation.RELU, x);
            System.out.printf("error at x = %.1f: tanh %.4f, softplus %.4f, relu %.4f%n", x, tanh, softplus, relu);
            assertTrue(softplus < 0.5 * tanh, "x = " + x + ": softplus error " + softplus + " vs tanh " + tanh);
            assertTrue(softplus < 0.5 * relu, "x = " + x + ": softplus error " + softplus + " vs relu " + relu);
        }
    }

    @Test
    void farBeyondTheDataReluContinuesLinearlyAndTanhLevelsOff() {
        HybridModel relu = MODELS.get(Activation.RELU);
        double r10 = relu.predict(new double[] {10});
        double r20 = relu.predict(new double[] {20});
        double r30 = relu.predict(new double[] {30});
        assertEquals(r20 - r10, r30 - r20, 1e-9 * Math.abs(r30), "a ReLU network is linear beyond its last kink");
        assertTrue(Math.abs(r30 - r20) > 1e-3, "and not flat: " + r20 + " -> " + r30);
        HybridModel tanh = MODELS.get(Activation.TANH);
        double t1 = tanh.predict(new double[] {1e5});
        double t2 = tanh.predict(new double[] {2e5});
        assertEquals(t1, t2, 1e-9, "a tanh network saturates");
    }

    private static double error(Activation activation, double x) {
        return Math.abs(MODELS.get(activation).predict(new double[] {x}) - x * x);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void aSavedModelLoadsWithIdenticalPredictions(Activation activation) throws IOException {
        HybridModel model = MODELS.get(activation);
        Path file = dir.resolve(activation + ".i4");
        HybridModelFile format = new HybridModelFile();
        format.write(model, file);
        HybridModel loaded = format.read(file);
        assertEquals(model.options(), loaded.options());
        assertEquals(activation, loaded.options().activation());
        double[][] rows = {{-1}, {0}, {0.3}, {1}, {1.5}, {5}};
        for (double[] row : rows) {
            assertEquals(model.predict(row), loaded.predict(row), "x = " + row[0]);
        }
        assertArrayEquals(model.predictAll(X), loaded.predictAll(X));
    }

    @Test
    void theSameSeedGivesTheSameModelWithEachActivation() {
        HybridOptions small = OPTIONS.withEpochs(5, 5).withHidden(List.of(8));
        for (Activation a : List.of(Activation.SOFTPLUS, Activation.RELU)) {
            HybridModel first = new HybridTrainer(small.withActivation(a)).fit(SPEC, X, Y);
            HybridModel second = new HybridTrainer(small.withActivation(a)).fit(SPEC, X, Y);
            HybridModel other = new HybridTrainer(small.withActivation(a).withSeed(43)).fit(SPEC, X, Y);
            assertArrayEquals(first.predictAll(X), second.predictAll(X), a.name());
            assertEquals(first.history(), second.history(), a.name());
            assertFalse(java.util.Arrays.equals(first.predictAll(X), other.predictAll(X)), a.name());
        }
        HybridModel tanh = new HybridTrainer(small).fit(SPEC, X, Y);
        HybridModel softplus = new HybridTrainer(small.withActivation(Activation.SOFTPLUS)).fit(SPEC, X, Y);
        assertFalse(java.util.Arrays.equals(tanh.predictAll(X), softplus.predictAll(X)),
                "the activation changes the model");
    }
}
