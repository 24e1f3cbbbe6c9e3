package org.industry4.examples.factory;

import java.util.List;
import org.industry4.opcua.sim.MachineSignal;
import org.industry4.opcua.sim.MachineSimulation;

/** The fixed facts of the demo plant that every part of the pipeline agrees on. */
final class Plant {

    /** The measured analog signals the analytics read, in column order. */
    static final List<MachineSignal> ANALOG = List.of(MachineSignal.SPINDLE_SPEED, MachineSignal.VIBRATION,
            MachineSignal.BEARING_TEMP, MachineSignal.SPINDLE_TEMP, MachineSignal.MOTOR_CURRENT, MachineSignal.TOOL_WEAR);
    /** Column of the spindle speed in {@link #ANALOG}. */
    static final int SPEED = 0;
    /** Column of the vibration in {@link #ANALOG}. */
    static final int VIBRATION = 1;
    /** Column of the bearing temperature in {@link #ANALOG}. */
    static final int BEARING_TEMP = 2;
    /** Column of the spindle temperature in {@link #ANALOG}. */
    static final int SPINDLE_TEMP = 3;
    /** Column of the motor current in {@link #ANALOG}. */
    static final int CURRENT = 4;
    /** Column of the tool wear in {@link #ANALOG}. */
    static final int TOOL_WEAR = 5;

    /**
     * Thermal growth of the spindle per kelvin above ambient, micrometres: a 100 mm steel spindle
     * nose at 12e-6 /K. The simulated machines have no displacement probe, so the measured growth
     * is this times the measured spindle temperature rise.
     */
    static final double GROWTH_PER_KELVIN = 1.2;
    /** Hall temperature, degrees Celsius. */
    static final double AMBIENT_C = MachineSimulation.AMBIENT_C;
    /** The highest feed override the machines accept, percent. */
    static final double MAX_FEED = 150;
    /**
     * Ideal cycle time of one part, for OEE performance: cutting at the highest feed the machine
     * accepts plus loading (17.3 s). Against the nameplate cycle at 100 % feed (24 s) any feed above
     * 100 % would cap performance at 1 and hide what the twin's setpoint bought.
     */
    static final java.time.Duration IDEAL_CYCLE = java.time.Duration.ofMillis(Math.round(1000
            * (MachineSimulation.CUT_SECONDS / (MAX_FEED / 100) + MachineSimulation.LOAD_SECONDS)));

    private Plant() {
    }

    /** Measured growth from a spindle temperature, micrometres. */
    static double growth(double spindleTempC) {
        return GROWTH_PER_KELVIN * (spindleTempC - AMBIENT_C);
    }

    /**
     * Share of the time a machine cuts at a feed override (percent): cutting takes 20 s at 100 %,
     * loading 4 s whatever the feed (tool changes ignored).
     */
    static double cuttingShare(double feedPercent) {
        double cut = MachineSimulation.CUT_SECONDS / (feedPercent / 100);
        return cut / (cut + MachineSimulation.LOAD_SECONDS);
    }

    /** Parts per hour at a feed override (percent). */
    static double partsPerHour(double feedPercent) {
        return 3600 / (MachineSimulation.CUT_SECONDS / (feedPercent / 100) + MachineSimulation.LOAD_SECONDS);
    }
}
