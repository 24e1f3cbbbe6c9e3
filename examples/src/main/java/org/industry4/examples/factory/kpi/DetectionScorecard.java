package org.industry4.examples.factory.kpi;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.industry4.opcua.sim.FaultEvent;

/**
 * Scores a detector's alarms against the simulator's ground truth: which faults it detected, how
 * fast, and how many false alarms it raised. Immutable and thread-safe.
 *
 * <h2>The rule</h2>
 * <ol>
 *   <li>Only faults of {@link ScorecardOptions#countedKinds()} count; the others are ignored: they
 *       need no detection and excuse no alarm.</li>
 *   <li>Detection: the counted faults are taken in time order (ties in input order); each is
 *       matched to the earliest alarm on the same machine, not matched already, whose start lies in
 *       [fault time, fault time + maxDetectionDelay]. Delay = alarm start - fault time. An alarm
 *       that began before the fault does not detect it, even if it is still active; one alarm
 *       detects at most one fault.</li>
 *   <li>Aftermath: a counted fault covers its machine from its time to
 *       {@code fault time + maxDetectionDelay + grace}, and, when repairs are given, on to the
 *       machine's first repair at or after the fault (with repairs given, a fault never repaired
 *       covers the machine to the end of time: it is still broken).</li>
 *   <li>An alarm that detected no fault is a covered alarm if it starts during the aftermath of a
 *       counted fault on its machine, otherwise a false alarm.</li>
 * </ol>
 * False alarms per machine-hour = false alarms / (observed machine time in hours), the machine time
 * being the caller's (machines x observed period). Without repairs a fault that was never repaired
 * is not known to be so, so later alarms on the machine count as false after the grace.
 */
public final class DetectionScorecard {

    private final ScorecardOptions options;

    /**
     * A scorecard with the given options.
     *
     * @param options maximum delay, grace and counted kinds
     */
    public DetectionScorecard(ScorecardOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** A scorecard with the {@linkplain ScorecardOptions#ScorecardOptions() default options}. */
    public DetectionScorecard() {
        this(new ScorecardOptions());
    }

    /** The options in use. */
    public ScorecardOptions options() {
        return options;
    }

    /**
     * Scores alarms without knowing the repairs: each fault covers its machine for
     * {@code maxDetectionDelay + grace}.
     *
     * @param faults the ground truth, e.g. {@code MachineSimulation.groundTruth()}
     * @param alarms the alarms raised
     * @param machineTime observed machine time (&gt; 0), for the false alarm rate
     * @return detections, delays and false alarms
     * @throws IllegalArgumentException if {@code machineTime} is not positive
     */
    public ScorecardResult score(List<FaultEvent> faults, List<RaisedAlarm> alarms, Duration machineTime) {
        return scoreWith(faults, alarms, null, machineTime);
    }

    /**
     * Scores alarms knowing every repair: a fault covers its machine until it is repaired, at least
     * for {@code maxDetectionDelay + grace}.
     *
     * @param faults the ground truth, e.g. {@code MachineSimulation.groundTruth()}
     * @param alarms the alarms raised
     * @param repairs every repair in the observed period
     * @param machineTime observed machine time (&gt; 0), for the false alarm rate
     * @return detections, delays and false alarms
     * @throws IllegalArgumentException if {@code machineTime} is not positive
     */
    public ScorecardResult score(List<FaultEvent> faults, List<RaisedAlarm> alarms, List<Repair> repairs,
            Duration machineTime) {
        Objects.requireNonNull(repairs, "repairs");
        return scoreWith(faults, alarms, repairs, machineTime);
    }

    private ScorecardResult scoreWith(List<FaultEvent> faults, List<RaisedAlarm> alarms, List<Repair> repairs,
            Duration machineTime) {
        Objects.requireNonNull(faults, "faults");
        Objects.requireNonNull(alarms, "alarms");
        Objects.requireNonNull(machineTime, "machineTime");
        if (machineTime.isNegative() || machineTime.isZero()) {
            throw new IllegalArgumentException("machineTime must be > 0, got " + machineTime);
        }
        List<FaultEvent> counted = new ArrayList<>();
        for (FaultEvent f : faults) {
            if (options.countedKinds().contains(Objects.requireNonNull(f, "fault").kind())) {
                counted.add(f);
            }
        }
        counted.sort(Comparator.comparing(FaultEvent::wallTime)); // stable: ties keep input order
        List<RaisedAlarm> sorted = new ArrayList<>(alarms);
        sorted.forEach(a -> Objects.requireNonNull(a, "alarm"));
        sorted.sort(Comparator.comparing(RaisedAlarm::start));
        boolean[] matched = new boolean[sorted.size()];

        List<FaultOutcome> outcomes = new ArrayList<>(counted.size());
        long sumNanos = 0;
        Duration max = null;
        for (FaultEvent f : counted) {
            Instant latest = f.wallTime().plus(options.maxDetectionDelay());
            int hit = -1;
            for (int i = 0; i < sorted.size(); i++) {
                RaisedAlarm a = sorted.get(i);
                if (!matched[i] && a.machineId().equals(f.machineId()) && !a.start().isBefore(f.wallTime())
                        && !a.start().isAfter(latest)) {
                    hit = i;
                    break;
                }
            }
            if (hit < 0) {
                outcomes.add(new FaultOutcome(f, Optional.empty(), Optional.empty()));
            } else {
                matched[hit] = true;
                Duration delay = Duration.between(f.wallTime(), sorted.get(hit).start());
                sumNanos += delay.toNanos();
                max = max == null || delay.compareTo(max) > 0 ? delay : max;
                outcomes.add(new FaultOutcome(f, Optional.of(sorted.get(hit)), Optional.of(delay)));
            }
        }

        List<RaisedAlarm> falseAlarms = new ArrayList<>();
        int covered = 0;
        for (int i = 0; i < sorted.size(); i++) {
            if (matched[i]) {
                continue;
            }
            RaisedAlarm a = sorted.get(i);
            if (covered(a, counted, repairs)) {
                covered++;
            } else {
                falseAlarms.add(a);
            }
        }
        int detected = (int) outcomes.stream().filter(FaultOutcome::detected).count();
        Optional<Duration> mean = detected > 0 ? Optional.of(Duration.ofNanos(sumNanos / detected)) : Optional.empty();
        double hours = machineTime.toNanos() / 3.6e12;
        return new ScorecardResult(outcomes, falseAlarms, counted.size(), detected, counted.size() - detected,
                covered, mean, Optional.ofNullable(max), machineTime, falseAlarms.size() / hours);
    }

    /** Whether the alarm starts in the aftermath of a counted fault on its machine. */
    private boolean covered(RaisedAlarm alarm, List<FaultEvent> counted, List<Repair> repairs) {
        for (FaultEvent f : counted) {
            if (!f.machineId().equals(alarm.machineId()) || alarm.start().isBefore(f.wallTime())) {
                continue;
            }
            Instant end = f.wallTime().plus(options.maxDetectionDelay()).plus(options.grace());
            if (!alarm.start().isAfter(end)) {
                return true;
            }
            if (repairs != null) {
                Instant repaired = firstRepair(f, repairs);
                if (repaired == null || alarm.start().isBefore(repaired)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Instant firstRepair(FaultEvent fault, List<Repair> repairs) {
        Instant first = null;
        for (Repair r : repairs) {
            Objects.requireNonNull(r, "repair");
            if (r.machineId().equals(fault.machineId()) && !r.time().isBefore(fault.wallTime())
                    && (first == null || r.time().isBefore(first))) {
                first = r.time();
            }
        }
        return first;
    }
}
