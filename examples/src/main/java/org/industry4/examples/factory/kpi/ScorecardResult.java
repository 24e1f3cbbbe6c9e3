package org.industry4.examples.factory.kpi;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of a {@link DetectionScorecard}.
 *
 * @param outcomes one per counted fault, in time order
 * @param falseAlarms the alarms that are false alarms, in start order
 * @param faults counted faults
 * @param detected faults detected within the maximum delay
 * @param missed {@code faults - detected}
 * @param coveredAlarms alarms that detected nothing but started during a fault's aftermath (not
 *     false alarms, e.g. a second alarm on a broken machine)
 * @param meanDelay mean detection delay of the detected faults, empty if none was detected
 * @param maxDelay largest detection delay, empty if none was detected
 * @param machineTime observed machine time the false alarm rate refers to
 * @param falseAlarmsPerMachineHour {@code falseAlarms.size() / machineTime in hours}
 */
public record ScorecardResult(
        List<FaultOutcome> outcomes,
        List<RaisedAlarm> falseAlarms,
        int faults,
        int detected,
        int missed,
        int coveredAlarms,
        Optional<Duration> meanDelay,
        Optional<Duration> maxDelay,
        Duration machineTime,
        double falseAlarmsPerMachineHour) {

    /** Copies the lists and checks the counts against them. */
    public ScorecardResult {
        outcomes = List.copyOf(outcomes);
        falseAlarms = List.copyOf(falseAlarms);
        Objects.requireNonNull(meanDelay, "meanDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(machineTime, "machineTime");
        if (faults != outcomes.size() || detected + missed != faults || detected < 0 || missed < 0) {
            throw new IllegalArgumentException("faults (" + faults + ") must equal outcomes (" + outcomes.size()
                    + ") and detected (" + detected + ") + missed (" + missed + ")");
        }
        if (!(Double.isFinite(falseAlarmsPerMachineHour) && falseAlarmsPerMachineHour >= 0)) {
            throw new IllegalArgumentException(
                    "falseAlarmsPerMachineHour must be finite and >= 0, got " + falseAlarmsPerMachineHour);
        }
    }

    /** The number of false alarms. */
    public int falseAlarmCount() {
        return falseAlarms.size();
    }
}
