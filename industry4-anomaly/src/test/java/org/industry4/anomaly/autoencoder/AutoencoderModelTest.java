package org.industry4.anomaly.autoencoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AutoencoderModelTest {

    @Test
    void theScoreIsTheMeanSquaredErrorOfTheScaledReconstruction() {
        AutoencoderModel model = SharedModel.manifold();
        for (double[] x : ManifoldData.normal(20, 20)) {
            double[] z = model.scaler().transform(x);
            double[] r = model.scaler().transform(model.reconstruct(x));
            double sum = 0;
            for (int j = 0; j < z.length; j++) {
                sum += (z[j] - r[j]) * (z[j] - r[j]);
            }
            assertEquals(sum / z.length, model.score(x), 1e-9 * (1 + sum));
        }
    }

    @Test
    void contributionsAreNonNegativeAndSumToTheScore() {
        AutoencoderModel model = SharedModel.manifold();
        for (double[] x : ManifoldData.normal(50, 21)) {
            double[] probe = ManifoldData.disturbed(x, 3, 0.7);
            double[] c = model.contributions(probe);
            assertEquals(ManifoldData.SCHEMA.size(), c.length);
            double sum = 0;
            for (double v : c) {
                assertTrue(v >= 0);
                sum += v;
            }
            assertEquals(model.score(probe), sum, 1e-12 * sum);
        }
    }

    @Test
    void normalRowsAreReconstructedCloseToTheirValues() {
        AutoencoderModel model = SharedModel.manifold();
        for (double[] x : ManifoldData.normal(50, 22)) {
            double[] r = model.reconstruct(x);
            for (int j = 0; j < x.length; j++) {
                assertEquals(x[j], r[j], 0.2, "feature " + j);
            }
        }
    }

    @Test
    void batchScoresEqualSingleScores() {
        AutoencoderModel model = SharedModel.manifold();
        double[][] rows = ManifoldData.normal(300, 23);
        double[] batch = model.scoreAll(rows);
        for (int i = 0; i < rows.length; i++) {
            assertEquals(model.score(rows[i]), batch[i]);
        }
        assertEquals(0, model.scoreAll(new double[0][]).length);
    }

    @Test
    void manyThreadsMayScoreOneModelAndGetTheSerialScores() throws Exception {
        AutoencoderModel model = SharedModel.manifold();
        double[][] rows = ManifoldData.normal(400, 24);
        double[] serial = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            serial[i] = model.score(rows[i]);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[]>> parts = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int from = t * 100;
                parts.add(pool.submit(() -> {
                    double[] out = new double[100];
                    for (int i = 0; i < 100; i++) {
                        out[i] = model.score(rows[from + i]);
                        model.contributions(rows[from + i]);
                    }
                    return out;
                }));
            }
            for (int t = 0; t < 4; t++) {
                double[] part = parts.get(t).get(60, TimeUnit.SECONDS);
                for (int i = 0; i < 100; i++) {
                    assertEquals(serial[t * 100 + i], part[i], "row " + (t * 100 + i));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void toStringDescribesTheNetwork() {
        AutoencoderModel model = SharedModel.manifold();
        String s = model.toString();
        assertTrue(s.startsWith("AutoencoderModel[features=8, layers=8-32-16-2-16-32-8, activation=ELU, threshold="),
                s);
    }
}
