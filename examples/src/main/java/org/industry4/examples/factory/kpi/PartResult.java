package org.industry4.examples.factory.kpi;

import java.time.Instant;
import java.util.Objects;

/**
 * The result of inspecting one finished part, e.g. from the visual inspection of the demo. One
 * result is one part's first inspection; the calculator counts the defective ones per machine and
 * window (see {@link KpiCalculator} for quality and first-pass yield).
 *
 * @param machineId the machine that made the part, e.g. {@code cnc-01}
 * @param time when the part was finished (the part counter's increment); it falls into a window
 *     [from, to) if {@code from <= time < to}
 * @param defective whether the part failed inspection
 */
public record PartResult(String machineId, Instant time, boolean defective) {

    /** Rejects nulls and a blank machine id. */
    public PartResult {
        Objects.requireNonNull(machineId, "machineId");
        Objects.requireNonNull(time, "time");
        if (machineId.isBlank()) {
            throw new IllegalArgumentException("machineId must not be blank, got \"" + machineId + "\"");
        }
    }
}
