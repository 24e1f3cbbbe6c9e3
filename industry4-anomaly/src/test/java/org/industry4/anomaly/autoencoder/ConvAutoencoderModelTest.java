package org.industry4.anomaly.autoencoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ConvAutoencoderModelTest {

    private static double max(double[] values, int from, int to) {
        return Arrays.stream(values, from, to).max().orElseThrow();
    }

    @Test
    void aBrokenPhaseRelationScoresAboveEveryNormalWindowAndAboveTheThreshold() {
        ConvAutoencoderModel model = PhaseData.shared();
        double[][] normal = PhaseData.normal(400, 99);
        double[] normalScores = model.scoreSeries(normal);
        double[] broken = model.scoreSeries(PhaseData.phaseBreak(normal, 200, 240));
        // Windows 200 .. 224 lie wholly inside the break (window k covers rows k .. k + 15).
        double worstNormal = max(normalScores, 0, normalScores.length);
        for (int k = 200; k <= 224; k++) {
            assertTrue(broken[k] > worstNormal, "window " + k + ": " + broken[k] + " vs " + worstNormal);
            assertTrue(broken[k] > model.threshold(), "window " + k + " above the threshold");
        }
        long alarms = Arrays.stream(normalScores).filter(s -> s > model.threshold()).count();
        assertTrue(alarms <= normalScores.length / 50, alarms + " false alarms in " + normalScores.length);
    }

    @Test
    void aSpikeBurstScoresAboveEveryNormalWindowAndPointsAtItsSensor() {
        ConvAutoencoderModel model = PhaseData.shared();
        double[][] normal = PhaseData.normal(400, 98);
        double[] normalScores = model.scoreSeries(normal);
        double[][] spiked = PhaseData.spikeBurst(normal, 300, 310);
        double[] scores = model.scoreSeries(spiked);
        double worstNormal = max(normalScores, 0, normalScores.length);
        for (int k = 295; k <= 300; k++) {
            assertTrue(scores[k] > worstNormal, "window " + k + ": " + scores[k] + " vs " + worstNormal);
            double[] window = SlidingWindows.window(spiked, k + model.window() - 1, model.window());
            assertTrue(model.isAnomaly(window));
            assertEquals("c", model.topContributor(window));
        }
    }

    @Test
    void contributionsArePerSensorMeanAbsoluteErrorsSummingToTheScore() {
        ConvAutoencoderModel model = PhaseData.shared();
        double[][] series = PhaseData.spikeBurst(PhaseData.normal(60, 5), 20, 30);
        for (int end = model.window() - 1; end < series.length; end += 7) {
            double[] window = SlidingWindows.window(series, end, model.window());
            double[] c = model.contributions(window);
            assertEquals(3, c.length);
            assertEquals(model.score(window), c[0] + c[1] + c[2], 1e-12);
            for (double v : c) {
                assertTrue(v >= 0);
            }
        }
    }

    @Test
    void seriesBatchAndSingleScoresAreIdentical() {
        ConvAutoencoderModel model = PhaseData.shared();
        double[][] series = PhaseData.normal(50, 6);
        double[][] windows = SlidingWindows.windows(series, model.window());
        double[] bySeries = model.scoreSeries(series);
        double[] byBatch = model.scoreAll(windows);
        assertArrayEquals(byBatch, bySeries);
        for (int k = 0; k < windows.length; k++) {
            assertEquals(model.score(windows[k]), byBatch[k]);
        }
        assertEquals(SlidingWindows.schema(PhaseData.SENSORS, 16), model.schema());
    }

    @Test
    void badInputsAreRefusedNamingTheValue() {
        ConvAutoencoderModel model = PhaseData.shared();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.score(new double[47]));
        assertEquals("expected 48 features, got 47", e.getMessage());
        double[] window = new double[48];
        window[4] = Double.NaN;
        e = assertThrows(IllegalArgumentException.class, () -> model.score(window));
        assertTrue(e.getMessage().contains("b[t-14]") && e.getMessage().contains("NaN"), e.getMessage());
        double[][] series = PhaseData.normal(20, 3);
        series[17][2] = Double.POSITIVE_INFINITY;
        e = assertThrows(IllegalArgumentException.class, () -> model.scoreSeries(series));
        assertEquals("row 17: feature c (index 2) must be finite, got Infinity", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> model.scoreSeries(PhaseData.normal(15, 3)));
        assertEquals("a series of 15 rows has no window of 16", e.getMessage());
        assertFalse(model.isAnomaly(SlidingWindows.window(PhaseData.normal(40, 4), 39, 16)));
    }
}
