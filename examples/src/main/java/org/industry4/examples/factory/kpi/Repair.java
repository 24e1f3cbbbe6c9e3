package org.industry4.examples.factory.kpi;

import java.time.Instant;
import java.util.Objects;

/**
 * A repair of a machine (in the demo: a call of {@code MachineSimulation.repair}), which clears
 * every fault of the machine; tells {@link DetectionScorecard} how long a fault's aftermath lasts.
 *
 * @param machineId the machine, e.g. {@code cnc-01}
 * @param time when it was repaired
 */
public record Repair(String machineId, Instant time) {

    /** Rejects nulls. */
    public Repair {
        Objects.requireNonNull(machineId, "machineId");
        Objects.requireNonNull(time, "time");
    }
}
