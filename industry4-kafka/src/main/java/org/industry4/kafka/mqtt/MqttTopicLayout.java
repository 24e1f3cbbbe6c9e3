package org.industry4.kafka.mqtt;

import java.util.Optional;
import java.util.Set;

/**
 * The industry4 MQTT topic layout (the closed-loop factory demo's, documented in the examples
 * README), which tells the bridge which asset a message belongs to:
 *
 * <table>
 *   <caption>Topics in the layout</caption>
 *   <tr><th>MQTT topic</th><th>asset (Kafka key)</th><th>last level</th></tr>
 *   <tr><td>{@code industry4/<plant>/<machine>/alarm|rul|setpoint|kpi}</td><td>machine</td><td>alarm, rul, setpoint, kpi</td></tr>
 *   <tr><td>{@code industry4/<plant>/kpi}</td><td>plant</td><td>kpi</td></tr>
 *   <tr><td>{@code industry4/<plant>/quality/inspection}</td><td>plant</td><td>inspection</td></tr>
 *   <tr><td>{@code industry4/<plant>/maintenance/route}</td><td>plant</td><td>route</td></tr>
 * </table>
 *
 * <p>Every other topic, empty levels included, is outside the layout. Stateless.
 */
final class MqttTopicLayout {

    /** The first level of every topic. */
    static final String ROOT = "industry4";
    /** The last levels a machine topic may end with. */
    static final Set<String> MACHINE_LEVELS = Set.of("alarm", "rul", "setpoint", "kpi");
    /** Second-to-last levels of plant topics; never machine ids. */
    static final Set<String> RESERVED_MACHINE_IDS = Set.of("quality", "maintenance", "kpi");
    /** The layout in words, for dead-letter details. */
    static final String DESCRIPTION = ROOT + "/<plant>/<machine>/alarm|rul|setpoint|kpi, "
            + ROOT + "/<plant>/kpi, " + ROOT + "/<plant>/quality/inspection or "
            + ROOT + "/<plant>/maintenance/route";

    /**
     * Where one message belongs.
     *
     * @param plant     the plant id, the second level
     * @param asset     the machine id for machine topics, the plant id for plant topics
     * @param lastLevel the topic's last level: alarm, rul, setpoint, kpi, inspection or route
     */
    record Route(String plant, String asset, String lastLevel) {
    }

    private MqttTopicLayout() {
    }

    /** The route of {@code topic}, or empty if the topic is not in the layout. */
    static Optional<Route> route(String topic) {
        String[] levels = topic.split("/", -1);
        if (levels.length < 3 || levels.length > 4 || !ROOT.equals(levels[0])) {
            return Optional.empty();
        }
        for (String level : levels) {
            if (level.isEmpty()) {
                return Optional.empty();
            }
        }
        String plant = levels[1];
        if (levels.length == 3) {
            return "kpi".equals(levels[2]) ? Optional.of(new Route(plant, plant, "kpi")) : Optional.empty();
        }
        String owner = levels[2];
        String last = levels[3];
        if ("quality".equals(owner)) {
            return "inspection".equals(last) ? Optional.of(new Route(plant, plant, last)) : Optional.empty();
        }
        if ("maintenance".equals(owner)) {
            return "route".equals(last) ? Optional.of(new Route(plant, plant, last)) : Optional.empty();
        }
        if (RESERVED_MACHINE_IDS.contains(owner) || !MACHINE_LEVELS.contains(last)) {
            return Optional.empty();
        }
        return Optional.of(new Route(plant, owner, last));
    }
}
