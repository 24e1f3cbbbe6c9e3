package org.industry4.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class VocabularyTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void statusCodeSeverityBitsMapToQuality() {
        assertEquals(Quality.GOOD, Quality.fromStatusCode(0L));
        assertEquals(Quality.GOOD, Quality.fromStatusCode(0x00A2_0000L)); // Good_Clamped
        assertEquals(Quality.UNCERTAIN, Quality.fromStatusCode(0x4092_0000L)); // Uncertain_SubNormal
        assertEquals(Quality.BAD, Quality.fromStatusCode(0x8034_0000L)); // Bad_NodeIdUnknown
        assertEquals(Quality.BAD, Quality.fromStatusCode(0xC000_0000L));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Quality.fromStatusCode(-1));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
    }

    @Test
    void worstQualityIsTheLaterConstant() {
        assertEquals(Quality.BAD, Quality.GOOD.worst(Quality.BAD));
        assertEquals(Quality.UNCERTAIN, Quality.UNCERTAIN.worst(Quality.GOOD));
    }

    @Test
    void signalIdRejectsBlankAndPaddedNames() {
        assertThrows(IllegalArgumentException.class, () -> SignalId.of(" "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SignalId.of(" a"));
        assertTrue(e.getMessage().contains("\" a\""), e.getMessage());
        assertEquals("cnc-01/temp", SignalId.of("cnc-01/temp").toString());
    }

    @Test
    void sampleRejectsNonFiniteValuesUnlessBad() {
        SignalId s = SignalId.of("a");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TelemetrySample.good(s, T0, Double.NaN));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new TelemetrySample(s, T0, T0, Double.POSITIVE_INFINITY, Quality.BAD));
        assertTrue(Double.isNaN(TelemetrySample.bad(s, T0, T0).value()));
    }

    @Test
    void schemaRejectsDuplicatesAndNamesTheSizeMismatch() {
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class,
                () -> FeatureSchema.of("a", "b", "a"));
        assertTrue(dup.getMessage().contains("\"a\" appears twice, at index 0 and 2"), dup.getMessage());
        assertThrows(IllegalArgumentException.class, FeatureSchema::of);
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> FeatureSchema.of("a", "b").requireSize(new double[3]));
        assertEquals("expected 2 features, got 3", size.getMessage());
    }

    @Test
    void frameIsImmutableAndReportsItsWorstQuality() {
        double[] values = {1, Double.NaN};
        Quality[] q = {Quality.GOOD, Quality.BAD};
        TelemetryFrame f = new TelemetryFrame(T0, FeatureSchema.of("a", "b"), values, q);
        values[0] = 99;
        q[0] = Quality.BAD;
        assertEquals(1.0, f.value(0));
        assertEquals(Quality.GOOD, f.quality(0));
        assertEquals(Quality.BAD, f.quality());
        assertFalse(f.isComplete());
        f.values()[0] = 42;
        assertEquals(1.0, f.value(0));
        assertThrows(IllegalArgumentException.class, () -> new TelemetryFrame(T0,
                FeatureSchema.of("a"), new double[] {Double.NaN}, new Quality[] {Quality.GOOD}));
    }

    @Test
    void gapMustNotEndBeforeItStarts() {
        assertThrows(IllegalArgumentException.class,
                () -> new TelemetryGap(SignalId.of("a"), T0, T0.minusSeconds(1), "x"));
        assertEquals(Duration.ofSeconds(3),
                new TelemetryGap(SignalId.of("a"), T0, T0.plusSeconds(3), "lost").duration());
    }

    @Test
    void alignerHoldsValuesUpToTheStalenessAndThenMarksThemBad() {
        SignalId a = SignalId.of("a");
        SignalId b = SignalId.of("b");
        AlignerOptions options = new AlignerOptions(Duration.ofSeconds(1), Duration.ofSeconds(2));
        List<TelemetryFrame> frames = FrameAligner.align(List.of(a, b), List.of(
                TelemetrySample.good(a, T0, 1.0),
                TelemetrySample.good(b, T0.plusMillis(500), 10.0),
                new TelemetrySample(a, T0.plusMillis(1500), T0.plusMillis(1500), 2.0, Quality.UNCERTAIN)),
                T0, T0.plusSeconds(4), options);

        assertEquals(5, frames.size());
        // t=0: a=1, b not yet seen.
        assertEquals(1.0, frames.get(0).value(0));
        assertEquals(Quality.BAD, frames.get(0).quality(1));
        assertTrue(Double.isNaN(frames.get(0).value(1)));
        // t=1: a=1, b=10: complete.
        assertArrayEquals(new double[] {1.0, 10.0}, frames.get(1).values());
        assertTrue(frames.get(1).isComplete());
        // t=2: a=2 (uncertain), b=10 held 1.5 s.
        assertEquals(Quality.UNCERTAIN, frames.get(2).quality());
        // t=3: b is 2.5 s old: stale.
        assertEquals(2.0, frames.get(3).value(0));
        assertEquals(Quality.BAD, frames.get(3).quality(1));
        // t=4: a is 2.5 s old too.
        assertEquals(Quality.BAD, frames.get(4).quality(0));
    }

    @Test
    void alignerCountsLateAndForeignSamples() {
        SignalId a = SignalId.of("a");
        FrameAligner aligner = new FrameAligner(List.of(a), T0, AlignerOptions.every(Duration.ofSeconds(1)));
        aligner.offer(TelemetrySample.good(a, T0, 1));
        assertEquals(2, aligner.advanceTo(T0.plusSeconds(1)).size());
        aligner.offer(TelemetrySample.good(a, T0.plusMillis(500), 5)); // frame 1 s already out
        aligner.offer(TelemetrySample.good(SignalId.of("other"), T0, 1));
        assertEquals(1, aligner.lateSamples());
        assertEquals(1, aligner.ignoredSamples());
        List<TelemetryFrame> next = aligner.advanceTo(T0.plusSeconds(2));
        assertEquals(1, next.size());
        assertEquals(5.0, next.get(0).value(0), "late sample still updates later frames");
        assertEquals(T0.plusSeconds(3), aligner.nextFrameTime());
    }

    @Test
    void alignerValidatesItsOptions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AlignerOptions(Duration.ZERO, Duration.ZERO));
        assertEquals("interval must be > 0, got PT0S", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new AlignerOptions(Duration.ofSeconds(1), Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> FrameAligner.align(List.of(SignalId.of("a")),
                List.of(), T0, T0.minusSeconds(1), new AlignerOptions()));
    }
}
