package org.industry4.anomaly.alarm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;

class AlarmFilterProperties {

    private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");

    @Provide
    Arbitrary<AlarmOptions> options() {
        Arbitrary<Integer> window = Arbitraries.integers().between(1, 6);
        Arbitrary<Double> raise = Arbitraries.doubles().between(0.2, 0.9).ofScale(1);
        Arbitrary<Double> gap = Arbitraries.of(0.0, 0.0, 0.1, 0.3);
        Arbitrary<Integer> clearCount = Arbitraries.integers().between(1, 4);
        Arbitrary<Integer> hold = Arbitraries.of(0, 0, 2, 5);
        return Combinators.combine(window, raise, gap, clearCount, hold, Arbitraries.doubles().between(0, 1))
                .as((n, r, g, m, h, kFraction) -> new AlarmOptions(1 + (int) Math.floor(kFraction * (n - 1) + 0.5), n,
                        r, Math.max(0, r - g), m, Duration.ofSeconds(h)));
    }

    /** Scores on a coarse grid, so ties with the thresholds happen. */
    @Provide
    Arbitrary<double[]> scores() {
        return Arbitraries.doubles().between(0, 1).ofScale(1).array(double[].class).ofMinSize(1).ofMaxSize(80);
    }

    /** Sample times: start at T0, steps of 0 to 3 seconds (equal times allowed). */
    private static Instant[] times(double[] scores) {
        Instant[] times = new Instant[scores.length];
        Instant t = T0;
        for (int i = 0; i < scores.length; i++) {
            times[i] = t;
            t = t.plusSeconds(Math.round(scores[i] * 10) % 4);
        }
        return times;
    }

    private static List<AlarmEvent> events(AlarmOptions options, Instant[] times, double[] scores) {
        AlarmFilter filter = new AlarmFilter(options);
        List<AlarmEvent> events = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            filter.update(times[i], scores[i]).ifPresent(events::add);
        }
        return events;
    }

    /** The runs of consecutive scores above the threshold, as [start, end) index pairs. */
    private static List<int[]> runsAbove(double[] scores, double threshold) {
        List<int[]> runs = new ArrayList<>();
        int i = 0;
        while (i < scores.length) {
            if (scores[i] > threshold) {
                int start = i;
                while (i < scores.length && scores[i] > threshold) {
                    i++;
                }
                runs.add(new int[] {start, i});
            } else {
                i++;
            }
        }
        return runs;
    }

    @Property(tries = 1000)
    void eventsAlternateStartingWithAStart(@ForAll("options") AlarmOptions options, @ForAll("scores") double[] scores) {
        List<AlarmEvent> events = events(options, times(scores), scores);
        for (int i = 0; i < events.size(); i++) {
            if (i % 2 == 0) {
                assertInstanceOf(AlarmStarted.class, events.get(i), "event " + i + " of " + events);
            } else {
                AlarmEnded ended = assertInstanceOf(AlarmEnded.class, events.get(i), "event " + i + " of " + events);
                AlarmStarted started = (AlarmStarted) events.get(i - 1);
                assertEquals(started.time(), ended.startTime());
                assertTrue(ended.peakScore() >= started.score());
                assertTrue(ended.duration().compareTo(options.minActive()) >= 0, "held at least minActive");
            }
        }
    }

    @Property(tries = 1000)
    void thereAreNeverMoreAlarmsThanRunsAboveTheRaiseThreshold(@ForAll("options") AlarmOptions options,
                                                                @ForAll("scores") double[] scores) {
        List<AlarmInterval> alarms = AlarmFilter.intervals(options, times(scores), scores);
        assertTrue(alarms.size() <= runsAbove(scores, options.raiseThreshold()).size());
        for (AlarmInterval alarm : alarms) {
            assertTrue(scores[alarm.startIndex()] > options.raiseThreshold(), "starts at a score above the threshold");
            if (!alarm.ongoing()) {
                assertTrue(scores[alarm.endIndex()] <= options.clearThreshold(), "ends at a score at or below clear");
            }
        }
    }

    @Property(tries = 1000)
    void withOneOfOneAndNoHysteresisTheAlarmsAreTheRunsAboveTheThreshold(
            @ForAll("scores") double[] scores, @ForAll @DoubleRange(min = 0.1, max = 0.9) @Scale(1) double threshold) {
        AlarmOptions plain = new AlarmOptions(1, 1, threshold, threshold, 1, Duration.ZERO);
        List<AlarmInterval> alarms = AlarmFilter.intervals(plain, times(scores), scores);
        List<int[]> runs = runsAbove(scores, threshold);
        assertEquals(runs.size(), alarms.size());
        for (int i = 0; i < runs.size(); i++) {
            assertEquals(runs.get(i)[0], alarms.get(i).startIndex());
            assertEquals(runs.get(i)[1], alarms.get(i).endIndex());
        }
    }

    @Property(tries = 500)
    void theMaskTheIntervalsAndTheStreamAgree(@ForAll("options") AlarmOptions options, @ForAll("scores") double[] scores) {
        Instant[] times = times(scores);
        boolean[] fromIntervals = new boolean[scores.length];
        List<AlarmInterval> alarms = AlarmFilter.intervals(options, times, scores);
        for (AlarmInterval alarm : alarms) {
            for (int i = alarm.startIndex(); i < alarm.endIndex(); i++) {
                fromIntervals[i] = true;
            }
        }
        assertArrayEquals(fromIntervals, AlarmFilter.activeMask(options, times, scores));
        List<AlarmEvent> events = events(options, times, scores);
        int closed = (int) alarms.stream().filter(a -> !a.ongoing()).count();
        assertEquals(alarms.size() + closed, events.size());
        assertTrue(alarms.stream().filter(AlarmInterval::ongoing).count() <= 1);
    }

    @Property(tries = 300)
    void resetMakesAFilterBehaveAsANewOne(@ForAll("options") AlarmOptions options,
                                          @ForAll("scores") double[] first, @ForAll("scores") double[] second) {
        AlarmFilter filter = new AlarmFilter(options);
        Instant[] t1 = times(first);
        for (int i = 0; i < first.length; i++) {
            filter.update(t1[i], first[i]);
        }
        filter.reset();
        Instant[] t2 = times(second);
        List<Optional<AlarmEvent>> reused = new ArrayList<>();
        List<Optional<AlarmEvent>> fresh = new ArrayList<>();
        AlarmFilter other = new AlarmFilter(options);
        for (int i = 0; i < second.length; i++) {
            reused.add(filter.update(t2[i], second[i]));
            fresh.add(other.update(t2[i], second[i]));
        }
        assertEquals(fresh, reused);
    }

    @Property
    void aFilterResumedFromASnapshotAnswersAsTheOriginalWould(@ForAll("options") AlarmOptions options,
                                                             @ForAll("scores") double[] scores,
                                                             @ForAll @DoubleRange(min = 0, max = 1) double cutFraction) {
        Instant[] times = times(scores);
        int cut = (int) Math.floor(cutFraction * scores.length);
        AlarmFilter original = new AlarmFilter(options);
        List<AlarmEvent> expected = new ArrayList<>();
        List<AlarmEvent> resumedEvents = new ArrayList<>();
        AlarmFilter resumed = null;
        for (int i = 0; i < scores.length; i++) {
            if (i == cut) {
                resumed = AlarmFilter.resume(options, original.snapshot());
                assertEquals(original.snapshot(), resumed.snapshot());
            }
            original.update(times[i], scores[i]).ifPresent(expected::add);
            if (resumed != null) {
                resumed.update(times[i], scores[i]).ifPresent(resumedEvents::add);
            }
        }
        int before = 0;
        AlarmFilter replay = new AlarmFilter(options);
        for (int i = 0; i < cut; i++) {
            if (replay.update(times[i], scores[i]).isPresent()) {
                before++;
            }
        }
        assertEquals(expected.subList(before, expected.size()), resumedEvents);
        if (resumed != null) {
            assertEquals(original.isActive(), resumed.isActive());
            assertEquals(original.snapshot(), resumed.snapshot());
        }
    }
}
