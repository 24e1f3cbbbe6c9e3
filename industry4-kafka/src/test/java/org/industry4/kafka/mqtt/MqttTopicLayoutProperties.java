package org.industry4.kafka.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The topic layout: which MQTT topics the bridge forwards, and under which key. */
class MqttTopicLayoutProperties {

    @Property
    void aMachineTopicIsKeyedByItsMachine(@ForAll("ids") String plant, @ForAll("ids") String machine,
                                          @ForAll("machineLevels") String level) {
        Assume.that(!MqttTopicLayout.RESERVED_MACHINE_IDS.contains(machine));
        Optional<MqttTopicLayout.Route> route = MqttTopicLayout.route("industry4/" + plant + "/" + machine + "/" + level);
        assertEquals(Optional.of(new MqttTopicLayout.Route(plant, machine, level)), route);
    }

    @Property
    void aPlantTopicIsKeyedByItsPlant(@ForAll("ids") String plant) {
        assertEquals(Optional.of(new MqttTopicLayout.Route(plant, plant, "kpi")),
                MqttTopicLayout.route("industry4/" + plant + "/kpi"));
        assertEquals(Optional.of(new MqttTopicLayout.Route(plant, plant, "inspection")),
                MqttTopicLayout.route("industry4/" + plant + "/quality/inspection"));
        assertEquals(Optional.of(new MqttTopicLayout.Route(plant, plant, "route")),
                MqttTopicLayout.route("industry4/" + plant + "/maintenance/route"));
    }

    @Property
    void everyRoutedTopicHasTheRootThePlantAsSecondLevelAndTheAssetAmongItsLevels(@ForAll("topics") String topic) {
        MqttTopicLayout.route(topic).ifPresent(route -> {
            String[] levels = topic.split("/", -1);
            assertEquals("industry4", levels[0]);
            assertEquals(route.plant(), levels[1]);
            assertEquals(levels[levels.length - 1], route.lastLevel());
            assertTrue(route.asset().equals(levels[1]) || route.asset().equals(levels[2]), topic);
            assertTrue(KafkaTopicMapping.PerLevel.LAST_LEVELS.contains(route.lastLevel()), topic);
        });
    }

    @Property
    void anotherRootIsNeverRouted(@ForAll("ids") String root, @ForAll("ids") String plant,
                                  @ForAll("machineLevels") String level) {
        Assume.that(!root.equals("industry4"));
        assertEquals(Optional.empty(), MqttTopicLayout.route(root + "/" + plant + "/cnc-01/" + level));
        assertEquals(Optional.empty(), MqttTopicLayout.route(root + "/" + plant + "/kpi"));
    }

    @Test
    void topicsThatDoNotFitTheLayoutAreNotRouted() {
        for (String topic : new String[] {"industry4", "industry4/p", "industry4/p/cnc-01", "industry4//kpi",
                "industry4/p//alarm", "industry4/p/cnc-01/alarm/", "industry4/p/cnc-01/temperature",
                "industry4/p/quality/alarm", "industry4/p/maintenance/kpi", "industry4/p/kpi/alarm",
                "industry4/p/quality/route", "industry4/p/cnc-01/alarm/x", "/industry4/p/kpi", "Industry4/p/kpi"}) {
            assertEquals(Optional.empty(), MqttTopicLayout.route(topic), topic);
        }
    }

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.strings().withChars("abcxyz019-_.:ÄÖ é").ofMinLength(1).ofMaxLength(12);
    }

    @Provide
    Arbitrary<String> machineLevels() {
        return Arbitraries.of("alarm", "rul", "setpoint", "kpi");
    }

    @Provide
    Arbitrary<String> topics() {
        Arbitrary<String> level = Arbitraries.oneOf(
                Arbitraries.of("industry4", "quality", "maintenance", "kpi", "alarm", "rul", "setpoint",
                        "inspection", "route", "temperature", ""),
                Arbitraries.strings().withChars("abc-19").ofMinLength(1).ofMaxLength(5));
        return level.list().ofMinSize(1).ofMaxSize(6).map(levels -> String.join("/", levels));
    }
}
