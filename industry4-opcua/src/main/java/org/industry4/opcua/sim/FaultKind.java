package org.industry4.opcua.sim;

/** Faults that can be injected into a simulated machine; each is logged in the ground truth. */
public enum FaultKind {
    /**
     * A bearing defect: vibration and bearing temperature rise progressively while the bearing
     * wears faster, until the machine goes to alarm. Also logged when run-to-failure wear reaches
     * the defect onset on its own.
     */
    BEARING_DEFECT,
    /** Coolant failure: the spindle temperature runs away until thermal protection trips (alarm). */
    OVERHEATING,
    /** The tool breaks: a motor current spike, then the spindle stops and the machine is in alarm. */
    TOOL_BREAKAGE,
    /** One sensor reports {@code Bad_SensorFailure} instead of a value for a few seconds. */
    SENSOR_DROPOUT,
    /** One sensor freezes at its current value until the machine is repaired. */
    STUCK_SENSOR
}
