package org.industry4.examples.factory.kpi;

import java.time.Duration;
import java.util.Objects;

/**
 * Inputs of {@link KpiCalculator} that are not in the telemetry: the ideal cycle time and the
 * electrical model of a machine.
 *
 * <p>Electrical power of the spindle drive from its measured phase current {@code I} (A):
 * {@code P = sqrt(3) * U * I * cos(phi)} (three-phase, balanced), plus a constant base load
 * (controls, pumps, lights) while the machine is producing (state IDLE or RUNNING). Energy
 * integrates P with a zero-order hold between consecutive current samples; a gap between two
 * samples longer than {@code maxHold} is not integrated at all (see {@link KpiCalculator}).
 *
 * @param idealCycleTime the fastest possible time per part, for performance; 24 s for the
 *     simulated machines (20 s cutting at 100 % feed plus 4 s loading)
 * @param lineVoltage line-to-line voltage {@code U}, volts (finite, &gt; 0); 400 V by default
 * @param powerFactor {@code cos(phi)} in (0, 1]; 0.85 by default
 * @param baseLoadKw base load per machine while not in ALARM or STOPPED, kW (finite, &gt;= 0);
 *     1.5 kW by default
 * @param maxHold the longest interval between two current samples that is integrated (&gt; 0);
 *     5 s by default
 */
public record KpiOptions(
        Duration idealCycleTime, double lineVoltage, double powerFactor, double baseLoadKw,
        Duration maxHold) {

    /** Default ideal cycle time of the simulated machines: 24 s. */
    public static final Duration DEFAULT_IDEAL_CYCLE_TIME = Duration.ofSeconds(24);
    /** Default line-to-line voltage: 400 V. */
    public static final double DEFAULT_LINE_VOLTAGE = 400;
    /** Default power factor: 0.85. */
    public static final double DEFAULT_POWER_FACTOR = 0.85;
    /** Default base load: 1.5 kW. */
    public static final double DEFAULT_BASE_LOAD_KW = 1.5;
    /** Default longest integrated interval between current samples: 5 s. */
    public static final Duration DEFAULT_MAX_HOLD = Duration.ofSeconds(5);

    /**
     * Validates every component; see the record description for the ranges.
     *
     * @throws IllegalArgumentException naming the component and its value
     */
    public KpiOptions {
        Objects.requireNonNull(idealCycleTime, "idealCycleTime");
        Objects.requireNonNull(maxHold, "maxHold");
        if (idealCycleTime.isNegative() || idealCycleTime.isZero()) {
            throw new IllegalArgumentException("idealCycleTime must be > 0, got " + idealCycleTime);
        }
        if (!(Double.isFinite(lineVoltage) && lineVoltage > 0)) {
            throw new IllegalArgumentException("lineVoltage must be finite and > 0 V, got " + lineVoltage);
        }
        if (!(powerFactor > 0 && powerFactor <= 1)) {
            throw new IllegalArgumentException("powerFactor must be in (0, 1], got " + powerFactor);
        }
        if (!(Double.isFinite(baseLoadKw) && baseLoadKw >= 0)) {
            throw new IllegalArgumentException("baseLoadKw must be finite and >= 0 kW, got " + baseLoadKw);
        }
        if (maxHold.isNegative() || maxHold.isZero()) {
            throw new IllegalArgumentException("maxHold must be > 0, got " + maxHold);
        }
    }

    /** The defaults: 24 s ideal cycle, 400 V, cos(phi) 0.85, 1.5 kW base load, 5 s max hold. */
    public KpiOptions() {
        this(DEFAULT_IDEAL_CYCLE_TIME, DEFAULT_LINE_VOLTAGE, DEFAULT_POWER_FACTOR, DEFAULT_BASE_LOAD_KW,
                DEFAULT_MAX_HOLD);
    }

    /** These options with another ideal cycle time. */
    public KpiOptions withIdealCycleTime(Duration idealCycleTime) {
        return new KpiOptions(idealCycleTime, lineVoltage, powerFactor, baseLoadKw, maxHold);
    }

    /** These options with another base load, kW. */
    public KpiOptions withBaseLoadKw(double baseLoadKw) {
        return new KpiOptions(idealCycleTime, lineVoltage, powerFactor, baseLoadKw, maxHold);
    }

    /** These options with another maximum hold. */
    public KpiOptions withMaxHold(Duration maxHold) {
        return new KpiOptions(idealCycleTime, lineVoltage, powerFactor, baseLoadKw, maxHold);
    }

    /**
     * Watts per ampere of spindle current: {@code sqrt(3) * U * cos(phi)}; 588.9 W/A with the
     * defaults.
     */
    public double wattsPerAmpere() {
        return Math.sqrt(3) * lineVoltage * powerFactor;
    }
}
