package org.industry4.anomaly.autoencoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.industry4.core.FeatureSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class AutoencoderTrainerTest {

    private static final FeatureSchema SCHEMA = ManifoldData.SCHEMA;
    private static final int P = SCHEMA.size();

    /** Small and quick: enough to show determinism and early stopping, not to detect well. */
    private static final AutoencoderOptions QUICK = new AutoencoderOptions().withLayers(List.of(8), 2)
            .withEpochs(15, 5);

    private static void assertMessage(String expected, Executable executable) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, executable);
        assertEquals(expected, e.getMessage());
    }

    @Test
    void obviousOutliersOffTheManifoldScoreAboveEveryInlier() {
        AutoencoderModel model = SharedModel.manifold();
        double[][] fresh = ManifoldData.normal(3000, 2);
        double maxInlier = Arrays.stream(model.scoreAll(fresh)).max().orElseThrow();
        // Half a unit on one sensor: within every sensor's normal range, but off the surface.
        for (int i = 0; i < 400; i++) {
            int feature = i % P;
            double[] outlier = ManifoldData.disturbed(fresh[i], feature, i % 2 == 0 ? 0.5 : -0.5);
            double score = model.score(outlier);
            assertTrue(score > maxInlier, "row " + i + " disturbed on " + SCHEMA.names().get(feature) + " scores "
                    + score + ", not above every inlier (" + maxInlier + ")");
            assertTrue(model.isAnomaly(outlier));
        }
    }

    @Test
    void theFalseAlarmRateOnFreshNormalDataIsNearTheRule() {
        AutoencoderModel model = SharedModel.manifold();
        double[] scores = model.scoreAll(ManifoldData.normal(5000, 3));
        double rate = Arrays.stream(scores).filter(s -> s > model.threshold()).count() / (double) scores.length;
        // 99th percentile of 300 validation errors: the expected rate is 1 %; its sampling spread
        // from 300 validation rows is about +-0.6 %.
        assertTrue(rate > 0.002 && rate < 0.03, "false-alarm rate " + rate);
        for (double[] x : ManifoldData.normal(200, 4)) {
            assertEquals(model.score(x) > model.threshold(), model.isAnomaly(x));
        }
    }

    @Test
    void aTargetFalseAlarmRateIsMetOnFreshNormalData() {
        AutoencoderOptions options = new AutoencoderOptions().withThreshold(ThresholdRule.falseAlarmRate(0.05))
                .withValidation(0.3, AutoencoderOptions.ValidationSplit.RANDOM).withEpochs(60, 10);
        AutoencoderModel model = new AutoencoderTrainer(options).fit(ManifoldData.normal(1000, 5), SCHEMA);
        double[] scores = model.scoreAll(ManifoldData.normal(5000, 6));
        double rate = Arrays.stream(scores).filter(s -> s > model.threshold()).count() / (double) scores.length;
        assertTrue(rate > 0.02 && rate < 0.09, "false-alarm rate " + rate + " for a target of 0.05");
    }

    @Test
    void contributionsPointAtTheDisturbedSensor() {
        AutoencoderModel model = SharedModel.manifold();
        double[][] fresh = ManifoldData.normal(800, 7);
        int perSensor = fresh.length / P;
        int named = 0;
        int[] namedPer = new int[P];
        double[] normalShare = new double[P];
        double[] disturbedShare = new double[P];
        for (int i = 0; i < fresh.length; i++) {
            int feature = i % P;
            double[] x = ManifoldData.disturbed(fresh[i], feature, 1.0);
            if (model.topContributor(x).equals(SCHEMA.names().get(feature))) {
                named++;
                namedPer[feature]++;
            }
            normalShare[feature] += model.contributions(fresh[i])[feature] / perSensor;
            disturbedShare[feature] += model.contributions(x)[feature] / perSensor;
        }
        String detail = "named " + Arrays.toString(namedPer) + " of " + perSensor + " rows per sensor";
        // The disturbed sensor leads in most rows overall, and always for the sensors that depend
        // nonlinearly on the hidden variables (vibration, current, speed, torque).
        assertTrue(named >= 0.75 * fresh.length, detail);
        for (int j = 4; j < P; j++) {
            assertTrue(namedPer[j] >= 0.95 * perSensor, detail);
        }
        // A sensor in the linear span of the others (flow = u, pressure = v, power = u + v,
        // temperature = u - v) is partly explained away: the network moves along the surface,
        // which smears the error onto the sensors that share the latent direction, so temperature
        // leads in only a quarter to a third of its rows (measured). Its own share still rises far
        // above its normal level, for every sensor.
        for (int j = 0; j < P; j++) {
            assertTrue(disturbedShare[j] > 100 * normalShare[j], SCHEMA.names().get(j) + ": mean share "
                    + disturbedShare[j] + " disturbed vs " + normalShare[j] + " normal; " + detail);
        }
    }

    @Test
    void theHistoryRecordsEveryEpochAndTheKeptOne() {
        AutoencoderModel model = SharedModel.manifold();
        TrainingHistory h = model.history();
        assertEquals(300, h.validationRows());
        assertEquals(1200, h.trainingRows());
        List<TrainingHistory.EpochLoss> epochs = h.epochs();
        for (int i = 0; i < epochs.size(); i++) {
            assertEquals(i + 1, epochs.get(i).epoch());
            assertTrue(epochs.get(i).trainLoss() > 0 && epochs.get(i).validationLoss() > 0);
        }
        double best = epochs.stream().mapToDouble(TrainingHistory.EpochLoss::validationLoss).min().orElseThrow();
        assertEquals(best, h.bestValidationLoss());
        assertTrue(epochs.get(0).validationLoss() > 5 * best, "training lowered the validation loss");
        if (h.stoppedEarly()) {
            assertEquals(h.bestEpoch() + model.options().patience(), epochs.size());
        } else {
            assertEquals(model.options().maxEpochs(), epochs.size());
        }
        // The kept network is the best epoch's: its validation loss is below the threshold's percentile.
        assertTrue(h.bestValidationLoss() < model.threshold());
    }

    @Test
    void trainingStopsEarlyAndKeepsTheBestEpoch() {
        AutoencoderOptions options = QUICK.withLearningRate(0.05).withEpochs(300, 3);
        AutoencoderModel model = new AutoencoderTrainer(options).fit(ManifoldData.normal(200, 8), SCHEMA);
        TrainingHistory h = model.history();
        assertTrue(h.stoppedEarly(), "stopped early after " + h.epochs().size() + " epochs");
        assertEquals(h.bestEpoch() + 3, h.epochs().size());
        for (TrainingHistory.EpochLoss e : h.epochs().subList(h.bestEpoch(), h.epochs().size())) {
            assertTrue(e.validationLoss() >= h.bestValidationLoss());
        }
    }

    @Test
    void theSameSeedGivesTheSameModelAndAnotherSeedAnother() {
        double[][] rows = ManifoldData.normal(200, 9);
        double[][] probes = ManifoldData.normal(50, 10);
        AutoencoderModel a = new AutoencoderTrainer(QUICK).fit(rows, SCHEMA);
        AutoencoderModel b = new AutoencoderTrainer(QUICK).fit(rows, SCHEMA);
        AutoencoderModel c = new AutoencoderTrainer(QUICK.withSeed(43)).fit(rows, SCHEMA);
        assertArrayEquals(a.scoreAll(probes), b.scoreAll(probes));
        assertEquals(a.threshold(), b.threshold());
        assertEquals(a.history(), b.history());
        assertFalse(Arrays.equals(a.scoreAll(probes), c.scoreAll(probes)));
        assertNotEquals(a.threshold(), c.threshold());
    }

    @Test
    void theLastSplitHoldsOutTheLastRows() {
        // The first 160 rows have u < 0, the last 40 u > 0: held out last, the validation rows lie in
        // a region the network never saw, so their loss is far above a random hold-out's.
        double[][] rows = ManifoldData.normal(2000, 11);
        double[][] ordered = new double[200][];
        int negative = 0;
        int positive = 160;
        for (double[] row : rows) {
            if (row[0] < 0 && negative < 160) {
                ordered[negative++] = row;
            } else if (row[0] > 0.2 && positive < 200) {
                ordered[positive++] = row;
            }
        }
        AutoencoderOptions options = QUICK.withEpochs(30, 30);
        AutoencoderModel random = new AutoencoderTrainer(options).fit(ordered, SCHEMA);
        AutoencoderModel last = new AutoencoderTrainer(
                options.withValidation(0.2, AutoencoderOptions.ValidationSplit.LAST)).fit(ordered, SCHEMA);
        assertEquals(40, last.history().validationRows());
        assertTrue(last.history().bestValidationLoss() > 3 * random.history().bestValidationLoss(),
                last.history().bestValidationLoss() + " vs " + random.history().bestValidationLoss());
    }

    @Test
    void aRobustScalerCanBeChosen() {
        AutoencoderOptions options = QUICK.withScaler(AutoencoderOptions.ScalerKind.ROBUST);
        AutoencoderModel model = new AutoencoderTrainer(options).fit(ManifoldData.normal(200, 12), SCHEMA);
        assertTrue(model.scaler() instanceof org.industry4.anomaly.scale.RobustScaler);
    }

    @Test
    void badTrainingDataIsRefusedNamingRowFeatureAndValue() {
        AutoencoderTrainer trainer = new AutoencoderTrainer(QUICK);
        double[][] rows = ManifoldData.normal(100, 13);
        assertMessage("training data must have at least 48 rows for validationFraction 0.2 (at least 10 training"
                + " and 10 validation rows), got 0", () -> trainer.fit(new double[0][], SCHEMA));
        assertMessage("training data must have at least 48 rows for validationFraction 0.2 (at least 10 training"
                + " and 10 validation rows), got 47", () -> trainer.fit(Arrays.copyOf(rows, 47), SCHEMA));
        assertMessage("training data must have at least 20 rows for validationFraction 0.5 (at least 10 training"
                + " and 10 validation rows), got 19",
                () -> new AutoencoderTrainer(QUICK.withValidation(0.5, AutoencoderOptions.ValidationSplit.RANDOM))
                        .fit(Arrays.copyOf(rows, 19), SCHEMA));

        double[][] shortRow = rows.clone();
        shortRow[3] = new double[P - 1];
        assertMessage("row 3: expected 8 features, got 7", () -> trainer.fit(shortRow, SCHEMA));

        double[][] nan = rows.clone();
        nan[7] = rows[7].clone();
        nan[7][2] = Double.NaN;
        assertMessage("row 7: feature power (index 2) must be finite, got NaN", () -> trainer.fit(nan, SCHEMA));

        double[][] nullRow = rows.clone();
        nullRow[5] = null;
        assertMessage("row 5 is null", () -> trainer.fit(nullRow, SCHEMA));

        assertMessage("an autoencoder needs at least 2 features, got 1",
                () -> trainer.fit(new double[100][1], FeatureSchema.of("flow")));
        assertMessage("latentSize must be less than the feature count 8, got 8",
                () -> new AutoencoderTrainer(QUICK.withLatentSize(8)).fit(rows, SCHEMA));

        double[][] constant = new double[100][];
        for (int i = 0; i < constant.length; i++) {
            constant[i] = rows[i].clone();
            constant[i][4] = 1.25;
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer.fit(constant, SCHEMA));
        assertTrue(e.getMessage().startsWith("feature vibration (index 4) is constant (1.25) in the training data"),
                e.getMessage());
    }

    @Test
    void badRowsToScoreAreRefusedNamingFeatureAndValue() {
        AutoencoderModel model = SharedModel.manifold();
        assertMessage("expected 8 features, got 7", () -> model.score(new double[7]));
        double[] nan = new double[P];
        nan[2] = Double.NaN;
        assertMessage("feature power (index 2) must be finite, got NaN", () -> model.score(nan));
        assertMessage("feature power (index 2) must be finite, got NaN", () -> model.contributions(nan));
        double[] infinite = new double[P];
        infinite[0] = Double.NEGATIVE_INFINITY;
        assertMessage("feature flow (index 0) must be finite, got -Infinity", () -> model.isAnomaly(infinite));
        assertMessage("row 1: expected 8 features, got 3",
                () -> model.scoreAll(new double[][] {new double[P], new double[3]}));
        assertMessage("row 0: feature power (index 2) must be finite, got NaN",
                () -> model.scoreAll(new double[][] {nan}));
    }
}
