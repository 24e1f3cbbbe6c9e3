package org.industry4.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Assertions;

/** Invariants of {@link FrameAligner}, checked against a plain reference on random input. */
class FrameAlignerProperties {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final List<SignalId> SIGNALS = List.of(SignalId.of("a"), SignalId.of("b"), SignalId.of("c"));

    record Case(List<TelemetrySample> samples, long intervalMs, long stalenessMs, long spanMs) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<TelemetrySample> sample = Combinators.combine(
                Arbitraries.integers().between(0, 2),
                Arbitraries.longs().between(-2_000, 20_000),
                Arbitraries.doubles().between(-1e6, 1e6),
                Arbitraries.of(Quality.class)).as((s, ms, v, q) -> new TelemetrySample(SIGNALS.get(s),
                        T0.plusMillis(ms), T0.plusMillis(ms), q == Quality.BAD ? Double.NaN : v, q));
        return Combinators.combine(sample.list().ofMaxSize(60),
                Arbitraries.longs().between(1, 3_000),
                Arbitraries.longs().between(0, 6_000),
                Arbitraries.longs().between(0, 20_000)).as(Case::new);
    }

    @Property
    void frameCountAndTimesFollowTheGrid(@ForAll("cases") Case c) {
        List<TelemetryFrame> frames = align(c, c.samples());
        Assertions.assertEquals(c.spanMs() / c.intervalMs() + 1, frames.size());
        for (int k = 0; k < frames.size(); k++) {
            Assertions.assertEquals(T0.plusMillis(k * c.intervalMs()), frames.get(k).time());
        }
    }

    @Property
    void everyValueIsTheLatestFreshSampleOrBad(@ForAll("cases") Case c) {
        for (TelemetryFrame f : align(c, c.samples())) {
            Quality worst = Quality.GOOD;
            for (int i = 0; i < SIGNALS.size(); i++) {
                TelemetrySample latest = latestAtOrBefore(c.samples(), SIGNALS.get(i), f.time());
                boolean fresh = latest != null && latest.quality() != Quality.BAD
                        && Duration.between(latest.sourceTime(), f.time()).toMillis() <= c.stalenessMs();
                if (fresh) {
                    Assertions.assertEquals(latest.value(), f.value(i));
                    Assertions.assertEquals(latest.quality(), f.quality(i));
                } else {
                    Assertions.assertTrue(Double.isNaN(f.value(i)));
                    Assertions.assertEquals(Quality.BAD, f.quality(i));
                }
                worst = worst.worst(f.quality(i));
            }
            Assertions.assertEquals(worst, f.quality(), "frame quality is the worst signal quality");
        }
    }

    @Property
    void arrivalOrderDoesNotMatter(@ForAll("cases") Case c, @ForAll long seed) {
        // Without ties (same signal, same time) every arrival order must give the same frames.
        List<TelemetrySample> unique = sortedStable(c.samples());
        List<TelemetrySample> shuffled = new ArrayList<>(unique);
        Collections.shuffle(shuffled, new Random(seed));
        Assertions.assertEquals(align(c, unique), align(c, shuffled));
    }

    @Property
    void streamingInStepsEqualsOneBatch(@ForAll("cases") Case c, @ForAll @IntRange(min = 1, max = 7) int steps) {
        List<TelemetrySample> sorted = sortedStable(c.samples());
        FrameAligner aligner = new FrameAligner(SIGNALS, T0, options(c));
        List<TelemetryFrame> streamed = new ArrayList<>();
        int next = 0;
        for (int s = 1; s <= steps; s++) {
            Instant watermark = T0.plusMillis(c.spanMs() * s / steps);
            while (next < sorted.size() && !sorted.get(next).sourceTime().isAfter(watermark)) {
                aligner.offer(sorted.get(next++));
            }
            streamed.addAll(aligner.advanceTo(watermark));
        }
        Assertions.assertEquals(align(c, sorted), streamed);
        Assertions.assertEquals(0, aligner.lateSamples());
    }

    private static List<TelemetryFrame> align(Case c, List<TelemetrySample> samples) {
        return FrameAligner.align(SIGNALS, samples, T0, T0.plusMillis(c.spanMs()), options(c));
    }

    private static AlignerOptions options(Case c) {
        return new AlignerOptions(Duration.ofMillis(c.intervalMs()), Duration.ofMillis(c.stalenessMs()));
    }

    /**
     * Samples with equal signal and time are a tie the aligner breaks by arrival (the later
     * wins); the reference does the same on the time-sorted, otherwise stable order.
     */
    private static List<TelemetrySample> sortedStable(List<TelemetrySample> samples) {
        List<TelemetrySample> copy = new ArrayList<>(samples);
        copy.sort((x, y) -> x.sourceTime().compareTo(y.sourceTime()));
        return dedupeTies(copy);
    }

    private static List<TelemetrySample> dedupeTies(List<TelemetrySample> sorted) {
        // Keep only the last sample per (signal, time) so shuffles cannot change the winner.
        List<TelemetrySample> out = new ArrayList<>();
        for (TelemetrySample s : sorted) {
            out.removeIf(o -> o.signal().equals(s.signal()) && o.sourceTime().equals(s.sourceTime()));
            out.add(s);
        }
        return out;
    }

    private static TelemetrySample latestAtOrBefore(List<TelemetrySample> samples, SignalId signal, Instant t) {
        TelemetrySample best = null;
        for (TelemetrySample s : samples) {
            if (s.signal().equals(signal) && !s.sourceTime().isAfter(t)
                    && (best == null || !s.sourceTime().isBefore(best.sourceTime()))) {
                best = s;
            }
        }
        return best;
    }
}
