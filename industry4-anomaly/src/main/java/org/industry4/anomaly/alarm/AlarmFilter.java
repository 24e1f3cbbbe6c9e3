package org.industry4.anomaly.alarm;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a stream of anomaly scores of one signal or asset into alarm start and end events, with
 * k-of-n debouncing to raise and hysteresis to clear (see {@link AlarmOptions} for the rules).
 *
 * <pre>{@code
 * AlarmFilter alarms = new AlarmFilter(AlarmOptions.threshold(0.62).withClear(0.55, 10));
 * for (TelemetryFrame frame : frames) {
 *     alarms.update(frame.time(), model.score(frame.values())).ifPresent(event -> log.info("{}", event));
 * }
 * }</pre>
 *
 * <p>The debouncing window starts empty, and is emptied again whenever an alarm starts, so after an
 * alarm ends a new one needs {@code raiseCount} fresh scores above the raise threshold: alarms
 * cannot chatter. Consequently every alarm starts at a sample above the raise threshold and ends
 * at one at or below the clear threshold, start and end events alternate, and there are never
 * more alarms than runs of scores above the raise threshold.
 *
 * <p><b>Not thread-safe</b>: it holds the state of one stream. Use one filter per signal or asset,
 * fed by one thread at a time (or synchronise around {@link #update}). {@link #update} allocates
 * nothing unless it returns an event.
 */
public final class AlarmFilter {

    private final AlarmOptions options;
    private final boolean[] above;
    private int position;
    private int aboveCount;
    private int belowRun;
    private boolean active;
    private Instant lastTime;
    private Instant startTime;
    private Instant holdUntil;
    private double peak;

    /** A filter with no history and no active alarm. */
    public AlarmFilter(AlarmOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.above = new boolean[options.window()];
    }

    /** The settings of this filter. */
    public AlarmOptions options() {
        return options;
    }

    /**
     * Takes the score of the next sample.
     *
     * @param time  the sample's time; not before the previous sample's time (equal is allowed)
     * @param score the sample's anomaly score; not NaN (infinities compare as usual)
     * @return the alarm event this sample causes, if any
     * @throws IllegalArgumentException naming the time if the score is NaN or the time goes
     *                                  backwards; the filter's state is then unchanged
     */
    public Optional<AlarmEvent> update(Instant time, double score) {
        Objects.requireNonNull(time, "time");
        if (Double.isNaN(score)) {
            throw new IllegalArgumentException("score at " + time + " is NaN; an alarm filter needs a score for"
                    + " every sample");
        }
        if (lastTime != null && time.isBefore(lastTime)) {
            throw new IllegalArgumentException("time " + time + " is before the previous sample's time " + lastTime);
        }
        lastTime = time;
        if (!active) {
            boolean isAbove = score > options.raiseThreshold();
            if (above[position]) {
                aboveCount--;
            }
            above[position] = isAbove;
            if (isAbove) {
                aboveCount++;
            }
            position = position + 1 == above.length ? 0 : position + 1;
            if (aboveCount < options.raiseCount()) {
                return Optional.empty();
            }
            active = true;
            startTime = time;
            holdUntil = plusSaturated(time, options.minActive());
            peak = score;
            belowRun = 0;
            clearWindow();
            return Optional.of(new AlarmStarted(time, score));
        }
        if (score <= options.clearThreshold()) {
            belowRun++;
        } else {
            belowRun = 0;
        }
        if (belowRun >= options.clearCount() && !time.isBefore(holdUntil)) {
            active = false;
            AlarmEnded ended = new AlarmEnded(time, startTime, Duration.between(startTime, time), peak);
            startTime = null;
            holdUntil = null;
            belowRun = 0;
            return Optional.of(ended);
        }
        if (score > peak) {
            peak = score;
        }
        return Optional.empty();
    }

    /** Whether an alarm is active after the last sample. */
    public boolean isActive() {
        return active;
    }

    /** When the active alarm started; empty if none is active. */
    public Optional<Instant> activeSince() {
        return Optional.ofNullable(startTime);
    }

    /** Forgets all history: no active alarm (no end event is emitted), an empty window, any next time accepted. */
    public void reset() {
        clearWindow();
        belowRun = 0;
        active = false;
        lastTime = null;
        startTime = null;
        holdUntil = null;
        peak = 0;
    }

    /**
     * The whole state of this filter, to keep outside the process (a Kafka Streams state store, a
     * checkpoint) and {@linkplain #resume resume} from: a resumed filter answers every later score
     * exactly as this one would.
     */
    public Snapshot snapshot() {
        return new Snapshot(above.clone(), position, belowRun, active, lastTime, startTime, holdUntil, peak);
    }

    /**
     * A filter in the state {@code snapshot} describes.
     *
     * @throws IllegalArgumentException if the snapshot does not fit {@code options} (naming what)
     */
    public static AlarmFilter resume(AlarmOptions options, Snapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        AlarmFilter filter = new AlarmFilter(options);
        if (snapshot.above.length != options.window()) {
            throw new IllegalArgumentException("snapshot window holds " + snapshot.above.length
                    + " scores but the options' window is " + options.window());
        }
        if (snapshot.position < 0 || snapshot.position >= options.window()) {
            throw new IllegalArgumentException("snapshot position must be in [0, " + options.window() + "), got "
                    + snapshot.position);
        }
        if (snapshot.belowRun < 0) {
            throw new IllegalArgumentException("snapshot belowRun must be >= 0, got " + snapshot.belowRun);
        }
        if (snapshot.active != (snapshot.startTime != null) || snapshot.active != (snapshot.holdUntil != null)) {
            throw new IllegalArgumentException("snapshot of an " + (snapshot.active ? "active" : "inactive")
                    + " alarm must " + (snapshot.active ? "" : "not ") + "have a start time and a hold");
        }
        System.arraycopy(snapshot.above, 0, filter.above, 0, filter.above.length);
        for (boolean b : filter.above) {
            if (b) {
                filter.aboveCount++;
            }
        }
        filter.position = snapshot.position;
        filter.belowRun = snapshot.belowRun;
        filter.active = snapshot.active;
        filter.lastTime = snapshot.lastTime;
        filter.startTime = snapshot.startTime;
        filter.holdUntil = snapshot.holdUntil;
        filter.peak = snapshot.peak;
        return filter;
    }

    /**
     * The state of an {@link AlarmFilter}; see {@link #snapshot()}.
     *
     * @param above     per slot of the debouncing window, whether that score was above the raise threshold
     * @param position  the slot the next score goes to
     * @param belowRun  consecutive scores at or below the clear threshold while active
     * @param active    whether an alarm is active
     * @param lastTime  the last sample's time; null before the first
     * @param startTime when the active alarm started; null when none is
     * @param holdUntil the earliest time the active alarm may end; null when none is
     * @param peak      the active alarm's highest score
     */
    public record Snapshot(boolean[] above, int position, int belowRun, boolean active, Instant lastTime,
                           Instant startTime, Instant holdUntil, double peak) {

        public Snapshot {
            Objects.requireNonNull(above, "above");
            above = above.clone();
        }

        @Override
        public boolean[] above() {
            return above.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Snapshot s && Arrays.equals(above, s.above) && position == s.position
                    && belowRun == s.belowRun && active == s.active && Objects.equals(lastTime, s.lastTime)
                    && Objects.equals(startTime, s.startTime) && Objects.equals(holdUntil, s.holdUntil)
                    && Double.compare(peak, s.peak) == 0;
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(above), position, belowRun, active, lastTime, startTime, holdUntil, peak);
        }
    }

    private static Instant plusSaturated(Instant time, Duration duration) {
        try {
            return time.plus(duration);
        } catch (java.time.DateTimeException | ArithmeticException e) {
            return Instant.MAX;
        }
    }

    private void clearWindow() {
        Arrays.fill(above, false);
        aboveCount = 0;
        position = 0;
    }

    /**
     * Runs a fresh filter over a whole series and returns its alarms, the last one marked
     * {@link AlarmInterval#ongoing()} if it had not ended.
     *
     * @throws IllegalArgumentException if the arrays differ in length, or as {@link #update} does
     */
    public static List<AlarmInterval> intervals(AlarmOptions options, Instant[] times, double[] scores) {
        requireSameLength(times, scores);
        AlarmFilter filter = new AlarmFilter(options);
        List<AlarmInterval> out = new ArrayList<>();
        int startIndex = -1;
        for (int i = 0; i < scores.length; i++) {
            Optional<AlarmEvent> event = filter.update(times[i], scores[i]);
            if (event.isPresent()) {
                if (event.get() instanceof AlarmEnded ended) {
                    out.add(new AlarmInterval(startIndex, i, ended.startTime(), ended.time(), ended.peakScore(), false));
                } else {
                    startIndex = i;
                }
            }
        }
        if (filter.active) {
            out.add(new AlarmInterval(startIndex, scores.length, filter.startTime, times[scores.length - 1],
                    filter.peak, true));
        }
        return out;
    }

    /**
     * Runs a fresh filter over a whole series and says, per sample, whether an alarm was active
     * after it: the per-sample predictions that detection metrics compare with labels.
     *
     * @throws IllegalArgumentException if the arrays differ in length, or as {@link #update} does
     */
    public static boolean[] activeMask(AlarmOptions options, Instant[] times, double[] scores) {
        requireSameLength(times, scores);
        AlarmFilter filter = new AlarmFilter(options);
        boolean[] mask = new boolean[scores.length];
        for (int i = 0; i < scores.length; i++) {
            filter.update(times[i], scores[i]);
            mask[i] = filter.active;
        }
        return mask;
    }

    private static void requireSameLength(Instant[] times, double[] scores) {
        Objects.requireNonNull(times, "times");
        Objects.requireNonNull(scores, "scores");
        if (times.length != scores.length) {
            throw new IllegalArgumentException("times and scores must have the same length, got "
                    + times.length + " and " + scores.length);
        }
    }

    @Override
    public String toString() {
        return "AlarmFilter[" + (active ? "active since " + startTime : "inactive") + "]";
    }
}
