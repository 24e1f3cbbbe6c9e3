package org.industry4.examples.factory.kpi;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Key performance indicators of one machine (or, in {@link PlantKpis#plant()}, of the whole plant)
 * over a window [from, to). See {@link KpiCalculator} for how the times and counts are measured.
 *
 * <p>Times: {@code window = planned + operatorStops + noData} and
 * {@code planned = runTime + unplannedDowntime}. Ratios, each in [0, 1], never NaN:
 * <ul>
 *   <li>{@code availability = runTime / planned}; 0 when nothing was planned;</li>
 *   <li>{@code performance = min(1, idealCycleTime * partsTotal / runTime)}; 0 without run time;</li>
 *   <li>{@code quality = partsGood / partsTotal}; 1 when no part was made (none was defective;
 *       OEE is 0 then anyway, through performance);</li>
 *   <li>{@code oee = availability * performance * quality};</li>
 *   <li>{@code fpy} (first-pass yield) {@code = parts good at their first inspection / partsTotal};
 *       quality also counts a reworked part that passed later as good. The demo has no rework and
 *       inspects every part once, so here {@code fpy == quality}.</li>
 * </ul>
 * Reliability: {@code mtbf = runTime / failures}, {@code mttr = (sum of the durations of the ALARM
 * episodes that began in the window) / failures}, both empty without failures.
 * Energy: {@code energyPerGoodPartKwh = energyKwh / partsGood}, empty without good parts.
 *
 * @param machineId the machine, e.g. {@code cnc-01}, or {@value PlantKpis#PLANT_ID}
 * @param planned planned production time: the window less operator stops and time without data
 * @param runTime time producing: states IDLE (loading between parts) and RUNNING
 * @param unplannedDowntime time in ALARM
 * @param operatorStops time STOPPED by the operator: planned stops, not in {@code planned}
 * @param noData time before the machine's first state sample, state unknown: not in {@code planned}
 * @param availability run time / planned time
 * @param performance ideal cycle time x parts / run time, capped at 1
 * @param quality good parts / parts
 * @param oee availability x performance x quality
 * @param fpy first-pass yield: parts good at their first inspection / parts
 * @param partsTotal parts finished in the window (increments of the part counter)
 * @param partsGood parts not reported defective
 * @param failures ALARM episodes that began in the window
 * @param mtbf mean time between failures: run time / failures
 * @param mttr mean time to repair: mean duration of the ALARM episodes that began in the window
 * @param openAlarmAtEnd whether one of those episodes was still open at the window end; it is
 *     counted up to the end, so {@code mttr} is then a lower bound
 * @param energyKwh electrical energy, kWh: spindle drive from the motor current plus base load
 * @param energyPerGoodPartKwh energy / good parts, kWh
 */
public record MachineKpis(
        String machineId,
        Duration planned,
        Duration runTime,
        Duration unplannedDowntime,
        Duration operatorStops,
        Duration noData,
        double availability,
        double performance,
        double quality,
        double oee,
        double fpy,
        long partsTotal,
        long partsGood,
        int failures,
        Optional<Duration> mtbf,
        Optional<Duration> mttr,
        boolean openAlarmAtEnd,
        double energyKwh,
        OptionalDouble energyPerGoodPartKwh) {

    /**
     * Rejects nulls, negative times and counts, ratios outside [0, 1], more good parts than parts,
     * {@code planned != runTime + unplannedDowntime}, and reliability figures that disagree with
     * {@code failures}.
     *
     * @throws IllegalArgumentException naming the component and its value
     */
    public MachineKpis {
        Objects.requireNonNull(machineId, "machineId");
        nonNegative("planned", planned);
        nonNegative("runTime", runTime);
        nonNegative("unplannedDowntime", unplannedDowntime);
        nonNegative("operatorStops", operatorStops);
        nonNegative("noData", noData);
        if (!planned.equals(runTime.plus(unplannedDowntime))) {
            throw new IllegalArgumentException("planned must equal runTime + unplannedDowntime ("
                    + runTime.plus(unplannedDowntime) + "), got " + planned);
        }
        ratio("availability", availability);
        ratio("performance", performance);
        ratio("quality", quality);
        ratio("oee", oee);
        ratio("fpy", fpy);
        if (partsTotal < 0) {
            throw new IllegalArgumentException("partsTotal must be >= 0, got " + partsTotal);
        }
        if (partsGood < 0 || partsGood > partsTotal) {
            throw new IllegalArgumentException(
                    "partsGood must be in 0..partsTotal (" + partsTotal + "), got " + partsGood);
        }
        if (failures < 0) {
            throw new IllegalArgumentException("failures must be >= 0, got " + failures);
        }
        Objects.requireNonNull(mtbf, "mtbf");
        Objects.requireNonNull(mttr, "mttr");
        Objects.requireNonNull(energyPerGoodPartKwh, "energyPerGoodPartKwh");
        if (mtbf.isPresent() != (failures > 0) || mttr.isPresent() != (failures > 0)) {
            throw new IllegalArgumentException("mtbf and mttr must be present exactly when failures > 0,"
                    + " got failures " + failures + ", mtbf " + mtbf + ", mttr " + mttr);
        }
        if (openAlarmAtEnd && failures == 0) {
            throw new IllegalArgumentException("openAlarmAtEnd needs failures > 0, got failures 0");
        }
        if (!(Double.isFinite(energyKwh) && energyKwh >= 0)) {
            throw new IllegalArgumentException("energyKwh must be finite and >= 0, got " + energyKwh);
        }
    }

    private static void nonNegative(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + value);
        }
    }

    private static void ratio(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + value);
        }
    }
}
