package org.industry4.anomaly.alarm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class AlarmFilterTest {

    private static final Instant T0 = Instant.parse("2024-05-01T08:00:00Z");

    private static Instant[] times(int n) {
        Instant[] times = new Instant[n];
        for (int i = 0; i < n; i++) {
            times[i] = T0.plusSeconds(i);
        }
        return times;
    }

    /** Uniform noise in [0, 0.5). */
    private static double[] noise(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            scores[i] = 0.5 * random.nextDouble();
        }
        return scores;
    }

    private static List<AlarmEvent> run(AlarmFilter filter, Instant[] times, double[] scores) {
        List<AlarmEvent> events = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            filter.update(times[i], scores[i]).ifPresent(events::add);
        }
        return events;
    }

    @Test
    void isolatedSpikesInANoisySeriesRaiseNoAlarmWithThreeOfFive() {
        double[] scores = noise(2000, 1);
        for (int i = 3; i < scores.length; i += 3) {
            scores[i] = 0.9 + 0.1 * (i % 7) / 7.0; // a spike every third sample: at most 2 in any 5
        }
        AlarmOptions debounced = AlarmOptions.threshold(0.8).withDebounce(3, 5);
        assertEquals(List.of(), run(new AlarmFilter(debounced), times(scores.length), scores));
        AlarmOptions plain = new AlarmOptions(1, 1, 0.8, 0.8, 1, Duration.ZERO);
        assertEquals(2 * 666, run(new AlarmFilter(plain), times(scores.length), scores).size(),
                "without debouncing every spike starts and ends an alarm");
    }

    @Test
    void aSustainedExcursionRaisesExactlyOneAlarmAndEndsItOnce() {
        double[] scores = noise(300, 2);
        for (int i = 100; i < 160; i++) {
            scores[i] = 0.85 + 0.1 * Math.sin(i); // 0.75..0.95: dips below the raise threshold 0.8 now and then
        }
        scores[130] = 3.5;
        Instant[] times = times(scores.length);
        AlarmOptions options = AlarmOptions.threshold(0.8).withDebounce(3, 5).withClear(0.6, 4);
        List<AlarmEvent> events = run(new AlarmFilter(options), times, scores);
        assertEquals(2, events.size(), events.toString());
        AlarmStarted started = assertInstanceOf(AlarmStarted.class, events.get(0));
        AlarmEnded ended = assertInstanceOf(AlarmEnded.class, events.get(1));
        int firstAbove = 100;
        while (scores[firstAbove] <= 0.8) {
            firstAbove++;
        }
        assertTrue(started.time().isAfter(times[firstAbove]) && started.time().isBefore(times[110]),
                "started at " + started.time());
        // the clear rule needs 4 scores at or below 0.6: samples 160..163, so it ends at 163
        assertEquals(times[163], ended.time());
        assertEquals(started.time(), ended.startTime());
        assertEquals(Duration.between(started.time(), times[163]), ended.duration());
        assertEquals(3.5, ended.peakScore());
        assertEquals(List.of(new AlarmInterval(
                        (int) Duration.between(T0, started.time()).toSeconds(), 163, started.time(), times[163], 3.5, false)),
                AlarmFilter.intervals(options, times, scores));
    }

    @Test
    void hysteresisPreventsChatteringAroundTheThreshold() {
        double[] scores = new double[200];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = i < 20 || i >= 180 ? 0.1 : (i % 2 == 0 ? 0.79 : 0.81); // hovers around 0.8
        }
        Instant[] times = times(scores.length);
        AlarmOptions noHysteresis = new AlarmOptions(1, 1, 0.8, 0.8, 1, Duration.ZERO);
        assertEquals(80, AlarmFilter.intervals(noHysteresis, times, scores).size());
        AlarmOptions hysteresis = new AlarmOptions(1, 1, 0.8, 0.5, 1, Duration.ZERO);
        List<AlarmInterval> alarms = AlarmFilter.intervals(hysteresis, times, scores);
        assertEquals(1, alarms.size());
        assertEquals(21, alarms.get(0).startIndex());
        assertEquals(180, alarms.get(0).endIndex());
    }

    @Test
    void aHoldKeepsAShortAlarmActiveForTheMinimumDuration() {
        double[] scores = noise(60, 3);
        scores[10] = scores[11] = scores[12] = 0.9;
        Instant[] times = times(scores.length);
        AlarmOptions options = AlarmOptions.threshold(0.8).withDebounce(3, 5).withClear(0.8, 1);
        assertEquals(List.of(new AlarmInterval(12, 13, times[12], times[13], 0.9, false)),
                AlarmFilter.intervals(options, times, scores));
        List<AlarmInterval> held = AlarmFilter.intervals(options.withMinActive(Duration.ofSeconds(10)), times, scores);
        assertEquals(List.of(new AlarmInterval(12, 22, times[12], times[22], 0.9, false)), held);
    }

    @Test
    void anAlarmStillActiveAtTheEndOfASeriesIsReportedAsOngoing() {
        double[] scores = {0.1, 0.9, 0.95, 0.2, 1.5};
        Instant[] times = times(scores.length);
        AlarmOptions options = AlarmOptions.threshold(0.5).withDebounce(1, 1).withClear(0.3, 3);
        assertEquals(List.of(new AlarmInterval(1, 5, times[1], times[4], 1.5, true)),
                AlarmFilter.intervals(options, times, scores));
        assertArrayEquals(new boolean[] {false, true, true, true, true}, AlarmFilter.activeMask(options, times, scores));
    }

    @Test
    void aNewAlarmNeedsFreshScoresAfterTheLastOneEnded() {
        // k = 2 of n = 4: after the alarm ends, the two above scores from before it do not count again
        AlarmFilter filter = new AlarmFilter(new AlarmOptions(2, 4, 0.5, 0.5, 1, Duration.ZERO));
        Instant[] t = times(6);
        assertEquals(Optional.empty(), filter.update(t[0], 0.9));
        assertInstanceOf(AlarmStarted.class, filter.update(t[1], 0.9).orElseThrow());
        assertInstanceOf(AlarmEnded.class, filter.update(t[2], 0.1).orElseThrow());
        assertEquals(Optional.empty(), filter.update(t[3], 0.9));
        assertInstanceOf(AlarmStarted.class, filter.update(t[4], 0.9).orElseThrow());
    }

    @Test
    void aNaNScoreOrATimeGoingBackIsRefusedNamingTheTimeAndChangesNothing() {
        AlarmFilter filter = new AlarmFilter(AlarmOptions.threshold(0.5).withDebounce(2, 2));
        filter.update(T0.plusSeconds(5), 0.9);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> filter.update(T0.plusSeconds(6), Double.NaN));
        assertEquals("score at 2024-05-01T08:00:06Z is NaN; an alarm filter needs a score for every sample",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> filter.update(T0.plusSeconds(4), 0.9));
        assertEquals("time 2024-05-01T08:00:04Z is before the previous sample's time 2024-05-01T08:00:05Z",
                e.getMessage());
        assertInstanceOf(AlarmStarted.class, filter.update(T0.plusSeconds(5), 0.9).orElseThrow(),
                "an equal time is accepted, and the refused samples left no trace");
        assertThrows(IllegalArgumentException.class,
                () -> AlarmFilter.intervals(AlarmOptions.threshold(1), times(2), new double[3]));
    }

    @Test
    void resetForgetsTheActiveAlarmAndTheHistory() {
        AlarmFilter filter = new AlarmFilter(AlarmOptions.threshold(0.5).withDebounce(1, 1));
        filter.update(T0.plusSeconds(10), 0.9);
        assertTrue(filter.isActive());
        assertEquals(Optional.of(T0.plusSeconds(10)), filter.activeSince());
        filter.reset();
        assertFalse(filter.isActive());
        assertEquals(Optional.empty(), filter.activeSince());
        assertInstanceOf(AlarmStarted.class, filter.update(T0, 0.9).orElseThrow(), "an earlier time is fine after reset");
    }

    @Test
    void invalidOptionsAreRefusedNamingTheValue() {
        assertEquals("window must be in [1, 1000000], got 0", message(() -> new AlarmOptions(1, 0, 1, 1, 1, Duration.ZERO)));
        assertEquals("raiseCount must be in [1, window = 5], got 6",
                message(() -> new AlarmOptions(6, 5, 1, 1, 1, Duration.ZERO)));
        assertEquals("raiseCount must be in [1, window = 5], got 0",
                message(() -> new AlarmOptions(0, 5, 1, 1, 1, Duration.ZERO)));
        assertEquals("raiseThreshold must be finite, got NaN",
                message(() -> new AlarmOptions(1, 1, Double.NaN, 1, 1, Duration.ZERO)));
        assertEquals("clearThreshold must be finite, got -Infinity",
                message(() -> new AlarmOptions(1, 1, 1, Double.NEGATIVE_INFINITY, 1, Duration.ZERO)));
        assertEquals("clearThreshold must be <= raiseThreshold (0.8), got 0.9",
                message(() -> AlarmOptions.threshold(0.8).withClear(0.9, 3)));
        assertEquals("clearCount must be >= 1, got 0", message(() -> AlarmOptions.threshold(0.8).withClear(0.5, 0)));
        assertEquals("minActive must not be negative, got PT-1S",
                message(() -> AlarmOptions.threshold(0.8).withMinActive(Duration.ofSeconds(-1))));
        assertEquals(new AlarmOptions(3, 5, 0.8, 0.8, 5, Duration.ZERO), AlarmOptions.threshold(0.8));
    }

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void updateAllocatesNothingWhenItReturnsNoEvent() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean tb
                && tb.isThreadAllocatedMemorySupported() && tb.isThreadAllocatedMemoryEnabled(),
                "this JVM does not measure per-thread allocation");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        int n = 200_000;
        Instant[] times = times(n);
        double[] scores = noise(n, 4);
        for (int i = 0; i < n; i += 4) {
            scores[i] = 0.9; // 1 of 4 above: never 3 of 5
        }
        AlarmFilter filter = new AlarmFilter(AlarmOptions.threshold(0.8).withDebounce(3, 5));
        for (int i = 0; i < 20_000; i++) {
            filter.update(times[i], scores[i]);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        int events = 0;
        for (int i = 20_000; i < n; i++) {
            events += filter.update(times[i], scores[i]).isPresent() ? 1 : 0;
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals(0, events);
        // an update that allocated even one small object would take at least 16 bytes a call: 2.9 MB here
        assertTrue(allocated < 100_000, "allocated " + allocated + " bytes in " + (n - 20_000) + " updates");

        // while an alarm is active too
        AlarmFilter active = new AlarmFilter(AlarmOptions.threshold(0.8).withDebounce(1, 1).withClear(0.1, 1));
        active.update(times[0], 0.9);
        for (int i = 1; i < 20_000; i++) {
            active.update(times[i], 0.5);
        }
        before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 20_000; i < n; i++) {
            active.update(times[i], scores[i] + 0.2);
        }
        allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(active.isActive());
        assertTrue(allocated < 100_000, "allocated " + allocated + " bytes in " + (n - 20_000) + " active updates");
    }

    @Test
    void aSnapshotThatDoesNotFitTheOptionsIsRefusedNamingWhat() {
        AlarmFilter filter = new AlarmFilter(AlarmOptions.threshold(0.5));
        filter.update(T0, 0.9);
        AlarmFilter.Snapshot snapshot = filter.snapshot();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AlarmFilter.resume(AlarmOptions.threshold(0.5).withDebounce(2, 7), snapshot));
        assertTrue(e.getMessage().contains("window is 7"), e.getMessage());
        AlarmFilter.Snapshot inconsistent = new AlarmFilter.Snapshot(snapshot.above(), 1, 0, true, T0, null, null, 0.9);
        e = assertThrows(IllegalArgumentException.class,
                () -> AlarmFilter.resume(AlarmOptions.threshold(0.5), inconsistent));
        assertTrue(e.getMessage().contains("start time"), e.getMessage());
    }
}
