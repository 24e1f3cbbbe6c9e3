package org.industry4.anomaly.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class DetectionMetricsTest {

    private static boolean[] bits(String s) {
        boolean[] b = new boolean[s.length()];
        for (int i = 0; i < b.length; i++) {
            b[i] = s.charAt(i) == '1';
        }
        return b;
    }

    @Test
    void countsAndRatesMatchHandComputedValuesAndSkabsFormulas() {
        //                                    index 0123456789
        DetectionMetrics m = DetectionMetrics.of(bits("1100100011"), bits("1001110000"));
        assertEquals(new DetectionMetrics(2, 3, 3, 2), m);
        assertEquals(10, m.total());
        assertEquals(2.0 / 5, m.precision());
        assertEquals(2.0 / 4, m.recall());
        assertEquals(2.0 / (2 + (2 + 3) / 2.0), m.f1(), 1e-15, "SKAB: TP / (TP + (FN + FP) / 2)");
        assertEquals(4.0 / 9, m.f1(), 1e-15);
        assertEquals(3.0 / (3 + 3), m.falseAlarmRate(), "FP / (FP + TN)");
        assertEquals(2.0 / (2 + 2), m.missedAlarmRate(), "FN / (FN + TP)");
        assertEquals(5.0 / 10, m.accuracy());
        assertEquals("TP=2 FP=3 TN=3 FN=2: F1 0.44, FAR 50.00 %, MAR 50.00 %", m.toString());
    }

    @Test
    void severalSeriesAreEvaluatedByAddingTheirCountsAsSkabDoes() {
        DetectionMetrics a = DetectionMetrics.of(bits("0110"), bits("0111"));
        DetectionMetrics b = DetectionMetrics.of(bits("10000"), bits("00000"));
        DetectionMetrics sum = a.plus(b);
        assertEquals(new DetectionMetrics(2, 1, 5, 1), sum);
        assertEquals(4.0 / (4 + 1 + 1), sum.f1(), 1e-15);
        assertEquals(1.0 / 6, sum.falseAlarmRate(), 1e-15);
        assertEquals(1.0 / 3, sum.missedAlarmRate(), 1e-15);
        assertEquals(0, b.f1(), "no labelled anomalies and one false alarm: F1 is 0");
    }

    @Test
    void theNullAndPerfectDetectorsGiveSkabsBoundaryRows() {
        boolean[] labels = bits("0001111000");
        DetectionMetrics none = DetectionMetrics.of(new boolean[10], labels);
        assertEquals(0, none.f1());
        assertEquals(0, none.falseAlarmRate());
        assertEquals(1, none.missedAlarmRate());
        assertEquals(0, none.precision(), "nothing predicted: precision 0, never NaN");
        DetectionMetrics perfect = DetectionMetrics.of(labels, labels);
        assertEquals(1, perfect.f1());
        assertEquals(0, perfect.falseAlarmRate());
        assertEquals(0, perfect.missedAlarmRate());
        DetectionMetrics allNormal = DetectionMetrics.of(new boolean[4], new boolean[4]);
        assertEquals(0, allNormal.f1());
        assertEquals(0, allNormal.recall());
        assertEquals(0, allNormal.missedAlarmRate());
        assertEquals(1, allNormal.accuracy());
    }

    @Test
    void scoresArePredictedAnomalousAboveTheThreshold() {
        DetectionMetrics m = DetectionMetrics.of(new double[] {0.1, 0.9, 0.5, 0.7}, 0.5, bits("0110"));
        assertEquals(new DetectionMetrics(1, 1, 1, 1), m, "0.5 is not above 0.5: a missed anomaly at index 2");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DetectionMetrics.of(new double[] {0.1, Double.NaN}, 0.5, bits("01")));
        assertEquals("score at index 1 is NaN", e.getMessage());
    }

    @Test
    void mismatchedOrEmptyInputIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DetectionMetrics.of(bits("0101"), bits("010")));
        assertEquals("predictions and labels must have the same length, got 4 and 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DetectionMetrics.of(new boolean[0], new boolean[0]));
        assertEquals("predictions and labels must not be empty", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new DetectionMetrics(1, -1, 0, 0));
        assertEquals("counts must be >= 0, got TP=1 FP=-1 TN=0 FN=0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EventMetrics.of(bits("01"), bits("0")));
    }

    @Test
    void eventsAreRunsOfLabelledSamplesAndAlarmsRunsOfPredictedOnes() {
        //                                      index 0123456789012
        EventMetrics m = EventMetrics.of(bits("0011100001101"), bits("0111001100010"));
        // events [1, 3], [6, 7], [11]: only the first is detected, at index 2 (delay 1)
        // alarms [2, 4] (touches the first event), [9, 10] and [12] (false)
        assertEquals(new EventMetrics(3, 1, 3, 2, 1), m);
        assertEquals(1.0 / 3, m.eventRecall());
        assertEquals(1.0 / 3, m.alarmPrecision());
        assertEquals(OptionalDouble.of(1), m.meanDelay());
        EventMetrics quiet = EventMetrics.of(bits("0000"), bits("0110"));
        assertEquals(new EventMetrics(1, 0, 0, 0, 0), quiet);
        assertEquals(OptionalDouble.empty(), quiet.meanDelay());
        assertEquals(0, quiet.alarmPrecision());
        assertEquals(new EventMetrics(4, 1, 3, 2, 1), m.plus(quiet));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new EventMetrics(1, 2, 0, 0, 0));
        assertEquals("detectedEvents must be <= events (1), got 2", e.getMessage());
    }
}
