package org.industry4.examples.factory.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.eclipse.paho.client.mqttv3.MqttTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The documented topic layout and the validation of plant and machine ids. */
class MqttFactoryTopicsTest {

    private static final Set<String> RESERVED = Set.of("quality", "maintenance", "kpi");

    @Test
    void topicsFollowTheDocumentedLayout() {
        assertEquals("industry4/plant-7/cnc-01/alarm", FactoryTopics.alarm("plant-7", "cnc-01"));
        assertEquals("industry4/plant-7/cnc-01/rul", FactoryTopics.rul("plant-7", "cnc-01"));
        assertEquals("industry4/plant-7/cnc-01/setpoint", FactoryTopics.setpoint("plant-7", "cnc-01"));
        assertEquals("industry4/plant-7/cnc-01/kpi", FactoryTopics.machineKpi("plant-7", "cnc-01"));
        assertEquals("industry4/plant-7/quality/inspection", FactoryTopics.inspection("plant-7"));
        assertEquals("industry4/plant-7/kpi", FactoryTopics.plantKpi("plant-7"));
        assertEquals("industry4/plant-7/maintenance/route", FactoryTopics.maintenanceRoute("plant-7"));
        assertEquals("industry4/plant-7", FactoryTopics.plantRoot("plant-7"));
        assertEquals("industry4/plant-7/#", FactoryTopics.everything("plant-7"));
    }

    @Test
    void withoutAPlantTheDefaultPlantIsUsed() {
        assertEquals("demo-plant", FactoryTopics.DEFAULT_PLANT);
        assertEquals("industry4/demo-plant/cnc-01/alarm", FactoryTopics.alarm("cnc-01"));
        assertEquals("industry4/demo-plant/cnc-01/rul", FactoryTopics.rul("cnc-01"));
        assertEquals("industry4/demo-plant/cnc-01/setpoint", FactoryTopics.setpoint("cnc-01"));
        assertEquals("industry4/demo-plant/cnc-01/kpi", FactoryTopics.machineKpi("cnc-01"));
        assertEquals("industry4/demo-plant/quality/inspection", FactoryTopics.inspection());
        assertEquals("industry4/demo-plant/kpi", FactoryTopics.plantKpi());
        assertEquals("industry4/demo-plant/maintenance/route", FactoryTopics.maintenanceRoute());
    }

    @Test
    void wildcardsAndSeparatorsInIdsAreRefusedNamingTheValue() {
        for (String bad : new String[] {"a/b", "a+b", "plant#1", "+", "#", "/"}) {
            assertMessageContains(() -> FactoryTopics.plantKpi(bad), "plant id \"" + bad + "\"");
            assertMessageContains(() -> FactoryTopics.alarm("ok", bad), "machine id \"" + bad + "\"");
        }
    }

    @Test
    void nullBlankControlAndOverlongIdsAreRefused() {
        assertMessageContains(() -> FactoryTopics.plantKpi(null), "plant id is null");
        assertMessageContains(() -> FactoryTopics.rul(null), "machine id is null");
        assertMessageContains(() -> FactoryTopics.plantKpi(""), "plant id \"\" is blank");
        assertMessageContains(() -> FactoryTopics.rul(" "), "machine id \" \" is blank");
        assertMessageContains(() -> FactoryTopics.rul("cnc\u000001"), "U+0000");
        assertMessageContains(() -> FactoryTopics.rul("x".repeat(129)), "129 characters");
        assertEquals("industry4/demo-plant/" + "x".repeat(128) + "/rul", FactoryTopics.rul("x".repeat(128)));
    }

    @Test
    void plantLevelNamesAreReservedForMachines() {
        for (String reserved : new String[] {"quality", "maintenance", "kpi"}) {
            assertMessageContains(() -> FactoryTopics.alarm(reserved), "machine id \"" + reserved + "\" is reserved");
        }
        assertEquals("industry4/quality/kpi", FactoryTopics.plantKpi("quality"), "a plant may be called so");
    }

    @Property(tries = 200)
    void validIdsGiveFourLevelPublishableTopics(
            @ForAll @AlphaChars @NumericChars @Chars({'-', '_', '.', ' ', 'é'}) @StringLength(min = 1, max = 40) String plant,
            @ForAll @AlphaChars @NumericChars @Chars({'-', '_', '.'}) @StringLength(min = 1, max = 40) String machine) {
        Assume.that(!plant.isBlank() && !RESERVED.contains(machine));
        String topic = FactoryTopics.alarm(plant, machine);
        MqttTopic.validate(topic, false); // Paho would publish to it
        String[] levels = topic.split("/", -1);
        assertEquals(4, levels.length, topic);
        assertEquals(plant, levels[1]);
        assertEquals(machine, levels[2]);
    }

    private static void assertMessageContains(Executable call, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), "expected \"" + expected + "\" in: " + e.getMessage());
    }
}
