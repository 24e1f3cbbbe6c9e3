package org.industry4.examples.factory.mqtt;

import java.util.Locale;
import java.util.Set;

/**
 * The MQTT topics the factory demo publishes to, all under {@code industry4/<plant>}:
 *
 * <table>
 *   <caption>Topics</caption>
 *   <tr><th>topic</th><th>payload</th><th>retained</th></tr>
 *   <tr><td>{@code industry4/<plant>/<machine>/alarm}</td><td>alarm start and end events</td><td>no</td></tr>
 *   <tr><td>{@code industry4/<plant>/<machine>/rul}</td><td>remaining-useful-life estimates</td><td>no</td></tr>
 *   <tr><td>{@code industry4/<plant>/<machine>/setpoint}</td><td>setpoint writes and their status</td><td>no</td></tr>
 *   <tr><td>{@code industry4/<plant>/<machine>/kpi}</td><td>a machine's KPIs</td><td>no</td></tr>
 *   <tr><td>{@code industry4/<plant>/quality/inspection}</td><td>visual inspection results</td><td>no</td></tr>
 *   <tr><td>{@code industry4/<plant>/kpi}</td><td>plant KPIs</td><td>yes</td></tr>
 *   <tr><td>{@code industry4/<plant>/maintenance/route}</td><td>the maintenance technician's route</td><td>no</td></tr>
 * </table>
 *
 * <p>The plant id defaults to {@value #DEFAULT_PLANT}; every method without a plant uses it.
 * Plant and machine ids must be non-blank, without the MQTT separators and wildcards
 * {@code / + #}, without control characters, and at most {@value #MAX_ID_LENGTH} characters; a
 * machine may not be named {@code quality}, {@code maintenance} or {@code kpi}, the plant-level
 * topics' first level, so that {@code industry4/<plant>/<machine>/#} only ever matches one machine.
 * A bad id is an {@link IllegalArgumentException} that names it.
 *
 * <p>A dashboard subscribes to {@link #everything(String) industry4/&lt;plant&gt;/#}, or to
 * {@code industry4/<plant>/+/alarm} for every machine's alarms.
 */
public final class FactoryTopics {

    /** The first level of every topic. */
    public static final String ROOT = "industry4";
    /** The plant id used when none is given. */
    public static final String DEFAULT_PLANT = "demo-plant";
    /** The longest plant or machine id accepted. */
    public static final int MAX_ID_LENGTH = 128;

    private static final Set<String> RESERVED_MACHINE_IDS = Set.of("quality", "maintenance", "kpi");

    private FactoryTopics() {
    }

    /** {@code industry4/<plant>}: the root of one plant's topics. */
    public static String plantRoot(String plant) {
        return ROOT + "/" + validId("plant", plant);
    }

    /** {@code industry4/<plant>/#}: the subscription filter for everything one plant publishes. */
    public static String everything(String plant) {
        return plantRoot(plant) + "/#";
    }

    /** {@code industry4/<plant>/<machine>/alarm}: alarm start and end events. */
    public static String alarm(String plant, String machine) {
        return machineRoot(plant, machine) + "/alarm";
    }

    /** {@link #alarm(String, String)} in the default plant. */
    public static String alarm(String machine) {
        return alarm(DEFAULT_PLANT, machine);
    }

    /** {@code industry4/<plant>/<machine>/rul}: remaining-useful-life estimates. */
    public static String rul(String plant, String machine) {
        return machineRoot(plant, machine) + "/rul";
    }

    /** {@link #rul(String, String)} in the default plant. */
    public static String rul(String machine) {
        return rul(DEFAULT_PLANT, machine);
    }

    /** {@code industry4/<plant>/<machine>/setpoint}: setpoint writes and their status. */
    public static String setpoint(String plant, String machine) {
        return machineRoot(plant, machine) + "/setpoint";
    }

    /** {@link #setpoint(String, String)} in the default plant. */
    public static String setpoint(String machine) {
        return setpoint(DEFAULT_PLANT, machine);
    }

    /** {@code industry4/<plant>/<machine>/kpi}: one machine's KPIs. */
    public static String machineKpi(String plant, String machine) {
        return machineRoot(plant, machine) + "/kpi";
    }

    /** {@link #machineKpi(String, String)} in the default plant. */
    public static String machineKpi(String machine) {
        return machineKpi(DEFAULT_PLANT, machine);
    }

    /** {@code industry4/<plant>/quality/inspection}: visual inspection results. */
    public static String inspection(String plant) {
        return plantRoot(plant) + "/quality/inspection";
    }

    /** {@link #inspection(String)} in the default plant. */
    public static String inspection() {
        return inspection(DEFAULT_PLANT);
    }

    /** {@code industry4/<plant>/kpi}: plant KPIs, published retained so a new dashboard sees the latest. */
    public static String plantKpi(String plant) {
        return plantRoot(plant) + "/kpi";
    }

    /** {@link #plantKpi(String)} in the default plant. */
    public static String plantKpi() {
        return plantKpi(DEFAULT_PLANT);
    }

    /** {@code industry4/<plant>/maintenance/route}: the maintenance technician's route. */
    public static String maintenanceRoute(String plant) {
        return plantRoot(plant) + "/maintenance/route";
    }

    /** {@link #maintenanceRoute(String)} in the default plant. */
    public static String maintenanceRoute() {
        return maintenanceRoute(DEFAULT_PLANT);
    }

    /**
     * Checks a plant id.
     *
     * @return {@code plant}
     * @throws IllegalArgumentException naming the id if it is not a valid topic level
     */
    public static String validPlant(String plant) {
        return validId("plant", plant);
    }

    /**
     * Checks a machine id.
     *
     * @return {@code machine}
     * @throws IllegalArgumentException naming the id if it is not a valid topic level or is reserved
     */
    public static String validMachine(String machine) {
        validId("machine", machine);
        if (RESERVED_MACHINE_IDS.contains(machine)) {
            throw new IllegalArgumentException("machine id \"" + machine
                    + "\" is reserved for plant-level topics " + RESERVED_MACHINE_IDS);
        }
        return machine;
    }

    private static String machineRoot(String plant, String machine) {
        return plantRoot(plant) + "/" + validMachine(machine);
    }

    private static String validId(String what, String id) {
        if (id == null) {
            throw new IllegalArgumentException(what + " id is null");
        }
        if (id.isBlank()) {
            throw new IllegalArgumentException(what + " id \"" + id + "\" is blank");
        }
        if (id.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException(what + " id \"" + id.substring(0, 32) + "...\" has "
                    + id.length() + " characters, at most " + MAX_ID_LENGTH + " allowed");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == '/' || c == '+' || c == '#') {
                throw new IllegalArgumentException(what + " id \"" + id + "\" contains '" + c
                        + "', which MQTT reserves as a topic separator or wildcard");
            }
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException(what + " id \"" + printable(id)
                        + "\" contains the control character U+" + String.format(Locale.ROOT, "%04X", (int) c));
            }
        }
        return id;
    }

    private static String printable(String id) {
        StringBuilder out = new StringBuilder(id.length());
        id.chars().forEach(c -> out.append(Character.isISOControl(c) ? '?' : (char) c));
        return out.toString();
    }
}
