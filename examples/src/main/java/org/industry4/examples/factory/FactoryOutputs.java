package org.industry4.examples.factory;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.industry4.examples.factory.kpi.MachineKpis;
import org.industry4.examples.factory.kpi.PlantKpis;
import org.industry4.examples.factory.mqtt.EmbeddedMqttBroker;
import org.industry4.examples.factory.mqtt.FactoryTopics;
import org.industry4.examples.factory.mqtt.Json;
import org.industry4.examples.factory.mqtt.MqttPublisher;
import org.industry4.routing.Route;
import org.industry4.rul.RulEstimate;

/**
 * What the plant tells the outside world while it runs: JSON messages on MQTT, in the topic layout
 * of {@link FactoryTopics} (see {@code examples/README.md}), to the configured broker or to an
 * embedded one on 127.0.0.1. Publishing never stops the plant: a broker that goes away is
 * counted and logged by the publisher.
 */
final class FactoryOutputs implements AutoCloseable {

    private final String plant;
    private final EmbeddedMqttBroker broker;
    private final MqttPublisher publisher;

    private FactoryOutputs(String plant, EmbeddedMqttBroker broker, MqttPublisher publisher) {
        this.plant = plant;
        this.broker = broker;
        this.publisher = publisher;
    }

    static FactoryOutputs open(ClosedLoopFactory.Options options, PrintStream out) throws IOException {
        String plant = FactoryTopics.validPlant(options.plantId());
        EmbeddedMqttBroker broker = null;
        String url;
        if (options.mqttUrl().isPresent()) {
            url = options.mqttUrl().get();
        } else {
            broker = EmbeddedMqttBroker.start();
            url = broker.url();
        }
        try {
            MqttPublisher publisher = MqttPublisher.connect(url, "industry4-" + plant);
            out.printf(Locale.ROOT, "publishing to MQTT %s under %s/#%s%n", url, FactoryTopics.plantRoot(plant),
                    broker == null ? "" : " (embedded broker)");
            return new FactoryOutputs(plant, broker, publisher);
        } catch (IOException | RuntimeException e) {
            if (broker != null) {
                broker.close();
            }
            throw e;
        }
    }

    long published() {
        return publisher.published();
    }

    void alarmStarted(RunLog.Alarm a) {
        publisher.publish(FactoryTopics.alarm(plant, a.machine), Json.object().put("event", "alarm_started")
                .put("machine", a.machine).put("time", a.start).put("score", a.score).put("chart", a.chart)
                .put("top_contributor", a.topContributor), false);
    }

    void diagnosis(RunLog.Alarm a, Instant time) {
        publisher.publish(FactoryTopics.alarm(plant, a.machine), Json.object().put("event", "alarm_diagnosed")
                .put("machine", a.machine).put("time", time).put("alarm_start", a.start)
                .put("fault_class", a.diagnosis).put("probability", a.confidence), false);
    }

    void alarmEnded(RunLog.Alarm a) {
        Json j = Json.object().put("event", "alarm_ended").put("machine", a.machine).put("time", a.end)
                .put("alarm_start", a.start).put("reason", a.endReason);
        if (Double.isFinite(a.peak)) {
            j.put("peak_score", a.peak);
        } else {
            j.putNull("peak_score");
        }
        publisher.publish(FactoryTopics.alarm(plant, a.machine), j, false);
    }

    void machineEvent(String machine, Instant time, String event, String text) {
        publisher.publish(FactoryTopics.alarm(plant, machine), Json.object().put("event", event).put("machine", machine)
                .put("time", time).put("text", text), false);
    }

    void rul(String machine, Instant time, RulEstimate e) {
        publisher.publish(FactoryTopics.rul(plant, machine), Json.object().put("machine", machine).put("time", time)
                .put("rul_minutes", e.rul()).put("lower", e.lower()).put("upper", e.upper())
                .put("coverage", e.coverage()), true);
    }

    void setpoint(RunLog.SetpointWrite w) {
        Json j = Json.object().put("machine", w.machine()).put("time", w.time()).put("signal", w.signal())
                .put("old", w.oldValue()).put("new", w.newValue()).put("status", w.status()).put("reason", w.reason());
        if (Double.isFinite(w.predictedPeakGrowth())) {
            j.put("predicted_peak_growth_um", w.predictedPeakGrowth());
        }
        publisher.publish(FactoryTopics.setpoint(plant, w.machine()), j, false);
    }

    void inspection(QualityStation.Inspection i) {
        publisher.publish(FactoryTopics.inspection(plant), Json.object().put("part_id", i.partId())
                .put("machine", i.machine()).put("time", i.time()).put("score", i.score())
                .put("threshold", i.threshold()).put("defective", i.flagged()), false);
    }

    void route(MaintenancePlanner.Plan p) {
        List<Json> tours = new ArrayList<>();
        int n = 0;
        for (Route r : p.solution().routes()) {
            n++;
            List<String> stops = new ArrayList<>();
            for (int c : r.customers()) {
                stops.add(p.jobs().get(c - 1).machine());
            }
            tours.add(Json.object().put("tour", n).putStrings("machines", stops));
        }
        List<Json> visits = new ArrayList<>();
        for (MaintenancePlanner.Visit v : p.visits()) {
            visits.add(Json.object().put("machine", v.machine()).put("site", v.site()).put("tour", v.tour())
                    .put("arrival", v.arrival()).put("done", v.done()));
        }
        publisher.publish(FactoryTopics.maintenanceRoute(plant), Json.object().put("time", p.time())
                .put("km", p.solution().cost()).put("solver", p.solver()).putObjects("tours", tours)
                .putObjects("visits", visits), true);
    }

    void kpis(PlantKpis kpis) {
        for (MachineKpis m : kpis.machines()) {
            publisher.publish(FactoryTopics.machineKpi(plant, m.machineId()), kpiJson(m, kpis), true);
        }
        publisher.publish(FactoryTopics.plantKpi(plant), kpiJson(kpis.plant(), kpis), true);
    }

    private static Json kpiJson(MachineKpis m, PlantKpis kpis) {
        Json j = Json.object().put("machine", m.machineId()).put("from", kpis.from()).put("to", kpis.to())
                .put("availability", m.availability()).put("performance", m.performance()).put("quality", m.quality())
                .put("oee", m.oee()).put("fpy", m.fpy()).put("parts", m.partsTotal()).put("good_parts", m.partsGood())
                .put("failures", m.failures())
                .put("unplanned_downtime_min", m.unplannedDowntime().toMillis() / 60_000.0)
                .put("energy_kwh", m.energyKwh());
        if (m.mtbf().isPresent()) {
            j.put("mtbf_min", m.mtbf().get().toMillis() / 60_000.0);
        } else {
            j.putNull("mtbf_min");
        }
        if (m.mttr().isPresent()) {
            j.put("mttr_min", m.mttr().get().toMillis() / 60_000.0);
        } else {
            j.putNull("mttr_min");
        }
        if (m.energyPerGoodPartKwh().isPresent()) {
            j.put("energy_kwh_per_good_part", m.energyPerGoodPartKwh().getAsDouble());
        } else {
            j.putNull("energy_kwh_per_good_part");
        }
        return j;
    }

    @Override
    public void close() {
        try {
            publisher.close();
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
    }
}
