package org.industry4.opcua.sim;

/** Operating state of a simulated machine, published as the Int32 {@code state} signal. */
public enum MachineState {
    /** 0: between parts (unloading and loading), spindle off. */
    IDLE(0),
    /** 1: cutting a part. */
    RUNNING(1),
    /** 2: stopped by a failure (tool breakage, overheating, bearing failure) until repaired. */
    ALARM(2),
    /** 3: stopped by the operator (spindle speed setpoint 0). */
    STOPPED(3);

    private final int code;

    MachineState(int code) {
        this.code = code;
    }

    /** The code published in the {@code state} variable. */
    public int code() {
        return code;
    }

    /**
     * The state with the given code.
     *
     * @param code 0..3
     * @return the state
     * @throws IllegalArgumentException for an unknown code
     */
    public static MachineState fromCode(int code) {
        for (MachineState s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalArgumentException("machine state code must be in 0..3, got " + code);
    }
}
