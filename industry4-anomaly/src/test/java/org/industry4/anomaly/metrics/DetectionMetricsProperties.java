package org.industry4.anomaly.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class DetectionMetricsProperties {

    @Provide
    Arbitrary<boolean[][]> pairs() {
        return Arbitraries.integers().between(1, 60).flatMap(n -> Arbitraries.of(true, false)
                .array(boolean[].class).ofSize(n).array(boolean[][].class).ofSize(2));
    }

    @Property(tries = 500)
    void ratesLieInTheUnitIntervalAndRecallAndMissedAlarmRateAddUpToOne(@ForAll("pairs") boolean[][] pair) {
        DetectionMetrics m = DetectionMetrics.of(pair[0], pair[1]);
        assertEquals(pair[0].length, m.total());
        for (double rate : new double[] {m.precision(), m.recall(), m.f1(), m.falseAlarmRate(), m.missedAlarmRate(),
                m.accuracy()}) {
            assertTrue(rate >= 0 && rate <= 1, m.toString());
        }
        if (m.truePositives() + m.falseNegatives() > 0) {
            assertEquals(1, m.recall() + m.missedAlarmRate(), 1e-12);
        }
        double p = m.precision();
        double r = m.recall();
        assertEquals(p + r == 0 ? 0 : 2 * p * r / (p + r), m.f1(), 1e-12, "F1 is the harmonic mean");
    }

    @Property(tries = 500)
    void evaluatingTwoSeriesEqualsEvaluatingTheirConcatenation(@ForAll("pairs") boolean[][] a,
                                                               @ForAll("pairs") boolean[][] b) {
        assertEquals(DetectionMetrics.of(concat(a[0], b[0]), concat(a[1], b[1])),
                DetectionMetrics.of(a[0], a[1]).plus(DetectionMetrics.of(b[0], b[1])));
    }

    @Property(tries = 500)
    void eventCountsAreConsistentWithSampleCounts(@ForAll("pairs") boolean[][] pair) {
        DetectionMetrics samples = DetectionMetrics.of(pair[0], pair[1]);
        EventMetrics events = EventMetrics.of(pair[0], pair[1]);
        assertEquals(samples.truePositives() > 0, events.detectedEvents() > 0);
        assertTrue(events.events() <= samples.truePositives() + samples.falseNegatives());
        assertTrue(events.alarms() <= samples.truePositives() + samples.falsePositives());
        assertTrue(events.falseAlarms() <= samples.falsePositives());
    }

    private static boolean[] concat(boolean[] x, boolean[] y) {
        boolean[] out = java.util.Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, out, x.length, y.length);
        return out;
    }
}
