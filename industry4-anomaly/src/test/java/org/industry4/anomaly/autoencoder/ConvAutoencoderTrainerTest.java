package org.industry4.anomaly.autoencoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConvAutoencoderTrainerTest {

    @Test
    void theSameSeedGivesTheSameModelAndAnotherSeedAnother() {
        ConvAutoencoderOptions options = PhaseData.options().withEpochs(4, 4);
        double[][] rows = PhaseData.normal(120, 2);
        double[][] probe = PhaseData.normal(40, 3);
        ConvAutoencoderModel a = new ConvAutoencoderTrainer(options).fit(rows, PhaseData.SENSORS);
        ConvAutoencoderModel b = new ConvAutoencoderTrainer(options).fit(rows, PhaseData.SENSORS);
        ConvAutoencoderModel c = new ConvAutoencoderTrainer(options.withSeed(8)).fit(rows, PhaseData.SENSORS);
        assertArrayEquals(a.scoreSeries(probe), b.scoreSeries(probe));
        assertEquals(a.threshold(), b.threshold());
        assertTrue(a.scoreSeries(probe)[0] != c.scoreSeries(probe)[0]);
    }

    @Test
    void trainingRecordsItsEpochsAndTheThresholdFollowsTheRule() {
        ConvAutoencoderModel model = PhaseData.shared();
        TrainingHistory history = model.history();
        // 300 rows -> 285 windows; the last 57 validate.
        assertEquals(228, history.trainingRows());
        assertEquals(57, history.validationRows());
        assertTrue(history.bestValidationLoss() < history.epochs().get(0).validationLoss());
        double[] residuals = model.scoreSeries(PhaseData.normal(300, 1));
        double expected = ConvAutoencoderOptions.SKAB_FACTOR * ThresholdRule.percentile(99.9).threshold(residuals);
        assertEquals(expected, model.threshold(), 1e-12 * expected);
    }

    @Test
    void badTrainingDataIsRefusedNamingTheProblem() {
        ConvAutoencoderTrainer trainer = new ConvAutoencoderTrainer(PhaseData.options());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer.fit(PhaseData.normal(30, 1), PhaseData.SENSORS));
        assertEquals("training data must have at least 33 rows for window 16 and validationFraction 0.2 (at least 4"
                + " training and 4 validation windows), got 30", e.getMessage());
        double[][] rows = PhaseData.normal(100, 1);
        rows[50][1] = Double.NaN;
        e = assertThrows(IllegalArgumentException.class, () -> trainer.fit(rows, PhaseData.SENSORS));
        assertEquals("row 50: feature b (index 1) must be finite, got NaN", e.getMessage());
        double[][] constant = PhaseData.normal(100, 1);
        for (double[] row : constant) {
            row[2] = 4;
        }
        e = assertThrows(IllegalArgumentException.class, () -> trainer.fit(constant, PhaseData.SENSORS));
        assertTrue(e.getMessage().contains("c"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> trainer.fit(new double[][] {{1, 2}}, PhaseData.SENSORS));
        assertTrue(e.getMessage().contains("got 1"), e.getMessage());
    }
}
