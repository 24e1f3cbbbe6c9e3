package org.industry4.examples.factory.kpi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The KPIs of every machine with data in a window, and of the plant as a whole.
 *
 * <p>The plant figures are computed from the machines' summed times, parts, failures, repair
 * times and energy, not by averaging their ratios: plant availability is
 * {@code sum(runTime) / sum(planned)}, plant performance
 * {@code min(1, idealCycleTime * sum(partsTotal) / sum(runTime))}, plant quality
 * {@code sum(partsGood) / sum(partsTotal)}, plant OEE their product, plant MTBF
 * {@code sum(runTime) / sum(failures)}, plant MTTR {@code sum(repair time) / sum(failures)}.
 *
 * @param from the window's start (inclusive)
 * @param to the window's end (exclusive)
 * @param machines one entry per machine, ordered by machine id
 * @param plant the plant aggregate, with machine id {@value #PLANT_ID}
 */
public record PlantKpis(Instant from, Instant to, List<MachineKpis> machines, MachineKpis plant) {

    /** The machine id of the plant aggregate. */
    public static final String PLANT_ID = "plant";

    /** Rejects nulls and copies {@code machines}. */
    public PlantKpis {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(plant, "plant");
        machines = List.copyOf(machines);
    }

    /**
     * The KPIs of one machine.
     *
     * @param machineId e.g. {@code cnc-01}
     * @return its KPIs
     * @throws IllegalArgumentException if the machine is not in {@link #machines()}
     */
    public MachineKpis machine(String machineId) {
        Objects.requireNonNull(machineId, "machineId");
        for (MachineKpis m : machines) {
            if (m.machineId().equals(machineId)) {
                return m;
            }
        }
        throw new IllegalArgumentException("no KPIs for machine '" + machineId + "', known: "
                + machines.stream().map(MachineKpis::machineId).toList());
    }
}
