package org.industry4.anomaly.spc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.industry4.core.FeatureSchema;
import org.junit.jupiter.api.Test;

class PcaSpcTrainerTest {

    private static final FeatureSchema SCHEMA = SpcTestData.SCHEMA;

    @Test
    void eigenvaluesAreSortedDescendingAndOnStandardisedDataSumToTheFeatureCount() {
        PcaSpcModel model = new PcaSpcTrainer().fit(SpcTestData.normal(1000, 1), SCHEMA);
        double[] eigenvalues = model.eigenvalues();
        double sum = 0;
        for (int i = 0; i < eigenvalues.length; i++) {
            assertTrue(eigenvalues[i] >= 0);
            if (i > 0) {
                assertTrue(eigenvalues[i] <= eigenvalues[i - 1], "eigenvalues must be descending");
            }
            sum += eigenvalues[i];
        }
        assertEquals(SCHEMA.size(), sum, 1e-9, "the trace of a correlation matrix is the feature count");
        // Two latent factors: two large eigenvalues, three at the noise level.
        assertTrue(eigenvalues[1] > 10 * eigenvalues[2], java.util.Arrays.toString(eigenvalues));
    }

    @Test
    void loadingsAreOrthonormalEigenvectorsOfTheTrainingCorrelation() {
        double[][] rows = SpcTestData.normal(1000, 1);
        PcaSpcModel model = new PcaSpcTrainer(new PcaSpcOptions().withComponents(3)).fit(rows, SCHEMA);
        double[][] p = model.loadings();
        double[] mean = model.mean();
        double[] scale = model.scale();
        double[] eigenvalues = model.eigenvalues();
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                double dot = 0;
                for (int j = 0; j < 5; j++) {
                    dot += p[j][a] * p[j][b];
                }
                assertEquals(a == b ? 1 : 0, dot, 1e-12);
            }
            // The variance of the training scores on component a is its eigenvalue.
            double sum = 0;
            double squares = 0;
            for (double[] row : rows) {
                double t = 0;
                for (int j = 0; j < 5; j++) {
                    t += (row[j] - mean[j]) / scale[j] * p[j][a];
                }
                sum += t;
                squares += t * t;
            }
            assertEquals(0, sum / rows.length, 1e-10);
            assertEquals(eigenvalues[a], squares / (rows.length - 1), 1e-10);
        }
        for (int j = 0; j < 5; j++) {
            assertEquals(SpcTestData.OFFSET[j], mean[j], 0.1 * SpcTestData.sd(j));
            assertEquals(SpcTestData.sd(j), scale[j], 0.1 * SpcTestData.sd(j));
        }
    }

    @Test
    void theComponentCountIsTheSmallestThatReachesTheVarianceFraction() {
        double[][] rows = SpcTestData.normal(1000, 1);
        for (double fraction : new double[] {0.3, 0.5, 0.9, 0.95, 0.97, 0.98}) {
            PcaSpcModel model = new PcaSpcTrainer(new PcaSpcOptions().withVarianceFraction(fraction)).fit(rows, SCHEMA);
            double[] eigenvalues = model.eigenvalues();
            double total = 0;
            for (double v : eigenvalues) {
                total += v;
            }
            int k = model.components();
            double kept = 0;
            for (int i = 0; i < k - 1; i++) {
                kept += eigenvalues[i];
            }
            assertTrue(kept < fraction * total, "k - 1 components must not reach " + fraction);
            kept += eigenvalues[k - 1];
            assertTrue(kept >= fraction * total, "k components must reach " + fraction);
            assertEquals(kept / total, model.explainedVariance(), 1e-12);
        }
        assertEquals(2, new PcaSpcTrainer().fit(rows, SCHEMA).components(), "two latent factors explain 95 %");
        assertEquals(4, new PcaSpcTrainer(new PcaSpcOptions().withComponents(4)).fit(rows, SCHEMA).components());
        // Four components explain 98.6 % here: 99 % would need all five and leave Q nothing.
        assertEquals("varianceFraction 0.99 needs all 5 components, which leaves Q no residual space; lower "
                        + "varianceFraction or set components",
                message(() -> new PcaSpcTrainer(new PcaSpcOptions().withVarianceFraction(0.99)).fit(rows, SCHEMA)));
    }

    @Test
    void withoutStandardisingFeaturesAreOnlyCentredAndLargeUnitsDominate() {
        double[][] rows = SpcTestData.normal(1000, 1);
        PcaSpcModel model = new PcaSpcTrainer(new PcaSpcOptions().withStandardise(false)).fit(rows, SCHEMA);
        assertArrayEquals(new double[] {1, 1, 1, 1, 1}, model.scale());
        assertTrue(!model.standardised());
        // flow (5 units a standard unit) dominates the first component.
        double[][] p = model.loadings();
        assertTrue(Math.abs(p[0][0]) > 0.8, "flow loading " + p[0][0]);
    }

    @Test
    void aDegenerateJacksonMudholkarLimitFallsBackToBoxAndStillControlsFalseAlarms() {
        // Independent features with standard deviations 10, 1 and fifty of 0.1414: with one component
        // the residual eigenvalues are 1 and fifty of 0.02, where Jackson-Mudholkar's h0 is negative.
        int p = 52;
        String[] names = new String[p];
        double[] sd = new double[p];
        for (int j = 0; j < p; j++) {
            names[j] = "s" + j;
            sd[j] = j == 0 ? 10 : j == 1 ? 1 : Math.sqrt(0.02);
        }
        FeatureSchema schema = FeatureSchema.of(names);
        SplittableRandom random = new SplittableRandom(7);
        double[][] train = independent(2000, sd, random);
        PcaSpcModel model = new PcaSpcTrainer(new PcaSpcOptions().withComponents(1).withStandardise(false))
                .fit(train, schema);
        assertEquals(QLimitMethod.BOX, model.qLimitMethod());
        double[][] test = independent(5000, sd, random);
        int alarms = 0;
        for (double[] x : test) {
            if (model.statistics(x).qOutOfControl()) {
                alarms++;
            }
        }
        double rate = alarms / 5000.0;
        assertTrue(rate >= 0.003 && rate <= 0.03, "Q false-alarm rate " + rate);
    }

    private static double[][] independent(int n, double[] sd, SplittableRandom random) {
        double[][] rows = new double[n][sd.length];
        for (double[] row : rows) {
            for (int j = 0; j < sd.length; j++) {
                row[j] = sd[j] * SpcTestData.gaussian(random);
            }
        }
        return rows;
    }

    @Test
    void badTrainingDataIsRefusedWithExactMessages() {
        PcaSpcTrainer trainer = new PcaSpcTrainer();
        double[][] rows = SpcTestData.normal(50, 1);

        double[][] shortRow = copy(rows);
        shortRow[7] = new double[4];
        assertEquals("training row 7: expected 5 features, got 4",
                message(() -> trainer.fit(shortRow, SCHEMA)));

        double[][] nan = copy(rows);
        nan[3][2] = Double.NaN;
        assertEquals("training row 3: feature temperature (index 2) must be finite, got NaN",
                message(() -> trainer.fit(nan, SCHEMA)));

        double[][] infinite = copy(rows);
        infinite[0][4] = Double.NEGATIVE_INFINITY;
        assertEquals("training row 0: feature vibration (index 4) must be finite, got -Infinity",
                message(() -> trainer.fit(infinite, SCHEMA)));

        double[][] constant = copy(rows);
        for (double[] row : constant) {
            row[1] = 3.5;
        }
        assertEquals("feature pressure (index 1) is constant in the training data (standard deviation 0.0 around "
                        + "3.5), so it cannot be standardised; drop it or set standardise to false",
                message(() -> trainer.fit(constant, SCHEMA)));

        assertEquals("training data must have at least 3 rows, got 0",
                message(() -> trainer.fit(new double[0][], SCHEMA)));
        assertEquals("training data must have at least 3 rows, got 2",
                message(() -> trainer.fit(SpcTestData.normal(2, 1), SCHEMA)));
        assertEquals("training data must have at least 5 rows for 3 components, got 4",
                message(() -> new PcaSpcTrainer(new PcaSpcOptions().withComponents(3))
                        .fit(SpcTestData.normal(4, 1), SCHEMA)));
        assertEquals("training data must have at least 3 rows for 1 component, got 2",
                message(() -> new PcaSpcTrainer(new PcaSpcOptions().withComponents(1))
                        .fit(SpcTestData.normal(2, 1), SCHEMA)));
        // Three rows span at most two dimensions; 99.9 % of their variance needs both, and then n < k + 2.
        assertEquals("training data must have at least 4 rows for 2 components, got 3",
                message(() -> new PcaSpcTrainer(new PcaSpcOptions().withVarianceFraction(0.999))
                        .fit(SpcTestData.normal(3, 1), SCHEMA)));

        assertEquals("components must be less than the feature count 5 so that Q has a residual space, got 5",
                message(() -> new PcaSpcTrainer(new PcaSpcOptions().withComponents(5)).fit(rows, SCHEMA)));
        assertEquals("PCA process control needs at least 2 features, got 1",
                message(() -> trainer.fit(new double[][] {{1}, {2}, {3}}, FeatureSchema.of("only"))));
        assertEquals("training row 1 is null", message(() -> trainer.fit(new double[][] {rows[0], null, rows[2]},
                SCHEMA)));
    }

    @Test
    void dataWithoutVarianceWhereTheModelNeedsItIsRefusedWithTheReason() {
        // The third feature is the sum of the first two: a 2-dimensional plane in 3 dimensions.
        FeatureSchema schema = FeatureSchema.of("a", "b", "a_plus_b");
        SplittableRandom random = new SplittableRandom(3);
        double[][] rows = new double[200][];
        for (int r = 0; r < rows.length; r++) {
            double a = SpcTestData.gaussian(random);
            double b = SpcTestData.gaussian(random);
            rows[r] = new double[] {a, b, a + b};
        }
        String residual = message(() -> new PcaSpcTrainer(new PcaSpcOptions().withComponents(2)).fit(rows, schema));
        assertTrue(residual.startsWith("the residual space of the 2-component model holds no variance (the "
                + "eigenvalues after component 2 sum to "), residual);
        assertTrue(residual.endsWith("): the training data lie in a 2-dimensional subspace; drop linearly "
                + "dependent features or use fewer components"), residual);

        // Two copies of one feature: a line in the plane, so a second component has no variance.
        FeatureSchema pair = FeatureSchema.of("x", "x_copy", "y");
        double[][] line = new double[200][];
        for (int r = 0; r < line.length; r++) {
            double x = SpcTestData.gaussian(random);
            line[r] = new double[] {x, x, 0.001 * SpcTestData.gaussian(random)};
        }
        PcaSpcModel ok = new PcaSpcTrainer(new PcaSpcOptions().withComponents(1)).fit(line, pair);
        assertEquals(1, ok.components());

        double[][] allConstant = {{1, 2}, {1, 2}, {1, 2}};
        assertEquals("the training data have no variance: every feature is constant",
                message(() -> new PcaSpcTrainer(new PcaSpcOptions().withStandardise(false))
                        .fit(allConstant, FeatureSchema.of("u", "v"))));
    }

    @Test
    void aComponentWithoutVarianceIsRefused() {
        // Two identical features and one more: rank 2, so a third component has no variance.
        FeatureSchema schema = FeatureSchema.of("x", "x_copy", "y", "z");
        SplittableRandom random = new SplittableRandom(5);
        double[][] rows = new double[100][];
        for (int r = 0; r < rows.length; r++) {
            double x = SpcTestData.gaussian(random);
            double y = SpcTestData.gaussian(random);
            rows[r] = new double[] {x, x, y, y};
        }
        String m = message(() -> new PcaSpcTrainer(new PcaSpcOptions().withComponents(3)).fit(rows, schema));
        assertTrue(m.startsWith("component 3 has no variance (eigenvalue "), m);
        assertTrue(m.endsWith("): the training data span fewer than 3 dimensions; use fewer components"), m);
    }

    @Test
    void fittingDoesNotModifyTheRowsAndIsDeterministic() {
        double[][] rows = SpcTestData.normal(300, 9);
        double[][] before = copy(rows);
        PcaSpcModel a = new PcaSpcTrainer().fit(rows, SCHEMA);
        PcaSpcModel b = new PcaSpcTrainer().fit(rows, SCHEMA);
        for (int r = 0; r < rows.length; r++) {
            assertArrayEquals(before[r], rows[r]);
        }
        assertArrayEquals(PcaSpcFile.toEnvelope(a).payload(), PcaSpcFile.toEnvelope(b).payload());
    }

    static double[][] copy(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            out[r] = rows[r].clone();
        }
        return out;
    }

    private static String message(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }
}
