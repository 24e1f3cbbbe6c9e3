package org.industry4.opcua.sim;

/**
 * The variables of one simulated machine: eight measured signals (read-only) and three setpoints
 * (writable). The server publishes each as {@code <machine>/<path>}, e.g. {@code
 * cnc-01/spindle_speed} or {@code cnc-01/setpoint/feed_override}.
 *
 * <p>Analog signals carry an engineering-unit range ({@link #euLow()}..{@link #euHigh()}) and a
 * unit with its UNECE code, published as the EURange and EngineeringUnits properties of an OPC UA
 * AnalogItemType, so clients can use percent deadbands.
 */
public enum MachineSignal {
    /** Spindle speed, rpm (Double). Tracks the speed setpoint with a first-order lag. */
    SPINDLE_SPEED("spindle_speed", "Spindle speed", "rpm", "RPM", 0, 24_000, ValueType.DOUBLE, false,
            "Measured spindle speed; follows the speed setpoint with a first-order lag"),
    /** Spindle vibration, g RMS (Double). Rises with bearing wear and with a bearing defect. */
    VIBRATION("vibration", "Vibration", "g", "K40", 0, 20, ValueType.DOUBLE, false,
            "Spindle housing vibration, g RMS; rises with bearing wear"),
    /** Bearing temperature, degrees Celsius (Double). */
    BEARING_TEMP("bearing_temp", "Bearing temperature", "°C", "CEL", 0, 150, ValueType.DOUBLE, false,
            "Front spindle bearing temperature"),
    /** Spindle motor temperature, degrees Celsius (Double). */
    SPINDLE_TEMP("spindle_temp", "Spindle temperature", "°C", "CEL", 0, 150, ValueType.DOUBLE, false,
            "Spindle motor temperature; depends on load and coolant"),
    /** Spindle motor current, A (Double). Follows the cutting load (speed times feed). */
    MOTOR_CURRENT("motor_current", "Motor current", "A", "AMP", 0, 100, ValueType.DOUBLE, false,
            "Spindle motor current; follows cutting load"),
    /**
     * Tool wear as the fraction of the tool's life used, 0 (new) .. 1 (worn out), dimensionless
     * (Double). Grows while cutting, back to 0 at a tool change.
     */
    TOOL_WEAR("tool_wear", "Tool wear", "1", "C62", 0, 1, ValueType.DOUBLE, false,
            "Fraction of tool life used: 0 new, 1 worn out; resets on tool change"),
    /** Parts finished since start (UInt32). */
    PART_COUNT("part_count", "Part count", "", "", 0, 0, ValueType.UINT32, false,
            "Parts finished since start"),
    /** Machine state code (Int32): see {@link MachineState}: 0 idle, 1 running, 2 alarm, 3 stopped. */
    STATE("state", "Machine state", "", "", 0, 3, ValueType.INT32, false,
            "Machine state: 0 idle, 1 running, 2 alarm, 3 stopped"),
    /** Spindle speed setpoint, rpm (Double, writable, 0..24,000; 0 stops the machine). */
    SPINDLE_SPEED_SETPOINT("setpoint/spindle_speed", "Spindle speed setpoint", "rpm", "RPM", 0,
            24_000, ValueType.DOUBLE, true, "Spindle speed setpoint, 0..24000 rpm; 0 stops the machine"),
    /** Feed override, percent (Double, writable, 0..150). */
    FEED_OVERRIDE_SETPOINT("setpoint/feed_override", "Feed override", "%", "P1", 0, 150,
            ValueType.DOUBLE, true, "Feed rate override, 0..150 %"),
    /** Coolant on or off (Boolean, writable). */
    COOLANT_ON_SETPOINT("setpoint/coolant_on", "Coolant on", "", "", 0, 1, ValueType.BOOLEAN, true,
            "Coolant pump on (true) or off (false)");

    /** Data type of a signal's value. */
    public enum ValueType {
        /** OPC UA Double. */
        DOUBLE,
        /** OPC UA Int32. */
        INT32,
        /** OPC UA UInt32. */
        UINT32,
        /** OPC UA Boolean. */
        BOOLEAN
    }

    private final String path;
    private final String displayName;
    private final String unit;
    private final String uneceCode;
    private final double euLow;
    private final double euHigh;
    private final ValueType type;
    private final boolean setpoint;
    private final String description;

    MachineSignal(String path, String displayName, String unit, String uneceCode, double euLow,
            double euHigh, ValueType type, boolean setpoint, String description) {
        this.path = path;
        this.displayName = displayName;
        this.unit = unit;
        this.uneceCode = uneceCode;
        this.euLow = euLow;
        this.euHigh = euHigh;
        this.type = type;
        this.setpoint = setpoint;
        this.description = description;
    }

    /** Path below the machine, e.g. {@code spindle_speed} or {@code setpoint/feed_override}. */
    public String path() {
        return path;
    }

    /** Human-readable name. */
    public String displayName() {
        return displayName;
    }

    /** Unit symbol, e.g. {@code rpm}; {@code ""} for counts, codes and booleans. */
    public String unit() {
        return unit;
    }

    /** UNECE Rec. 20 common code of the unit, e.g. {@code CEL}; {@code ""} when there is none. */
    public String uneceCode() {
        return uneceCode;
    }

    /** Lower end of the engineering range (for setpoints: the lowest accepted value). */
    public double euLow() {
        return euLow;
    }

    /** Upper end of the engineering range (for setpoints: the highest accepted value). */
    public double euHigh() {
        return euHigh;
    }

    /** The value's data type. */
    public ValueType type() {
        return type;
    }

    /** Whether clients may write it. */
    public boolean isSetpoint() {
        return setpoint;
    }

    /** Whether it is an analog value with a range and a unit (an OPC UA AnalogItemType). */
    public boolean isAnalog() {
        return type == ValueType.DOUBLE;
    }

    /** One-line description. */
    public String description() {
        return description;
    }

    /**
     * The signal whose path is given.
     *
     * @param path e.g. {@code vibration}
     * @return the signal
     * @throws IllegalArgumentException if no signal has that path
     */
    public static MachineSignal fromPath(String path) {
        for (MachineSignal s : values()) {
            if (s.path.equals(path)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown signal '" + path + "'");
    }
}
