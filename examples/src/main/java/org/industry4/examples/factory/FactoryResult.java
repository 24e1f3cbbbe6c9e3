package org.industry4.examples.factory;

import java.nio.file.Path;
import java.util.List;
import org.industry4.examples.factory.kpi.PlantKpis;
import org.industry4.examples.factory.kpi.ScorecardResult;
import org.industry4.opcua.sim.FaultEvent;

/**
 * What a run of the closed-loop factory did.
 *
 * @param faults          the simulator's ground truth: every fault that began, injected or not
 * @param alarms          anomaly alarms raised (stage 1)
 * @param operatorAlarms  of which not dismissed by stage 2 as normal running: what operators see
 * @param diagnosed       of which diagnosed (the classifier answered)
 * @param setpointWrites  setpoints written over OPC UA (twin proposals and technician stops/restarts)
 * @param goodWrites      of which the server accepted
 * @param repairs         repairs and planned replacements done
 * @param maintenanceJobs bearing replacements asked for by RUL
 * @param tours           technician tours planned
 * @param parts           parts inspected
 * @param rejected        parts inspection rejected
 * @param defective       parts truly defective (the generator's ground truth)
 * @param caught          truly defective parts rejected
 * @param kpis            the KPIs from the stored history
 * @param stage1Scorecard detection against the ground truth, every alarm raised
 * @param scorecard       detection against the ground truth, the operator alarms
 * @param samplesStored   samples in DuckDB
 * @param mqttPublished   MQTT messages published
 * @param database        the DuckDB file
 * @param parquet         the Parquet folder
 * @param report          the HTML report
 * @param wallSeconds     the whole run's wall-clock time
 */
public record FactoryResult(List<FaultEvent> faults, int alarms, int operatorAlarms, int diagnosed, int setpointWrites, int goodWrites,
                            int repairs, int maintenanceJobs, int tours, int parts, int rejected, int defective,
                            int caught, PlantKpis kpis, ScorecardResult stage1Scorecard, ScorecardResult scorecard, long samplesStored,
                            long mqttPublished, Path database, Path parquet, Path report, double wallSeconds) {

    public FactoryResult {
        faults = List.copyOf(faults);
    }
}
