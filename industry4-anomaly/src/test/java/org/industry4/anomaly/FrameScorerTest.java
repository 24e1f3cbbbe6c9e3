package org.industry4.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.industry4.anomaly.spc.PcaSpcModel;
import org.industry4.anomaly.spc.PcaSpcOptions;
import org.industry4.anomaly.spc.PcaSpcTrainer;
import org.industry4.core.AlignerOptions;
import org.industry4.core.FeatureSchema;
import org.industry4.core.FrameAligner;
import org.industry4.core.Quality;
import org.industry4.core.Scorer;
import org.industry4.core.SignalId;
import org.industry4.core.TelemetryFrame;
import org.industry4.core.TelemetrySample;
import org.junit.jupiter.api.Test;

class FrameScorerTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** Distance from the origin: a scorer simple enough to check by hand. */
    private static final Scorer NORM = new Scorer() {
        private final FeatureSchema schema = FeatureSchema.of("a", "b");

        @Override
        public FeatureSchema schema() {
            return schema;
        }

        @Override
        public double score(double[] x) {
            Scorer.requireFinite(schema, x);
            return Math.hypot(x[0], x[1]);
        }
    };

    @Test
    void featuresAreFoundByNameInFramesWithMoreSignalsInAnotherOrder() {
        FrameScorer scorer = new FrameScorer(NORM);
        TelemetryFrame frame = new TelemetryFrame(T0, FeatureSchema.of("c", "b", "a"),
                new double[] {100, 4, 3}, new Quality[] {Quality.BAD, Quality.GOOD, Quality.GOOD});
        FrameScore s = scorer.score(frame);
        assertEquals(5.0, s.score().getAsDouble(), 1e-12);
        assertEquals(Quality.GOOD, s.quality());
        assertEquals("", s.reason());
    }

    @Test
    void aBadNeededSignalIsNotScoredAndAnUncertainOneIsMarked() {
        FrameScorer scorer = new FrameScorer(NORM);
        FeatureSchema schema = FeatureSchema.of("a", "b");
        FrameScore bad = scorer.score(new TelemetryFrame(T0, schema, new double[] {1, Double.NaN},
                new Quality[] {Quality.GOOD, Quality.BAD}));
        assertFalse(bad.isScored());
        assertEquals(Quality.BAD, bad.quality());
        assertTrue(bad.reason().startsWith("signal b is BAD"), bad.reason());

        FrameScore uncertain = scorer.score(new TelemetryFrame(T0, schema, new double[] {3, 4},
                new Quality[] {Quality.UNCERTAIN, Quality.GOOD}));
        assertEquals(5.0, uncertain.score().getAsDouble(), 1e-12);
        assertEquals(Quality.UNCERTAIN, uncertain.quality());
        assertEquals("signal a is UNCERTAIN", uncertain.reason());
    }

    @Test
    void aFrameWithoutANeededSignalIsRefusedNamingIt() {
        FrameScorer scorer = new FrameScorer(NORM);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> scorer.score(
                new TelemetryFrame(T0, FeatureSchema.of("a"), new double[] {1}, new Quality[] {Quality.GOOD})));
        assertTrue(e.getMessage().startsWith("frame has no signal b"), e.getMessage());
    }

    @Test
    void alignedFramesOfAStreamAreScoredByAFittedModelAndAnOutageIsNotScored() {
        // Two correlated signals; a PCA-SPC model fitted on them scores aligned frames.
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        double[][] rows = new double[500][];
        for (int i = 0; i < rows.length; i++) {
            double f = random.nextGaussian();
            rows[i] = new double[] {f + 0.05 * random.nextGaussian(), 2 * f + 0.05 * random.nextGaussian(),
                    random.nextGaussian()};
        }
        PcaSpcModel model = new PcaSpcTrainer(new PcaSpcOptions().withComponents(2))
                .fit(rows, FeatureSchema.of("a", "b", "c"));
        List<SignalId> ids = List.of(SignalId.of("a"), SignalId.of("b"), SignalId.of("c"));
        FrameAligner aligner = new FrameAligner(ids, T0, new AlignerOptions(Duration.ofSeconds(1), Duration.ofSeconds(1)));
        for (int s = 0; s < 10; s++) {
            Instant t = T0.plusSeconds(s);
            double f = s % 2 == 0 ? 0.5 : -0.5;
            aligner.offer(TelemetrySample.good(ids.get(0), t, f));
            aligner.offer(TelemetrySample.good(ids.get(1), t, s == 7 ? -2 * f : 2 * f)); // broken correlation at 7 s
            if (s < 4 || s > 5) {                                                       // c silent at 4-5 s
                aligner.offer(TelemetrySample.good(ids.get(2), t, 0.1));
            }
        }
        List<FrameScore> scores = new FrameScorer(model).scoreAll(aligner.advanceTo(T0.plusSeconds(9)));
        assertEquals(10, scores.size());
        assertTrue(scores.get(4).isScored(), "c is held for up to 1 s");
        assertFalse(scores.get(5).isScored(), "c is stale at 5 s: no score");
        assertTrue(scores.get(5).reason().startsWith("signal c is BAD"));
        double broken = scores.get(7).score().getAsDouble();
        for (int s : new int[] {0, 1, 2, 3, 6, 8, 9}) {
            assertTrue(scores.get(s).score().getAsDouble() < 1, "in control at " + s + ": " + scores.get(s));
        }
        assertTrue(broken > 1, "the broken correlation is out of control: " + broken);
    }
}
